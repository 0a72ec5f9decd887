import { describe, expect, it } from "vitest";
import {
  addExternalConnection,
  createContact,
  createContactFromDetails,
  createLegalEntity,
  deleteContact,
  findContactByExternalConnection,
  getContactDetails,
  getLegalEntity,
  listExternalConnections,
  mergeContacts,
  saveDivision,
} from "../src";
import { rejection, statementsOf, type TestTenant, withTestTenant } from "./helpers";

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
  it("reads a contact's details in one statement, the same by uuid and by number", async () => {
    const t = tenant();
    const contact = await person(t);
    const byId = await statementsOf(t, () => getContactDetails(t.admin, contact.id));
    const byNumber = await statementsOf(t, () => getContactDetails(t.admin, { number: contact.number }));
    expect(byId.count).toBe(1);
    expect(byNumber.count).toBe(1);
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

  it("reads a merged-away contact's number as its survivor and refuses deleted and other divisions' contacts", async () => {
    const t = tenant();
    const a = await person(t);
    const b = await createContact(t.admin, { firstName: "Anna", lastName: "Muster" });
    const merged = await mergeContacts(t.admin, { contactIds: [a.id, b.id] });
    const away = merged.id === a.id ? b : a;
    const survivor = await getContactDetails(t.admin, { number: merged.number });
    const viaAway = await getContactDetails(t.admin, { number: away.number });
    expect(viaAway.contact.id).toBe(merged.id);
    expect(viaAway.details).toEqual(survivor.details);
    expect(await listExternalConnections(t.admin, { number: away.number })).toEqual(
      await listExternalConnections(t.admin, { number: merged.number }),
    );

    const gone = await person(t);
    await deleteContact(t.admin, gone.id);
    expect((await rejection(getContactDetails(t.admin, { number: gone.number }))).code).toBe("NOT_FOUND");
    expect((await rejection(listExternalConnections(t.admin, { number: gone.number }))).code).toBe(
      "NOT_FOUND",
    );

    const elsewhere = await saveDivision(t.admin, { name: "Elsewhere DFS" });
    const far = await createContact(t.admin, {
      firstName: "Far",
      lastName: "Away",
      divisionId: elsewhere.id,
    });
    const limited = { ...t.admin, actor: { ...t.admin.actor, divisionIds: new Set([t.homeDivisionId]) } };
    expect((await rejection(getContactDetails(limited, { number: far.number }))).code).toBe("NOT_FOUND");
    expect((await getContactDetails(t.admin, { number: far.number })).contact.id).toBe(far.id);
  });
});
