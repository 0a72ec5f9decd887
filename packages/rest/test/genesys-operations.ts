/**
 * The Genesys operations as the tests walk them: read from the registry of a Genesys app (`operationsOf`) and
 * the OpenAPI document generated from it, never from a hand-kept list.
 */
import { GENESYS_BASE, genesysApp, genesysDocument } from "../src/dialects/genesys";
import type { RestDeps } from "../src/env";
import { operationsOf } from "../src/http/kit";

// Building the app only registers routes: nothing touches the (absent) database until a request.
const app = genesysApp({} as RestDeps);
const document = genesysDocument(app);

export const openApiDocument = () => document;

type Documented = {
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
};

export interface GenesysOperation {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** The full path, as the SDKs call it (`/api/v2/externalcontacts/contacts/{contactId}`). */
  path: string;
  operationId: string;
  /** What the caller must hold: all of them, or one of them with `anyPermission`; none for a public one. */
  permissions: string[];
  anyPermission: boolean;
  query: { name: string }[];
  /** The request body's component name. */
  body?: string;
}

export const OPERATIONS: GenesysOperation[] = operationsOf(app).map((entry) => {
  const path = `${GENESYS_BASE}${entry.path === "/" ? "" : entry.path}`;
  const method = entry.method.toLowerCase() as GenesysOperation["method"];
  const documented = (document.paths as Record<string, Record<string, Documented>>)[path]![method]!;
  const ref = documented.requestBody?.content["application/json"]?.schema.$ref;
  return {
    method,
    path,
    operationId: entry.operationId ?? "",
    permissions: typeof entry.access === "string" ? [] : [...entry.access.permissions],
    anyPermission: typeof entry.access !== "string" && Boolean(entry.access.any),
    query: (documented.parameters ?? []).filter((p) => p.in === "query").map(({ name }) => ({ name })),
    ...(ref && { body: ref.replace("#/components/schemas/", "") }),
  };
});
