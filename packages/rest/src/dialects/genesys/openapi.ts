import { z } from "zod";
import {
  contactsExport,
  contactsExportRequest,
  cursorListing,
  dataSchema,
  errorBody,
  externalContact,
  externalContactOut,
  externalOrganization,
  externalSourceInput,
  listing,
  note,
  pageListing,
  relationship,
  tokenResponse,
} from "./wire";

/**
 * The OpenAPI 3.1 document of the Genesys dialect, generated from the same zod schemas the routes validate
 * with, so the reference cannot drift from the implementation.
 */
const schemas = {
  ExternalContact: externalContactOut,
  ExternalContactInput: externalContact,
  ContactListing: pageListing(externalContactOut),
  ContactsExport: contactsExport,
  ContactsExportRequest: contactsExportRequest,
  ContactsExportListing: cursorListing(contactsExport),
  DataSchema: dataSchema,
  DataSchemaListing: listing(dataSchema),
  ExternalSource: externalSourceInput,
  CursorExternalSourceListing: cursorListing(externalSourceInput),
  ExternalOrganization: externalOrganization,
  ExternalOrganizationListing: pageListing(externalOrganization),
  Note: note,
  NoteListing: pageListing(note),
  Relationship: relationship,
  RelationshipListing: pageListing(relationship),
  ErrorBody: errorBody,
  TokenResponse: tokenResponse,
  Empty: z.object({}),
};
type SchemaName = keyof typeof schemas;

interface Operation {
  method: "get" | "post" | "put" | "delete";
  path: string;
  operationId: string;
  summary: string;
  permissions: string[];
  query?: { name: string; description: string; array?: boolean; integer?: boolean }[];
  body?: SchemaName;
  status: number;
  response?: SchemaName;
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
    description: "externalOrganization, externalDataSources, identifiers, externalSources, division",
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
    permissions: ["externalContacts:externalSource:view"],
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
    permissions: ["externalContacts:externalSource:view"],
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
    status: 200,
    response: "ExternalOrganizationListing",
  },
  {
    method: "post",
    path: "/api/v2/externalcontacts/organizations",
    operationId: "postExternalcontactsOrganizations",
    summary: "Create an external organization",
    permissions: ["externalContacts:externalOrganization:add"],
    body: "ExternalOrganization",
    status: 200,
    response: "ExternalOrganization",
  },
  {
    method: "get",
    path: "/api/v2/externalcontacts/organizations/{externalOrganizationId}",
    operationId: "getExternalcontactsOrganization",
    summary: "Fetch an external organization",
    permissions: ["externalContacts:externalOrganization:view"],
    status: 200,
    response: "ExternalOrganization",
  },
  {
    method: "put",
    path: "/api/v2/externalcontacts/organizations/{externalOrganizationId}",
    operationId: "putExternalcontactsOrganization",
    summary: "Update an external organization",
    permissions: ["externalContacts:externalOrganization:edit"],
    body: "ExternalOrganization",
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
];

const ERROR_STATUSES = ["400", "401", "403", "404", "409", "413", "415", "429", "500"];

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
        `Requires ${op.permissions.length > 1 ? "all of" : ""} ${op.permissions.join(", ")}`.replace(
          "  ",
          " ",
        ),
      security: [{ bearer: [] }],
      parameters: [...pathParams, ...queryParams],
      ...(op.body && {
        requestBody: {
          required: true,
          content: { "application/json": { schema: { $ref: `#/components/schemas/${op.body}` } } },
        },
      }),
      responses: {
        [String(op.status)]: {
          description: "Success",
          ...(op.response && {
            content: { "application/json": { schema: { $ref: `#/components/schemas/${op.response}` } } },
          }),
        },
        ...Object.fromEntries(
          ERROR_STATUSES.map((s) => [
            s,
            {
              description: "Error",
              content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorBody" } } },
            },
          ]),
        ),
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
      schemas: Object.fromEntries(
        Object.entries(schemas).map(([name, schema]) => [
          name,
          z.toJSONSchema(schema, { io: "output", unrepresentable: "any" }),
        ]),
      ),
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
