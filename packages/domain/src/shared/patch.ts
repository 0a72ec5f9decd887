import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { conflict, type FieldIssue, rejectIssues, validationFailed } from "./errors";
import { parseInput } from "./validation";

/**
 * Partial updates as the current Genesys SDK sends them (`ExternalContactsPatchRequest`): a list of changes,
 * each naming one field by a restricted JSONPath (`$.a` or `$.a.b`, dot notation only) and an action.
 * The changes are applied to the record's current document; the result then goes through the same
 * validation and history as a full update.
 */
export const PATCH_ACTIONS = [
  "UpdateIfEmpty",
  "UpdateIfExists",
  "Update",
  "AppendToCollection",
  "Remove",
  "RemoveFromCollection",
] as const;

const FIELD_PATH = /^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

export const patchChange = z.object({
  field: z.string().regex(FIELD_PATH, "must be a JSONPath in dot notation rooted at $., e.g. $.firstName"),
  value: z.unknown().optional(),
  action: z.enum(PATCH_ACTIONS),
});
export const patchRequest = z.object({ changes: z.array(patchChange).max(100).default([]) });
export type PatchChange = z.infer<typeof patchChange>;
export type PatchRequest = z.input<typeof patchRequest>;

type Doc = Record<string, unknown>;
const isObject = (v: unknown): v is Doc => typeof v === "object" && v !== null && !Array.isArray(v);

/** Empty in the sense of `UpdateIfEmpty`: absent, null, "", [] or {}. */
export function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null || v === "") return true;
  if (Array.isArray(v)) return v.length === 0;
  return isObject(v) && Object.keys(v).length === 0;
}

export interface PatchRules {
  /** Top-level fields a caller may patch; any other field is refused. */
  writable: readonly string[];
}

/**
 * Applies `changes` to a copy of `document`. Refuses (400) a malformed or unknown field, a missing value and
 * a collection action on a non-collection; refuses (409) patching a field together with its parent.
 */
export function applyPatch(document: Doc, request: PatchRequest, rules: PatchRules): Doc {
  const { changes } = parseInput(patchRequest, request);
  const issues: FieldIssue[] = [];
  const paths = changes.map((c) => c.field.slice(2).split("."));
  paths.forEach((path, i) => {
    if (!rules.writable.includes(path[0]!))
      issues.push({ path: `changes.${i}.field`, message: `${changes[i]!.field} cannot be patched` });
  });
  rejectIssues(issues);
  for (const [i, a] of paths.entries())
    for (const [j, b] of paths.entries())
      if (i !== j && a.length < b.length && a.every((part, k) => b[k] === part))
        throw conflict(`${changes[i]!.field} and ${changes[j]!.field} cannot be patched in one request`);

  const doc = structuredClone(document);
  changes.forEach((change, i) => {
    applyOne(doc, change, paths[i]!, `changes.${i}`);
  });
  return doc;
}

function applyOne(doc: Doc, change: PatchChange, path: string[], at: string): void {
  const fail = (message: string): never => {
    throw validationFailed([{ path: at, message }]);
  };
  let parent: Doc = doc;
  for (const key of path.slice(0, -1)) {
    const next = parent[key];
    if (next === undefined || next === null) {
      if (change.action === "Remove" || change.action === "RemoveFromCollection") return;
      parent[key] = {};
    } else if (!isObject(next)) fail(`${change.field}: ${key} is not an object`);
    parent = parent[key] as Doc;
  }
  const key = path.at(-1)!;
  const current = parent[key];
  if (change.action !== "Remove" && !("value" in change)) fail(`${change.action} needs a value`);
  const items = Array.isArray(change.value) ? change.value : [change.value];
  switch (change.action) {
    case "Update":
      parent[key] = change.value;
      break;
    case "UpdateIfEmpty":
      if (isEmptyValue(current)) parent[key] = change.value;
      break;
    case "UpdateIfExists":
      if (!isEmptyValue(current)) parent[key] = change.value;
      break;
    case "Remove":
      delete parent[key];
      break;
    case "AppendToCollection":
      if (current !== undefined && current !== null && !Array.isArray(current))
        fail(`${change.field} is not a collection`);
      parent[key] = [...((current as unknown[] | null | undefined) ?? []), ...items];
      break;
    case "RemoveFromCollection":
      if (current === undefined || current === null) return;
      if (!Array.isArray(current)) fail(`${change.field} is not a collection`);
      parent[key] = (current as unknown[]).filter((item) => !items.some((v) => isDeepStrictEqual(item, v)));
      break;
  }
}
