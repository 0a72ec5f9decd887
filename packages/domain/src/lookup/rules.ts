import { normalizePhone } from "../contact-points/rules";

export type LookupKey =
  | { kind: "email"; value: string }
  | { kind: "phone"; value: string }
  | { kind: "twitter"; value: string };

/**
 * What a reverse-whitepages value is: an email (case-insensitive), a phone number in any format (matched on
 * its E.164 form), or else a Twitter screen name (with or without `@`).
 */
export function lookupKeyOf(raw: string): LookupKey | null {
  const value = raw.trim();
  if (!value) return null;
  if (value.includes("@") && !value.startsWith("@")) return { kind: "email", value: value.toLowerCase() };
  if (/^[\d\s()+\-./]{5,}$/.test(value)) {
    const phone = normalizePhone({ type: "other", display: value });
    if (phone.e164) return { kind: "phone", value: phone.e164 };
  }
  return { kind: "twitter", value: value.replace(/^@/, "").toLowerCase() };
}
