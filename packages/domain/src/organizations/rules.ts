import type { z } from "zod";
import type { webAddressInput } from "../contact-points/model";
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

type WebAddressInput = z.output<typeof webAddressInput>;

/**
 * An organization's web points after a write that gives both its web points and its `websites` (their urls,
 * the Genesys view): when the urls are the ones it had (`beforeUrls`; none yet for a new organization), the
 * points as given; otherwise the websites: a url the points have keeps its point (id, vendor type,
 * description), a new one becomes a `website` point, and points of urls not listed go.
 */
export function webAddressesWithWebsites(
  webAddresses: WebAddressInput[],
  websites: string[],
  beforeUrls: string[],
): WebAddressInput[] {
  const same = websites.length === beforeUrls.length && websites.every((url, i) => url === beforeUrls[i]);
  if (same) return webAddresses;
  const unused = [...webAddresses];
  return [...new Set(websites)].map((url) => {
    const at = unused.findIndex((w) => w.url === url);
    if (at >= 0) return unused.splice(at, 1)[0]!;
    return { type: "website", url, usages: [], vendorType: null, usageContext: null, description: null };
  });
}
