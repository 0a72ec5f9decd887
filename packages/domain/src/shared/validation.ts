import type { z } from "zod";
import { type FieldIssue, validationFailed } from "./errors";

export function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

/** Parses `input` with `schema`, throwing a VALIDATION DomainError that names each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationFailed(issuesOf(result.error));
  return result.data;
}
