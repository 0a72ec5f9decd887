import { describe, expect, it } from "vitest";
import {
  type Context,
  claimIdentifier,
  claimOrganizationIdentifier,
  createContact,
  createExternalSource,
  createOrganization,
  listOrganizationIdentifiers,
  lookupOrganizationByIdentifier,
  organizationHistory,
  PERMISSIONS,
  releaseOrganizationIdentifier,
  saveDivision,
} from "../src";
import { failure, withTestTenant } from "./helpers";

const tenant = withTestTenant();

describe("organization identifiers", () => {
  it("lets one organization at a time hold an external id: claim, conflict, lookup, release, claim again", async () => {
    const t = tenant();
    const source = await createExternalSource(t.admin, { name: "ERP (org identifiers)" });
    const acme = await createOrganization(t.admin, { name: "Acme" });
    const rival = await createOrganization(t.admin, { name: "Rival" });
    const erp = { type: "ExternalId" as const, value: " ERP-42 ", sourceId: source.id };

    const claimed = await claimOrganizationIdentifier(t.admin, acme.id, erp);
    expect(claimed).toMatchObject({
      organizationId: acme.id,
      type: "ExternalId",
      value: "ERP-42",
      sourceId: source.id,
      divisionId: acme.divisionId,
    });
    expect(await claimOrganizationIdentifier(t.admin, acme.id, erp)).toEqual(claimed);
    const conflict = (await failure(claimOrganizationIdentifier(t.admin, rival.id, erp)))!;
    expect(conflict.code).toBe("CONFLICT");
    expect(conflict.message).toContain(`organization ${acme.id}`);
    expect(await listOrganizationIdentifiers(t.admin, acme.id)).toEqual([claimed]);
    expect(await listOrganizationIdentifiers(t.admin, rival.id)).toEqual([]);
    expect((await lookupOrganizationByIdentifier(t.admin, { type: "ExternalId", value: "ERP-42" })).id).toBe(
      acme.id,
    );

    expect(await releaseOrganizationIdentifier(t.admin, acme.id, erp)).toEqual(claimed);
    expect((await failure(releaseOrganizationIdentifier(t.admin, acme.id, erp)))!.code).toBe("NOT_FOUND");
    expect((await failure(lookupOrganizationByIdentifier(t.admin, erp)))!.code).toBe("NOT_FOUND");
    expect((await claimOrganizationIdentifier(t.admin, rival.id, erp)).organizationId).toBe(rival.id);
    expect((await organizationHistory(t.admin, acme.id)).map((s) => s.changes)).toContainEqual([
      { path: "identifiers.ExternalId", old: "ERP-42", new: null },
    ]);
  });

  it("keeps organizations' and contacts' identifiers apart: one value may name a contact and an organization", async () => {
    const t = tenant();
    const org = await createOrganization(t.admin, { name: "Shared Id Ltd" });
    const contact = await createContact(t.admin, { firstName: "Shared Id" });
    const id = { type: "ExternalId" as const, value: "shared-7" };
    await claimIdentifier(t.admin, contact.id, id);
    expect((await claimOrganizationIdentifier(t.admin, org.id, id)).organizationId).toBe(org.id);
  });

  it("takes only ExternalId identifiers, in claims and lookups", async () => {
    const t = tenant();
    const org = await createOrganization(t.admin, { name: "Typed" });
    const email = { type: "Email" as const, value: "info@typed.example" };
    const claimed = (await failure(claimOrganizationIdentifier(t.admin, org.id, email)))!;
    expect(claimed.code).toBe("VALIDATION");
    expect(claimed.issues).toEqual([
      { path: "type", message: "an organization identifier is of type ExternalId" },
    ]);
    expect((await failure(lookupOrganizationByIdentifier(t.admin, email)))!.code).toBe("VALIDATION");
    expect(
      (await failure(claimOrganizationIdentifier(t.admin, org.id, { type: "ExternalId", value: "  " })))!
        .code,
    ).toBe("VALIDATION");
    expect(
      (await failure(
        claimOrganizationIdentifier(t.admin, org.id, {
          type: "ExternalId",
          value: "x",
          sourceId: crypto.randomUUID(),
        }),
      ))!.issues[0]!.path,
    ).toBe("identifier.sourceId");
  });

  it("checks permissions, and hides organizations of other divisions", async () => {
    const t = tenant();
    const org = await createOrganization(t.admin, { name: "Guarded" });
    const id = { type: "ExternalId" as const, value: "guarded-1" };
    const viewer = t.as([PERMISSIONS.organizationView]);
    expect((await failure(claimOrganizationIdentifier(viewer, org.id, id)))!.code).toBe("FORBIDDEN");
    expect((await failure(listOrganizationIdentifiers(t.as([PERMISSIONS.contactView]), org.id)))!.code).toBe(
      "FORBIDDEN",
    );
    await claimOrganizationIdentifier(t.admin, org.id, id);
    expect((await listOrganizationIdentifiers(viewer, org.id)).map((i) => i.value)).toEqual(["guarded-1"]);

    const west = await saveDivision(t.admin, { name: "West (org identifiers)" });
    const westOnly: Context = { ...t.admin, actor: { ...t.admin.actor, divisionIds: new Set([west.id]) } };
    const westOrg = await createOrganization(westOnly, { name: "Westerly", divisionId: west.id });
    expect((await failure(listOrganizationIdentifiers(westOnly, org.id)))!.code).toBe("NOT_FOUND");
    expect((await failure(lookupOrganizationByIdentifier(westOnly, id)))!.code).toBe("NOT_FOUND");
    const refused = (await failure(claimOrganizationIdentifier(westOnly, westOrg.id, id)))!;
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).not.toContain(org.id);
    expect(
      (await claimOrganizationIdentifier(westOnly, westOrg.id, { ...id, value: "west-1" })).divisionId,
    ).toBe(west.id);
  });

  it("gives a value claimed by many organizations at once to exactly one of them", async () => {
    const t = tenant();
    const orgs = await Promise.all(
      Array.from({ length: 10 }, (_, i) => createOrganization(t.admin, { name: `Racer ${i}` })),
    );
    const results = await Promise.allSettled(
      orgs.map((o) => claimOrganizationIdentifier(t.admin, o.id, { type: "ExternalId", value: "race-1" })),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    const codes = results.flatMap((r) =>
      r.status === "rejected" ? [(r.reason as { code?: string }).code] : [],
    );
    expect(codes).toEqual(Array(9).fill("CONFLICT"));
  });
});
