import { describe, expect, it } from "vitest";
import {
  createContact,
  createTenant,
  issueAccessToken,
  listTenants,
  resolveAccessToken,
  searchContacts,
  signInMember,
} from "../src";
import { failure, withTestTenant } from "./helpers";

const tenant = withTestTenant();

describe("creating a tenant", () => {
  it("makes a tenant whose admin client gets a token and sees none of another tenant's contacts", async () => {
    const t = tenant();
    await createContact(t.admin, { firstName: "Ada", lastName: "Lovelace" });

    const acme = await createTenant(t.database.db, { slug: "acme-2", name: "Acme" });
    expect(acme.tenantId).not.toBe(t.tenantId);
    const { clientId, clientSecret, adminEmail, adminPassword } = acme.generated;
    // Printed once: the generated admin credentials of the new tenant.
    expect(acme.generated).toMatchObject({
      clientId: expect.any(String),
      clientSecret: expect.any(String),
      adminEmail: expect.stringContaining("@"),
      adminPassword: expect.any(String),
    });

    const token = await issueAccessToken(t.database.db, { clientId: clientId!, clientSecret: clientSecret! });
    const principal = await resolveAccessToken(t.database.db, token.accessToken);
    expect(principal?.tenantId).toBe(acme.tenantId);
    const ctx = { db: t.database.db, tenantId: principal!.tenantId, actor: principal!.actor };
    expect((await searchContacts(ctx, {})).total).toBe(0);
    expect((await searchContacts(ctx, { q: "Ada" })).total).toBe(0);
    await createContact(ctx, { firstName: "Grace", lastName: "Hopper" });
    expect((await searchContacts(t.admin, { q: "Grace" })).total).toBe(0);
    expect((await searchContacts(t.admin, {})).total).toBe(1);

    // The admin member signs in with the printed password.
    await signInMember(t.database.db, { email: adminEmail!, password: adminPassword! });
    expect((await listTenants(t.database.db)).map((x) => [x.slug, x.name])).toEqual([
      ["test", "Default"],
      ["acme-2", "Acme"],
    ]);
  });

  it("refuses a taken slug and an invalid one with a clear error", async () => {
    const t = tenant();
    await createTenant(t.database.db, { slug: "taken" });
    const taken = await failure(createTenant(t.database.db, { slug: "taken" }));
    expect(taken?.code).toBe("CONFLICT");
    expect(taken?.message).toMatch(/slug "taken" already exists/);
    for (const slug of ["Acme", "acme_corp", "-acme", "acme-", "", "a b", "ä"]) {
      const invalid = await failure(createTenant(t.database.db, { slug }));
      expect(invalid?.code, slug).toBe("VALIDATION");
      expect(invalid?.message).toMatch(/lowercase letters, digits and dashes/);
    }
  });
});
