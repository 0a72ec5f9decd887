/**
 * The permission table is the registry of operations: for every dialect the REST app mounts (Genesys, enfore,
 * DFS, and whichever joins `restDialects`), every registered operation refuses a caller whose token holds no
 * permission with 403 before it reads ids or body, every operation open to any caller is on the list below,
 * and the OpenAPI document each dialect serves lists exactly its registered operations.
 */
import { describe, expect, it } from "vitest";
import { restDialects } from "../src";
import type { RestDeps } from "../src/env";
import { type Access, operationsOf } from "../src/http/kit";
import { withRestHarness } from "./harness";

// One token calls every operation of every dialect (hundreds of requests): the per-token limit is not what is tested.
process.env.SWITCHBOARD_RATE_LIMIT_TOKEN = "0";
const harness = withRestHarness();

// Registering routes touches no database: the list is read before the harness starts, to name each test.
const dialects = restDialects({} as RestDeps).map((dialect) => ({
  ...dialect,
  operations: operationsOf(dialect.app),
}));

/** Operations any caller may call without a permission; each must say why it needs none. */
const OPEN_OPERATIONS: Record<string, string> = {
  // The upload URL carries its own upload token (x-upload-token), not a bearer token.
  "/api/v2/externalcontacts PUT /import/csv/uploads/{uploadId}/file": "public",
  "/api/v2/externalcontacts POST /import/csv/uploads/{uploadId}/file": "public",
  // enfore's login entry point: the caller has no token yet.
  "/enfore GET /auth/authorize/{org-id}": "public",
  // DFS reference lists (lookups of list values), open to every signed-in caller.
  "/dfs POST /v1.0/lists/items": "authenticated",
  "/dfs POST /v1.0/lists/{listKey}/lookup": "authenticated",
};

const isOpen = (access: Access) => access === "public" || access === "authenticated";
const key = (prefix: string, op: { method: string; path: string }) => `${prefix} ${op.method} ${op.path}`;

/** The path with plausible values: the tenant where a parameter names the organization, else an unknown id. */
const concrete = (path: string, tenantSlug: string) =>
  path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    /^org(anization)?[-_]?id$|^tenant/i.test(name)
      ? tenantSlug
      : /number|^\w*No$|^id$/i.test(name) && !/uuid/i.test(name)
        ? "1"
        : "00000000-0000-4000-8000-000000000000",
  );

const guarded = dialects.flatMap((dialect) =>
  dialect.operations
    .filter((op) => !isOpen(op.access))
    .map((op) => ({ dialect: dialect.prefix, op, name: `${dialect.prefix} ${op.method} ${op.path}` })),
);

describe("the permission table of every mounted dialect", () => {
  it("mounts Genesys and lists its operations", () => {
    const genesys = dialects.find((d) => d.prefix === "/api/v2/externalcontacts");
    expect(genesys?.operations.length).toBeGreaterThan(145);
  });

  it("lets no operation open to every caller unless it is on the list", () => {
    const open = dialects.flatMap((d) =>
      d.operations.filter((op) => isOpen(op.access)).map((op) => [key(d.prefix, op), op.access]),
    );
    expect(Object.fromEntries(open)).toEqual(OPEN_OPERATIONS);
  });

  it.each(guarded)("$name refuses a token without permissions: 403", async ({ dialect, op }) => {
    const h = harness();
    const token = await h.tokenFor([]);
    const response = await h.request(`${dialect}${concrete(op.path, "rest")}`, {
      method: op.method,
      token,
      ...(["POST", "PUT", "PATCH"].includes(op.method) && { json: {} }),
    });
    const text = await response.text();
    expect(response.status, text.slice(0, 300)).toBe(403);
    if (dialect === "/api/v2/externalcontacts")
      expect(JSON.parse(text)).toMatchObject({ status: 403, code: "missing.any.permissions" });
  });

  it.each(dialects.filter((d) => d.operations.length > 0).map((d) => ({ prefix: d.prefix, dialect: d })))(
    "$prefix serves an OpenAPI document with exactly its registered operations",
    async ({ prefix, dialect }) => {
      const response = await harness().request(`${prefix}/openapi.json`, { token: null });
      expect(response.status).toBe(200);
      const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
      const methods = new Set(["get", "post", "put", "patch", "delete", "head", "options"]);
      const documented = Object.entries(document.paths).flatMap(([path, item]) =>
        Object.keys(item)
          .filter((method) => methods.has(method))
          .map(
            (method) =>
              `${method.toUpperCase()} ${path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : path}`,
          ),
      );
      // The token endpoint is documented beside Genesys (the SDKs log in there); it is the OAuth app's route.
      const served = documented.filter((op) => op !== "POST /oauth/token");
      const registered = dialect.operations.map((op) => `${op.method} ${op.path}`);
      expect(served.sort()).toEqual(registered.sort());
      // Every component an operation refers to is in the document.
      const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)];
      const components = (document as { components?: { schemas?: object } }).components?.schemas ?? {};
      expect(refs.map((m) => m[1]).filter((name) => !(name! in components))).toEqual([]);
    },
  );

  it("answers the token endpoint the Genesys document lists", async () => {
    const response = await harness().request("/oauth/token", { method: "POST", token: null });
    expect(response.status).toBe(400);
  });
});
