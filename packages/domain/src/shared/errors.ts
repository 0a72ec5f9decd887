/** Typed service errors. Verbs throw these; tRPC and each REST dialect map them to their own error bodies. */
export type DomainErrorCode =
  | "NOT_FOUND"
  | "VALIDATION"
  | "CONFLICT"
  /** Well-formed input that clashes with the store's state in a way a dialect reports as 422 (DFS, enfore). */
  | "UNPROCESSABLE"
  | "FORBIDDEN"
  | "UNAUTHENTICATED"
  | "TOO_LARGE";

export interface FieldIssue {
  /** Dotted path of the offending input field, e.g. `emails.0.address`. */
  path: string;
  message: string;
  /** The value is fine but clashes with another record (a uniqueness conflict, HTTP 409), not invalid. */
  conflict?: boolean;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
    readonly entity?: { type: string; id?: string },
    /**
     * A machine-readable reason a dialect may show beside its status (DFS `subCode`, e.g. `UsernameNotUnique`).
     * Dialects without such a field ignore it.
     */
    readonly reason?: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (type: string, id?: string) =>
  new DomainError("NOT_FOUND", `${type} ${id ?? ""} was not found`.replace("  ", " "), [], { type, id });

export const validationFailed = (issues: FieldIssue[], message?: string) =>
  new DomainError("VALIDATION", message ?? issues.map((i) => `${i.path}: ${i.message}`).join("; "), issues);

/** Throws for `issues`, if any: a conflict when every issue is a clash with another record, else a validation error. */
export function rejectIssues(issues: FieldIssue[]): void {
  if (issues.length === 0) return;
  const message = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
  throw new DomainError(issues.every((i) => i.conflict) ? "CONFLICT" : "VALIDATION", message, issues);
}

export const conflict = (message: string, entity?: { type: string; id?: string }) =>
  new DomainError("CONFLICT", message, [], entity);

/**
 * Input that is valid on its own but cannot be applied to the store as it is (a value another record holds
 * where a dialect answers 422, a reference the operation forbids): 422 in the REST dialects, tRPC's
 * UNPROCESSABLE_CONTENT. `reason` is the machine-readable cause (DFS `subCode`).
 */
export const unprocessable = (
  message: string,
  options: { reason?: string; issues?: FieldIssue[]; entity?: { type: string; id?: string } } = {},
) => new DomainError("UNPROCESSABLE", message, options.issues ?? [], options.entity, options.reason);

/**
 * A write that named the state it was based on (a record's `version`, or the modification time behind an
 * HTTP ETag) when the record has changed since: a conflict (409), which a dialect answers to an `If-Match`
 * precondition as 412. Thrown inside the write's transaction, with the row locked.
 */
export class StaleRecordError extends DomainError {
  constructor(message: string, entity: { type: string; id: string }) {
    super("CONFLICT", message, [], entity);
  }
}

export const isStaleRecord = (e: unknown): e is StaleRecordError => e instanceof StaleRecordError;

export const forbidden = (permission: string) =>
  new DomainError("FORBIDDEN", `Missing permission ${permission}`, [{ path: "", message: permission }]);

export const unauthenticated = (message = "Authentication required") =>
  new DomainError("UNAUTHENTICATED", message);

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

/** The value `run` returns, or the domain error it throws (anything else still propagates). */
export function catchDomainError<T>(run: () => T): T | DomainError {
  try {
    return run();
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
}
