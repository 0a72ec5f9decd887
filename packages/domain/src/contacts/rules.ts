import type { Email, Phone } from "../contact-points/model";
import type { Contact } from "./model";

/** Lower-case, accents removed, whitespace folded: the form both stored search text and queries take. */
export function foldText(s: string): string {
  return withoutDiacritics(s).toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * Text without its diacritics (accents decomposed away). Printable ASCII, most names and every email and
 * number, decomposes to itself, and its only diacritics are `^` and `` ` ``: it skips the decomposition, which
 * was half of what folding an import's search texts cost.
 */
function withoutDiacritics(s: string): string {
  if (/^[\t\n\r -~]*$/.test(s)) return s.replace(/[\^`]/g, "");
  return s.normalize("NFD").replace(/\p{Diacritic}/gu, "");
}

/**
 * The text `q` searches: names, emails, and each phone's digits (E.164 without `+`, and as typed), folded.
 * Stored denormalized on the contact and trigram-indexed, so search needs no join and no table scan.
 * A number of digits that another one holds is left out (`withoutContainedNumbers`): terms have no spaces, so
 * whatever finds it finds the longer one too, and each word costs its trigrams on every import.
 */
export function searchTextOf(
  c: Pick<Contact, "firstName" | "middleName" | "lastName" | "displayName" | "title"> & {
    // Only the values are searched, so writers holding points without ids (imports, seeds) can call it too.
    emails: (Pick<Email, "address"> & Partial<Email>)[];
    phones: (Pick<Phone, "e164" | "userInput"> & Partial<Phone>)[];
  },
): string {
  const parts = [
    c.firstName,
    c.middleName,
    c.lastName,
    c.displayName,
    c.title,
    ...c.emails.map((e) => e.address),
  ];
  for (const p of c.phones) parts.push(p.e164?.slice(1) ?? null, p.userInput.replace(/\D/g, ""));
  return withoutContainedNumbers(foldText(parts.filter(Boolean).join(" ")));
}

/**
 * Drops each word of digits that repeats an earlier one or is part of another word of digits: "5032267348"
 * typed beside its E.164 "15032267348". Migration 0036 does the same to stored texts.
 */
function withoutContainedNumbers(text: string): string {
  const words = text.split(" ");
  const numbers = words.filter((w) => /^\d+$/.test(w));
  if (numbers.length < 2) return text;
  return words
    .filter(
      (w, i) =>
        !/^\d+$/.test(w) || (words.indexOf(w) === i && !numbers.some((n) => n !== w && n.includes(w))),
    )
    .join(" ");
}

/**
 * Splits a query into terms the trigram index can serve. A term that looks like a phone number (digits and
 * separators only) is reduced to its digits so "(555) 010-0199" finds "+15550100199".
 */
export function searchTermsOf(q: string | undefined): string[] {
  if (!q) return [];
  const phoneLike = /^[\d\s()+\-./]{4,}$/;
  if (phoneLike.test(q.trim()) && q.replace(/\D/g, "").length >= 3) return [q.replace(/\D/g, "")];
  return foldText(q)
    .split(" ")
    .map((t) => (phoneLike.test(t) ? t.replace(/\D/g, "") : t))
    .filter((t) => t.length > 0);
}

/** Escapes LIKE wildcards so user input matches literally. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/** Fields that change on every write or are bookkeeping, left out of history. */
export const CONTACT_HISTORY_IGNORED = ["id", "number", "version", "createdAt", "modifiedAt"] as const;
