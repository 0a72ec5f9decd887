/**
 * Authorization, generated from the permission table: every documented Genesys operation, called by a client that
 * holds every permission but one the operation requires, answers 403 with the missing permission named, whatever
 * its path ids and body; and the same call by a client holding everything is not refused for a permission.
 */
import { ALL_PERMISSIONS } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { OPERATIONS } from "./genesys-operations";
import { withRestHarness } from "./harness";

const harness = withRestHarness();

/** The operation's path with every `{param}` filled by an id that exists nowhere. */
const concretePath = (path: string) => path.replace(/\{[^}]+\}/g, "00000000-0000-4000-8000-000000000000");
const guarded = OPERATIONS.filter((op) => op.permissions.length > 0);
// An operation that needs all of its permissions is refused without any one of them; one that needs any of them,
// without all of them.
const cases = guarded.flatMap((op) =>
  op.anyPermission ? [{ op, missing: op.permissions }] : op.permissions.map((p) => ({ op, missing: [p] })),
);

describe("every operation refuses a caller lacking one of its permissions", () => {
  it("covers every documented operation but the upload URL, which carries its own token", () => {
    const unguarded = OPERATIONS.filter((op) => op.permissions.length === 0).map((op) => op.operationId);
    expect(unguarded.sort()).toEqual([
      "postExternalcontactsImportCsvUploadFile",
      "putExternalcontactsImportCsvUploadFile",
    ]);
    expect(guarded.length).toBeGreaterThan(110);
  });

  it.each(cases)("$op.method $op.path without $missing → 403", async ({ op, missing }) => {
    const h = harness();
    const token = await h.tokenFor(ALL_PERMISSIONS.filter((p) => !missing.includes(p)));
    const response = await h.request(concretePath(op.path), {
      method: op.method.toUpperCase(),
      token,
      ...(["post", "put", "patch"].includes(op.method) && { json: {} }),
    });
    expect(response.status).toBe(403);
    const body = (await response.json()) as { status: number; code: string; message: string };
    expect(body).toMatchObject({ status: 403, code: "missing.any.permissions" });
    for (const permission of missing) expect(body.message).toContain(permission);
  });

  it.each(guarded)(
    "$method $path is not refused for a permission when the caller holds them all",
    async (op) => {
      const response = await harness().request(concretePath(op.path), {
        method: op.method.toUpperCase(),
        ...(["post", "put", "patch"].includes(op.method) && { json: {} }),
      });
      expect(response.status).not.toBe(403);
      expect(response.status).toBeLessThan(500);
    },
  );

  const anyOf = guarded
    .filter((op) => op.anyPermission)
    .flatMap((op) => op.permissions.map((only) => ({ op, only })));
  it.each(anyOf)("$op.method $op.path admits a caller holding only $only", async ({ op, only }) => {
    const h = harness();
    const response = await h.request(concretePath(op.path), {
      method: op.method.toUpperCase(),
      token: await h.tokenFor([only]),
      ...(["post", "put", "patch"].includes(op.method) && { json: {} }),
    });
    expect(response.status).not.toBe(403);
  });
});
