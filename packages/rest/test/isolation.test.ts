/**
 * Tenant isolation, generated from the operation table: another tenant ("other") holds one record of every kind;
 * every documented Genesys operation that names a record in its path is called by this tenant's admin (who holds
 * `*`) with the other tenant's ids and answers 404; the operations that take ids in their body or search by value
 * find nothing; every listing leaves the other tenant's records out; and, after all of it, not one row of the
 * other tenant has changed.
 */

import { sql } from "@switchboard/db";
import { tenantRowsDigest } from "@switchboard/db/testing";
import { ensureTenant } from "@switchboard/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { OPERATIONS } from "./genesys-operations";
import { withRestHarness } from "./harness";

const API = "/api/v2/externalcontacts";
const OTHER = { clientId: "other-admin", clientSecret: "other-admin-secret", email: "admin@other.example" };
const SECRET_NAME = "Zebulonia";
const SECRET_EMAIL = "zebulonia@other.example";
const SECRET_PHONE = "+1 704 298 4733";

/** What a create answers, as far as these tests read it. */
type Json = { id: string; uploadId: string; [field: string]: unknown };
const harness = withRestHarness();

let otherToken = "";
let otherTenantId = "";
/** The other tenant's ids, by the name of the path parameter that carries them (and the collection it is in). */
const ids: Record<string, string> = {};
let before = "";
const putBodies = new Map<string, unknown>();

/** As the other tenant: the response body, after checking the status. */
async function asOther(path: string, init: { method?: string; json?: unknown } = {}, status?: number) {
  const response = await harness().request(`${API}${path}`, { ...init, token: otherToken });
  if (status !== undefined) expect(response.status, `${init.method ?? "GET"} ${path}`).toBe(status);
  else expect(response.status, `${init.method ?? "GET"} ${path}`).toBeLessThan(300);
  const text = await response.text();
  return (text ? JSON.parse(text) : {}) as Json;
}

beforeAll(async () => {
  const h = harness();
  const setup = await ensureTenant(h.database.db, {
    slug: "other",
    adminEmail: OTHER.email,
    adminPassword: "other admin password",
    adminClientId: OTHER.clientId,
    adminClientSecret: OTHER.clientSecret,
  });
  otherTenantId = setup.tenantId;
  otherToken = await h.issueToken(OTHER);

  const source = await asOther("/externalsources", {
    method: "POST",
    json: { name: "Other source", active: true },
  });
  ids.externalSourceId = source.id;
  const organization = await asOther("/organizations", {
    method: "POST",
    json: { name: `${SECRET_NAME} Ltd` },
  });
  ids.externalOrganizationId = organization.id;
  const contact = await asOther("/contacts", {
    method: "POST",
    json: {
      firstName: SECRET_NAME,
      lastName: "Other",
      workEmail: SECRET_EMAIL,
      cellPhone: { display: SECRET_PHONE },
      externalOrganization: { id: organization.id },
      externalIds: [{ externalSource: { id: source.id }, value: "other-1" }],
    },
  });
  ids.contactId = contact.id;
  const second = await asOther("/contacts", { method: "POST", json: { firstName: `${SECRET_NAME} Two` } });
  ids.secondContactId = second.id;
  await asOther(`/contacts/${contact.id}/journey/segments`, {
    method: "POST",
    json: { assign: { segments: [{ id: "other-segment" }] } },
  });
  await asOther(`/contacts/${contact.id}/identifiers`, {
    method: "PATCH",
    json: { operation: "Claim", identifier: { type: "Email", value: SECRET_EMAIL } },
  });
  await asOther(`/organizations/${organization.id}/identifiers`, {
    method: "PATCH",
    json: { operation: "Claim", identifier: { type: "ExternalId", value: SECRET_NAME } },
  });
  ids.contactNoteId = (
    await asOther(`/contacts/${contact.id}/notes`, { method: "POST", json: { noteText: "x" } })
  ).id;
  ids.organizationNoteId = (
    await asOther(`/organizations/${organization.id}/notes`, { method: "POST", json: { noteText: "y" } })
  ).id;
  const [member] = await h.database.db.execute<{ id: string }>(
    sql`select id from members where tenant_id = ${otherTenantId} limit 1`,
  );
  ids.relationshipId = (
    await asOther("/relationships", {
      method: "POST",
      json: {
        user: { id: member!.id },
        externalOrganization: { id: organization.id },
        relationship: "Owner",
      },
    })
  ).id;
  const schema = (kind: string) => ({
    name: `${kind} schema`,
    jsonSchema: {
      type: "object",
      properties: {
        tier: { allOf: [{ $ref: "#/definitions/enum" }], title: "Tier", enum: ["gold", "silver"] },
      },
    },
  });
  ids.contactSchemaId = (await asOther("/contacts/schemas", { method: "POST", json: schema("contact") })).id;
  ids.organizationSchemaId = (
    await asOther("/organizations/schemas", { method: "POST", json: schema("organization") })
  ).id;
  for (const kind of ["contacts", "organizations", "notes", "relationships"])
    ids[`${kind}ExportId`] = (await asOther(`/${kind}/exports`, { method: "POST", json: {} }, 201)).id;
  const settings = await asOther("/import/settings", {
    method: "POST",
    json: {
      name: "Other sync",
      matchingCriteria: ["Email"],
      mergeContacts: false,
      externalSourceId: source.id,
      importFields: [],
    },
  });
  ids.importSettingsId = settings.id;
  ids.csvSettingsId = (
    await asOther(
      "/import/csv/settings",
      { method: "POST", json: { mappings: [{ sourceField: "last", targetField: "lastName" }] } },
      201,
    )
  ).id;
  ids.uploadId = (
    await asOther("/import/csv/uploads", { method: "POST", json: { fileName: "o.csv", fileSize: 10 } }, 201)
  ).uploadId;
  ids.importJobId = (
    await asOther("/import/jobs", { method: "POST", json: { settingsId: settings.id } }, 200)
  ).id;

  // A PUT sends what the other tenant itself reads there, so that nothing but the tenant can refuse it.
  for (const op of byId.filter((op) => op.method === "put")) {
    const path = concretePath(op.path);
    const read = await harness().request(path, { token: otherToken });
    putBodies.set(op.path, read.ok ? await read.json() : {});
  }
  before = await tenantRowsDigest(harness().database.db, otherTenantId);
});

/** The other tenant's id for parameter `param` of the operation at `path`. */
function otherId(path: string, param: string): string {
  const inOrganizations = path.includes("/organizations/");
  switch (param) {
    case "noteId":
      return inOrganizations ? ids.organizationNoteId! : ids.contactNoteId!;
    case "schemaId":
      return inOrganizations ? ids.organizationSchemaId! : ids.contactSchemaId!;
    case "exportId":
      return ids[`${path.split("/")[4]}ExportId`]!;
    case "settingsId":
      return path.includes("/csv/") ? ids.csvSettingsId! : ids.importSettingsId!;
    case "jobId":
      return ids.importJobId!;
    case "versionId":
      return "1";
    default:
      return ids[param]!;
  }
}

/** The operation's path with the other tenant's ids in it (a trustor is another Genesys org: any id will do). */
const concretePath = (path: string) =>
  path.replace(/\{(\w+)\}/g, (_, param: string) =>
    param === "trustorId" ? "00000000-0000-4000-8000-000000000000" : otherId(path, param),
  );

// Operations whose path names no record of a tenant: the core types are the same for everyone, a trustor is
// another Genesys org, and the upload URL answers to its own token, not a bearer.
const tenantNeutral = new Set(["coreTypeName", "conversationId"]);
const byId = OPERATIONS.filter(
  (op) =>
    op.permissions.length > 0 &&
    /\{\w+\}/.test(op.path) &&
    ![...op.path.matchAll(/\{(\w+)\}/g)].every(
      ([, param]) => tenantNeutral.has(param!) || param === "trustorId",
    ),
);

describe("another tenant's records", () => {
  // The bodies of writes whose body is checked before the record is looked up, valid but for the tenant.
  const validBodies: Record<string, () => unknown> = {
    postExternalcontactsContactNotes: () => ({ noteText: "x" }),
    postExternalcontactsOrganizationNotes: () => ({ noteText: "x" }),
    patchExternalcontactsContactIdentifiers: () => ({
      operation: "Claim",
      identifier: { type: "Email", value: "claim@this.example" },
    }),
    patchExternalcontactsOrganizationIdentifiers: () => ({
      operation: "Claim",
      identifier: { type: "ExternalId", value: "claim-this" },
    }),
    putExternalcontactsImportJob: () => ({ jobId: ids.importJobId, status: "Cancel" }),
    postExternalcontactsContactJourneySegments: () => ({ unassign: { segments: [{ id: "other-segment" }] } }),
  };
  it.each(byId)("$operationId with the other tenant's ids → 404", async (op) => {
    const json =
      validBodies[op.operationId]?.() ??
      { put: putBodies.get(op.path), patch: { changes: [] }, post: {} }[op.method as string];
    const response = await harness().request(concretePath(op.path), {
      method: op.method.toUpperCase(),
      json,
    });
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(SECRET_NAME);
  });

  it("bulk operations answer 404 for each of the other tenant's ids", async () => {
    const h = harness();
    const items = (kind: string, id: string) =>
      h.request(`${API}/bulk/${kind}`, { method: "POST", json: { entities: [{ id }] } });
    for (const [kind, id] of [
      ["contacts", ids.contactId],
      ["organizations", ids.externalOrganizationId],
      ["notes", ids.contactNoteId],
      ["relationships", ids.relationshipId],
    ] as const) {
      for (const verb of ["", "/remove"]) {
        const response = await items(`${kind}${verb}`, id!);
        expect(response.status, `${kind}${verb}`).toBe(200);
        const body = (await response.json()) as {
          results: { success: boolean; error?: { status: number } }[];
        };
        expect(body.results[0], `${kind}${verb}`).toMatchObject({ success: false, error: { status: 404 } });
      }
    }
  });

  it("merging, relating, associating and looking up by value find nothing of the other tenant", async () => {
    const h = harness();
    const merge = await h.request(`${API}/contacts/merge`, {
      method: "POST",
      json: { contactIds: [ids.contactId, ids.secondContactId] },
    });
    expect(merge.status).toBe(404);
    const [member] = await h.database.db.execute<{ id: string }>(
      sql`select id from members where tenant_id = ${h.tenantId} limit 1`,
    );
    const relate = await h.request(`${API}/relationships`, {
      method: "POST",
      json: {
        user: { id: member?.id },
        externalOrganization: { id: ids.externalOrganizationId },
        relationship: "x",
      },
    });
    expect([400, 404]).toContain(relate.status);
    const associate = await h.request(`${API}/conversations/c-1`, {
      method: "PUT",
      json: {
        conversationId: "c-1",
        communicationId: "m-1",
        mediaType: "CALL",
        externalContactId: ids.contactId,
      },
    });
    expect(associate.status).toBe(404);
    const lookup = await h.request(`${API}/identifierlookup`, {
      method: "POST",
      json: { type: "Email", value: SECRET_EMAIL },
    });
    expect(lookup.status).toBe(404);
    const organizationLookup = await h.request(`${API}/identifierlookup/organizations`, {
      method: "POST",
      json: { type: "ExternalId", value: SECRET_NAME },
    });
    expect(organizationLookup.status).toBe(404);
    for (const value of [SECRET_EMAIL, SECRET_PHONE]) {
      const found = await h.request(`${API}/reversewhitepageslookup?lookupVal=${encodeURIComponent(value)}`);
      expect(await found.text()).not.toContain(ids.contactId!);
    }
  });

  // Every listing, search and scan of this tenant, with the other tenant's name as the search where there is one.
  const listings = OPERATIONS.filter((op) => op.method === "get" && !op.path.includes("{"));
  it.each(listings)("$operationId leaves the other tenant's records out", async (op) => {
    const search = op.query?.some((q) => q.name === "q") ? `?q=${SECRET_NAME}` : "";
    const response = await harness().request(`${op.path}${search}`);
    expect(response.status).toBeLessThan(500);
    const text = await response.text();
    for (const id of Object.values(ids)) if (id.length > 1) expect(text).not.toContain(id);
    // A search repeats its own terms in its links; the records are what must not come back.
    if (!search) expect(text).not.toContain(SECRET_NAME);
    else expect((JSON.parse(text) as { entities: unknown[] }).entities).toEqual([]);
  });

  it("are unchanged after all of the above", async () => {
    expect(await tenantRowsDigest(harness().database.db, otherTenantId)).toBe(before);
  });
});
