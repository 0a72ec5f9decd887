/** Typed service errors. Verbs throw these; tRPC and each REST dialect map them to their own error bodies. */
export type DomainErrorCode =
  | "NOT_FOUND"
  | "VALIDATION"
  | "CONFLICT"
  | "FORBIDDEN"
  | "UNAUTHENTICATED"
  | "TOO_LARGE";

export interface FieldIssue {
  /** Dotted path of the offending input field, e.g. `emails.0.address`. */
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
    readonly entity?: { type: string; id?: string },
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (type: string, id?: string) =>
  new DomainError("NOT_FOUND", `${type} ${id ?? ""} was not found`.replace("  ", " "), [], { type, id });

export const validationFailed = (issues: FieldIssue[], message?: string) =>
  new DomainError("VALIDATION", message ?? issues.map((i) => `${i.path}: ${i.message}`).join("; "), issues);

export const conflict = (message: string, entity?: { type: string; id?: string }) =>
  new DomainError("CONFLICT", message, [], entity);

export const forbidden = (permission: string) =>
  new DomainError("FORBIDDEN", `Missing permission ${permission}`, [{ path: "", message: permission }]);

export const unauthenticated = (message = "Authentication required") =>
  new DomainError("UNAUTHENTICATED", message);

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
