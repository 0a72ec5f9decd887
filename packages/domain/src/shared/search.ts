import {
  and,
  asc,
  eq,
  or,
  type PgColumn,
  type Placeholder,
  type SQL,
  searchWords,
  sql,
} from "@switchboard/db";
import { likePattern } from "../contacts/rules";
import { type Context, inTransaction } from "./context";

/**
 * `q` keyword search over a folded, trigram-indexed text column (`search_text`, GIN `gin_trgm_ops`).
 * Exact first: every term must appear (`LIKE`). When that finds nothing, a typo-tolerant pass corrects each
 * word-like term to the tenant's words most like it by trigram word similarity (`search_words`, kept by the
 * database from every record's text) and matches those exactly, best correction first: "Jonh Smiht" finds
 * John Smith. Only words are typo-tolerant: a term with a digit or an `@` (a phone number, an email, a
 * customer number) and a very short term stay exact.
 */
const FUZZY_WORD_SIMILARITY = 0.38;

/** How many of the words most like a term it is tried as (besides itself). */
const CORRECTIONS = 8;

/**
 * A word a person may misspell: letters, and the apostrophes, hyphens and dots of names (O'Brien, Jean-Luc,
 * J.R.). An email or number with a typo would match nearly every record that shares its domain or digits
 * ("person12@laod.example": two of three contacts in a list whose emails all end "@load.example"), and
 * ranking that many took a second at 100k contacts.
 */
const isFuzzyTerm = (term: string) => term.length >= 3 && /^[\p{L}'’.-]+$/u.test(term);

export const exactTermFilters = (column: PgColumn, terms: (string | Placeholder)[]): SQL[] =>
  terms.map((term) => sql`${column} like ${typeof term === "string" ? likePattern(term) : term}`);

/** The placeholders of a statement built once (shared/prepared) for `count` terms, and their values. */
export const termPlaceholders = (count: number) =>
  Array.from({ length: count }, (_, i) => sql.placeholder(`term${i}`));
export const termValues = (terms: string[]) =>
  Object.fromEntries(terms.map((term, i) => [`term${i}`, likePattern(term)]));

/** Whether a typo-tolerant pass could find something the exact one did not. */
export const canBeFuzzy = (terms: string[]) => terms.some(isFuzzyTerm);

/**
 * The typo-tolerant form of `terms` over `column`: each word-like term matches itself or one of the
 * tenant's words most like it, the others stay exact; `rank` sums how alike the words matched are.
 *
 * Correcting the term against the tenant's words, not comparing it with every record's text, keeps a typo
 * search as fast as an exact one: "dorthy" over 5,000 Dorothys took 70 ms compared with each text (twice:
 * to match, then to rank), and is now one exact search for "dorthy" or "dorothy".
 */
export async function fuzzyKeywords(
  ctx: Context,
  column: PgColumn,
  terms: string[],
): Promise<{ keywords: SQL | undefined; rank: SQL }> {
  const corrections = await correctionsOf(ctx, terms.filter(isFuzzyTerm));
  const like = (word: string) => sql`${column} like ${likePattern(word)}`;
  const keywords: SQL[] = [];
  const ranks: SQL[] = [sql`0`];
  for (const term of terms) {
    if (!isFuzzyTerm(term)) {
      keywords.push(like(term));
      continue;
    }
    const alike = [{ word: term, similarity: 1 }, ...(corrections.get(term) ?? [])];
    keywords.push(or(...alike.map(({ word }) => like(word)))!);
    // The best word that matches (they come best first).
    const cases = alike.map(({ word, similarity }) => sql`when ${like(word)} then ${similarity}::real`);
    ranks.push(sql`(case ${sql.join(cases, sql` `)} else 0 end)`);
  }
  return { keywords: and(...keywords), rank: sql.join(ranks, sql` + `) };
}

/** For each term, the tenant's words most like it (and not it), best first. */
async function correctionsOf(
  ctx: Context,
  terms: string[],
): Promise<Map<string, { word: string; similarity: number }[]>> {
  const found = new Map<string, { word: string; similarity: number }[]>();
  if (terms.length === 0) return found;
  // `%>` finds words by the threshold of this transaction (`set_config(..., true)`).
  const rows = await inTransaction(ctx, async (tx) => {
    await tx.db.execute(
      sql`select set_config('pg_trgm.word_similarity_threshold', ${String(FUZZY_WORD_SIMILARITY)}, true)`,
    );
    return tx.db.execute<{ term: string; word: string; similarity: number }>(sql`
      select terms.term, alike.word, alike.similarity
      from unnest(array[${sql.join(
        terms.map((term) => sql`${term}`),
        sql`, `,
      )}]::text[]) as terms(term)
      cross join lateral (
        select ${searchWords.word} as word, word_similarity(terms.term, ${searchWords.word}) as similarity
        from ${searchWords}
        where ${and(eq(searchWords.tenantId, ctx.tenantId), sql`${searchWords.word} %> terms.term`)}
        order by similarity desc, ${asc(searchWords.word)}
        limit ${CORRECTIONS}
      ) as alike`);
  });
  for (const { term, word, similarity } of rows)
    if (word !== term)
      found.set(term, [...(found.get(term) ?? []), { word, similarity: Number(similarity) }]);
  return found;
}
