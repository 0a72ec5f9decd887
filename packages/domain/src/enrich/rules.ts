import { type FieldIssue, rejectIssues } from "../shared/errors";
import { parseInput } from "../shared/validation";
import {
  type EnrichArrayAction,
  type EnrichFieldAction,
  type EnrichFieldRules,
  enrichFieldRules,
} from "./model";

type Doc = Record<string, unknown>;
const isObject = (v: unknown): v is Doc => typeof v === "object" && v !== null && !Array.isArray(v);
/** Null in the sense of the field rules: absent, null or "" (Genesys: an omitted field counts as null). */
const isNull = (v: unknown) => v === undefined || v === null || v === "";

export interface CombineOptions {
  /** Top-level fields that may be combined (the model's writable ones); a rule naming another is refused. */
  writable: readonly string[];
  /** Most items a list may hold, by dotted path (`externalIds`, `lineId.ids`): `Fill` stops there, `Extend` is refused past it. */
  arrayLimits?: Record<string, number>;
  /** When two list items are the same one (by default: deep equality), by dotted path. */
  itemKeys?: Record<string, (item: unknown) => string>;
}

/**
 * Combines the stored document of a record (`existing`, empty for a new record) with the one a caller sent
 * (`provided`) field by field, as Genesys enrich does: objects field by field, each leaf and list under the
 * rule of its own path or of its nearest parent that has one, else the defaults.
 * - `PreferProvided` (default): a sent value wins; a null or omitted one leaves the stored value.
 * - `AlwaysUseProvided`: the sent value, even null (which clears the field).
 * - `PreferExisting`: the stored value, unless it is null.
 * Lists: `Fill` (default) appends the sent items not already there, up to the list's limit; `Extend` does the
 * same but refuses (400) a list that would pass it; `Replace` treats the list as one value under the field
 * action. Only `writable` fields come out; what the result means is for the caller's schema to check.
 */
export function combineFields(
  existing: Doc,
  provided: Doc,
  fieldRules: EnrichFieldRules | undefined,
  options: CombineOptions,
): Doc {
  const rules = parseInput(enrichFieldRules, fieldRules ?? {});
  const issues: FieldIssue[] = [];
  const byPath = new Map<string, { action?: EnrichFieldAction; arrayAction?: EnrichArrayAction }>();
  rules.rules.forEach((rule, i) => {
    const path = rule.field.slice(2);
    if (!options.writable.includes(path.split(".")[0]!))
      issues.push({ path: `fieldRules.rules.${i}.field`, message: `${rule.field} is not a writable field` });
    else if (byPath.has(path))
      issues.push({ path: `fieldRules.rules.${i}.field`, message: `${rule.field} has more than one rule` });
    byPath.set(path, { action: rule.action, arrayAction: rule.arrayAction });
  });
  rejectIssues(issues);

  /** The rule of `path` or of its nearest parent that sets `key`; the default without one. */
  const ruleAt = <K extends "action" | "arrayAction">(path: string[], key: K) => {
    for (let n = path.length; n > 0; n--) {
      const rule = byPath.get(path.slice(0, n).join("."))?.[key];
      if (rule) return rule;
    }
    return undefined;
  };
  const scalar = (stored: unknown, sent: unknown, action: EnrichFieldAction) => {
    if (action === "AlwaysUseProvided") return isNull(sent) ? undefined : sent;
    if (action === "PreferExisting") return isNull(stored) ? sent : stored;
    return isNull(sent) ? stored : sent;
  };

  const combine = (stored: unknown, sent: unknown, path: string[]): unknown => {
    const action = ruleAt(path, "action") ?? rules.defaultAction;
    const dotted = path.join(".");
    if (Array.isArray(stored) || Array.isArray(sent)) {
      const arrayAction = ruleAt(path, "arrayAction") ?? rules.defaultArrayAction;
      const storedItems = Array.isArray(stored) ? stored : [];
      const sentItems = Array.isArray(sent) ? sent : [];
      if (arrayAction === "Replace") {
        const list = scalar(
          storedItems.length ? storedItems : null,
          sentItems.length ? sentItems : null,
          action,
        );
        return list ?? undefined;
      }
      const key = options.itemKeys?.[dotted] ?? ((item: unknown) => JSON.stringify(item));
      const list = [...storedItems];
      for (const item of sentItems) if (!list.some((have) => key(have) === key(item))) list.push(item);
      const limit = options.arrayLimits?.[dotted];
      if (limit !== undefined && list.length > limit) {
        if (arrayAction === "Extend")
          issues.push({
            path: dotted,
            message: `would hold ${list.length} items, at most ${limit} are allowed`,
          });
        list.length = limit;
      }
      return list.length ? list : undefined;
    }
    if (isObject(stored) || isObject(sent)) {
      // A value of another kind on one side (a string where an object is stored): taken as one value.
      if ((!isObject(stored) && !isNull(stored)) || (!isObject(sent) && !isNull(sent)))
        return scalar(stored, sent, action);
      const a = isObject(stored) ? stored : {};
      const b = isObject(sent) ? sent : {};
      const out: Doc = {};
      for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
        const value = combine(a[field], b[field], [...path, field]);
        if (value !== undefined) out[field] = value;
      }
      return Object.keys(out).length ? out : undefined;
    }
    return scalar(stored, sent, action);
  };

  const result: Doc = {};
  for (const field of options.writable) {
    const value = combine(existing[field], provided[field], [field]);
    if (value !== undefined) result[field] = value;
  }
  rejectIssues(issues);
  return result;
}
