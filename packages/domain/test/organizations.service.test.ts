import { describe, expect, it } from "vitest";
import {
  contactHistory,
  createContact,
  createOrganization,
  DomainError,
  deleteOrganization,
  getContact,
  getOrganization,
  organizationHistory,
  PERMISSIONS,
  searchOrganizations,
  updateOrganization,
} from "../src";
import { failure, withTestTenant } from "./helpers";

const tenant = withTestTenant();

const acme = {
  name: " Acme Corp ",
  industry: "Manufacturing",
  tags: ["key-account"],
  websites: ["https://acme.example"],
  tickers: [{ symbol: "ACME", exchange: "NYSE" }],
  phones: [
    { type: "work" as const, display: "+1 212 555 0100" },
    { type: "fax" as const, display: "+1 212 555 0101" },
  ],
  addresses: [{ type: "work" as const, city: "New York", countryCode: "US" }],
};

describe("organizations service", () => {
  it("creates, reads back every field, and records history", async () => {
    const t = tenant();
    const org = await createOrganization(t.admin, acme);
    expect(org).toMatchObject({
      name: "Acme Corp",
      tickers: acme.tickers,
      divisionId: t.homeDivisionId,
      version: 1,
    });
    expect(org.phones.map((p) => [p.type, p.e164])).toEqual([
      ["work", "+12125550100"],
      ["fax", "+12125550101"],
    ]);
    expect(await getOrganization(t.admin, org.id)).toEqual(org);
    const [created] = await organizationHistory(t.admin, org.id);
    expect(created!.changes).toContainEqual({ path: "name", old: null, new: "Acme Corp" });
  });

  it("requires a name", async () => {
    const t = tenant();
    const error = await failure(createOrganization(t.admin, { ...acme, name: "  " }));
    expect(error).toBeInstanceOf(DomainError);
    expect(error!.issues.map((i) => i.path)).toEqual(["name"]);
  });

  it("updates with a version guard and searches by name and phone", async () => {
    const t = tenant();
    const org = await createOrganization(t.admin, { ...acme, name: "Globex Ünited" });
    const updated = await updateOrganization(
      t.admin,
      org.id,
      { ...acme, name: "Globex United" },
      { expectedVersion: 1 },
    );
    expect(updated.version).toBe(2);
    expect((await failure(updateOrganization(t.admin, org.id, acme, { expectedVersion: 1 })))!.code).toBe(
      "CONFLICT",
    );
    expect((await searchOrganizations(t.admin, { q: "globex" })).entities.map((o) => o.id)).toEqual([org.id]);
    expect((await searchOrganizations(t.admin, { q: "(212) 555-0100" })).entities.map((o) => o.id)).toContain(
      org.id,
    );
  });

  it("links contacts, and unlinks them with history when deleted", async () => {
    const t = tenant();
    const org = await createOrganization(t.admin, { name: "Initech" });
    const peter = await createContact(t.admin, { firstName: "Peter", organizationId: org.id });
    await deleteOrganization(t.admin, org.id);
    expect((await failure(getOrganization(t.admin, org.id)))!.code).toBe("NOT_FOUND");
    expect((await getContact(t.admin, peter.id)).organizationId).toBeNull();
    const [unlink] = await contactHistory(t.admin, peter.id);
    expect(unlink!.changes).toEqual([{ path: "organizationId", old: org.id, new: null }]);
  });

  it("checks organization permissions", async () => {
    const t = tenant();
    const org = await createOrganization(t.admin, { name: "Umbrella" });
    const viewer = t.as([PERMISSIONS.organizationView]);
    expect((await getOrganization(viewer, org.id)).name).toBe("Umbrella");
    expect((await failure(createOrganization(viewer, { name: "x" })))!.code).toBe("FORBIDDEN");
    expect((await failure(deleteOrganization(viewer, org.id)))!.code).toBe("FORBIDDEN");
    expect((await failure(getOrganization(t.as([PERMISSIONS.contactView]), org.id)))!.code).toBe("FORBIDDEN");
  });
});
