import { contactPoints, contacts, eq, not, type SQL, sql } from "@switchboard/db";
import type { z } from "zod";
import type { contactSearchInput } from "./model";

type ListFilterInput = Pick<
  z.output<typeof contactSearchInput>,
  "type" | "hasEmail" | "hasPhone" | "customField"
>;

/** Whether the contact owns a contact point of `kind` (served by the contact points' owner index). */
const owns = (kind: "email" | "phone") =>
  sql`exists (select 1 from ${contactPoints} where ${contactPoints.tenantId} = ${contacts.tenantId} and ${contactPoints.ownerId} = ${contacts.id} and ${contactPoints.kind} = ${kind})`;

/** The web list's filters on top of the keyword search: type, has email / phone, one custom field's value. */
export function listFilters({ type, hasEmail, hasPhone, customField }: ListFilterInput): SQL[] {
  const filters: SQL[] = [];
  if (type) filters.push(eq(contacts.type, type));
  if (hasEmail !== undefined) filters.push(hasEmail ? owns("email") : not(owns("email")));
  if (hasPhone !== undefined) filters.push(hasPhone ? owns("phone") : not(owns("phone")));
  // As text, so a number or boolean field matches what a user types.
  if (customField) filters.push(sql`${contacts.customFields} ->> ${customField.name} = ${customField.value}`);
  return filters;
}
