import { desc, type PgColumn, type SQL, sql } from "@switchboard/db";
import { likePattern } from "../contacts/rules";
import type { Context } from "./context";

/**
 * `q` keyword search over a folded, trigram-indexed text column (`search_text`, GIN `gin_trgm_ops`).
 * Exact first: every term must appear (`LIKE`). When that finds nothing, a typo-tolerant pass matches each
 * word-like term by trigram word similarity (`%>`, also served by the GIN index, so no table scan) and
 * ranks by it: "Jonh Smiht" finds John Smith. Only words are typo-tolerant: a term with a digit or an `@`
 * (a phone number, an email, a customer number) and a very short term stay exact.
 */
export const FUZZY_WORD_SIMILARITY = 0.38;

/**
 * A word a person may misspell: letters, and the apostrophes, hyphens and dots of names (O'Brien, Jean-Luc,
 * J.R.). An email or number with a typo would match nearly every record that shares its domain or digits
 * ("person12@laod.example": two of three contacts in a list whose emails all end "@load.example"), and
 * ranking that many took a second at 100k contacts.
 */
const isFuzzyTerm = (term: string) => term.length >= 3 && /^[\p{L}'’.-]+$/u.test(term);

export const exactTermFilters = (column: PgColumn, terms: string[]): SQL[] =>
  terms.map((term) => sql`${column} like ${likePattern(term)}`);

/** Whether a typo-tolerant pass could find something the exact one did not. */
export const canBeFuzzy = (terms: string[]) => terms.some(isFuzzyTerm);

export const fuzzyTermFilters = (column: PgColumn, terms: string[]): SQL[] =>
  terms.map((term) =>
    isFuzzyTerm(term) ? sql`${column} %> ${term}` : sql`${column} like ${likePattern(term)}`,
  );

/** Best matches first: the summed word similarity of the terms. */
export const fuzzyRank = (column: PgColumn, terms: string[]): SQL =>
  desc(
    sql.join(
      terms.filter(isFuzzyTerm).map((term) => sql`word_similarity(${term}, ${column})`),
      sql` + `,
    ),
  );

/**
 * Sets the word-similarity threshold `%>` uses, for the current transaction only (`set_config(..., true)`),
 * so `ctx` must be a transaction (see `inTransaction`).
 */
export async function useFuzzyThreshold(ctx: Context): Promise<void> {
  await ctx.db.execute(
    sql`select set_config('pg_trgm.word_similarity_threshold', ${String(FUZZY_WORD_SIMILARITY)}, true)`,
  );
}
