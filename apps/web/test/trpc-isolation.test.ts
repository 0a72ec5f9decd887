/**
 * Tenant isolation over tRPC, generated from the router: another tenant ("other") holds one record of every kind
 * a procedure takes the id of; every procedure of the app router is called over HTTP by this tenant's admin
 * (who holds `*`) with the other tenant's ids (and, where a procedure takes two, with one of ours and one of
 * theirs). Each call must answer as documented in its case (NOT_FOUND; BAD_REQUEST where an id is a reference
 * in the input, checked as a field; OK for listings and searches), exactly as it answers for ids that exist in
 * no tenant, and its response must carry nothing of the other tenant that the request did not. At the end, not
 * one row of the other tenant has changed. A procedure added to the router without a case here fails.
 */

import { tenantRowsDigest } from "@switchboard/db/testing";
import {
  addCustomerListMembers,
  addImage,
  addMember,
  addNote,
  addTag,
  type Context,
  claimIdentifier,
  createApiClient,
  createContact,
  createCsvImportJob,
  createCsvSettings,
  createCustomerList,
  createExport,
  createExternalSource,
  createImportJob,
  createImportSettings,
  createOrganization,
  createRelationship,
  createSchema,
  createUpload,
  dismissDuplicates,
  ensureTenant,
  type JobQueue,
  listProfessionalIdentities,
  mergeContacts,
  saveDivision,
  saveRole,
  setRoleDivisions,
  startJobQueue,
  systemActor,
  UPLOAD_TOKEN_HEADER,
} from "@switchboard/domain";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type AppRouter, appRouter } from "../src/server/trpc/root";
import { MEMBER, withWebServer } from "./server";

// The router module is imported here only to list its procedures; it marks itself server-only.
vi.mock("server-only", () => ({}));

const server = withWebServer();
type Api = ReturnType<typeof createTRPCClient<AppRouter>>;

const SECRET_NAME = "Zebulonia";
/** What a call names: the other tenant's records and values, or (same keys) ones that exist in no tenant. */
const ids = {
  name: SECRET_NAME,
  email: "zebulonia@other.example",
  phone: "+1 704 298 4733",
  contact: "",
  /** In a duplicate pair dismissed by the other tenant, with `contact`. */
  second: "",
  /** Merged into `survivor`. */
  mergedAway: "",
  survivor: "",
  organization: "",
  contactNote: "",
  organizationNote: "",
  relationship: "",
  contactSchema: "",
  organizationSchema: "",
  source: "",
  export: "",
  upload: "",
  importJob: "",
  csvImportJob: "",
  role: "",
  member: "",
  apiClient: "",
  division: "",
  homeDivision: "",
  /** The other tenant's tag on `contact`, image of `contact`, customer list, and `contact`'s professional identity. */
  tag: "",
  image: "",
  customerList: "",
  identity: "",
};
type Ids = typeof ids;
const other: Ids = { ...ids };
const unknown: Ids = {
  ...ids,
  name: "Nobodyville",
  email: "nobody@nowhere.example",
  phone: "+1 704 298 1111",
};
/**
 * Fresh uuids for `unknown`, in the same order as the other tenant's (a pair is stored and reported in uuid
 * order, so an error names the same one of the two).
 */
function unknownIds() {
  const keys = (Object.keys(ids) as (keyof Ids)[]).filter((key) => !ids[key]);
  const ranked = [...keys].sort((a, b) => other[a].localeCompare(other[b]));
  const fresh = keys.map(() => crypto.randomUUID()).sort();
  ranked.forEach((key, i) => {
    unknown[key] = fresh[i]!;
  });
}
/** This tenant's own records, for the calls that pair one of ours with one of theirs. */
const own = { contact: "", organization: "", member: "", apiClient: "", role: "", upload: "" };

let otherTenantId = "";
let before = "";
let api: Api;
let jobs: JobQueue | undefined;

/** The last HTTP exchange of `api`: the request (URL, decoded, and body) and the raw response body. */
let exchange = { request: "", response: "" };

/** Sends `csv` to an upload's URL, authorized by its token alone, as the import wizard does. */
async function sendFile(upload: { uploadId: string; token: string }, csv: string) {
  const response = await fetch(
    `${server().url}/api/v2/externalcontacts/import/csv/uploads/${upload.uploadId}/file`,
    {
      method: "PUT",
      headers: { [UPLOAD_TOKEN_HEADER]: upload.token, "content-type": "text/csv" },
      body: csv,
    },
  );
  expect(response.status, await response.clone().text()).toBeLessThan(300);
}

beforeAll(async () => {
  const database = server().database;
  const setup = await ensureTenant(database.db, {
    slug: "other",
    adminEmail: "admin@other.example",
    adminPassword: "other admin password",
    adminClientId: "other-admin",
    adminClientSecret: "other-admin-secret",
  });
  otherTenantId = setup.tenantId;
  other.homeDivision = setup.homeDivisionId;
  jobs = await startJobQueue(database.url, { supervise: false, max: 1 });
  const o: Context = { db: database.db, tenantId: otherTenantId, actor: systemActor("other"), jobs };

  other.division = (await saveDivision(o, { name: `${SECRET_NAME} division` })).id;
  other.role = (
    await saveRole(o, { name: `${SECRET_NAME} role`, permissions: ["externalContacts:contact:view"] })
  ).id;
  await setRoleDivisions(o, other.role, [other.division]);
  other.member = (
    await addMember(o, {
      email: "member@other.example",
      name: `${SECRET_NAME} Member`,
      password: "member of the other tenant",
      roleIds: [other.role],
    })
  ).id;
  other.apiClient = (await createApiClient(o, { name: `${SECRET_NAME} client`, roleIds: [other.role] })).id;
  other.source = (await createExternalSource(o, { name: `${SECRET_NAME} source` })).id;
  other.organization = (
    await createOrganization(o, {
      name: `${SECRET_NAME} Ltd`,
      externalIds: [{ sourceId: other.source, value: "other-org-1" }],
    })
  ).id;
  const schema = (kind: string) => ({
    name: `${SECRET_NAME} ${kind} schema`,
    jsonSchema: {
      properties: {
        tier: { allOf: [{ $ref: "#/definitions/enum" }], title: "Tier", enum: ["gold", "silver"] },
      },
    },
  });
  other.contactSchema = (await createSchema(o, "contact", schema("contact"))).id;
  other.organizationSchema = (await createSchema(o, "organization", schema("organization"))).id;
  other.contact = (
    await createContact(o, {
      firstName: SECRET_NAME,
      lastName: "Other",
      emails: [{ type: "work", address: other.email }],
      phones: [{ type: "cell", display: other.phone }],
      organizationId: other.organization,
      externalIds: [{ sourceId: other.source, value: "other-1" }],
    })
  ).id;
  await claimIdentifier(o, other.contact, { type: "Email", value: other.email });
  other.second = (await createContact(o, { firstName: `${SECRET_NAME} Two`, lastName: "Other" })).id;
  await dismissDuplicates(o, { contactIds: [other.contact, other.second] });
  const merging = [
    (await createContact(o, { firstName: `${SECRET_NAME} Three`, lastName: "Other" })).id,
    (await createContact(o, { firstName: `${SECRET_NAME} Four`, lastName: "Other" })).id,
  ];
  other.mergedAway = merging[0]!;
  other.survivor = (await mergeContacts(o, { contactIds: merging })).id;
  other.contactNote = (
    await addNote(o, { type: "contact", id: other.contact }, { text: `${SECRET_NAME} note` })
  ).id;
  other.organizationNote = (
    await addNote(o, { type: "organization", id: other.organization }, { text: `${SECRET_NAME} note` })
  ).id;
  other.relationship = (
    await createRelationship(o, {
      organizationId: other.organization,
      memberId: other.member,
      relationship: "Owner",
    })
  ).id;
  other.export = (await createExport(o, { entityType: "contacts" })).id;
  const settings = await createImportSettings(o, {
    name: `${SECRET_NAME} import`,
    matchingCriteria: ["Email"],
  });
  other.importJob = (await createImportJob(o, { settingsId: settings.id })).id;
  const csv = `First Name,Last Name\n${SECRET_NAME},Imported\n`;
  const upload = await createUpload(o, { fileName: `${SECRET_NAME}.csv`, fileSize: csv.length });
  await sendFile(upload, csv);
  other.upload = upload.uploadId;
  const csvSettings = await createCsvSettings(o, {
    externalSettingsId: settings.id,
    mappings: [
      { sourceField: "First Name", targetField: "firstName" },
      { sourceField: "Last Name", targetField: "lastName" },
    ],
  });
  other.csvImportJob = (
    await createCsvImportJob(o, { uploadId: upload.uploadId, settingsId: csvSettings.id })
  ).id;

  const person = { kind: "contact" as const, id: other.contact };
  other.tag = (await addTag(o, person, { name: `${SECRET_NAME} tag` })).id;
  other.image = (await addImage(o, person, { data: PNG })).id;
  other.customerList = (await createCustomerList(o, { name: `${SECRET_NAME} list` })).id;
  await addCustomerListMembers(o, other.customerList, [other.contact]);
  other.identity = (await listProfessionalIdentities(o, other.contact))[0]!.id;

  unknownIds();
  const cookie = await server().signIn();
  api = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${server().url}/api/trpc`,
        transformer: superjson,
        headers: { cookie },
        fetch: async (input, init) => {
          const response = await fetch(input, init);
          exchange = {
            request: decodeURIComponent(String(input)) + String(init?.body ?? ""),
            response: await response.clone().text(),
          };
          return response;
        },
      }),
    ],
  });
  own.contact = (await api.contacts.create.mutate({ firstName: "Own", lastName: "Contact" })).id;
  own.organization = (await api.organizations.create.mutate({ name: "Own organization" })).id;
  own.role = (await api.admin.saveRole.mutate({ name: "Own role", permissions: [] })).id;
  own.member = (
    await api.admin.addMember.mutate({
      email: "own@example.com",
      name: "Own",
      password: "own member password",
    })
  ).id;
  own.apiClient = (await api.admin.createApiClient.mutate({ name: "Own client", roleIds: [] })).id;
  const ownCsv = "Last Name\nOwnrow\n";
  const ownUpload = await api.imports.createUpload.mutate({ fileName: "own.csv", fileSize: ownCsv.length });
  await sendFile(ownUpload, ownCsv);
  own.upload = ownUpload.uploadId;

  before = await tenantRowsDigest(server().database.db, otherTenantId);
});

afterAll(async () => {
  await jobs?.stop();
});

type Code = "OK" | "NOT_FOUND" | "BAD_REQUEST";
interface Call {
  expect: Code;
  /** Why a call is BAD_REQUEST rather than NOT_FOUND, or why an OK holds nothing of the other tenant. */
  why?: string;
  run: (api: Api, ids: Ids) => Promise<unknown>;
}
const notFound = (run: Call["run"]): Call => ({ expect: "NOT_FOUND", run });
const refused = (why: string, run: Call["run"]): Call => ({ expect: "BAD_REQUEST", why, run });
const answers = (why: string, run: Call["run"]): Call => ({ expect: "OK", why, run });

const LISTING = "a listing of this tenant: it holds none of the other tenant's records";
const REFERENCE = "an id inside the input is a reference: refused as a field error, as an unknown id is";
const schemaDocument = (name: string) => ({
  name,
  jsonSchema: { properties: { level: { allOf: [{ $ref: "#/definitions/text" }], title: "Level" } } },
});
const unique = () => crypto.randomUUID().slice(0, 8);
/** A 1×1 PNG, base64. */
const PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
const person = (id: string) => ({ kind: "contact" as const, id });
const company = (id: string) => ({ kind: "organization" as const, id });

/** Every procedure of the router, with the calls that put the other tenant's ids in its input. */
const cases: Record<string, Call[]> = {
  "admin.roles": [answers(LISTING, (a) => a.admin.roles.query())],
  "admin.apiClients": [answers(LISTING, (a) => a.admin.apiClients.query())],
  "admin.createApiClient": [
    refused(REFERENCE, (a, x) =>
      a.admin.createApiClient.mutate({ name: `Client ${unique()}`, roleIds: [x.role] }),
    ),
  ],
  "admin.rotateApiClientSecret": [
    notFound((a, x) => a.admin.rotateApiClientSecret.mutate({ id: x.apiClient })),
  ],
  "admin.setApiClientRoles": [
    notFound((a, x) => a.admin.setApiClientRoles.mutate({ id: x.apiClient, roleIds: [] })),
    refused(REFERENCE, (a, x) => a.admin.setApiClientRoles.mutate({ id: own.apiClient, roleIds: [x.role] })),
  ],
  "admin.revokeApiClient": [notFound((a, x) => a.admin.revokeApiClient.mutate({ id: x.apiClient }))],
  "admin.members": [answers(LISTING, (a) => a.admin.members.query())],
  "admin.addMember": [
    refused(REFERENCE, (a, x) =>
      a.admin.addMember.mutate({
        email: `new-${unique()}@example.com`,
        name: "New",
        password: "a long password",
        roleIds: [x.role],
      }),
    ),
  ],
  "admin.setMemberRoles": [
    notFound((a, x) => a.admin.setMemberRoles.mutate({ id: x.member, roleIds: [] })),
    refused(REFERENCE, (a, x) => a.admin.setMemberRoles.mutate({ id: own.member, roleIds: [x.role] })),
  ],
  "admin.setMemberActive": [
    notFound((a, x) => a.admin.setMemberActive.mutate({ id: x.member, active: false })),
  ],
  "admin.removeMember": [notFound((a, x) => a.admin.removeMember.mutate({ id: x.member }))],
  "admin.roleSummaries": [answers(LISTING, (a) => a.admin.roleSummaries.query())],
  "admin.saveRole": [
    notFound((a, x) => a.admin.saveRole.mutate({ id: x.role, name: `Role ${unique()}`, permissions: [] })),
    refused(REFERENCE, (a, x) =>
      a.admin.saveRole.mutate({ name: `Role ${unique()}`, permissions: [], divisionIds: [x.division] }),
    ),
    refused(REFERENCE, (a, x) =>
      a.admin.saveRole.mutate({
        id: own.role,
        name: "Own role",
        permissions: [],
        divisionIds: [x.homeDivision],
      }),
    ),
  ],
  "admin.divisionOptions": [answers(LISTING, (a) => a.admin.divisionOptions.query())],
  "admin.deleteRole": [notFound((a, x) => a.admin.deleteRole.mutate({ id: x.role }))],
  "admin.divisions": [answers(LISTING, (a) => a.admin.divisions.query())],
  "admin.saveDivision": [
    notFound((a, x) => a.admin.saveDivision.mutate({ id: x.division, name: "Renamed" })),
  ],
  "admin.deleteDivision": [
    notFound((a, x) => a.admin.deleteDivision.mutate({ id: x.division })),
    notFound((a, x) => a.admin.deleteDivision.mutate({ id: x.homeDivision })),
  ],

  "contactDetails.identifiers": [notFound((a, x) => a.contactDetails.identifiers.query({ id: x.contact }))],
  "contactDetails.claimIdentifier": [
    notFound((a, x) =>
      a.contactDetails.claimIdentifier.mutate({
        id: x.contact,
        identifier: { type: "Email", value: `claim-${unique()}@this.example` },
      }),
    ),
    answers(
      "identifiers are unique per tenant: ours may claim the value theirs holds, naming nothing of theirs",
      (a, x) =>
        a.contactDetails.claimIdentifier.mutate({
          id: own.contact,
          identifier: { type: "Email", value: x.email },
        }),
    ),
    refused(REFERENCE, (a, x) =>
      a.contactDetails.claimIdentifier.mutate({
        id: own.contact,
        identifier: { type: "Email", value: `sourced-${unique()}@this.example`, sourceId: x.source },
      }),
    ),
  ],
  "contactDetails.releaseIdentifier": [
    notFound((a, x) =>
      a.contactDetails.releaseIdentifier.mutate({
        id: x.contact,
        identifier: { type: "Email", value: x.email },
      }),
    ),
  ],
  "contactDetails.unresolved": [
    notFound((a, x) => a.contactDetails.unresolved.query({ id: x.mergedAway })),
    notFound((a, x) => a.contactDetails.unresolved.query({ id: x.contact })),
  ],
  "contactDetails.unresolvedHistory": [
    notFound((a, x) => a.contactDetails.unresolvedHistory.query({ id: x.mergedAway })),
  ],
  "contactDetails.merge": [
    notFound((a, x) => a.contactDetails.merge.query({ id: x.mergedAway })),
    notFound((a, x) => a.contactDetails.merge.query({ id: x.survivor })),
  ],

  "contacts.list": [
    answers(LISTING, (a, x) => a.contacts.list.query({ q: x.name })),
    answers(LISTING, (a, x) => a.contacts.list.query({ q: x.email })),
    answers(LISTING, (a, x) => a.contacts.list.query({ q: x.phone })),
    answers(LISTING, (a, x) => a.contacts.list.query({ organizationId: x.organization })),
    answers(LISTING, (a, x) => a.contacts.list.query({ divisionId: x.homeDivision, withTotal: false })),
  ],
  "contacts.listRows": [
    answers(LISTING, (a, x) => a.contacts.listRows.query({ q: x.name })),
    answers(LISTING, (a, x) => a.contacts.listRows.query({ organizationId: x.organization })),
    answers(LISTING, (a, x) => a.contacts.listRows.query({ divisionId: x.division, withTotal: false })),
  ],
  "contacts.divisions": [answers(LISTING, (a) => a.contacts.divisions.query())],
  "contacts.duplicates": [answers(LISTING, (a) => a.contacts.duplicates.query({}))],
  "contacts.dismissDuplicates": [
    notFound((a, x) => a.contacts.dismissDuplicates.mutate({ contactIds: [x.contact, x.second] })),
    notFound((a, x) => a.contacts.dismissDuplicates.mutate({ contactIds: [own.contact, x.contact] })),
  ],
  "contacts.undoDuplicateDismissals": [
    notFound((a, x) => a.contacts.undoDuplicateDismissals.mutate({ pairs: [{ a: x.contact, b: x.second }] })),
    notFound((a, x) =>
      a.contacts.undoDuplicateDismissals.mutate({ pairs: [{ a: own.contact, b: x.contact }] }),
    ),
  ],
  "contacts.duplicateDismissals": [answers(LISTING, (a) => a.contacts.duplicateDismissals.query({}))],
  "contacts.merge": [
    notFound((a, x) => a.contacts.merge.mutate({ contactIds: [x.contact, x.second] })),
    notFound((a, x) => a.contacts.merge.mutate({ contactIds: [own.contact, x.contact] })),
  ],
  "contacts.get": [
    notFound((a, x) => a.contacts.get.query({ id: x.contact })),
    notFound((a, x) => a.contacts.get.query({ id: x.mergedAway })),
  ],
  "contacts.history": [notFound((a, x) => a.contacts.history.query({ id: x.contact }))],
  "contacts.create": [
    refused(REFERENCE, (a, x) =>
      a.contacts.create.mutate({ lastName: "Ref", organizationId: x.organization }),
    ),
    refused(REFERENCE, (a, x) => a.contacts.create.mutate({ lastName: "Ref", divisionId: x.division })),
    refused(REFERENCE, (a, x) =>
      a.contacts.create.mutate({ lastName: "Ref", externalIds: [{ sourceId: x.source, value: "other-1" }] }),
    ),
    refused(REFERENCE, (a, x) =>
      a.contacts.create.mutate({ lastName: "Ref", schemaId: x.contactSchema, schemaVersion: 1 }),
    ),
  ],
  "contacts.update": [
    notFound((a, x) => a.contacts.update.mutate({ id: x.contact, contact: { lastName: "Changed" } })),
    refused(REFERENCE, (a, x) =>
      a.contacts.update.mutate({
        id: own.contact,
        contact: { lastName: "Contact", organizationId: x.organization },
      }),
    ),
  ],
  "contacts.delete": [notFound((a, x) => a.contacts.delete.mutate({ id: x.contact }))],

  "exports.list": [answers(LISTING, (a) => a.exports.list.query({}))],
  "exports.get": [notFound((a, x) => a.exports.get.query({ id: x.export }))],
  "exports.create": [
    refused(REFERENCE, (a, x) =>
      a.exports.create.mutate({ entityType: "contacts", divisionIds: [x.division] }),
    ),
  ],
  "exports.divisions": [answers(LISTING, (a) => a.exports.divisions.query())],

  "imports.createUpload": [
    answers("takes no id: a slot of this tenant", (a) =>
      a.imports.createUpload.mutate({ fileName: "new.csv", fileSize: 10 }),
    ),
  ],
  "imports.upload": [notFound((a, x) => a.imports.upload.query({ uploadId: x.upload }))],
  "imports.preview": [notFound((a, x) => a.imports.preview.query({ uploadId: x.upload }))],
  "imports.divisions": [answers(LISTING, (a) => a.imports.divisions.query())],
  "imports.start": [
    refused(REFERENCE, (a, x) =>
      a.imports.start.mutate({
        uploadId: x.upload,
        fileName: "x.csv",
        mappings: [{ sourceField: "Last Name", targetField: "lastName" }],
        matchingCriteria: [],
      }),
    ),
    refused(REFERENCE, (a, x) =>
      a.imports.start.mutate({
        uploadId: own.upload,
        fileName: "own.csv",
        mappings: [{ sourceField: "Last Name", targetField: "lastName" }],
        matchingCriteria: [],
        divisionId: x.division,
      }),
    ),
  ],
  "imports.recent": [answers(LISTING, (a) => a.imports.recent.query())],
  "imports.job": [
    notFound((a, x) => a.imports.job.query({ id: x.importJob })),
    notFound((a, x) => a.imports.job.query({ id: x.csvImportJob })),
  ],
  "imports.act": [
    notFound((a, x) => a.imports.act.mutate({ id: x.csvImportJob, action: "Cancel" })),
    notFound((a, x) => a.imports.act.mutate({ id: x.importJob, action: "Continue" })),
  ],

  "notes.list": [
    notFound((a, x) => a.notes.list.query({ parent: { type: "contact", id: x.contact } })),
    notFound((a, x) => a.notes.list.query({ parent: { type: "organization", id: x.organization } })),
  ],
  "notes.add": [
    notFound((a, x) => a.notes.add.mutate({ parent: { type: "contact", id: x.contact }, text: "x" })),
    notFound((a, x) =>
      a.notes.add.mutate({ parent: { type: "organization", id: x.organization }, text: "x" }),
    ),
  ],
  "notes.update": [
    notFound((a, x) =>
      a.notes.update.mutate({ parent: { type: "contact", id: x.contact }, id: x.contactNote, text: "x" }),
    ),
    notFound((a, x) =>
      a.notes.update.mutate({ parent: { type: "contact", id: own.contact }, id: x.contactNote, text: "x" }),
    ),
    notFound((a, x) =>
      a.notes.update.mutate({
        parent: { type: "organization", id: own.organization },
        id: x.organizationNote,
        text: "x",
      }),
    ),
  ],
  "notes.delete": [
    notFound((a, x) =>
      a.notes.delete.mutate({ parent: { type: "contact", id: x.contact }, id: x.contactNote }),
    ),
    notFound((a, x) =>
      a.notes.delete.mutate({ parent: { type: "contact", id: own.contact }, id: x.contactNote }),
    ),
  ],

  "profile.roles": [
    notFound((a, x) => a.profile.roles.query({ owner: person(x.contact) })),
    notFound((a, x) => a.profile.roles.query({ owner: company(x.organization) })),
  ],
  "profile.putRole": [
    notFound((a, x) =>
      a.profile.putRole.mutate({
        owner: person(x.contact),
        kind: "alternativePayer",
        role: { number: "AP-1", isActive: true, since: "2024-01-01" },
      }),
    ),
  ],
  "profile.deleteRole": [
    notFound((a, x) => a.profile.deleteRole.mutate({ owner: person(x.contact), kind: "customer" })),
  ],
  "profile.alternativePayers": [answers(LISTING, (a) => a.profile.alternativePayers.query())],
  "profile.tags": [notFound((a, x) => a.profile.tags.query({ owner: person(x.contact) }))],
  "profile.tenantTags": [answers(LISTING, (a) => a.profile.tenantTags.query())],
  "profile.addTag": [notFound((a, x) => a.profile.addTag.mutate({ owner: person(x.contact), name: "x" }))],
  "profile.removeTag": [
    notFound((a, x) => a.profile.removeTag.mutate({ owner: person(x.contact), tagId: x.tag })),
    notFound((a, x) => a.profile.removeTag.mutate({ owner: person(own.contact), tagId: x.tag })),
  ],
  "profile.images": [notFound((a, x) => a.profile.images.query({ owner: person(x.contact) }))],
  "profile.image": [
    notFound((a, x) => a.profile.image.query({ owner: person(x.contact), id: x.image })),
    notFound((a, x) => a.profile.image.query({ owner: person(own.contact), id: x.image })),
  ],
  "profile.addImage": [
    notFound((a, x) => a.profile.addImage.mutate({ owner: person(x.contact), data: PNG })),
  ],
  "profile.removeImage": [
    notFound((a, x) => a.profile.removeImage.mutate({ owner: person(x.contact), id: x.image })),
    notFound((a, x) => a.profile.removeImage.mutate({ owner: person(own.contact), id: x.image })),
  ],

  "professionalIdentities.list": [
    notFound((a, x) => a.professionalIdentities.list.query({ contactId: x.contact })),
  ],
  "professionalIdentities.create": [
    notFound((a, x) =>
      a.professionalIdentities.create.mutate({
        contactId: x.contact,
        identity: { organizationId: own.organization },
      }),
    ),
    refused(REFERENCE, (a, x) =>
      a.professionalIdentities.create.mutate({
        contactId: own.contact,
        identity: { organizationId: x.organization },
      }),
    ),
  ],
  "professionalIdentities.update": [
    notFound((a, x) =>
      a.professionalIdentities.update.mutate({ contactId: x.contact, id: x.identity, identity: {} }),
    ),
    notFound((a, x) =>
      a.professionalIdentities.update.mutate({ contactId: own.contact, id: x.identity, identity: {} }),
    ),
  ],
  "professionalIdentities.delete": [
    notFound((a, x) => a.professionalIdentities.delete.mutate({ contactId: x.contact, id: x.identity })),
    notFound((a, x) => a.professionalIdentities.delete.mutate({ contactId: own.contact, id: x.identity })),
  ],
  "professionalIdentities.representatives": [
    notFound((a, x) => a.professionalIdentities.representatives.query({ organizationId: x.organization })),
  ],

  "customerLists.list": [answers(LISTING, (a) => a.customerLists.list.query())],
  "customerLists.get": [notFound((a, x) => a.customerLists.get.query({ id: x.customerList }))],
  "customerLists.create": [
    answers("takes no id: a list of this tenant", (a) =>
      a.customerLists.create.mutate({ name: `Own ${unique()}` }),
    ),
  ],
  "customerLists.rename": [
    notFound((a, x) => a.customerLists.rename.mutate({ id: x.customerList, name: "Renamed" })),
  ],
  "customerLists.delete": [notFound((a, x) => a.customerLists.delete.mutate({ id: x.customerList }))],
  "customerLists.members": [notFound((a, x) => a.customerLists.members.query({ id: x.customerList }))],
  "customerLists.addMembers": [
    notFound((a, x) => a.customerLists.addMembers.mutate({ id: x.customerList, ids: [own.contact] })),
  ],
  "customerLists.removeMember": [
    notFound((a, x) => a.customerLists.removeMember.mutate({ id: x.customerList, memberId: x.contact })),
  ],

  "dfs.pendingChangeRequests": [answers(LISTING, (a) => a.dfs.pendingChangeRequests.query({ page: 1 }))],
  "dfs.review": [
    notFound((a, x) => a.dfs.review.mutate({ contactId: x.contact, number: 1, isApproved: true })),
  ],
  "dfs.outbox": [answers(LISTING, (a) => a.dfs.outbox.query())],
  "dfs.contactDetails": [notFound((a, x) => a.dfs.contactDetails.query({ id: x.contact }))],
  "dfs.updateContactDetails": [
    notFound((a, x) =>
      a.dfs.updateContactDetails.mutate({ id: x.contact, changes: { "personalInformation.firstName": "X" } }),
    ),
  ],
  "dfs.schema": [
    answers("the tenant's own details schema: no id is taken", (a) => a.dfs.schema.query({ key: "contact" })),
  ],
  "dfs.saveSchemaFlags": [
    answers("the tenant's own details schema: no id is taken", async (a) => {
      const { concurrencyToken } = await a.dfs.schema.query({ key: "contact" });
      return a.dfs.saveSchemaFlags.mutate({ key: "contact", concurrencyToken, fields: [] });
    }),
  ],

  "organizations.list": [answers(LISTING, (a, x) => a.organizations.list.query({ q: x.name }))],
  "organizations.get": [notFound((a, x) => a.organizations.get.query({ id: x.organization }))],
  "organizations.contacts": [notFound((a, x) => a.organizations.contacts.query({ id: x.organization }))],
  "organizations.history": [notFound((a, x) => a.organizations.history.query({ id: x.organization }))],
  "organizations.create": [
    refused(REFERENCE, (a, x) => a.organizations.create.mutate({ name: "Ref", divisionId: x.division })),
    refused(REFERENCE, (a, x) =>
      a.organizations.create.mutate({
        name: "Ref",
        externalIds: [{ sourceId: x.source, value: "other-org-1" }],
      }),
    ),
    refused(REFERENCE, (a, x) =>
      a.organizations.create.mutate({ name: "Ref", schemaId: x.organizationSchema, schemaVersion: 1 }),
    ),
  ],
  "organizations.update": [
    notFound((a, x) =>
      a.organizations.update.mutate({ id: x.organization, organization: { name: "Changed" } }),
    ),
  ],
  "organizations.delete": [notFound((a, x) => a.organizations.delete.mutate({ id: x.organization }))],
  "organizations.relationships": [
    notFound((a, x) => a.organizations.relationships.query({ id: x.organization })),
  ],
  "organizations.addRelationship": [
    refused(REFERENCE, (a, x) =>
      a.organizations.addRelationship.mutate({
        organizationId: x.organization,
        memberId: own.member,
        relationship: "Owner",
      }),
    ),
    refused(REFERENCE, (a, x) =>
      a.organizations.addRelationship.mutate({
        organizationId: own.organization,
        memberId: x.member,
        relationship: "Owner",
      }),
    ),
  ],
  "organizations.removeRelationship": [
    notFound((a, x) => a.organizations.removeRelationship.mutate({ id: x.relationship })),
  ],
  "organizations.users": [answers(LISTING, (a) => a.organizations.users.query())],

  "schemas.coreTypes": [
    answers("the core types are the same for every tenant", (a) => a.schemas.coreTypes.query()),
  ],
  "schemas.list": [
    answers(LISTING, (a) => a.schemas.list.query({ target: "contact" })),
    answers(LISTING, (a) => a.schemas.list.query({ target: "organization" })),
  ],
  "schemas.get": [
    notFound((a, x) => a.schemas.get.query({ target: "contact", id: x.contactSchema })),
    notFound((a, x) => a.schemas.get.query({ target: "organization", id: x.organizationSchema })),
  ],
  "schemas.versions": [
    notFound((a, x) => a.schemas.versions.query({ target: "contact", id: x.contactSchema })),
  ],
  "schemas.create": [
    answers("takes no id: a schema of this tenant", (a) =>
      a.schemas.create.mutate({ target: "contact", schema: schemaDocument(`Own ${unique()}`) }),
    ),
  ],
  "schemas.update": [
    notFound((a, x) =>
      a.schemas.update.mutate({
        target: "contact",
        id: x.contactSchema,
        version: 1,
        schema: schemaDocument(`${SECRET_NAME} contact schema`),
      }),
    ),
  ],

  "session.me": [answers("who is signed in: this tenant's member", (a) => a.session.me.query())],
};

/** How a call ended, and what went over the wire. */
interface Outcome {
  code: string;
  message: string;
  fieldErrors: Record<string, string>;
  request: string;
  response: string;
}
async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  exchange = { request: "", response: "" };
  try {
    await run();
    return { code: "OK", message: "", fieldErrors: {}, ...exchange };
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    const data = (error as TRPCClientError<AppRouter>).data;
    return {
      code: data?.code ?? "?",
      message: error.message,
      fieldErrors: data?.fieldErrors ?? {},
      ...exchange,
    };
  }
}

/** An error answer with the values it was asked about replaced by their names, to compare across calls. */
function normalized(o: Outcome, values: Ids) {
  const entries = Object.entries(values).sort(([, a], [, b]) => b.length - a.length);
  const named = (text: string) => entries.reduce((t, [key, value]) => t.replaceAll(value, `{${key}}`), text);
  return {
    code: o.code,
    message: named(o.message),
    fieldErrors: Object.fromEntries(Object.entries(o.fieldErrors).map(([k, v]) => [k, named(v)])),
  };
}

const procedures = Object.keys(appRouter._def.procedures).sort();

describe("another tenant's records through every tRPC procedure", () => {
  it("the router has procedures, and every one has a case here", () => {
    expect(procedures.length).toBeGreaterThan(0);
    expect(
      procedures.filter((path) => !cases[path]),
      "procedures without an isolation case",
    ).toEqual([]);
    expect(
      Object.keys(cases).filter((path) => !procedures.includes(path)),
      "cases of no procedure",
    ).toEqual([]);
  });

  it.each(procedures)(
    "%s with the other tenant's ids answers as for ids of no tenant, and leaks nothing",
    async (path) => {
      const calls = cases[path];
      if (!calls) expect.fail(`${path} has no isolation case: add one to cases in trpc-isolation.test.ts`);
      const secrets = [...Object.values(other), "+17042984733", "other.example"];
      for (const [i, call] of calls.entries()) {
        const label = `${path} call ${i + 1}`;
        const got = await outcome(() => call.run(api, other));
        expect(got.code, `${label}: ${got.message} ${JSON.stringify(got.fieldErrors)}`).toBe(call.expect);
        expect(got.response, `${label} reached the server`).not.toBe("");
        for (const secret of secrets)
          if (!got.request.includes(secret))
            expect(
              got.response,
              `${label} answers with ${secret}, which it was not asked about`,
            ).not.toContain(secret);
        const baseline = await outcome(() => call.run(api, unknown));
        expect(normalized(got, other), `${label}: the other tenant's ids answer as ids of no tenant`).toEqual(
          normalized(baseline, unknown),
        );
      }
    },
  );

  it("the other tenant's rows are unchanged after all of the above", async () => {
    expect(await tenantRowsDigest(server().database.db, otherTenantId)).toBe(before);
  });

  it("this tenant's admin is still who it was (the calls changed nothing of ours they should not)", async () => {
    const me = await api.session.me.query();
    expect(me?.member.email).toBe(MEMBER.email);
    expect(me?.permissions).toContain("*");
  });
});
