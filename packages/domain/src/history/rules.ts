import type { FieldChange, StoredChanges } from "@switchboard/db/schema";

type Flat = Map<string, unknown>;

/**
 * The dotted path of `key` under `parent`, made once: records of one kind have the same few paths, and an
 * import walks them for every row it creates. A path made again by concatenation is a new string each time,
 * and sorting a record's changes first copies each such string into a flat one.
 */
function childPath(parent: string, key: string | number): string {
  const known = PATHS.get(parent)?.get(key);
  if (known !== undefined) return known;
  const path = parent ? `${parent}.${key}` : String(key);
  // Custom fields and DFS details bring paths of their own names: past this many, paths are made, not kept.
  if (pathsKept < 10_000) {
    const children = PATHS.get(parent) ?? new Map<string | number, string>();
    PATHS.set(parent, children.set(key, path));
    pathsKept++;
  }
  return path;
}
const PATHS = new Map<string, Map<string | number, string>>();
let pathsKept = 0;

/**
 * Calls `visit` with each leaf of `value` and its dotted path (`phones.0.e164`), a date as its ISO string. Null,
 * undefined and empty lists or objects have no leaves; nothing at or below a path in `skipped` is walked.
 */
function eachLeaf(
  value: unknown,
  path: string,
  visit: (path: string, leaf: unknown) => void,
  skipped?: ReadonlySet<string>,
): void {
  if (value === null || value === undefined || skipped?.has(path)) return;
  if (value instanceof Date) visit(path, value.toISOString());
  else if (Array.isArray(value))
    for (let i = 0; i < value.length; i++) eachLeaf(value[i], childPath(path, i), visit, skipped);
  else if (typeof value === "object")
    for (const key of Object.keys(value))
      eachLeaf((value as Record<string, unknown>)[key], childPath(path, key), visit, skipped);
  else visit(path, value);
}

/**
 * Leaf values of a record keyed by dotted path (`phones.0.e164`), but for the paths in `skipped` and below them.
 * Null, undefined and empty lists or objects are absent: "no phones" and "phones: []" are the same fact, so
 * neither shows as a change.
 */
export function flatten(value: unknown, skipped?: ReadonlySet<string>): Flat {
  const out: Flat = new Map();
  eachLeaf(value, "", (path, leaf) => out.set(path, leaf), skipped);
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The changes of a record created: each leaf of `after` (as `flatten` finds them) as new, in path order, without
 * the paths in `ignore` and below them. The same as `diff` from nothing, with no map, path set or comparison
 * to build: an import writes one for every contact it creates.
 */
export function creation(after: unknown, ignore: readonly string[] = []): FieldChange[] {
  return changesOf(createdValues(after, ignore));
}

/**
 * A created record's values by path, as its creation is stored (`storedChanges`): what `creation` lists, without
 * the list and its sort, which an import paid for each contact only to fold it back into this. Paths in `ignore` (and
 * below them) and those `skip` names are left out.
 */
export function createdValues(
  after: unknown,
  ignore: readonly string[] = [],
  skip?: (path: string) => boolean,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  eachLeaf(
    after,
    "",
    (path, leaf) => {
      if (!skip?.(path)) values[path] = leaf;
    },
    new Set(ignore),
  );
  return values;
}

/**
 * How `changes` are stored (see the schema's `StoredChanges`): those of a record created as its values by path,
 * any others as they are.
 */
export function storedChanges(action: string, changes: FieldChange[]): StoredChanges {
  if (action !== "create" || changes.some((c) => c.old !== null)) return changes;
  const values: Record<string, unknown> = {};
  for (const c of changes) values[c.path] = c.new;
  return values;
}

/** Stored changes as field changes, in path order (a stored object's keys come back in jsonb's own order). */
export function changesOf(stored: StoredChanges): FieldChange[] {
  if (Array.isArray(stored)) return stored;
  return Object.keys(stored)
    .sort()
    .map((path) => ({ path, old: null, new: stored[path] }));
}

/**
 * Field-level changes between two versions of a record, in path order. A field that appears has `old: null`,
 * one that disappears has `new: null`; paths in `ignore` (and below them) are skipped.
 */
export function diff(before: unknown, after: unknown, ignore: readonly string[] = []): FieldChange[] {
  const skipped = new Set(ignore);
  const a = flatten(before, skipped);
  if (a.size === 0) return creation(after, ignore);
  const b = flatten(after, skipped);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  const changes: FieldChange[] = [];
  for (const path of paths) {
    const old = a.get(path) ?? null;
    const now = b.get(path) ?? null;
    if (!same(old, now)) changes.push({ path, old, new: now });
  }
  return changes;
}
