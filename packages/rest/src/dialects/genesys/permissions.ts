import { requireAnyPermission, requirePermission } from "@switchboard/domain";
import type { MiddlewareHandler } from "hono";
import type { RestEnv } from "../../env";
import { OPERATIONS, type Operation } from "./openapi";

interface Guard {
  method: string;
  segments: string[];
  operation: Operation;
}

const isParameter = (segment: string) => segment.startsWith("{");

/** The documented operation a request reaches: same method, and the path template whose fixed segments match most. */
function operationOf(guards: Guard[], method: string, path: string): Operation | undefined {
  const segments = path.split("/");
  let best: { operation: Operation; fixed: number } | undefined;
  for (const guard of guards) {
    if (guard.method !== method || guard.segments.length !== segments.length) continue;
    let fixed = 0;
    const matches = guard.segments.every((template, i) => {
      if (isParameter(template)) return segments[i] !== "";
      fixed++;
      return template === segments[i];
    });
    if (matches && (!best || fixed > best.fixed)) best = { operation: guard.operation, fixed };
  }
  return best?.operation;
}

/**
 * Checks the permissions the reference documents for the operation before its body or ids are read, as Genesys
 * does: a caller without them gets 403, never a 400 or 404 that would tell it about the request or the data. The
 * table in openapi.ts is therefore the one the server enforces; the use cases still check their own.
 */
export function requireOperationPermissions(): MiddlewareHandler<RestEnv> {
  const guards: Guard[] = OPERATIONS.filter((operation) => operation.permissions.length > 0).map(
    (operation) => ({
      method: operation.method.toUpperCase(),
      segments: operation.path.split("/"),
      operation,
    }),
  );
  return async (c, next) => {
    const operation = operationOf(guards, c.req.method, c.req.path);
    if (operation) {
      const check = operation.anyPermission ? requireAnyPermission : requirePermission;
      check(c.var.ctx, ...operation.permissions);
    }
    await next();
  };
}
