import { z } from "zod";
import type { Context } from "../shared/context";
import { notFound } from "../shared/errors";
import { parseInput } from "../shared/validation";
import {
  type CatalogueItem,
  LIST_CATALOGUE,
  LIST_KEYS,
  LIST_LANGUAGES,
  type ListKey,
  type ListLanguage,
} from "./catalogue";

/** A list item as a caller sees it, its label in the caller's language. */
export interface ListItem {
  id: number;
  uid: string;
  label: string;
  key: string;
  customAttributes: string | null;
  parentId: number | null;
}

export interface ItemsOfList {
  listKey: string;
  listItems: ListItem[];
}

const ALL_KEYS = Object.values(LIST_KEYS) as ListKey[];
const byList = new Map<string, CatalogueItem[]>(
  ALL_KEYS.map((key) => [key.toLowerCase(), LIST_CATALOGUE.filter((i) => i.listKey === key)]),
);

const languageOf = (lang: string | undefined): ListLanguage =>
  (LIST_LANGUAGES as readonly string[]).includes(lang ?? "") ? (lang as ListLanguage) : "en";

const view = (item: CatalogueItem, lang: ListLanguage): ListItem => ({
  id: item.id,
  uid: item.uid,
  label: item.labels[lang],
  key: item.key,
  customAttributes: item.customAttributes,
  parentId: item.parentId,
});

/** A list's items by key (case-insensitive); an unknown list is not found. */
function itemsOf(listKey: string): CatalogueItem[] {
  const items = byList.get(listKey.trim().toLowerCase());
  if (!items) throw notFound("list", listKey);
  return items;
}

/** The item of a list with this id or key, if any (for checking values bound to a list). */
export function findListItem(listKey: string, which: { id: number } | { key: string }): CatalogueItem | null {
  const items = byList.get(listKey.trim().toLowerCase()) ?? [];
  return (
    items.find((i) =>
      "id" in which ? i.id === which.id : i.key.toLowerCase() === which.key.trim().toLowerCase(),
    ) ?? null
  );
}

/**
 * The items of the given lists, or of every list when none are given (DFS #48). Lists are reference data:
 * any signed-in caller may read them. An unknown list key is not found.
 */
export function listItems(
  _ctx: Context,
  listKeys: string[] | null | undefined,
  lang?: string,
): ItemsOfList[] {
  const language = languageOf(lang);
  const keys = listKeys?.length ? listKeys : ALL_KEYS;
  return keys.map((key) => {
    const items = itemsOf(key);
    return { listKey: items[0]?.listKey ?? key, listItems: items.map((i) => view(i, language)) };
  });
}

export const listLookupInput = z.object({
  filter: z.string().max(1000).nullish(),
  limit: z.number().int().min(0).max(1000).nullish(),
  includeId: z.number().int().nullish(),
  isFilteredByHierarchy: z.boolean().nullish(),
  hierarchyListItemId: z.number().int().nullish(),
});
export type ListLookupInput = z.input<typeof listLookupInput>;

export const LOOKUP_DEFAULT_LIMIT = 10;

/**
 * Type-ahead lookup in one list (DFS #46): items whose localized label or key contains `filter`
 * (case- and accent-insensitive), ordered by label; `totalCount` counts the matches before `limit` (default
 * 10). With `isFilteredByHierarchy`, only the children of `hierarchyListItemId`. `includeId` is always in
 * the result (added at the end when the limit or the filter left it out).
 */
export function lookupListItems(
  _ctx: Context,
  listKey: string,
  input: ListLookupInput,
  lang?: string,
): { items: ListItem[]; totalCount: number } {
  const valid = parseInput(listLookupInput, input);
  const language = languageOf(lang);
  const all = itemsOf(listKey);
  const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const term = fold(valid.filter?.trim() ?? "");
  const hierarchy = valid.isFilteredByHierarchy ? (valid.hierarchyListItemId ?? null) : undefined;
  const matches = all
    .filter((i) => hierarchy === undefined || i.parentId === hierarchy)
    .filter((i) => !term || fold(i.labels[language]).includes(term) || fold(i.key).includes(term))
    .sort((a, b) => a.labels[language].localeCompare(b.labels[language], language) || a.id - b.id);
  const limit = valid.limit ?? LOOKUP_DEFAULT_LIMIT;
  const items = matches.slice(0, limit);
  if (valid.includeId != null && !items.some((i) => i.id === valid.includeId)) {
    const included = all.find((i) => i.id === valid.includeId);
    if (included) items.push(included);
  }
  return { items: items.map((i) => view(i, language)), totalCount: matches.length };
}
