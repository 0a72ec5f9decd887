import { type SQL, sql } from "@switchboard/db";
import { validationFailed } from "../shared/errors";
import { type Filter, NUMERIC_TEXT_PATTERN, type Scalar, textOf } from "./filter";

/**
 * Text as the filter compares it: accents removed, then lower-cased (`foldFilterText` in SQL). The accents go
 * first because `lower` follows the database's locale, and the embedded database's C locale lower-cases only
 * A to Z: unaccented, "ÉMILE" still meets "émile".
 */
const fold = (text: SQL) => sql`lower(unaccent(${text}))`;

/** A field's value as a text expression of the row being filtered, or undefined when the path is unknown. */
export type FieldResolver = (path: string[]) => SQL | undefined;

const numeric = (field: SQL) =>
  sql`(case when ${field} ~ ${NUMERIC_TEXT_PATTERN} then (${field})::numeric end)`;

function equals(field: SQL, v: Scalar): SQL {
  if (v === null) return sql`(${field}) is null`;
  if (typeof v === "number") return sql`${numeric(field)} = ${v}::numeric`;
  return sql`${fold(field)} = ${fold(sql`${textOf(v)}::text`)}`;
}

/**
 * The filter as a condition on the row (`evaluateFilter`'s rules, in SQL): every operand is a bound parameter,
 * every field an expression the resolver gives; an unknown path is refused with 400 naming it.
 */
export function filterCondition(filter: Filter, resolve: FieldResolver): SQL {
  const unknown = new Set<string>();
  const compile = (f: Filter): SQL => {
    if (f.kind === "and" || f.kind === "or") {
      if (f.of.length === 0) return f.kind === "and" ? sql`true` : sql`false`;
      return sql`(${sql.join(f.of.map(compile), f.kind === "and" ? sql` and ` : sql` or `)})`;
    }
    const field = resolve(f.path);
    if (!field) {
      unknown.add(f.path.join("."));
      return sql`false`;
    }
    const v = f.value;
    switch (f.op) {
      case "eq":
        return equals(field, v as Scalar);
      case "neq":
        return sql`not coalesce(${equals(field, v as Scalar)}, false)`;
      case "in": {
        const items = v as Scalar[];
        if (items.length === 0) return sql`false`;
        return sql`coalesce((${sql.join(
          items.map((item) => equals(field, item)),
          sql` or `,
        )}), false)`;
      }
      case "contains":
        return sql`strpos(${fold(field)}, ${fold(sql`${v as string}::text`)}) > 0`;
      case "startsWith":
        return sql`starts_with(${fold(field)}, ${fold(sql`${v as string}::text`)})`;
      case "endsWith": {
        const term = fold(sql`${v as string}::text`);
        return sql`right(${fold(field)}, char_length(${term})) = ${term}`;
      }
      default: {
        const op = { gt: sql`>`, gte: sql`>=`, lt: sql`<`, lte: sql`<=` }[f.op];
        if (typeof v === "number") return sql`${numeric(field)} ${op} ${v}::numeric`;
        return sql`${fold(field)} collate "C" ${op} ${fold(sql`${v as string}::text`)} collate "C"`;
      }
    }
  };
  const condition = compile(filter);
  if (unknown.size)
    throw validationFailed(
      [...unknown].map((path) => ({
        path: `where.${path}`,
        message: `${path} is not a field of the schema`,
      })),
    );
  return condition;
}
