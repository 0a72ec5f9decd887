import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import type { RestEnv } from "../../env";
import type { OperationEntry } from "../../http/kit";
import { CONTACT_SEARCH_SCHEMAS } from "./contact-search";
import { ENRICH_SCHEMAS } from "./enrich";
import { GRAPH_SCHEMAS } from "./graphs";
import { ORGANIZATION_IDENTIFIER_SCHEMAS } from "./identifiers";
import { IMPORT_SCHEMAS } from "./imports";
import { SEGMENT_SCHEMAS } from "./journey-segments";
import { RETRY_AFTER, TOO_MANY } from "./operations";
import { externalContactsPatchRequest } from "./patch";
import { DIVISION_VIEW_SCHEMAS } from "./scans";
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
 * The components of the Genesys OpenAPI document: the wire.ts zod schemas the handlers read and answer with,
 * under the names the SDKs give them. Every named schema (and the sub-models the SDKs name) becomes a
 * component; the rest is inlined. The operations refer to them by these names (operations.ts).
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
export type SchemaName = keyof typeof schemas;

/** Where the dialect is mounted: the document's paths are the full ones, as the SDKs call them. */
export const GENESYS_BASE = "/api/v2/externalcontacts";

const oauthError = (description: string, headers?: Record<string, unknown>) => ({
  description,
  ...(headers && { headers }),
  content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorBody" } } },
});

/** `POST /oauth/token`, served beside the dialect (oauth.ts): the SDKs log in there. */
const TOKEN_PATH = {
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
        "400": oauthError("Bad request: the ErrorBody names each bad field"),
        "401": oauthError("Bad client credentials"),
        "429": { ...TOO_MANY, headers: RETRY_AFTER },
      },
    },
  },
};

export type OpenApiDocument = ReturnType<OpenAPIHono<RestEnv>["getOpenAPI31Document"]>;

/**
 * The OpenAPI 3.1 document of the Genesys dialect, generated from the operations registered on `app` (their
 * paths, parameters, bodies, answers and permissions), with the components above; so the reference cannot
 * drift from the routes.
 */
export function genesysDocument(app: OpenAPIHono<RestEnv>): OpenApiDocument {
  const generated = app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "Switchboard — Genesys Cloud External Contacts",
      version: "1.0.0",
      description: "Wire-compatible with the Genesys Cloud External Contacts API.",
    },
  });
  const paths = Object.fromEntries(
    Object.entries(generated.paths ?? {}).map(([path, item]) => [
      `${GENESYS_BASE}${path === "/" ? "" : path}`,
      item,
    ]),
  );
  return {
    openapi: generated.openapi,
    info: generated.info,
    paths: { ...TOKEN_PATH, ...paths },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: componentSchemas(),
    },
  } as OpenApiDocument;
}

const methodsOf = (document: OpenApiDocument) =>
  Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, { summary?: string; responses?: object }>).map(([method, op]) => ({
      method,
      path,
      op,
    })),
  );

/** A self-contained reference page (no script from the internet): every operation with its permission. */
export function referencePage(document: OpenApiDocument, operations: OperationEntry[]): string {
  const html = (s: string) => s.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const accessOf = (method: string, path: string) =>
    operations.find((o) => o.method === method.toUpperCase() && `${GENESYS_BASE}${o.path}` === path)?.access;
  const rows = methodsOf(document)
    .map(({ method, path, op }) => {
      const access = accessOf(method, path);
      const who =
        access === undefined || typeof access === "string"
          ? html(access ?? "public")
          : access.permissions.map((p) => `<code>${html(p)}</code>`).join(access.any ? " or " : " and ");
      const success = Object.keys(op.responses ?? {}).find((status) => /^2/.test(status)) ?? "";
      return `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${html(path)}</code></td><td>${html(op.summary ?? "")}</td><td><code>${success}</code></td><td>${who}</td></tr>`;
    })
    .join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Genesys External Contacts — Switchboard API reference</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1f2937}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e5e7eb;padding:.4rem .6rem;text-align:left;vertical-align:top}code{font-size:13px}</style></head>
<body><h1>Genesys Cloud External Contacts</h1><p>Base URL: this server. Authenticate with <code>POST /oauth/token</code> (client credentials) and send <code>Authorization: Bearer &lt;token&gt;</code>. Machine-readable: <a href="openapi.json">openapi.json</a>.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>Summary</th><th>Success</th><th>Permission</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
}
