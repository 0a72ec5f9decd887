import { describe, expect, it } from "vitest";
import {
  addExternalConnection,
  createContactFromDetails,
  createLegalEntity,
  findContactByExternalConnection,
  getContactDetails,
  getLegalEntity,
  listExternalConnections,
} from "../src";
import { statementsOf, type TestTenant, withTestTenant } from "./helpers";

const tenant = withTestTenant();

async function person(t: TestTenant) {
  const { contact } = await createContactFromDetails(t.admin, {
    contactTypeId: 1,
    details: {
      personalInformation: { firstName: "Anna", lastName: "Muster", nationality: "CH" },
      communicationMethods: { primaryEmail: "anna@example.com" },
      preferences: { language: "de" },
    },
  });
  await addExternalConnection(t.admin, contact.id, { system: "CRM", externalId: `C-${contact.number}` });
  return contact;
}

describe("DFS reads by number", () => {
  it("reads a contact's details in two statements, the same by uuid and by number", async () => {
    const t = tenant();
    const contact = await person(t);
    const byId = await statementsOf(t, () => getContactDetails(t.admin, contact.id));
    const byNumber = await statementsOf(t, () => getContactDetails(t.admin, { number: contact.number }));
    expect(byId.count).toBe(2);
    expect(byNumber.count).toBe(2);
    expect(byNumber.result.details).toEqual(byId.result.details);
    expect(byNumber.result.details).toEqual({
      personalInformation: { firstName: "Anna", lastName: "Muster", nationality: "CH" },
      communicationMethods: { primaryEmail: "anna@example.com" },
      preferences: { language: "de" },
    });
    expect(byNumber.result).toMatchObject({
      hasPendingChangeRequest: false,
      hasPendingEmail: false,
      hasPendingMobile: false,
    });
  });

  it("reads a legal entity's details in one statement", async () => {
    const t = tenant();
    const created = await createLegalEntity(t.admin, { details: { name: "Acme AG", legalForm: "AG" } });
    const byId = await statementsOf(t, () => getLegalEntity(t.admin, created.id));
    const byNumber = await statementsOf(t, () => getLegalEntity(t.admin, { number: created.number }));
    expect(byId.count).toBe(1);
    expect(byNumber.count).toBe(1);
    expect(byNumber.result).toEqual({
      id: created.id,
      number: created.number,
      details: { name: "Acme AG", legalForm: "AG" },
    });
  });

  it("lists a contact's external connections and finds the contact by one in one statement each", async () => {
    const t = tenant();
    const contact = await person(t);
    const listed = await statementsOf(t, () => listExternalConnections(t.admin, { number: contact.number }));
    expect(listed.count).toBe(1);
    expect(listed.result).toEqual([{ externalId: `C-${contact.number}`, system: "CRM" }]);
    const found = await statementsOf(t, () =>
      findContactByExternalConnection(t.admin, "crm", `C-${contact.number}`),
    );
    expect(found.count).toBe(1);
    expect(found.result).toEqual({ id: contact.id, number: contact.number });
  });
});
