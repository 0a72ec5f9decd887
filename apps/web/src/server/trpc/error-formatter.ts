import { DomainError } from "@switchboard/domain";
import { type TRPCDefaultErrorShape, TRPCError } from "@trpc/server";
import { ZodError } from "zod";

const TRPC_CODES = {
  NOT_FOUND: "NOT_FOUND",
  VALIDATION: "BAD_REQUEST",
  CONFLICT: "CONFLICT",
  UNPROCESSABLE: "UNPROCESSABLE_CONTENT",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHENTICATED: "UNAUTHORIZED",
  TOO_LARGE: "PAYLOAD_TOO_LARGE",
} as const satisfies Record<DomainError["code"], TRPCError["code"]>;

/** The tRPC error a domain error becomes (its status from the code), keeping it as the cause for `formatError`. */
export const trpcErrorOf = (cause: DomainError) =>
  new TRPCError({ code: TRPC_CODES[cause.code], message: cause.message, cause });

/**
 * The error a tRPC client receives. Forms show errors per field: domain issues and zod issues both arrive as
 * `fieldErrors`; a domain error's `reason` (e.g. `UsernameNotUnique`) arrives as `reason`. Any other failure (a database error, a bug) may carry SQL, bind values, hashes or a stack:
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
  const reason = cause instanceof DomainError ? cause.reason : undefined;
  return { ...shape, data: { ...data, fieldErrors, ...(reason ? { reason } : {}) } };
}
