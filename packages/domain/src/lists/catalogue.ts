import { createHash } from "node:crypto";

/**
 * The pick-lists DFS forms bind fields to (`listKey`, dialect reference §1.7, §3.12): reference data shipped
 * with Switchboard, the same for every tenant. Labels are localized in English and German; countries and
 * languages take their names from the runtime's CLDR data (`Intl.DisplayNames`), the rest are written here.
 *
 * Item ids are int32 and stable: each list owns a range (`base + position`), so a list only ever grows at its
 * end (never reorder or remove an entry: ids are stored in records). Uids are derived from list key and item key.
 */

export const LIST_LANGUAGES = ["en", "de"] as const;
export type ListLanguage = (typeof LIST_LANGUAGES)[number];

export const LIST_KEYS = {
  countries: "countries",
  languages: "languages",
  salutations: "salutations",
  contactTypes: "contactTypes",
  /** States, cantons and Länder: children of their country (`parentId`). */
  states: "states",
} as const;
export type ListKey = (typeof LIST_KEYS)[keyof typeof LIST_KEYS];

export interface CatalogueItem {
  id: number;
  uid: string;
  listKey: ListKey;
  key: string;
  labels: Record<ListLanguage, string>;
  /** The id of the item of another list this one sits under (a state's country). */
  parentId: number | null;
  /** Serialized JSON, as DFS sends it, or null. */
  customAttributes: string | null;
}

// ISO 3166-1 alpha-2, in code order.
const COUNTRY_CODES =
  `AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ
FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT
JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP
MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE
RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV
TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW`
    .split(/\s+/)
    .filter(Boolean);

// ISO 639-1 codes of the languages clients most often ask to be served in.
const LANGUAGE_CODES =
  `en de fr it rm es pt nl sv da no fi is pl cs sk hu ro bg hr sr sl el tr ru uk ar he fa hi zh ja
ko th vi id ms tl sq lt lv et ga mt lb`
    .split(/\s+/)
    .filter(Boolean);

const SALUTATIONS: [string, string, string][] = [
  ["Mr", "Mr", "Herr"],
  ["Mrs", "Mrs", "Frau"],
  ["Ms", "Ms", "Frau"],
  ["Mx", "Mx", "Mx"],
  ["Dr", "Dr.", "Dr."],
  ["Prof", "Prof.", "Prof."],
];

const CONTACT_TYPES: [string, string, string][] = [
  ["Client", "Client", "Kunde"],
  ["Prospect", "Prospect", "Interessent"],
  ["Lead", "Lead", "Lead"],
  ["Partner", "Partner", "Partner"],
];

// [code, English, German]: the 26 cantons of Switzerland, the 16 Länder of Germany, the 50 US states and DC.
const STATES: Record<"CH" | "DE" | "US", [string, string, string][]> = {
  CH: [
    ["AG", "Aargau", "Aargau"],
    ["AI", "Appenzell Innerrhoden", "Appenzell Innerrhoden"],
    ["AR", "Appenzell Ausserrhoden", "Appenzell Ausserrhoden"],
    ["BE", "Bern", "Bern"],
    ["BL", "Basel-Landschaft", "Basel-Landschaft"],
    ["BS", "Basel-Stadt", "Basel-Stadt"],
    ["FR", "Fribourg", "Freiburg"],
    ["GE", "Geneva", "Genf"],
    ["GL", "Glarus", "Glarus"],
    ["GR", "Graubünden", "Graubünden"],
    ["JU", "Jura", "Jura"],
    ["LU", "Lucerne", "Luzern"],
    ["NE", "Neuchâtel", "Neuenburg"],
    ["NW", "Nidwalden", "Nidwalden"],
    ["OW", "Obwalden", "Obwalden"],
    ["SG", "St. Gallen", "St. Gallen"],
    ["SH", "Schaffhausen", "Schaffhausen"],
    ["SO", "Solothurn", "Solothurn"],
    ["SZ", "Schwyz", "Schwyz"],
    ["TG", "Thurgau", "Thurgau"],
    ["TI", "Ticino", "Tessin"],
    ["UR", "Uri", "Uri"],
    ["VD", "Vaud", "Waadt"],
    ["VS", "Valais", "Wallis"],
    ["ZG", "Zug", "Zug"],
    ["ZH", "Zurich", "Zürich"],
  ],
  DE: [
    ["BW", "Baden-Württemberg", "Baden-Württemberg"],
    ["BY", "Bavaria", "Bayern"],
    ["BE", "Berlin", "Berlin"],
    ["BB", "Brandenburg", "Brandenburg"],
    ["HB", "Bremen", "Bremen"],
    ["HH", "Hamburg", "Hamburg"],
    ["HE", "Hesse", "Hessen"],
    ["MV", "Mecklenburg-Western Pomerania", "Mecklenburg-Vorpommern"],
    ["NI", "Lower Saxony", "Niedersachsen"],
    ["NW", "North Rhine-Westphalia", "Nordrhein-Westfalen"],
    ["RP", "Rhineland-Palatinate", "Rheinland-Pfalz"],
    ["SL", "Saarland", "Saarland"],
    ["SN", "Saxony", "Sachsen"],
    ["ST", "Saxony-Anhalt", "Sachsen-Anhalt"],
    ["SH", "Schleswig-Holstein", "Schleswig-Holstein"],
    ["TH", "Thuringia", "Thüringen"],
  ],
  US: [
    ["AL", "Alabama", "Alabama"],
    ["AK", "Alaska", "Alaska"],
    ["AZ", "Arizona", "Arizona"],
    ["AR", "Arkansas", "Arkansas"],
    ["CA", "California", "Kalifornien"],
    ["CO", "Colorado", "Colorado"],
    ["CT", "Connecticut", "Connecticut"],
    ["DE", "Delaware", "Delaware"],
    ["DC", "District of Columbia", "District of Columbia"],
    ["FL", "Florida", "Florida"],
    ["GA", "Georgia", "Georgia"],
    ["HI", "Hawaii", "Hawaii"],
    ["ID", "Idaho", "Idaho"],
    ["IL", "Illinois", "Illinois"],
    ["IN", "Indiana", "Indiana"],
    ["IA", "Iowa", "Iowa"],
    ["KS", "Kansas", "Kansas"],
    ["KY", "Kentucky", "Kentucky"],
    ["LA", "Louisiana", "Louisiana"],
    ["ME", "Maine", "Maine"],
    ["MD", "Maryland", "Maryland"],
    ["MA", "Massachusetts", "Massachusetts"],
    ["MI", "Michigan", "Michigan"],
    ["MN", "Minnesota", "Minnesota"],
    ["MS", "Mississippi", "Mississippi"],
    ["MO", "Missouri", "Missouri"],
    ["MT", "Montana", "Montana"],
    ["NE", "Nebraska", "Nebraska"],
    ["NV", "Nevada", "Nevada"],
    ["NH", "New Hampshire", "New Hampshire"],
    ["NJ", "New Jersey", "New Jersey"],
    ["NM", "New Mexico", "New Mexico"],
    ["NY", "New York", "New York"],
    ["NC", "North Carolina", "North Carolina"],
    ["ND", "North Dakota", "North Dakota"],
    ["OH", "Ohio", "Ohio"],
    ["OK", "Oklahoma", "Oklahoma"],
    ["OR", "Oregon", "Oregon"],
    ["PA", "Pennsylvania", "Pennsylvania"],
    ["RI", "Rhode Island", "Rhode Island"],
    ["SC", "South Carolina", "South Carolina"],
    ["SD", "South Dakota", "South Dakota"],
    ["TN", "Tennessee", "Tennessee"],
    ["TX", "Texas", "Texas"],
    ["UT", "Utah", "Utah"],
    ["VT", "Vermont", "Vermont"],
    ["VA", "Virginia", "Virginia"],
    ["WA", "Washington", "Washington"],
    ["WV", "West Virginia", "West Virginia"],
    ["WI", "Wisconsin", "Wisconsin"],
    ["WY", "Wyoming", "Wyoming"],
  ],
};

/** A uuid (version 5 layout) derived from the item's list and key: the same on every server and tenant. */
function stableUid(listKey: string, key: string): string {
  const h = createHash("sha1").update(`switchboard:list:${listKey}:${key}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const names = (type: "region" | "language") =>
  Object.fromEntries(
    LIST_LANGUAGES.map((lang) => [lang, new Intl.DisplayNames([lang], { type, fallback: "code" })]),
  ) as Record<ListLanguage, Intl.DisplayNames>;

function build(): CatalogueItem[] {
  const items: CatalogueItem[] = [];
  const add = (
    listKey: ListKey,
    base: number,
    entries: { key: string; labels: Record<ListLanguage, string>; parentId?: number; attributes?: object }[],
  ) => {
    for (const [i, e] of entries.entries())
      items.push({
        id: base + i + 1,
        uid: stableUid(listKey, e.key),
        listKey,
        key: e.key,
        labels: e.labels,
        parentId: e.parentId ?? null,
        customAttributes: e.attributes ? JSON.stringify(e.attributes) : null,
      });
  };
  const region = names("region");
  add(
    LIST_KEYS.countries,
    1000,
    COUNTRY_CODES.map((code) => ({
      key: code,
      labels: { en: region.en.of(code) ?? code, de: region.de.of(code) ?? code },
    })),
  );
  const language = names("language");
  add(
    LIST_KEYS.languages,
    2000,
    LANGUAGE_CODES.map((code) => ({
      key: code,
      labels: { en: language.en.of(code) ?? code, de: language.de.of(code) ?? code },
    })),
  );
  add(
    LIST_KEYS.salutations,
    3000,
    SALUTATIONS.map(([key, en, de]) => ({ key, labels: { en, de } })),
  );
  add(
    LIST_KEYS.contactTypes,
    4000,
    CONTACT_TYPES.map(([key, en, de]) => ({ key, labels: { en, de } })),
  );
  const countryId = (code: string) => items.find((i) => i.listKey === "countries" && i.key === code)!.id;
  add(
    LIST_KEYS.states,
    10000,
    (["CH", "DE", "US"] as const).flatMap((country) =>
      STATES[country].map(([code, en, de]) => ({
        key: `${country}-${code}`,
        labels: { en, de },
        parentId: countryId(country),
        attributes: { countryCode: country, code },
      })),
    ),
  );
  return items;
}

/** Every list item, lists in `LIST_KEYS` order, items in id order. */
export const LIST_CATALOGUE: readonly CatalogueItem[] = build();
