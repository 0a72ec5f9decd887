import type { z } from "zod";
import { type FieldIssue, validationFailed } from "./errors";

export function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

export const NUL_MESSAGE = "must not contain the NUL character (U+0000)";

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/**
 * The fields of `input` (strings and object keys, at any depth) holding U+0000, which PostgreSQL text and
 * jsonb cannot store: every input is refused with them up front, naming the field, rather than failing in
 * SQL. Walks without recursion, so no nesting depth can overflow the stack.
 */
export function nulIssues(input: unknown, base: readonly string[] = []): FieldIssue[] {
  // Almost no input holds a NUL: a walk that builds no paths says so first (an import checks every row, and the
  // paths were a third of what its dry run allocated).
  if (!holdsNul(input)) return [];
  const issues: FieldIssue[] = [];
  const named = (path: readonly string[]) => path.join(".").replaceAll("\0", "\\u0000");
  const stack: [unknown, readonly string[]][] = [[input, base]];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === "string") {
      if (value.includes("\0")) issues.push({ path: named(path), message: NUL_MESSAGE });
    } else if (Array.isArray(value) || isPlainObject(value)) {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        if (key.includes("\0")) issues.push({ path: named([...path, key]), message: NUL_MESSAGE });
        stack.push([child, [...path, key]]);
      }
    }
  }
  return issues;
}

/** Whether any string or object key in `input`, at any depth, holds U+0000 (as `nulIssues` walks it). */
function holdsNul(input: unknown): boolean {
  const stack: unknown[] = [input];
  while (stack.length) {
    const value = stack.pop();
    if (typeof value === "string") {
      if (value.includes("\0")) return true;
    } else if (Array.isArray(value)) {
      for (const child of value) stack.push(child);
    } else if (isPlainObject(value)) {
      for (const key of Object.keys(value)) {
        if (key.includes("\0")) return true;
        stack.push(value[key]);
      }
    }
  }
  return false;
}

/** Parses `input` with `schema`, throwing a VALIDATION DomainError that names each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const nul = nulIssues(input);
  if (nul.length) throw validationFailed(nul);
  const result = schema.safeParse(input);
  if (!result.success) throw validationFailed(issuesOf(result.error));
  return result.data;
}
