import { describe, expect, it } from "vitest";
import {
  createContact,
  createOrganization,
  createProfessionalIdentity,
  deleteContact,
  getOrganizations,
  listOrganizationsByOffset,
  listOrganizationsWithRepresentativesByOffset,
  type ProfessionalIdentity,
  professionalIdentitiesAt,
  readOrganization,
  readOrganizationWithRepresentatives,
  saveDivision,
  searchOrganizations,
} from "../src";
import { statementsOf, type TestTenant, withTestTenant } from "./helpers";

const tenant = withTestTenant();

/** Two organizations with points, tags and an external-id-free record each, and people working at the first. */
async function organizationsWithPeople(t: TestTenant) {
  const acme = await createOrganization(t.admin, {
    name: "Acme Statements AG",
    industry: "Manufacturing",
    tags: ["key-account", "partner"],
    websites: ["https://acme.example"],
    phones: [{ type: "work", display: "+41 44 555 01 00" }],
    addresses: [{ type: "work", city: "Zürich", countryCode: "CH" }],
  });
  const globex = await createOrganization(t.admin, { name: "Globex Statements Ltd", tags: ["prospect"] });
  const anna = await createContact(t.admin, {
    firstName: "Anna",
    lastName: "Muster",
    organizationId: acme.id,
  });
  const ben = await createContact(t.admin, { firstName: "Ben", lastName: "Beispiel" });
  await createProfessionalIdentity(t.admin, ben.id, {
    organizationId: acme.id,
    isActive: false,
    jobTitle: "Advisor",
  });
  const gone = await createContact(t.admin, {
    firstName: "Gone",
    lastName: "Person",
    organizationId: acme.id,
  });
  await deleteContact(t.admin, gone.id);
  return { acme, globex, anna, ben };
}

/** What a representative shows of its PI. */
const shown = ({ id, contactId, isActive, activationDate, deactivationDate }: ProfessionalIdentity) => ({
  id,
  contactId,
  isActive,
  activationDate,
  deactivationDate,
});

describe("organization reads in one statement", () => {
  it("searches organizations with their points, external ids and tags in one statement", async () => {
    const t = tenant();
    const { acme, globex } = await organizationsWithPeople(t);
    const { result, count } = await statementsOf(t, () => searchOrganizations(t.admin, { q: "statements" }));
    expect(count).toBe(1);
    expect(result.total).toBe(2);
    expect(result.entities).toEqual(await getOrganizations(t.admin, [acme.id, globex.id]));
  });

  it("reads an organization with its representatives (live people only) in one statement", async () => {
    const t = tenant();
    const { acme, anna, ben } = await organizationsWithPeople(t);
    const { result, count } = await statementsOf(t, () =>
      readOrganizationWithRepresentatives(t.admin, { id: acme.id }),
    );
    expect(count).toBe(1);
    const representatives = (await professionalIdentitiesAt(t.admin, [acme.id])).get(acme.id)!.map(shown);
    expect(result).toEqual({ ...(await readOrganization(t.admin, { id: acme.id })), representatives });
    expect(result.representatives.map((p) => p.contactId)).toEqual([anna.id, ben.id]);
  });

  it("lists a page of organizations with their representatives in one statement", async () => {
    const t = tenant();
    await organizationsWithPeople(t);
    const { result, count } = await statementsOf(t, () =>
      listOrganizationsWithRepresentativesByOffset(t.admin, { limit: 2, offset: 1 }),
    );
    expect(count).toBe(1);
    const { entities } = await listOrganizationsByOffset(t.admin, { limit: 2, offset: 1 });
    const representatives = await professionalIdentitiesAt(
      t.admin,
      entities.map((o) => o.id),
    );
    expect(result.entities).toEqual(
      entities.map((o) => ({ ...o, representatives: (representatives.get(o.id) ?? []).map(shown) })),
    );
  });

  it("leaves out representatives in divisions a limited caller does not see", async () => {
    const t = tenant();
    const { acme, anna } = await organizationsWithPeople(t);
    const elsewhere = await saveDivision(t.admin, { name: "Elsewhere reps" });
    await createContact(t.admin, {
      firstName: "Far",
      lastName: "Away",
      divisionId: elsewhere.id,
      organizationId: acme.id,
    });
    const limited = { ...t.admin, actor: { ...t.admin.actor, divisionIds: new Set([t.homeDivisionId]) } };
    const seen = await readOrganizationWithRepresentatives(limited, { id: acme.id });
    expect(seen.representatives.map((p) => p.contactId)).toContain(anna.id);
    expect(seen.representatives).toEqual(
      (await professionalIdentitiesAt(limited, [acme.id])).get(acme.id)!.map(shown),
    );
    const all = await readOrganizationWithRepresentatives(t.admin, { id: acme.id });
    expect(all.representatives.length).toBe(seen.representatives.length + 1);
  });
});
