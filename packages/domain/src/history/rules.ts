import type { FieldChange } from "@switchboard/db/schema";

type Flat = Map<string, unknown>;

function flattenInto(out: Flat, value: unknown, path: string): void {
  if (value instanceof Date) {
    out.set(path, value.toISOString());
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) flattenInto(out, item, path ? `${path}.${i}` : String(i));
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) flattenInto(out, v, path ? `${path}.${k}` : k);
  } else if (value !== undefined && value !== null) {
    out.set(path, value);
  }
}

/**
 * Leaf values of a record keyed by dotted path (`phones.0.e164`). Null, undefined and empty lists or objects
 * are absent: "no phones" and "phones: []" are the same fact, so neither shows as a change.
 */
export function flatten(value: unknown): Flat {
  const out: Flat = new Map();
  flattenInto(out, value, "");
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The changes of a record created: each leaf of `after` (as `flatten` finds them) as new, in path order, without
 * the paths in `ignore` and below them. The same as `diff` from nothing, with no map, path set or comparison
 * to build: an import writes one for every contact it creates.
 */
export function creation(after: unknown, ignore: readonly string[] = []): FieldChange[] {
  const changes: FieldChange[] = [];
  const skipped = new Set(ignore);
  const walk = (value: unknown, path: string): void => {
    if (value === null || value === undefined || skipped.has(path)) return;
    if (value instanceof Date) changes.push({ path, old: null, new: value.toISOString() });
    else if (Array.isArray(value))
      for (let i = 0; i < value.length; i++) walk(value[i], path ? `${path}.${i}` : String(i));
    else if (typeof value === "object")
      for (const key of Object.keys(value))
        walk((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
    else changes.push({ path, old: null, new: value });
  };
  walk(after, "");
  return changes.sort((x, y) => (x.path < y.path ? -1 : 1));
}

/**
 * Field-level changes between two versions of a record, in path order. A field that appears has `old: null`,
 * one that disappears has `new: null`; paths in `ignore` (and below them) are skipped.
 */
export function diff(before: unknown, after: unknown, ignore: readonly string[] = []): FieldChange[] {
  const a = flatten(before);
  if (a.size === 0) return creation(after, ignore);
  const b = flatten(after);
  const skipped = (path: string) => ignore.some((p) => path === p || path.startsWith(`${p}.`));
  const paths = [...new Set([...a.keys(), ...b.keys()])].filter((p) => !skipped(p)).sort();
  const changes: FieldChange[] = [];
  for (const path of paths) {
    const old = a.get(path) ?? null;
    const now = b.get(path) ?? null;
    if (!same(old, now)) changes.push({ path, old, new: now });
  }
  return changes;
}
