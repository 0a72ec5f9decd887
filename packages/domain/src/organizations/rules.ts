import { foldText } from "../contacts/rules";
import type { Organization } from "./model";

/** What `q` matches for an organization: its name, industry, tags, websites and phone digits, folded. */
export function organizationSearchTextOf(
  o: Pick<Organization, "name" | "industry" | "tags" | "websites" | "phones">,
): string {
  const parts = [o.name, o.industry, ...o.tags, ...o.websites];
  for (const p of o.phones) parts.push(p.e164?.slice(1) ?? null, p.userInput.replace(/\D/g, ""));
  return foldText(parts.filter(Boolean).join(" "));
}

export const ORGANIZATION_HISTORY_IGNORED = ["id", "number", "version", "createdAt", "modifiedAt"] as const;
