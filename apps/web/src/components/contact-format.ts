import type { Contact } from "@switchboard/domain";

/** How a contact is named in lists and headings. */
export function displayName(
  c: Pick<Contact, "displayName" | "firstName" | "lastName"> & { emails: { address: string }[] },
): string {
  return (
    c.displayName ||
    [c.firstName, c.lastName].filter(Boolean).join(" ") ||
    c.emails[0]?.address ||
    "(no name)"
  );
}
