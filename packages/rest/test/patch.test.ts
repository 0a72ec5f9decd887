import { changeSets, eq, members } from "@switchboard/db";
import {
  createContact,
  createOrganization,
  getContact,
  getOrganization,
  systemActor,
} from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const API = "/api/v2/externalcontacts";
type Json = Record<string, unknown> & { id: string };

async function post(path: string, body: unknown): Promise<Json> {
  const response = await harness().request(`${API}${path}`, { method: "POST", json: body });
  expect(response.status, path).toBe(200);
  return (await response.json()) as Json;
}
const patch = (path: string, changes: unknown[], token?: string) =>
  harness().request(`${API}${path}`, { method: "PATCH", json: { changes }, token });

async function historyOf(entityId: string) {
  return harness().database.db.select().from(changeSets).where(eq(changeSets.entityId, entityId));
}

describe("Genesys PATCH (current SDK partial updates)", () => {
  it("patches a contact field by field, keeping what it does not name, with history", async () => {
    const contact = await post("/contacts", {
      firstName: "Jon",
      lastName: "Smith",
      workEmail: "jon@example.com",
      cellPhone: { display: "+1 212 555 0142" },
      address: { city: "Springfield", countryCode: "US" },
    });
    const response = await patch(`/contacts/${contact.id}`, [
      { field: "$.firstName", action: "Update", value: "John" },
      { field: "$.lastName", action: "UpdateIfEmpty", value: "Ignored" },
      { field: "$.title", action: "UpdateIfEmpty", value: "Dr" },
      { field: "$.address.city", action: "Update", value: "Shelbyville" },
      { field: "$.workEmail", action: "Remove" },
      { field: "$.personalEmail", action: "Update", value: "john@home.example" },
    ]);
    expect(response.status).toBe(200);
    const patched = (await response.json()) as Json;
    expect(patched).toMatchObject({
      id: contact.id,
      firstName: "John",
      lastName: "Smith",
      title: "Dr",
      personalEmail: "john@home.example",
      cellPhone: { e164: "+12125550142" },
      address: { city: "Shelbyville", countryCode: "US" },
    });
    expect(patched.workEmail).toBeUndefined();
    const read = (await (await harness().request(`${API}/contacts/${contact.id}`)).json()) as Json;
    expect(read).toEqual(patched);

    const history = await historyOf(contact.id);
    const update = history.find((h) => h.action === "update");
    expect(update).toBeDefined();
    // A no-op patch writes no history and answers the contact unchanged.
    const noop = await patch(`/contacts/${contact.id}`, [
      { field: "$.firstName", action: "UpdateIfEmpty", value: "Other" },
    ]);
    expect(noop.status).toBe(200);
    expect(((await noop.json()) as Json).modifyDate).toBe(patched.modifyDate);
    expect((await historyOf(contact.id)).length).toBe(history.length);
  });

  it("keeps what the Genesys model has no slot for (other dialects' data)", async () => {
    const h = harness();
    const system = { db: h.database.db, tenantId: h.tenantId, actor: systemActor("test") };
    const contact = await createContact(system, {
      firstName: "Multi",
      displayName: "Multi D.",
      dateOfBirth: "1980-02-03",
      phones: [
        { type: "cell", display: "+1 212 555 0171" },
        { type: "fax", display: "+1 212 555 0172" },
      ],
      addresses: [
        { type: "work", city: "First" },
        { type: "other", city: "Second" },
      ],
      extensions: { enfore: { roles: ["customer"] } },
    });
    const response = await patch(`/contacts/${contact.id}`, [
      { field: "$.firstName", action: "Update", value: "Multiple" },
      { field: "$.address.city", action: "Update", value: "Primary" },
    ]);
    expect(response.status).toBe(200);
    const after = await getContact(system, contact.id);
    expect(after).toMatchObject({
      firstName: "Multiple",
      displayName: "Multi D.",
      dateOfBirth: "1980-02-03",
      addresses: [
        { type: "work", city: "Primary" },
        { type: "other", city: "Second" },
      ],
      extensions: { enfore: { roles: ["customer"] } },
    });
    expect(after.phones.map((p) => p.type).sort()).toEqual(["cell", "fax"]);
    // A full PUT replaces the Genesys fields only, likewise.
    const put = await h.request(`${API}/contacts/${contact.id}`, {
      method: "PUT",
      json: { firstName: "Put" },
    });
    expect(put.status).toBe(200);
    const afterPut = await getContact(system, contact.id);
    expect(afterPut).toMatchObject({
      firstName: "Put",
      displayName: "Multi D.",
      addresses: [{ type: "other", city: "Second" }],
      extensions: { enfore: { roles: ["customer"] } },
    });
    expect(afterPut.phones.map((p) => p.type)).toEqual(["fax"]);

    const org = await createOrganization(system, {
      name: "Multi Org",
      phones: [
        { type: "work", display: "+1 212 555 0181" },
        { type: "cell", display: "+1 212 555 0182" },
      ],
      extensions: { dfs: { legalForm: "AG" } },
    });
    await patch(`/organizations/${org.id}`, [{ field: "$.industry", action: "Update", value: "Banking" }]);
    const orgAfter = await getOrganization(system, org.id);
    expect(orgAfter).toMatchObject({ industry: "Banking", extensions: { dfs: { legalForm: "AG" } } });
    expect(orgAfter.phones.map((p) => p.type).sort()).toEqual(["cell", "work"]);
  });

  it("validates the patched contact like a PUT, in the caller's field names", async () => {
    const contact = await post("/contacts", { firstName: "Valid" });
    const badEmail = await patch(`/contacts/${contact.id}`, [
      { field: "$.workEmail", action: "Update", value: "not-an-email" },
    ]);
    expect(badEmail.status).toBe(400);
    expect(await badEmail.json()).toMatchObject({ status: 400, details: [{ fieldName: "workEmail" }] });

    const wrongType = await patch(`/contacts/${contact.id}`, [
      { field: "$.surveyOptOut", action: "Update", value: "yes" },
    ]);
    expect(wrongType.status).toBe(400);
    expect(await wrongType.json()).toMatchObject({ details: [{ fieldName: "surveyOptOut" }] });

    const readOnly = await patch(`/contacts/${contact.id}`, [
      { field: "$.id", action: "Update", value: "x" },
    ]);
    expect(readOnly.status).toBe(400);
    expect(await readOnly.json()).toMatchObject({ details: [{ fieldName: "changes.0.field" }] });

    const badPath = await patch(`/contacts/${contact.id}`, [
      { field: "firstName", action: "Update", value: "x" },
    ]);
    expect(badPath.status).toBe(400);
    const badAction = await patch(`/contacts/${contact.id}`, [
      { field: "$.firstName", action: "Replace", value: "x" },
    ]);
    expect(badAction.status).toBe(400);

    const parentAndChild = await patch(`/contacts/${contact.id}`, [
      { field: "$.address", action: "Update", value: { city: "A" } },
      { field: "$.address.city", action: "Update", value: "B" },
    ]);
    expect(parentAndChild.status).toBe(409);
    expect(await parentAndChild.json()).toMatchObject({ status: 409, code: "conflict" });

    expect((await patch(`/contacts/${crypto.randomUUID()}`, [])).status).toBe(404);
    const notJson = await harness().request(`${API}/contacts/${contact.id}`, { method: "PATCH", body: "x" });
    expect(notJson.status).toBe(415);

    const viewer = await harness().tokenFor(["externalContacts:contact:view"]);
    const refused = await patch(`/contacts/${contact.id}`, [], viewer);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      messageParams: { permissions: "externalContacts:contact:edit" },
    });
  });

  it("patches organizations, appending to and removing from collections", async () => {
    const org = await post("/organizations", { name: "Patch Co", tags: ["a", "b"], industry: "Retail" });
    const response = await patch(`/organizations/${org.id}`, [
      { field: "$.tags", action: "AppendToCollection", value: ["c"] },
      { field: "$.websites", action: "AppendToCollection", value: "https://patch.example" },
      { field: "$.industry", action: "UpdateIfExists", value: "Wholesale" },
      { field: "$.companyType", action: "UpdateIfExists", value: "never set" },
    ]);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      name: "Patch Co",
      tags: ["a", "b", "c"],
      websites: ["https://patch.example"],
      industry: "Wholesale",
    });
    const removed = await patch(`/organizations/${org.id}`, [
      { field: "$.tags", action: "RemoveFromCollection", value: "a" },
    ]);
    const body = (await removed.json()) as Json;
    expect(body.tags).toEqual(["b", "c"]);
    expect(body.companyType).toBeUndefined();

    const noName = await patch(`/organizations/${org.id}`, [{ field: "$.name", action: "Remove" }]);
    expect(noName.status).toBe(400);
    expect(await noName.json()).toMatchObject({ details: [{ fieldName: "name" }] });
    const trustor = await patch(`/organizations/${org.id}`, [
      { field: "$.trustor", action: "Update", value: {} },
    ]);
    expect(trustor.status).toBe(400);
    const viewer = await harness().tokenFor(["externalContacts:externalOrganization:view"]);
    expect((await patch(`/organizations/${org.id}`, [], viewer)).status).toBe(403);
  });

  it("patches contact and organization notes", async () => {
    const contact = await post("/contacts", { firstName: "Noted" });
    const note = await post(`/contacts/${contact.id}/notes`, { noteText: "draft" });
    const response = await patch(`/contacts/${contact.id}/notes/${note.id}`, [
      { field: "$.noteText", action: "Update", value: "final" },
    ]);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: note.id, noteText: "final", entityId: contact.id });
    const read = (await (
      await harness().request(`${API}/contacts/${contact.id}/notes/${note.id}`)
    ).json()) as Json;
    expect(read.noteText).toBe("final");
    const emptied = await patch(`/contacts/${contact.id}/notes/${note.id}`, [
      { field: "$.noteText", action: "Update", value: "" },
    ]);
    expect(emptied.status).toBe(400);
    expect(await emptied.json()).toMatchObject({ details: [{ fieldName: "noteText" }] });
    const entity = await patch(`/contacts/${contact.id}/notes/${note.id}`, [
      { field: "$.entityId", action: "Update", value: crypto.randomUUID() },
    ]);
    expect(entity.status).toBe(400);
    expect((await patch(`/contacts/${contact.id}/notes/${crypto.randomUUID()}`, [])).status).toBe(404);

    const org = await post("/organizations", { name: "Noted Org" });
    const orgNote = await post(`/organizations/${org.id}/notes`, { noteText: "org draft" });
    const orgPatched = await patch(`/organizations/${org.id}/notes/${orgNote.id}`, [
      { field: "$.noteText", action: "Update", value: "org final" },
    ]);
    expect(await orgPatched.json()).toMatchObject({ noteText: "org final", entityType: "organization" });
    const contactEditor = await harness().tokenFor(["externalContacts:contact:edit"]);
    expect((await patch(`/organizations/${org.id}/notes/${orgNote.id}`, [], contactEditor)).status).toBe(403);
  });

  it("patches relationships", async () => {
    const org = await post("/organizations", { name: "Related" });
    const other = await post("/organizations", { name: "Other" });
    const [member] = await harness().database.db.select().from(members);
    const rel = await post("/relationships", {
      user: { id: member!.id },
      externalOrganization: { id: org.id },
      relationship: "Account Manager",
    });
    const response = await patch(`/relationships/${rel.id}`, [
      { field: "$.relationship", action: "Update", value: "Sponsor" },
      { field: "$.externalOrganization.id", action: "Update", value: other.id },
    ]);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      id: rel.id,
      relationship: "Sponsor",
      user: { id: member!.id },
      externalOrganization: { id: other.id },
    });
    const unknownOrg = await patch(`/relationships/${rel.id}`, [
      { field: "$.externalOrganization.id", action: "Update", value: crypto.randomUUID() },
    ]);
    expect(unknownOrg.status).toBe(400);
    const tooLong = await patch(`/relationships/${rel.id}`, [
      { field: "$.relationship", action: "Update", value: "x".repeat(101) },
    ]);
    expect(tooLong.status).toBe(400);
    expect((await patch(`/relationships/${crypto.randomUUID()}`, [])).status).toBe(404);
    const viewer = await harness().tokenFor(["externalContacts:externalOrganization:view"]);
    expect((await patch(`/relationships/${rel.id}`, [], viewer)).status).toBe(403);
  });
});
