import type { FieldChange } from "@switchboard/db";

/**
 * How DFS sees a contact's canonical change sets (cross-dialect contract §5, §7): the canonical state is
 * replayed change set by change set, each state is projected onto the DFS details paths of the `contact`
 * schema (bound fields from their canonical columns and points, unbound ones from the DFS details document),
 * and a submission's DFS changes are the difference of the projections before and after it. A change DFS
 * cannot see (a Genesys-only field, a tag) shows as nothing.
 */

/** A DFS details path bound to a canonical value: a contact column or a derived point value. */
export interface DetailsBinding {
  /** The DFS details path, e.g. `personalInformation.firstName`. */
  path: string;
  /** The canonical source: a contact column, or `primaryEmail`, `primaryMobile`, `primaryAddress.<field>`. */
  canonical: string;
}

/** The canonical address fields a `primaryAddress.<field>` binding reads. */
const ADDRESS_FIELDS: Record<string, string> = {
  street: "address1",
  city: "city",
  postalCode: "postalCode",
  countryCode: "countryCode",
  state: "state",
};

/** The canonical state of a record as dotted leaf paths (the paths change sets carry). */
export type CanonicalState = Map<string, unknown>;

export function applyChanges(state: CanonicalState, changes: FieldChange[]): void {
  for (const c of changes) {
    if (c.new === null || c.new === undefined) state.delete(c.path);
    else state.set(c.path, c.new);
  }
}

function canonicalValue(state: CanonicalState, canonical: string): unknown {
  if (canonical === "primaryEmail") return state.get("emails.0.address") ?? null;
  if (canonical === "primaryMobile") {
    for (let i = 0; state.has(`phones.${i}.type`) || state.has(`phones.${i}.display`); i++)
      if (state.get(`phones.${i}.type`) === "cell")
        return state.get(`phones.${i}.e164`) ?? state.get(`phones.${i}.display`) ?? null;
    return null;
  }
  if (canonical.startsWith("primaryAddress.")) {
    const field = ADDRESS_FIELDS[canonical.slice("primaryAddress.".length)];
    return field ? (state.get(`addresses.0.${field}`) ?? null) : null;
  }
  return state.get(canonical) ?? null;
}

/**
 * The DFS details of a canonical state, as path → value: the bound paths, and the unbound ones kept in the
 * record's DFS details document (canonical paths under `detailsPrefix`).
 */
export function projectDetails(
  state: CanonicalState,
  bindings: readonly DetailsBinding[],
  detailsPrefix: string,
): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const b of bindings) {
    const value = canonicalValue(state, b.canonical);
    if (value !== null) out.set(b.path, value);
  }
  const prefix = `${detailsPrefix}.`;
  for (const [path, value] of state)
    if (path.startsWith(prefix) && !out.has(path.slice(prefix.length)))
      out.set(path.slice(prefix.length), value);
  return out;
}

/** A value as DFS shows it in `originalValue` / `targetValue`: a string, or null. */
export const asDfsValue = (value: unknown): string | null =>
  value === null || value === undefined ? null : typeof value === "string" ? value : JSON.stringify(value);

export interface DetailsChange {
  path: string;
  originalValue: string | null;
  targetValue: string | null;
}

/** The DFS paths whose values differ between two projections, in path order. */
export function detailsDiff(before: Map<string, unknown>, after: Map<string, unknown>): DetailsChange[] {
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  const out: DetailsChange[] = [];
  for (const path of paths) {
    const a = asDfsValue(before.get(path));
    const b = asDfsValue(after.get(path));
    if (a !== b) out.push({ path, originalValue: a, targetValue: b });
  }
  return out;
}

/** Whether a submission touched one of `paths` (DFS `paths` filter): equal, or a path below one given. */
export const touchesAny = (changes: DetailsChange[], paths: readonly string[]) =>
  paths.some((p) => changes.some((c) => c.path === p || c.path.startsWith(`${p}.`)));

/**
 * The DFS paths a change set's canonical paths fall under, without their values: how an anonymized change
 * set (its values removed) still shows which fields it changed.
 */
export function touchedPaths(
  changes: FieldChange[],
  bindings: readonly DetailsBinding[],
  detailsPrefix: string,
): string[] {
  const out = new Set<string>();
  for (const { path } of changes) {
    if (path.startsWith(`${detailsPrefix}.`)) out.add(path.slice(detailsPrefix.length + 1));
    for (const b of bindings) {
      const c = b.canonical;
      const hit =
        c === path ||
        (c === "primaryEmail" && path.startsWith("emails.0.")) ||
        (c === "primaryMobile" && path.startsWith("phones.")) ||
        (c.startsWith("primaryAddress.") &&
          path === `addresses.0.${ADDRESS_FIELDS[c.slice("primaryAddress.".length)]}`);
      if (hit) out.add(b.path);
    }
  }
  return [...out].sort();
}
