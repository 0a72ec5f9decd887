import { DomainError } from "@switchboard/domain";
import type { TRPCDefaultErrorShape, TRPCError } from "@trpc/server";
import { ZodError } from "zod";

/**
 * The error a tRPC client receives. Forms show errors per field: domain issues and zod issues both arrive as
 * `fieldErrors`. Any other failure (a database error, a bug) may carry SQL, bind values, hashes or a stack:
 * the client learns only that it failed, and the route's onError logs the details on the server.
 */
export function formatError({ shape, error }: { shape: TRPCDefaultErrorShape; error: TRPCError }) {
  const { stack: _stack, ...data } = shape.data;
  if (error.code === "INTERNAL_SERVER_ERROR")
    return { ...shape, message: "Internal server error", data: { ...data, fieldErrors: {} } };
  const cause = error.cause;
  const issues =
    cause instanceof DomainError
      ? cause.issues
      : cause instanceof ZodError
        ? cause.issues.map((i) => ({ path: i.path.join("."), message: i.message }))
        : [];
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues) fieldErrors[issue.path] ??= issue.message;
  return { ...shape, data: { ...data, fieldErrors } };
}
