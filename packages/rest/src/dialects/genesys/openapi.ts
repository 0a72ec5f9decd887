import { z } from "zod";
import { CONTACT_SEARCH_OPERATIONS, CONTACT_SEARCH_SCHEMAS } from "./contact-search";
import { ENRICH_OPERATIONS, ENRICH_SCHEMAS } from "./enrich";
import { GRAPH_OPERATIONS, GRAPH_SCHEMAS } from "./graphs";
import { ORGANIZATION_IDENTIFIER_OPERATIONS, ORGANIZATION_IDENTIFIER_SCHEMAS } from "./identifiers";
import { IMPORT_OPERATIONS, IMPORT_SCHEMAS } from "./imports";
import { SEGMENT_OPERATIONS, SEGMENT_SCHEMAS } from "./journey-segments";
import { externalContactsPatchRequest } from "./patch";
import { DIVISION_VIEW_OPERATIONS, DIVISION_VIEW_SCHEMAS } from "./scans";
import {
  appleOpaqueId,
  contactAddress,
  contactsExport,
  contactsExportFilter,
  contactsExportQueryConditions,
  contactsExportRequest,
  cursorListing,
  dataSchema,
  errorBody,
  externalContact,
  externalContactOut,
  externalId,
  externalOrganization,
  externalOrganizationOut,
  externalSourceInput,
  facebookId,
  instagramId,
  journeySession,
  lineId,
  listing,
  note,
  notesExportModels,
  organizationsExportModels,
  pageListing,
  phoneNumber,
  relationship,
  relationshipsExportModels,
  tokenResponse,
  trustorLink,
  twitterId,
  whatsAppId,
} from "./wire";

/**
 * The OpenAPI 3.1 document of the Genesys dialect, generated from the same zod schemas the routes validate
 * with, so the reference cannot drift from the implementation. Every named schema (and the sub-models the
 * SDKs name) becomes a component; the rest is inlined.
 */
const schemas = {
  ExternalContact: externalContactOut,
  ExternalContactInput: externalContact,
  ContactListing: pageListing(externalContactOut),
  PhoneNumber: phoneNumber,
  ContactAddress: contactAddress,
  TwitterId: twitterId,
  LineId: lineId,
  WhatsAppId: whatsAppId,
  FacebookId: facebookId,
  InstagramId: instagramId,
  AppleOpaqueId: appleOpaqueId,
  ExternalId: externalId,
  ContactsExport: contactsExport,
  ContactsExportRequest: contactsExportRequest,
  ContactsExportQueryConditions: contactsExportQueryConditions,
  ContactsExportFilter: contactsExportFilter,
  ContactsExportListing: cursorListing(contactsExport),
  OrganizationsExport: organizationsExportModels.model,
  OrganizationsExportRequest: organizationsExportModels.request,
  OrganizationsExportQueryConditions: organizationsExportModels.queryConditions,
  OrganizationsExportFilter: organizationsExportModels.filter,
  OrganizationsExportListing: cursorListing(organizationsExportModels.model),
  NotesExport: notesExportModels.model,
  NotesExportRequest: notesExportModels.request,
  NotesExportQueryConditions: notesExportModels.queryConditions,
  NotesExportFilter: notesExportModels.filter,
  NotesExportListing: cursorListing(notesExportModels.model),
  RelationshipsExport: relationshipsExportModels.model,
  RelationshipsExportRequest: relationshipsExportModels.request,
  RelationshipsExportQueryConditions: relationshipsExportModels.queryConditions,
  RelationshipsExportFilter: relationshipsExportModels.filter,
  RelationshipsExportListing: cursorListing(relationshipsExportModels.model),
  DataSchema: dataSchema,
  DataSchemaListing: listing(dataSchema),
  ExternalSource: externalSourceInput,
  CursorExternalSourceListing: cursorListing(externalSourceInput),
  ExternalOrganization: externalOrganizationOut,
  ExternalOrganizationInput: externalOrganization,
  ExternalOrganizationListing: pageListing(externalOrganizationOut),
  ExternalOrganizationTrustorLink: trustorLink,
  Note: note,
  NoteListing: pageListing(note),
  Relationship: relationship,
  RelationshipListing: pageListing(relationship),
  ...IMPORT_SCHEMAS,
  ...DIVISION_VIEW_SCHEMAS,
  ...ORGANIZATION_IDENTIFIER_SCHEMAS,
  ...CONTACT_SEARCH_SCHEMAS,
  ...GRAPH_SCHEMAS,
  ...ENRICH_SCHEMAS,
  ErrorBody: errorBody,
  TokenResponse: tokenResponse,
  Empty: z.object({}),
  SessionListing: cursorListing(journeySession),
  ...SEGMENT_SCHEMAS,
  ExternalContactsPatchRequest: externalContactsPatchRequest,
};

function componentSchemas() {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  // `input`: request bodies may carry fields we ignore, so no `additionalProperties: false` is claimed.
  const { schemas: generated } = z.toJSONSchema(registry, {
    io: "input",
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
  });
  // The document fixes the dialect (3.1 = JSON Schema 2020-12) and the components' names.
  for (const schema of Object.values(generated)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return generated;
}
type SchemaName = keyof typeof schemas;

export interface Operation {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  operationId: string;
  summary: string;
  /** What the caller must hold: all of them, or one of them with `anyPermission` (the reference's "or"). */
  permissions: string[];
  anyPermission?: boolean;
  query?: { name: string; description: string; array?: boolean; integer?: boolean }[];
  body?: SchemaName;
  /** The body may be left out (the SDK marks it optional). */
  bodyOptional?: boolean;
  status: number;
  response?: SchemaName;
  /** When the operation answers 201 instead, with the same body (enrich: when it creates the record). */
  created?: string;
}

const contactQuery = [
  { name: "pageSize", description: "Page size (default 20); pageNumber × pageSize ≤ 1000", integer: true },
  { name: "pageNumber", description: "Page number (default 1)", integer: true },
  { name: "q", description: "Search keywords: names, emails, phone numbers in any format" },
  {
    name: "sortOrder",
    description: "field:asc|desc with field one of firstName, lastName, middleName, title",
  },
  {
    name: "expand",
    description:
      "externalOrganization, externalDataSources, identifiers, externalSources, division, mergeset",
    array: true,
  },
  { name: "divisionIds", description: "Only contacts in these divisions (up to 50)", array: true },
];
const expandOnly = [contactQuery[4]!];
const scanQuery = [
  { name: "limit", description: "10 to 200, default 100", integer: true },
  { name: "cursor", description: "cursors.after of the previous page (valid 24 h)" },
  { name: "divisionId", description: "A division id, or * for every division" },
];

const exportListQuery = [
  { name: "divisionIds", description: "Division IDs of entities", array: true },
  {
    name: "after",
    description: "The cursor that points to the end of the set of entities that has been returned",
  },
  { name: "pageSize", description: "Number of entities to return", integer: true },
];

/** The create, list and get operations of the SDK-only exports (§5); 201 on create, as for contacts. */
function exportOperations(kind: "Organizations" | "Notes" | "Relationships", view: string[]): Operation[] {
  const path = `/api/v2/externalcontacts/${kind.toLowerCase()}/exports`;
  return [
    {
      method: "post",
      path,
      operationId: `postExternalcontacts${kind}Exports`,
      summary: `Create ${kind.toLowerCase()} export`,
      permissions: ["externalContacts:export:add", ...view],
      body: `${kind}ExportRequest`,
      status: 201,
      response: `${kind}Export`,
    },
    {
      method: "get",
      path,
      operationId: `getExternalcontacts${kind}Exports`,
      summary: `List ${kind.toLowerCase()} exports`,
      permissions: ["externalContacts:export:view", ...view],
      query: exportListQuery,
      status: 200,
      response: `${kind}ExportListing`,
    },
    {
      method: "get",
      path: `${path}/{exportId}`,
      operationId: `getExternalcontacts${kind}Export`,
      summary: `Get ${kind.toLowerCase()} export`,
      permissions: ["externalContacts:export:view", ...view],
      status: 200,
      response: `${kind}Export`,
    },
  ];
}

export const OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/api/v2/externalcontacts/contacts",
    operationId: "getExternalcontactsContacts",
    summary: "Search for external contacts",
    permissions: ["externalContacts:contact:view"],
    query: contactQuery,
    status: 200,
    response: "ContactListing",
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/contacts",
    operationId: "postExternalcontactsContacts",
    summary: "Create an external contact",
    permissions: ["externalContacts:contact:add"],
    body: "ExternalContactInput",
    status: 200,
    response: "ExternalContact",
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/contacts/{contactId}",
    operationId: "getExternalcontactsContact",
    summary: "Fetch an external contact",
    permissions: ["externalContacts:contact:view"],
    query: expandOnly,
    status: 200,
    response: "ExternalContact",
  },
  {
    method: "put",
    path: "/api/v2/externalcontacts/contacts/{contactId}",
    operationId: "putExternalcontactsContact",
    summary: "Update an external contact",
    permissions: ["externalContacts:contact:edit"],
    body: "ExternalContactInput",
    status: 200,
    response: "ExternalContact",
  },
  {
    method: "patch",
    path: "/api/v2/externalcontacts/contacts/{contactId}",
    operationId: "patchExternalcontactsContact",
    summary: "Partially update an external contact (JSONPath changes)",
    permissions: ["externalContacts:contact:edit"],
    body: "ExternalContactsPatchRequest",
    status: 200,
    response: "ExternalContact",
  },
  {
    method: "delete",
    path: "/api/v2/externalcontacts/contacts/{contactId}",
    operationId: "deleteExternalcontactsContact",
    summary: "Delete an external contact",
    permissions: ["externalContacts:contact:delete"],
    status: 200,
    response: "Empty",
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/contacts/exports",
    operationId: "postExternalcontactsContactsExports",
    summary: "Create bulk export",
    permissions: ["externalContacts:export:add", "externalContacts:contact:view"],
    body: "ContactsExportRequest",
    status: 201,
    response: "ContactsExport",
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/contacts/exports",
    operationId: "getExternalcontactsContactsExports",
    summary: "List exports for organization",
    permissions: ["externalContacts:export:view", "externalContacts:contact:view"],
    query: [
      { name: "divisionIds", description: "Division IDs of entities", array: true },
      {
        name: "after",
        description: "The cursor that points to the end of the set of entities that has been returned",
      },
      { name: "pageSize", description: "Number of entities to return", integer: true },
    ],
    status: 200,
    response: "ContactsExportListing",
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/contacts/exports/{exportId}",
    operationId: "getExternalcontactsContactsExport",
    summary: "Get export for exportId",
    permissions: ["externalContacts:export:view", "externalContacts:contact:view"],
    status: 200,
    response: "ContactsExport",
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/contacts/schemas",
    operationId: "getExternalcontactsContactsSchemas",
    summary: "Get a list of schemas",
    permissions: ["externalContacts:customFields:view"],
    status: 200,
    response: "DataSchemaListing",
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/contacts/schemas",
    operationId: "postExternalcontactsContactsSchemas",
    summary: "Create a schema",
    permissions: ["externalContacts:customFields:add"],
    body: "DataSchema",
    status: 200,
    response: "DataSchema",
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/contacts/schemas/{schemaId}",
    operationId: "getExternalcontactsContactsSchema",
    summary: "Get a schema",
    permissions: ["externalContacts:customFields:view"],
    status: 200,
    response: "DataSchema",
  },
  {
    method: "put",
    path: "/api/v2/externalcontacts/contacts/schemas/{schemaId}",
    operationId: "putExternalcontactsContactsSchema",
    summary: "Update a schema (a new version)",
    permissions: ["externalContacts:customFields:edit"],
    body: "DataSchema",
    status: 200,
    response: "DataSchema",
  },
  {
    method: "delete",
    path: "/api/v2/externalcontacts/contacts/schemas/{schemaId}",
    operationId: "deleteExternalcontactsContactsSchema",
    summary: "Delete a schema",
    permissions: ["externalContacts:customFields:edit"],
    status: 204,
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/contacts/schemas/{schemaId}/versions",
    operationId: "getExternalcontactsContactsSchemaVersions",
    summary: "Get all versions of a schema",
    permissions: ["externalContacts:customFields:view"],
    status: 200,
    response: "DataSchemaListing",
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/contacts/schemas/{schemaId}/versions/{versionId}",
    operationId: "getExternalcontactsContactsSchemaVersion",
    summary: "Get a specific version of a schema",
    permissions: ["externalContacts:customFields:view"],
    status: 200,
    response: "DataSchema",
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/contacts/schemas/coretypes",
    operationId: "getExternalcontactsContactsSchemasCoretypes",
    summary: "Get the core types from which all schemas are built",
    permissions: ["externalContacts:customFields:view"],
    status: 200,
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/contacts/schemas/coretypes/{coreTypeName}",
    operationId: "getExternalcontactsContactsSchemasCoretype",
    summary: "Get a specific named core type",
    permissions: ["externalContacts:customFields:view"],
    status: 200,
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/contacts/schemas/limits",
    operationId: "getExternalcontactsContactsSchemasLimits",
    summary: "Get quantitative limits on schemas",
    permissions: ["externalContacts:customFields:view"],
    status: 200,
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/organizations/schemas",
    operationId: "getExternalcontactsOrganizationsSchemas",
    summary: "Get a list of schemas",
    permissions: ["externalContacts:customFields:view"],
    status: 200,
    response: "DataSchemaListing",
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/organizations/schemas",
    operationId: "postExternalcontactsOrganizationsSchemas",
    summary: "Create a schema",
    permissions: ["externalContacts:customFields:add"],
    body: "DataSchema",
    status: 200,
    response: "DataSchema",
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/organizations/schemas/{schemaId}",
    operationId: "getExternalcontactsOrganizationsSchema",
    summary: "Get a schema",
    permissions: ["externalContacts:customFields:view"],
    status: 200,
    response: "DataSchema",
  },
  {
    method: "put",
    path: "/api/v2/externalcontacts/organizations/schemas/{schemaId}",
    operationId: "putExternalcontactsOrganizationsSchema",
    summary: "Update a schema (a new version)",
    permissions: ["externalContacts:customFields:edit"],
    body: "DataSchema",
    status: 200,
    response: "DataSchema",
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/organizations/schemas/{schemaId}/versions",
    operationId: "getExternalcontactsOrganizationsSchemaVersions",
    summary: "Get all versions of a schema",
    permissions: ["externalContacts:customFields:view"],
    status: 200,
    response: "DataSchemaListing",
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/organizations/schemas/{schemaId}/versions/{versionId}",
    operationId: "getExternalcontactsOrganizationsSchemaVersion",
    summary: "Get a specific version of a schema",
    permissions: ["externalContacts:customFields:view"],
    status: 200,
    response: "DataSchema",
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/organizations/schemas/coretypes",
    operationId: "getExternalcontactsOrganizationsSchemasCoretypes",
    summary: "Get the core types from which all schemas are built",
    permissions: ["externalContacts:customFields:view"],
    status: 200,
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/organizations/schemas/coretypes/{coreTypeName}",
    operationId: "getExternalcontactsOrganizationsSchemasCoretype",
    summary: "Get a specific named core type",
    permissions: ["externalContacts:customFields:view"],
    status: 200,
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/organizations/schemas/limits",
    operationId: "getExternalcontactsOrganizationsSchemasLimits",
    summary: "Get quantitative limits on schemas",
    permissions: ["externalContacts:customFields:view"],
    status: 200,
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/externalsources",
    operationId: "getExternalcontactsExternalsources",
    summary: "Fetch a list of external sources",
    permissions: [
      "externalContacts:externalSource:view",
      "externalContacts:contact:view",
      "externalContacts:externalOrganization:view",
    ],
    anyPermission: true,
    query: [
      { name: "cursor", description: "Cursor from the previous page" },
      { name: "limit", description: "10 to 200, default 100", integer: true },
      { name: "name", description: "Name prefix" },
      { name: "active", description: "true or false" },
    ],
    status: 200,
    response: "CursorExternalSourceListing",
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/externalsources",
    operationId: "postExternalcontactsExternalsources",
    summary: "Create an external source",
    permissions: ["externalContacts:externalSource:add"],
    body: "ExternalSource",
    status: 200,
    response: "ExternalSource",
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/externalsources/{externalSourceId}",
    operationId: "getExternalcontactsExternalsource",
    summary: "Fetch an external source",
    permissions: [
      "externalContacts:externalSource:view",
      "externalContacts:contact:view",
      "externalContacts:externalOrganization:view",
    ],
    anyPermission: true,
    status: 200,
    response: "ExternalSource",
  },
  {
    method: "put",
    path: "/api/v2/externalcontacts/externalsources/{externalSourceId}",
    operationId: "putExternalcontactsExternalsource",
    summary: "Update an external source",
    permissions: ["externalContacts:externalSource:edit"],
    body: "ExternalSource",
    status: 200,
    response: "ExternalSource",
  },
  {
    method: "delete",
    path: "/api/v2/externalcontacts/externalsources/{externalSourceId}",
    operationId: "deleteExternalcontactsExternalsource",
    summary: "Delete an external source",
    permissions: ["externalContacts:externalSource:delete"],
    status: 200,
    response: "Empty",
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/organizations",
    operationId: "getExternalcontactsOrganizations",
    summary: "Search for external organizations",
    permissions: ["externalContacts:externalOrganization:view"],
    query: [
      contactQuery[0]!,
      contactQuery[1]!,
      { name: "q", description: "Search keywords: name, industry, tags, websites, phone numbers" },
      {
        name: "trustorId",
        description: "Up to 25 trustor org ids; overrides q, results in this order",
        array: true,
      },
      { name: "sortOrder", description: "field:asc|desc with field one of companyType, industry, name" },
      {
        name: "expand",
        description: "externalDataSources, division, identifiers, externalSources",
        array: true,
      },
      { name: "includeTrustors", description: "true to embed the trustor of linked organizations" },
      { name: "divisionIds", description: "Only organizations in these divisions (up to 50)", array: true },
    ],
    status: 200,
    response: "ExternalOrganizationListing",
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/organizations",
    operationId: "postExternalcontactsOrganizations",
    summary: "Create an external organization",
    permissions: ["externalContacts:externalOrganization:add"],
    body: "ExternalOrganizationInput",
    status: 200,
    response: "ExternalOrganization",
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/organizations/{externalOrganizationId}",
    operationId: "getExternalcontactsOrganization",
    summary: "Fetch an external organization",
    permissions: ["externalContacts:externalOrganization:view"],
    query: [
      {
        name: "expand",
        description: "externalDataSources, division, identifiers, externalSources",
        array: true,
      },
      { name: "includeTrustors", description: "true to embed the trustor of a linked organization" },
    ],
    status: 200,
    response: "ExternalOrganization",
  },
  {
    method: "put",
    path: "/api/v2/externalcontacts/organizations/{externalOrganizationId}",
    operationId: "putExternalcontactsOrganization",
    summary: "Update an external organization",
    permissions: ["externalContacts:externalOrganization:edit"],
    body: "ExternalOrganizationInput",
    status: 200,
    response: "ExternalOrganization",
  },
  {
    method: "patch",
    path: "/api/v2/externalcontacts/organizations/{externalOrganizationId}",
    operationId: "patchExternalcontactsOrganization",
    summary: "Partially update an external organization (JSONPath changes)",
    permissions: ["externalContacts:externalOrganization:edit"],
    body: "ExternalContactsPatchRequest",
    status: 200,
    response: "ExternalOrganization",
  },
  {
    method: "delete",
    path: "/api/v2/externalcontacts/organizations/{externalOrganizationId}",
    operationId: "deleteExternalcontactsOrganization",
    summary: "Delete an external organization",
    permissions: ["externalContacts:externalOrganization:delete"],
    status: 200,
    response: "Empty",
  },
  {
    method: "put",
    path: "/api/v2/externalcontacts/organizations/{externalOrganizationId}/trustor/{trustorId}",
    operationId: "putExternalcontactsOrganizationTrustorTrustorId",
    summary: "Links a Trustor with an External Organization (no body)",
    permissions: ["externalContacts:externalOrganization:edit"],
    status: 200,
    response: "ExternalOrganizationTrustorLink",
  },
  {
    method: "delete",
    path: "/api/v2/externalcontacts/organizations/{externalOrganizationId}/trustor",
    operationId: "deleteExternalcontactsOrganizationTrustor",
    summary: "Unlink the Trustor for this External Organization",
    permissions: ["externalContacts:externalOrganization:edit"],
    status: 204,
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/organizations/{externalOrganizationId}/contacts",
    operationId: "getExternalcontactsOrganizationContacts",
    summary: "Search for external contacts in an external organization",
    permissions: ["externalContacts:contact:view"],
    status: 200,
    response: "ContactListing",
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/organizations/{externalOrganizationId}/relationships",
    operationId: "getExternalcontactsOrganizationRelationships",
    summary: "Fetch a relationship for an external organization",
    permissions: ["externalContacts:externalOrganization:view"],
    status: 200,
    response: "RelationshipListing",
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/organizations/{externalOrganizationId}/notes",
    operationId: "getExternalcontactsOrganizationNotes",
    summary: "List notes for an external organization",
    permissions: ["externalContacts:externalOrganization:view"],
    status: 200,
    response: "NoteListing",
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/organizations/{externalOrganizationId}/notes",
    operationId: "postExternalcontactsOrganizationNotes",
    summary: "Create a note for an external organization",
    permissions: ["externalContacts:externalOrganization:edit"],
    body: "Note",
    status: 200,
    response: "Note",
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/organizations/{externalOrganizationId}/notes/{noteId}",
    operationId: "getExternalcontactsOrganizationNote",
    summary: "Fetch a note for an external organization",
    permissions: ["externalContacts:externalOrganization:view"],
    status: 200,
    response: "Note",
  },
  {
    method: "put",
    path: "/api/v2/externalcontacts/organizations/{externalOrganizationId}/notes/{noteId}",
    operationId: "putExternalcontactsOrganizationNote",
    summary: "Update a note for an external organization",
    permissions: ["externalContacts:externalOrganization:edit"],
    body: "Note",
    status: 200,
    response: "Note",
  },
  {
    method: "patch",
    path: "/api/v2/externalcontacts/organizations/{externalOrganizationId}/notes/{noteId}",
    operationId: "patchExternalcontactsOrganizationNote",
    summary: "Partially update a note of an external organization",
    permissions: ["externalContacts:externalOrganization:edit"],
    body: "ExternalContactsPatchRequest",
    status: 200,
    response: "Note",
  },
  {
    method: "delete",
    path: "/api/v2/externalcontacts/organizations/{externalOrganizationId}/notes/{noteId}",
    operationId: "deleteExternalcontactsOrganizationNote",
    summary: "Delete a note for an external organization",
    permissions: ["externalContacts:externalOrganization:edit"],
    status: 200,
    response: "Empty",
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/contacts/{contactId}/notes",
    operationId: "getExternalcontactsContactNotes",
    summary: "List notes for an external contact",
    permissions: ["externalContacts:contact:view"],
    status: 200,
    response: "NoteListing",
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/contacts/{contactId}/notes",
    operationId: "postExternalcontactsContactNotes",
    summary: "Create a note for an external contact",
    permissions: ["externalContacts:contact:edit"],
    body: "Note",
    status: 200,
    response: "Note",
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/contacts/{contactId}/notes/{noteId}",
    operationId: "getExternalcontactsContactNote",
    summary: "Fetch a note for an external contact",
    permissions: ["externalContacts:contact:view"],
    status: 200,
    response: "Note",
  },
  {
    method: "put",
    path: "/api/v2/externalcontacts/contacts/{contactId}/notes/{noteId}",
    operationId: "putExternalcontactsContactNote",
    summary: "Update a note for an external contact",
    permissions: ["externalContacts:contact:edit"],
    body: "Note",
    status: 200,
    response: "Note",
  },
  {
    method: "patch",
    path: "/api/v2/externalcontacts/contacts/{contactId}/notes/{noteId}",
    operationId: "patchExternalcontactsContactNote",
    summary: "Partially update a note of an external contact",
    permissions: ["externalContacts:contact:edit"],
    body: "ExternalContactsPatchRequest",
    status: 200,
    response: "Note",
  },
  {
    method: "delete",
    path: "/api/v2/externalcontacts/contacts/{contactId}/notes/{noteId}",
    operationId: "deleteExternalcontactsContactNote",
    summary: "Delete a note for an external contact",
    permissions: ["externalContacts:contact:edit"],
    status: 200,
    response: "Empty",
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/relationships",
    operationId: "postExternalcontactsRelationships",
    summary: "Create a relationship",
    permissions: ["externalContacts:externalOrganization:edit"],
    body: "Relationship",
    status: 200,
    response: "Relationship",
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/relationships/{relationshipId}",
    operationId: "getExternalcontactsRelationship",
    summary: "Fetch a relationship",
    permissions: ["externalContacts:externalOrganization:view"],
    status: 200,
    response: "Relationship",
  },
  {
    method: "put",
    path: "/api/v2/externalcontacts/relationships/{relationshipId}",
    operationId: "putExternalcontactsRelationship",
    summary: "Update a relationship",
    permissions: ["externalContacts:externalOrganization:edit"],
    body: "Relationship",
    status: 200,
    response: "Relationship",
  },
  {
    method: "patch",
    path: "/api/v2/externalcontacts/relationships/{relationshipId}",
    operationId: "patchExternalcontactsRelationship",
    summary: "Partially update a relationship",
    permissions: ["externalContacts:externalOrganization:edit"],
    body: "ExternalContactsPatchRequest",
    status: 200,
    response: "Relationship",
  },
  {
    method: "delete",
    path: "/api/v2/externalcontacts/relationships/{relationshipId}",
    operationId: "deleteExternalcontactsRelationship",
    summary: "Delete a relationship",
    permissions: ["externalContacts:externalOrganization:edit"],
    status: 200,
    response: "Empty",
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/scan/contacts",
    operationId: "getExternalcontactsScanContacts",
    summary: "Scan for contacts using paging",
    permissions: ["externalContacts:contact:view"],
    query: scanQuery,
    status: 200,
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/scan/organizations",
    operationId: "getExternalcontactsScanOrganizations",
    summary: "Scan for organizations using paging",
    permissions: ["externalContacts:externalOrganization:view"],
    query: scanQuery,
    status: 200,
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/scan/notes",
    operationId: "getExternalcontactsScanNotes",
    summary: "Scan for notes using paging",
    permissions: ["externalContacts:contact:view"],
    query: scanQuery,
    status: 200,
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/scan/relationships",
    operationId: "getExternalcontactsScanRelationships",
    summary: "Scan for relationships using paging",
    permissions: ["externalContacts:contact:view"],
    query: scanQuery,
    status: 200,
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/contacts/{contactId}/promotion",
    operationId: "postExternalcontactsContactPromotion",
    summary: "Promote an observed contact (ephemeral or identified) to a curated contact",
    permissions: ["externalContacts:identity:promote"],
    status: 200,
    response: "ExternalContact",
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/reversewhitepageslookup",
    operationId: "getExternalcontactsReversewhitepageslookup",
    summary: "Look up contacts based on an attribute (email, phone or Twitter screen name); at most 25",
    permissions: ["externalContacts:contact:view"],
    query: [
      { name: "lookupVal", description: "Email, phone number in any format, or Twitter screen name" },
      {
        name: "expand",
        description: "contacts.externalOrganization, externalDataSources, division",
        array: true,
      },
      { name: "divisionId", description: "A division id, or * for every division" },
    ],
    status: 200,
  },
  {
    method: "put",
    path: "/api/v2/externalcontacts/conversations/{conversationId}",
    operationId: "putExternalcontactsConversation",
    summary: "Associate or disassociate an external contact with a conversation",
    permissions: ["externalContacts:conversation:associate"],
    status: 202,
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/bulk/contacts",
    operationId: "postExternalcontactsBulkContacts",
    summary: "Bulk view contacts (at most 100 items; per-item results)",
    permissions: ["externalContacts:contact:view"],
    status: 200,
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/bulk/contacts/add",
    operationId: "postExternalcontactsBulkContactsAdd",
    summary: "Bulk add contacts (at most 100 items; per-item results)",
    permissions: ["externalContacts:contact:add"],
    status: 200,
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/bulk/contacts/update",
    operationId: "postExternalcontactsBulkContactsUpdate",
    summary: "Bulk edit contacts (at most 100 items; per-item results)",
    permissions: ["externalContacts:contact:edit"],
    status: 200,
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/bulk/contacts/remove",
    operationId: "postExternalcontactsBulkContactsRemove",
    summary: "Bulk delete contacts (at most 100 items; per-item results)",
    permissions: ["externalContacts:contact:delete"],
    status: 200,
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/bulk/organizations",
    operationId: "postExternalcontactsBulkOrganizations",
    summary: "Bulk view organizations (at most 100 items; per-item results)",
    permissions: ["externalContacts:externalOrganization:view"],
    status: 200,
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/bulk/organizations/add",
    operationId: "postExternalcontactsBulkOrganizationsAdd",
    summary: "Bulk add organizations (at most 100 items; per-item results)",
    permissions: ["externalContacts:externalOrganization:add"],
    status: 200,
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/bulk/organizations/update",
    operationId: "postExternalcontactsBulkOrganizationsUpdate",
    summary: "Bulk edit organizations (at most 100 items; per-item results)",
    permissions: ["externalContacts:externalOrganization:edit"],
    status: 200,
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/bulk/organizations/remove",
    operationId: "postExternalcontactsBulkOrganizationsRemove",
    summary: "Bulk delete organizations (at most 100 items; per-item results)",
    permissions: ["externalContacts:externalOrganization:delete"],
    status: 200,
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/bulk/contacts/unresolved",
    operationId: "postExternalcontactsBulkContactsUnresolved",
    summary: "Bulk fetch unresolved contacts",
    permissions: ["externalContacts:contact:view"],
    status: 200,
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/contacts/{contactId}/identifiers",
    operationId: "getExternalcontactsContactIdentifiers",
    summary: "List the identifiers claimed by a contact",
    permissions: ["externalContacts:contact:view"],
    status: 200,
  },
  {
    method: "patch",
    path: "/api/v2/externalcontacts/contacts/{contactId}/identifiers",
    operationId: "patchExternalcontactsContactIdentifiers",
    summary: "Claim or release one identifier",
    permissions: ["externalContacts:contact:edit"],
    status: 200,
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/identifierlookup",
    operationId: "postExternalcontactsIdentifierlookup",
    summary: "Fetch a contact by identifier (deprecated route)",
    permissions: ["externalContacts:contact:view"],
    status: 200,
    response: "ExternalContact",
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/identifierlookup/contacts",
    operationId: "postExternalcontactsIdentifierlookupContacts",
    summary: "Fetch a contact by identifier",
    permissions: ["externalContacts:contact:view"],
    status: 200,
    response: "ExternalContact",
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/contacts/{contactId}/unresolved",
    operationId: "getExternalcontactsContactUnresolved",
    summary: "Fetch a contact without following merges",
    permissions: ["externalContacts:contact:view"],
    status: 200,
    response: "ExternalContact",
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/contacts/{contactId}/journey/sessions",
    operationId: "getExternalcontactsContactJourneySessions",
    summary: "Journey sessions of a contact (always empty: Switchboard records no journeys)",
    permissions: ["externalContacts:session:view"],
    query: [
      { name: "pageSize", description: "At most 200", integer: true },
      { name: "after", description: "The cursor after which to continue" },
      { name: "includeMerged", description: "true to include every contact of the merge set" },
    ],
    status: 200,
    response: "SessionListing",
  },
  ...SEGMENT_OPERATIONS,
  {
    method: "post",
    path: "/api/v2/externalcontacts/contacts/merge",
    operationId: "postExternalcontactsContactsMerge",
    summary: "Merge 2 to 25 contacts into a new contact, with value overrides",
    permissions: ["externalContacts:identity:merge"],
    status: 200,
    response: "ExternalContact",
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/merge/contacts",
    operationId: "postExternalcontactsMergeContacts",
    summary: "Merge two contacts into a new contact record (deprecated)",
    permissions: ["externalContacts:identity:merge"],
    status: 200,
    response: "ExternalContact",
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/bulk/notes",
    operationId: "postExternalcontactsBulkNotes",
    summary: "Bulk view notes (at most 100 items; per-item results)",
    permissions: ["externalContacts:contact:view", "externalContacts:externalOrganization:view"],
    status: 200,
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/bulk/notes/add",
    operationId: "postExternalcontactsBulkNotesAdd",
    summary: "Bulk add notes (at most 100 items; per-item results)",
    permissions: ["externalContacts:contact:add", "externalContacts:externalOrganization:add"],
    status: 200,
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/bulk/notes/update",
    operationId: "postExternalcontactsBulkNotesUpdate",
    summary: "Bulk edit notes (at most 100 items; per-item results)",
    permissions: ["externalContacts:contact:edit", "externalContacts:externalOrganization:edit"],
    status: 200,
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/bulk/notes/remove",
    operationId: "postExternalcontactsBulkNotesRemove",
    summary: "Bulk delete notes (at most 100 items; per-item results)",
    permissions: ["externalContacts:contact:delete", "externalContacts:externalOrganization:delete"],
    status: 200,
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/bulk/relationships",
    operationId: "postExternalcontactsBulkRelationships",
    summary: "Bulk view relationships (at most 100 items; per-item results)",
    permissions: ["externalContacts:contact:view", "externalContacts:externalOrganization:view"],
    status: 200,
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/bulk/relationships/add",
    operationId: "postExternalcontactsBulkRelationshipsAdd",
    summary: "Bulk add relationships (at most 100 items; per-item results)",
    permissions: ["externalContacts:contact:add", "externalContacts:externalOrganization:add"],
    status: 200,
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/bulk/relationships/update",
    operationId: "postExternalcontactsBulkRelationshipsUpdate",
    summary: "Bulk edit relationships (at most 100 items; per-item results)",
    permissions: ["externalContacts:contact:edit", "externalContacts:externalOrganization:edit"],
    status: 200,
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/bulk/relationships/remove",
    operationId: "postExternalcontactsBulkRelationshipsRemove",
    summary: "Bulk delete relationships (at most 100 items; per-item results)",
    permissions: ["externalContacts:contact:delete", "externalContacts:externalOrganization:delete"],
    status: 200,
  },
  ...exportOperations("Organizations", ["externalContacts:externalOrganization:view"]),
  ...exportOperations("Notes", [
    "externalContacts:contact:view",
    "externalContacts:externalOrganization:view",
  ]),
  ...exportOperations("Relationships", ["externalContacts:externalOrganization:view"]),
  ...IMPORT_OPERATIONS,
  ...DIVISION_VIEW_OPERATIONS,
  ...ORGANIZATION_IDENTIFIER_OPERATIONS,
  ...CONTACT_SEARCH_OPERATIONS,
  ...GRAPH_OPERATIONS,
  ...ENRICH_OPERATIONS,
];

/**
 * The records read by id that answer an `ETag` and honour `If-Match` on PUT, PATCH and DELETE (412 when the
 * tag is no longer current; see http/etag.ts).
 */
export const TAGGED_RECORD_PATHS = new Set(
  [
    "/contacts/{contactId}",
    "/organizations/{externalOrganizationId}",
    "/contacts/{contactId}/notes/{noteId}",
    "/organizations/{externalOrganizationId}/notes/{noteId}",
    "/relationships/{relationshipId}",
    "/externalsources/{externalSourceId}",
  ].map((path) => `/api/v2/externalcontacts${path}`),
);
/** Of those, the ones whose GET answers 304 to a current `If-None-Match` (their representation is their row). */
const VERSIONED_PATHS = new Set(
  ["/contacts/{contactId}", "/organizations/{externalOrganizationId}"].map(
    (path) => `/api/v2/externalcontacts${path}`,
  ),
);

/** Whether `op` reads or writes a record under an ETag. */
const taggedRead = (op: Operation) => op.method === "get" && TAGGED_RECORD_PATHS.has(op.path);
const conditionalRead = (op: Operation) => taggedRead(op) && !VERSIONED_PATHS.has(op.path);
const conditionalWrite = (op: Operation) =>
  op.method !== "get" && op.method !== "post" && TAGGED_RECORD_PATHS.has(op.path);
/** A write (not a read sent as POST, like bulk fetches and lookups) may meet a conflict: 409. */
const mayConflict = (op: Operation) =>
  op.method !== "get" &&
  op.method !== "delete" &&
  !op.permissions.every((p) => /:(view|viewAll|search)$/.test(p));

const errorResponse = (description: string, headers?: Record<string, unknown>) => ({
  description,
  ...(headers && { headers }),
  content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorBody" } } },
});

/** The error answers of an operation: every one can be refused, throttled or fail; some can conflict. */
function errorResponses(op: Operation | "token") {
  const always = {
    "400": errorResponse("Bad request: the ErrorBody names each bad field"),
    "401": errorResponse("No valid bearer token"),
    "403": errorResponse("A permission is missing (named in the ErrorBody)"),
    "404": errorResponse("Not found"),
  };
  const tooMany = {
    "429": errorResponse(
      "Too many requests: the bearer token's requests a minute (or, for /oauth/token, the client id's or IP's, or a lockout after wrong secrets) are used up",
      {
        "Retry-After": {
          description: "Seconds to wait before retrying",
          schema: { type: "integer", minimum: 1 },
        },
      },
    ),
  };
  if (op === "token")
    return { "400": always["400"], "401": errorResponse("Bad client credentials"), ...tooMany };
  return {
    ...always,
    ...(mayConflict(op) && {
      "409": errorResponse(
        TAGGED_RECORD_PATHS.has(op.path) && op.method === "put"
          ? "Conflict: the body's version is not the record's current one (it changed since it was read), or a value clashes with another record"
          : "Conflict: a value clashes with another record, or the record's state does not allow it",
      ),
    }),
    ...(conditionalWrite(op) && {
      "412": errorResponse(
        "Precondition failed: If-Match is not the record's current ETag (it changed since it was read)",
      ),
    }),
    "413": errorResponse("The body is over 1 MiB"),
    "415": errorResponse("The body is not JSON"),
    ...tooMany,
    "500": errorResponse("Unexpected failure"),
  };
}

const IF_MATCH = {
  name: "If-Match",
  in: "header",
  required: false,
  description:
    "The ETag the record was read with: the write is refused with 412 if the record changed since. * or absent: no condition",
  schema: { type: "string" },
};
const IF_NONE_MATCH = {
  name: "If-None-Match",
  in: "header",
  required: false,
  description: "The ETag of the copy the caller holds: 304 without a body if it is still current",
  schema: { type: "string" },
};
const ETAG_HEADER = {
  ETag: { description: "The record's current entity tag (strong), for If-Match", schema: { type: "string" } },
};

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {
    "/oauth/token": {
      post: {
        operationId: "postOauthToken",
        summary: "Client credentials grant (HTTP Basic or form fields)",
        requestBody: {
          content: {
            "application/x-www-form-urlencoded": {
              schema: {
                type: "object",
                properties: {
                  grant_type: { const: "client_credentials" },
                  client_id: { type: "string" },
                  client_secret: { type: "string" },
                },
                required: ["grant_type"],
              },
            },
          },
        },
        responses: {
          "200": {
            description: "Token issued",
            content: { "application/json": { schema: { $ref: "#/components/schemas/TokenResponse" } } },
          },
          ...errorResponses("token"),
        },
      },
    },
  };
  for (const op of OPERATIONS) {
    const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    const queryParams = (op.query ?? []).map((q) => ({
      name: q.name,
      in: "query",
      description: q.description,
      schema: q.array
        ? { type: "array", items: { type: "string" } }
        : { type: q.integer ? "integer" : "string" },
      ...(q.array && { style: "form", explode: true }),
    }));
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      description:
        `Requires ${op.permissions.length > 1 ? (op.anyPermission ? "any of" : "all of") : ""} ${op.permissions.join(", ")}`.replace(
          "  ",
          " ",
        ),
      security: [{ bearer: [] }],
      parameters: [
        ...pathParams,
        ...queryParams,
        ...(conditionalWrite(op) ? [IF_MATCH] : []),
        ...(conditionalRead(op) ? [IF_NONE_MATCH] : []),
      ],
      ...(op.body && {
        requestBody: {
          required: !op.bodyOptional,
          content: { "application/json": { schema: { $ref: `#/components/schemas/${op.body}` } } },
        },
      }),
      responses: {
        [String(op.status)]: {
          description: "Success",
          ...((taggedRead(op) || (conditionalWrite(op) && op.method !== "delete")) && {
            headers: ETAG_HEADER,
          }),
          ...(op.response && {
            content: { "application/json": { schema: { $ref: `#/components/schemas/${op.response}` } } },
          }),
        },
        ...(op.created && {
          "201": {
            description: op.created,
            ...(op.response && {
              content: { "application/json": { schema: { $ref: `#/components/schemas/${op.response}` } } },
            }),
          },
        }),
        ...(conditionalRead(op) && {
          "304": { description: "Not modified: the If-None-Match ETag is current", headers: ETAG_HEADER },
        }),
        ...errorResponses(op),
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Switchboard — Genesys Cloud External Contacts",
      version: "1.0.0",
      description: "Wire-compatible with the Genesys Cloud External Contacts API.",
    },
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: componentSchemas(),
    },
  };
}

/** A self-contained reference page (no script from the internet): every operation with its permission. */
export function referencePage(): string {
  const html = (s: string) => s.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const rows = OPERATIONS.map(
    (op) =>
      `<tr><td><code>${op.method.toUpperCase()}</code></td><td><code>${html(op.path)}</code></td><td>${html(op.summary)}</td><td><code>${op.status}</code></td><td>${op.permissions.map((p) => `<code>${html(p)}</code>`).join(" and ")}</td></tr>`,
  ).join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Genesys External Contacts — Switchboard API reference</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1f2937}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e5e7eb;padding:.4rem .6rem;text-align:left;vertical-align:top}code{font-size:13px}</style></head>
<body><h1>Genesys Cloud External Contacts</h1><p>Base URL: this server. Authenticate with <code>POST /oauth/token</code> (client credentials) and send <code>Authorization: Bearer &lt;token&gt;</code>. Machine-readable: <a href="openapi.json">openapi.json</a>.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>Summary</th><th>Success</th><th>Permission</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
}
