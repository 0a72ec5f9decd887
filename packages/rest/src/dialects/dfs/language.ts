import type { Context } from "hono";

/** The languages DFS localizes status names, labels and list items into; the tenant default is English. */
export const LANGUAGES = ["en", "de"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "en";

const known = (code: string | undefined): Language | undefined => {
  const primary = code?.trim().split(/[-_;]/)[0]?.toLowerCase();
  return (LANGUAGES as readonly string[]).includes(primary ?? "") ? (primary as Language) : undefined;
};

/**
 * The request's language (§1.8): the `language` query parameter, else the first `Accept-Language` tag we
 * speak (its primary subtag: `de-CH` is `de`), else the tenant default. An unknown language falls back too.
 */
export function languageOf(c: Context): Language {
  const query = known(c.req.query("language"));
  if (query) return query;
  const header = c.req.header("accept-language") ?? "";
  for (const tag of header.split(",")) {
    const lang = known(tag);
    if (lang) return lang;
  }
  return DEFAULT_LANGUAGE;
}

/** A text in every language we speak. */
export type Localized = Record<Language, string>;

/** The text in `lang`, else English. A label given as a plain string is the same in every language. */
export const localize = (text: Localized | string | null | undefined, lang: Language): string | null =>
  text == null ? null : typeof text === "string" ? text : (text[lang] ?? text.en);

/** The DFS message catalogue: names the dialect itself shows. */
export const CATALOGUE = {
  "changeRequestStatus.1": { en: "Pending", de: "Ausstehend" },
  "changeRequestStatus.2": { en: "Approved", de: "Genehmigt" },
  "changeRequestStatus.3": { en: "Rejected", de: "Abgelehnt" },
  "changeRequestStatus.4": { en: "Cancelled", de: "Storniert" },
} as const satisfies Record<string, Localized>;

export const t = (key: keyof typeof CATALOGUE, lang: Language) => CATALOGUE[key][lang];
