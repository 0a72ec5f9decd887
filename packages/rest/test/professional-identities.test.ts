import {
  createProfessionalIdentity,
  deactivateProfessionalIdentity,
  listProfessionalIdentities,
  systemActor,
} from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { withRestHarness } from "./harness";

// The Genesys `externalOrganization` of a contact is its primary active professional identity (PI), whichever
// side writes it (cross-dialect contract §4).
const harness = withRestHarness();
const CONTACTS = "/api/v2/externalcontacts/contacts";
type Json = Record<string, unknown> & { id: string };

const system = () => ({
  db: harness().database.db,
  tenantId: harness().tenantId,
  actor: systemActor("test"),
});

async function post(path: string, body: unknown): Promise<Json> {
  const response = await harness().request(path, { method: "POST", json: body });
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

async function read(id: string): Promise<Json> {
  const response = await harness().request(`${CONTACTS}/${id}?expand=externalOrganization`);
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

describe("professional identities through Genesys", () => {
  it("a PI made through the domain is the person's Genesys externalOrganization while it is primary and active", async () => {
    const org = await post("/api/v2/externalcontacts/organizations", { name: "Analytical Engines Ltd" });
    const person = await post(CONTACTS, { firstName: "Ada", lastName: "Lovelace" });
    expect((await read(person.id)).externalOrganization).toBeUndefined();

    const pi = await createProfessionalIdentity(system(), person.id, {
      organizationId: org.id,
      jobTitle: "Analyst",
    });
    expect((await read(person.id)).externalOrganization).toMatchObject({
      id: org.id,
      name: "Analytical Engines Ltd",
    });

    await deactivateProfessionalIdentity(system(), person.id, pi.id);
    expect((await read(person.id)).externalOrganization).toBeUndefined();
  });

  it("setting externalOrganization through Genesys creates the primary PI; clearing it ends that PI", async () => {
    const org = await post("/api/v2/externalcontacts/organizations", { name: "Difference Works" });
    const person = await post(CONTACTS, { firstName: "Charles", externalOrganization: { id: org.id } });
    const [pi] = await listProfessionalIdentities(system(), person.id);
    expect(pi).toMatchObject({ organizationId: org.id, isActive: true, isPrimary: true });

    const cleared = await harness().request(`${CONTACTS}/${person.id}`, {
      method: "PUT",
      json: { firstName: "Charles" },
    });
    expect(cleared.status).toBe(200);
    expect(((await cleared.json()) as Json).externalOrganization).toBeUndefined();
    expect(await listProfessionalIdentities(system(), person.id)).toMatchObject([
      { id: pi!.id, isActive: false, isPrimary: true },
    ]);
  });
});
