import { contacts, eq, type SQL, sql } from "@switchboard/db";
import type { z } from "zod";
import type { contactSearchInput } from "./model";

type ListFilterInput = Pick<
  z.output<typeof contactSearchInput>,
  "type" | "hasEmail" | "hasPhone" | "customField"
>;

/**
 * The web list's filters on top of the keyword search: type, has email / phone (flags kept with the contact
 * points, so a count over 100k contacts needs no join), one custom field's value.
 */
export function listFilters({ type, hasEmail, hasPhone, customField }: ListFilterInput): SQL[] {
  const filters: SQL[] = [];
  if (type) filters.push(eq(contacts.type, type));
  if (hasEmail !== undefined) filters.push(eq(contacts.hasEmail, hasEmail));
  if (hasPhone !== undefined) filters.push(eq(contacts.hasPhone, hasPhone));
  // As text, so a number or boolean field matches what a user types.
  if (customField) filters.push(sql`${contacts.customFields} ->> ${customField.name} = ${customField.value}`);
  return filters;
}
