// A person's one display name (enfore `name`) and the name columns other dialects write (cross-dialect §2).

interface NameColumns {
  firstName: string | null;
  middleName?: string | null;
  lastName: string | null;
}

const words = (s: string) => s.trim().split(/\s+/).filter(Boolean);

/** First, middle and last name joined with single spaces ("" when there are none). */
export const joinName = (c: NameColumns) =>
  [c.firstName, c.middleName, c.lastName].flatMap((part) => (part ? words(part) : [])).join(" ");

/** The name a person reads as where one name is shown: the display name, else the joined names. */
export const displayNameOf = (c: NameColumns & { displayName: string | null }) =>
  c.displayName?.trim() || joinName(c);

/** The last word is the last name, the rest the first name ("Grace Brewster Hopper" → "Grace Brewster" / "Hopper"). */
export function splitName(name: string): { firstName: string | null; lastName: string | null } {
  const all = words(name);
  const lastName = all.pop() ?? null;
  return { firstName: all.length ? all.join(" ") : null, lastName };
}

/**
 * The name columns after a write of one display name: a person without first and last name gets them from
 * `splitName`; the display name is kept only where it differs from the joined names, so a later write of the
 * names through another dialect shows the new join, and an explicit different display name stays.
 */
export function namesFromDisplayName(
  current: NameColumns,
  name: string,
): {
  displayName: string | null;
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
} {
  const split = !current.firstName && !current.lastName;
  const columns = split
    ? { ...splitName(name), middleName: null }
    : { firstName: current.firstName, middleName: current.middleName ?? null, lastName: current.lastName };
  const trimmed = name.trim();
  return { ...columns, displayName: trimmed === joinName(columns) ? null : trimmed };
}
