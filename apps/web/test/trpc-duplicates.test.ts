import { createTRPCClient, httpBatchLink, type TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import type { AppRouter } from "../src/server/trpc/root";
import { withWebServer } from "./server";

const server = withWebServer();
const client = (cookie?: string) =>
  createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${server().url}/api/trpc`,
        transformer: superjson,
        headers: cookie ? { cookie } : {},
      }),
    ],
  });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as TRPCClientError<AppRouter>,
  );

describe("the contact list filters, duplicate suggestions and merge over tRPC", () => {
  it("filters the list by presence of a phone, type and division", async () => {
    const api = client(await server().signIn());
    const withPhone = await api.contacts.create.mutate({
      lastName: "Listfilter",
      phones: [{ type: "cell", display: "+1 202 555 0111" }],
    });
    const without = await api.contacts.create.mutate({ lastName: "Listfilter" });
    const ids = async (input: Parameters<typeof api.contacts.list.query>[0]) =>
      (await api.contacts.list.query({ q: "listfilter", ...input })).entities.map((c) => c.id).sort();

    expect(await ids({ hasPhone: true })).toEqual([withPhone.id]);
    expect(await ids({ hasPhone: false })).toEqual([without.id]);
    expect(await ids({ type: "Ephemeral" })).toEqual([]);
    const divisions = await api.contacts.divisions.query();
    const home = divisions.find((d) => d.isHome)!;
    expect(await ids({ divisionId: home.id })).toEqual([withPhone.id, without.id].sort());

    const invalid = await failure(api.contacts.list.query({ divisionId: "not-a-uuid" }));
    expect(invalid?.data?.code).toBe("BAD_REQUEST");
    expect(invalid?.data?.httpStatus).toBe(400);
  });

  it("suggests two contacts with one email as a group, and merges them with picked values", async () => {
    const api = client(await server().signIn());
    const a = await api.contacts.create.mutate({
      firstName: "Dorothy",
      lastName: "Vaughan",
      title: "Supervisor",
      emails: [{ type: "work", address: "dvaughan@nasa.example" }],
    });
    const b = await api.contacts.create.mutate({
      firstName: "Dot",
      lastName: "Vaughan",
      title: "Programmer",
      emails: [{ type: "work", address: "DVaughan@nasa.example" }],
    });
    const groups = await api.contacts.duplicates.query({});
    const group = groups.find((g) => g.contacts.some((c) => c.id === a.id));
    expect(group?.contacts.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
    expect(group?.reasons[0]).toEqual({ kind: "email", value: "dvaughan@nasa.example" });

    const survivor = await api.contacts.merge.mutate({
      contactIds: [a.id, b.id],
      valueOverride: { firstName: "Dorothy", title: "Programmer" },
    });
    expect(survivor).toMatchObject({ firstName: "Dorothy", lastName: "Vaughan", title: "Programmer" });
    expect(survivor.mergedFrom).toEqual([a.id, b.id]);
    expect((await api.contacts.get.query({ id: b.id })).id).toBe(survivor.id);
    expect((await api.contacts.list.query({ q: "vaughan" })).entities.map((c) => c.id)).toEqual([
      survivor.id,
    ]);
    expect((await api.contacts.duplicates.query({})).some((g) => g.contacts.some((c) => c.id === a.id))).toBe(
      false,
    );
  });

  it("refuses a merge of one contact, an invalid picked value, and out-of-range bounds", async () => {
    const api = client(await server().signIn());
    const a = await api.contacts.create.mutate({ firstName: "Mary" });
    const b = await api.contacts.create.mutate({ firstName: "Mary" });
    const one = await failure(api.contacts.merge.mutate({ contactIds: [a.id] }));
    expect(one?.data?.code).toBe("BAD_REQUEST");
    const invalid = await failure(
      api.contacts.merge.mutate({
        contactIds: [a.id, b.id],
        valueOverride: { emails: [{ type: "work", address: "not an email" }] },
      }),
    );
    expect(invalid?.data?.code).toBe("BAD_REQUEST");
    expect(invalid?.data?.fieldErrors).toHaveProperty(["emails.0.address"]);
    // Nothing was merged.
    expect((await api.contacts.get.query({ id: a.id })).id).toBe(a.id);
    const bounds = await failure(api.contacts.duplicates.query({ limit: 1000 }));
    expect(bounds?.data?.httpStatus).toBe(400);
  });

  it("answers 401 without a session", async () => {
    const response = await fetch(
      `${server().url}/api/trpc/contacts.duplicates?input=${encodeURIComponent('{"json":{}}')}`,
    );
    expect(response.status).toBe(401);
    const error = await failure(client().contacts.merge.mutate({ contactIds: ["a", "b"] }));
    expect(error?.data?.code).toBe("UNAUTHORIZED");
  });
});
