import { describe, expect, it } from "vitest";
import { createContact, searchContacts } from "../src";
import { failure, withTestTenant } from "./helpers";

const tenant = withTestTenant();

describe("contact search by ids and several sort keys (the Genesys body search)", () => {
  it("keeps only the contacts asked for by id, still searched by the keywords", async () => {
    const t = tenant();
    const [a, b, c] = await Promise.all(
      ["Idsearch Alpha", "Idsearch Beta", "Idsearch Gamma"].map((name) => {
        const [firstName, lastName] = name.split(" ");
        return createContact(t.admin, { firstName, lastName });
      }),
    );
    const names = async (params: Parameters<typeof searchContacts>[1]) =>
      (await searchContacts(t.admin, params)).entities.map((x) => x.lastName);
    expect(await names({ ids: [c!.id, a!.id] })).toEqual(["Alpha", "Gamma"]);
    expect(await names({ ids: [a!.id, b!.id], q: "beta" })).toEqual(["Beta"]);
    expect((await searchContacts(t.admin, { ids: [] })).total).toBe(0);
    expect((await failure(searchContacts(t.admin, { ids: ["nope"] })))!.code).toBe("VALIDATION");
  });

  it("orders by each sort key in turn, ties of one broken by the next", async () => {
    const t = tenant();
    for (const [firstName, lastName, title] of [
      ["Sortkey", "Bell", "B"],
      ["Sortkey", "Adams", "A"],
      ["Sortkey", "Cole", "A"],
    ] as const)
      await createContact(t.admin, { firstName, lastName, title });
    const order = async (sort: NonNullable<Parameters<typeof searchContacts>[1]>["sort"]) =>
      (await searchContacts(t.admin, { q: "sortkey", sort })).entities.map((x) => x.lastName);
    expect(
      await order([
        { field: "title", direction: "asc" },
        { field: "lastName", direction: "desc" },
      ]),
    ).toEqual(["Cole", "Adams", "Bell"]);
    expect(
      await order([
        { field: "title", direction: "desc" },
        { field: "lastName", direction: "asc" },
      ]),
    ).toEqual(["Bell", "Adams", "Cole"]);
    expect(await order({ field: "lastName", direction: "desc" })).toEqual(["Cole", "Bell", "Adams"]);
  });
});
