/**
 * The DFS export filter (`dfs-client-services.md` §4.8): a GraphQL-style query
 * `query { contacts(where: { and: [{ personalInformation: { displayName: { contains: "Shannon" } } }] }) { items { } } }`
 * parsed by a small recursive-descent parser over a tokenizer into a filter tree, printed back, and evaluated
 * in memory (the reference the SQL translation is tested against). Pure: no database.
 */

export const LEAF_OPERATORS = [
  "eq",
  "neq",
  "contains",
  "startsWith",
  "endsWith",
  "in",
  "gt",
  "gte",
  "lt",
  "lte",
] as const;
export type LeafOperator = (typeof LEAF_OPERATORS)[number];
const isOperator = (name: string): name is LeafOperator =>
  (LEAF_OPERATORS as readonly string[]).includes(name);

export type Scalar = string | number | boolean | null;

/** A filter: `and` / `or` of filters, or one operator applied to the value at a dotted path. */
export type Filter =
  | { kind: "and"; of: Filter[] }
  | { kind: "or"; of: Filter[] }
  | { kind: "leaf"; path: string[]; op: LeafOperator; value: Scalar | Scalar[] };

/** The query's root field, which says what is exported. */
export type ExportRoot = "contacts" | "legalentities";

export interface ExportQuery {
  root: ExportRoot;
  /** No `where` argument: every record. */
  where: Filter | null;
}

/** A query the parser could not read; `message` says where and why, for a 400. */
export class FilterSyntaxError extends Error {}

// ------------------------------------------------------------------------------------------- tokens

type Token =
  | { kind: "punct"; text: string; at: number }
  | { kind: "name"; text: string; at: number }
  | { kind: "string"; value: string; at: number }
  | { kind: "number"; value: number; text: string; at: number }
  | { kind: "end"; at: number };

const NAME_START = /[_A-Za-z]/;
const NAME_PART = /[_0-9A-Za-z]/;
const PUNCTUATORS = new Set(["{", "}", "(", ")", "[", "]", ":", "$", "!", "=", "@", "|", "&"]);
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/** The tokens of `source` (GraphQL lexical rules: commas, whitespace and `#` comments are ignored). */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r" || ch === "," || ch === "\uFEFF") {
      i++;
    } else if (ch === "#") {
      while (i < source.length && source[i] !== "\n" && source[i] !== "\r") i++;
    } else if (PUNCTUATORS.has(ch)) {
      tokens.push({ kind: "punct", text: ch, at: i });
      i++;
    } else if (ch === "." && source.startsWith("...", i)) {
      tokens.push({ kind: "punct", text: "...", at: i });
      i += 3;
    } else if (NAME_START.test(ch)) {
      const start = i;
      while (i < source.length && NAME_PART.test(source[i]!)) i++;
      tokens.push({ kind: "name", text: source.slice(start, i), at: start });
    } else if (ch === "-" || (ch >= "0" && ch <= "9")) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(source);
      if (!match) throw syntax(i, "a malformed number");
      const end = i + match[0].length;
      if (end < source.length && (NAME_PART.test(source[end]!) || source[end] === "."))
        throw syntax(end, "a malformed number");
      tokens.push({ kind: "number", value: Number(match[0]), text: match[0], at: i });
      i = end;
    } else if (ch === '"') {
      if (source.startsWith('"""', i)) throw syntax(i, "a block string (use a quoted string)");
      const start = i;
      i++;
      let value = "";
      for (;;) {
        if (i >= source.length) throw syntax(start, "an unterminated string");
        const c = source[i]!;
        if (c === '"') break;
        if (c === "\n" || c === "\r") throw syntax(start, "an unterminated string");
        if (c === "\\") {
          const e = source[i + 1];
          const simple: Record<string, string> = {
            '"': '"',
            "\\": "\\",
            "/": "/",
            b: "\b",
            f: "\f",
            n: "\n",
            r: "\r",
            t: "\t",
          };
          if (e !== undefined && e in simple) {
            value += simple[e];
            i += 2;
          } else if (e === "u" && /^[0-9A-Fa-f]{4}$/.test(source.slice(i + 2, i + 6))) {
            value += String.fromCharCode(Number.parseInt(source.slice(i + 2, i + 6), 16));
            i += 6;
          } else {
            throw syntax(i, "an invalid escape in a string");
          }
        } else {
          value += c;
          i++;
        }
      }
      tokens.push({ kind: "string", value, at: start });
      i++;
    } else {
      throw syntax(i, `an unexpected character ${JSON.stringify(ch)}`);
    }
  }
  tokens.push({ kind: "end", at: source.length });
  return tokens;
}

function syntax(at: number, what: string): FilterSyntaxError {
  return new FilterSyntaxError(`Syntax error at character ${at + 1}: ${what}`);
}

// ------------------------------------------------------------------------------------------- values

/** A GraphQL input value as written (before it is read as a filter). */
type Value =
  | { kind: "scalar"; value: Scalar; at: number }
  | { kind: "list"; items: Value[]; at: number }
  | { kind: "object"; fields: { name: string; value: Value; at: number }[]; at: number };

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i]!;
  }
  private next(): Token {
    const t = this.tokens[this.i]!;
    if (t.kind !== "end") this.i++;
    return t;
  }
  private isPunct(text: string): boolean {
    const t = this.peek();
    return t.kind === "punct" && t.text === text;
  }
  private expectPunct(text: string): void {
    const t = this.next();
    if (t.kind !== "punct" || t.text !== text) throw syntax(t.at, `expected "${text}", found ${describe(t)}`);
  }
  private expectName(): { text: string; at: number } {
    const t = this.next();
    if (t.kind !== "name") throw syntax(t.at, `expected a name, found ${describe(t)}`);
    return t;
  }

  /** `query Name? { root(args) { selection } }`, or the shorthand `{ root(...) ... }`. */
  document(): { root: { text: string; at: number }; args: Map<string, { value: Value; at: number }> } {
    const first = this.peek();
    if (first.kind === "name") {
      if (first.text !== "query")
        throw syntax(first.at, `expected "query", found ${describe(first)} (only queries are accepted)`);
      this.next();
      if (this.peek().kind === "name") this.next();
      if (this.isPunct("(")) throw syntax(this.peek().at, "variables are not supported");
    }
    this.expectPunct("{");
    const root = this.expectName();
    const args = new Map<string, { value: Value; at: number }>();
    if (this.isPunct("(")) {
      this.next();
      while (!this.isPunct(")")) {
        const name = this.expectName();
        this.expectPunct(":");
        if (args.has(name.text)) throw syntax(name.at, `the argument "${name.text}" is given twice`);
        args.set(name.text, { value: this.value(), at: name.at });
      }
      this.next();
      if (args.size === 0) throw syntax(root.at, "empty arguments");
    }
    if (this.isPunct("{")) this.selectionSet();
    if (!this.isPunct("}")) {
      const t = this.peek();
      if (t.kind === "end") throw syntax(t.at, "the query ends too early");
      throw syntax(
        t.at,
        `expected "}" after the ${root.text} field, found ${describe(t)} (one root field only)`,
      );
    }
    this.next();
    const end = this.peek();
    if (end.kind !== "end") throw syntax(end.at, `unexpected ${describe(end)} after the query`);
    return { root, args };
  }

  /** `{ field field { ... } }`: read and ignored (the CSV's columns come from the schema). May be empty. */
  private selectionSet(): void {
    this.expectPunct("{");
    while (!this.isPunct("}")) {
      this.expectName();
      if (this.isPunct("(")) throw syntax(this.peek().at, "arguments are only accepted on the root field");
      if (this.isPunct("{")) this.selectionSet();
    }
    this.next();
  }

  value(): Value {
    const t = this.next();
    switch (t.kind) {
      case "string":
        return { kind: "scalar", value: t.value, at: t.at };
      case "number":
        return { kind: "scalar", value: t.value, at: t.at };
      case "name":
        if (t.text === "true" || t.text === "false")
          return { kind: "scalar", value: t.text === "true", at: t.at };
        if (t.text === "null") return { kind: "scalar", value: null, at: t.at };
        throw syntax(t.at, `unexpected name ${t.text} where a value belongs (quote strings)`);
      case "punct":
        if (t.text === "[") {
          const items: Value[] = [];
          while (!this.isPunct("]")) items.push(this.value());
          this.next();
          return { kind: "list", items, at: t.at };
        }
        if (t.text === "{") {
          const fields: { name: string; value: Value; at: number }[] = [];
          while (!this.isPunct("}")) {
            const name = this.expectName();
            this.expectPunct(":");
            if (fields.some((f) => f.name === name.text))
              throw syntax(name.at, `the field "${name.text}" is given twice`);
            fields.push({ name: name.text, value: this.value(), at: name.at });
          }
          this.next();
          return { kind: "object", fields, at: t.at };
        }
        if (t.text === "$") throw syntax(t.at, "variables are not supported");
        throw syntax(t.at, `unexpected "${t.text}" where a value belongs`);
      case "end":
        throw syntax(t.at, "the query ends too early");
    }
  }
}

function describe(t: Token): string {
  switch (t.kind) {
    case "end":
      return "the end of the query";
    case "punct":
      return `"${t.text}"`;
    case "name":
      return `"${t.text}"`;
    case "string":
      return "a string";
    case "number":
      return `the number ${t.text}`;
  }
}

// ------------------------------------------------------------------------------------------- filters

function filterError(at: number, message: string): FilterSyntaxError {
  return new FilterSyntaxError(`Invalid filter at character ${at + 1}: ${message}`);
}

/** An object of the `where` value: each field is `and`, `or`, an operator (under a path) or a path segment. */
function filterOf(value: Value, path: string[]): Filter {
  if (value.kind !== "object") throw filterError(value.at, "expected an object");
  if (value.fields.length === 0) throw filterError(value.at, "an empty filter object");
  const parts = value.fields.map((field): Filter => {
    if (field.name === "and" || field.name === "or") {
      if (field.value.kind !== "list") throw filterError(field.at, `"${field.name}" takes a list of filters`);
      return { kind: field.name, of: field.value.items.map((item) => filterOf(item, path)) };
    }
    if (isOperator(field.name)) {
      if (path.length === 0) throw filterError(field.at, `"${field.name}" needs a field to apply to`);
      return { kind: "leaf", path, op: field.name, value: operand(field.name, field.value, field.at) };
    }
    if (field.value.kind !== "object")
      throw filterError(
        field.at,
        `"${field.name}" is not an operator (${LEAF_OPERATORS.join(", ")}), so its value must be an object`,
      );
    return filterOf(field.value, [...path, field.name]);
  });
  return parts.length === 1 ? parts[0]! : { kind: "and", of: parts };
}

function operand(op: LeafOperator, value: Value, at: number): Scalar | Scalar[] {
  if (op === "in") {
    if (value.kind !== "list") throw filterError(at, `"in" takes a list of values`);
    return value.items.map((item) => {
      if (item.kind !== "scalar") throw filterError(item.at, `"in" takes a list of plain values`);
      return item.value;
    });
  }
  if (value.kind !== "scalar") throw filterError(at, `"${op}" takes a plain value`);
  const v = value.value;
  if ((op === "contains" || op === "startsWith" || op === "endsWith") && typeof v !== "string")
    throw filterError(at, `"${op}" takes a string`);
  if (
    (op === "gt" || op === "gte" || op === "lt" || op === "lte") &&
    typeof v !== "string" &&
    typeof v !== "number"
  )
    throw filterError(at, `"${op}" takes a string or a number`);
  return v;
}

const ROOTS: Record<string, ExportRoot> = {
  contacts: "contacts",
  legalentities: "legalentities",
  legalEntities: "legalentities",
};

/**
 * Parses an export request body. Empty (or whitespace) text is `null`: export everything. `expected` is the
 * root the endpoint exports; a query of another root is refused.
 */
export function parseExportQuery(source: string, expected: ExportRoot): ExportQuery {
  const { root, args } = new Parser(tokenize(source)).document();
  const kind = ROOTS[root.text];
  if (kind !== expected)
    throw new FilterSyntaxError(
      `Invalid query at character ${root.at + 1}: the root field must be "${expected}", not "${root.text}"`,
    );
  for (const [name, arg] of args)
    if (name !== "where") throw filterError(arg.at, `unsupported argument "${name}" (only "where")`);
  const where = args.get("where");
  return { root: kind, where: where ? filterOf(where.value, []) : null };
}

// ------------------------------------------------------------------------------------------- printing

const printScalar = (v: Scalar): string => (typeof v === "string" ? JSON.stringify(v) : String(v));

/** The filter as GraphQL input-value text; `parseExportQuery` of `printExportQuery` gives the same tree. */
export function printFilter(filter: Filter): string {
  if (filter.kind !== "leaf") return `{ ${filter.kind}: [${filter.of.map(printFilter).join(", ")}] }`;
  const operand = Array.isArray(filter.value)
    ? `[${filter.value.map(printScalar).join(", ")}]`
    : printScalar(filter.value);
  let text = `{ ${filter.op}: ${operand} }`;
  for (const segment of [...filter.path].reverse()) text = `{ ${segment}: ${text} }`;
  return text;
}

export function printExportQuery(query: ExportQuery): string {
  const where = query.where ? `(where: ${printFilter(query.where)})` : "";
  return `query { ${query.root}${where} { items { id } } }`;
}

// ------------------------------------------------------------------------------------------- semantics

const NUMERIC_TEXT = /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/;
/** The number a field's text holds, or null (a text that is not a number never compares to a number). */
export const numericOf = (text: string | null): number | null =>
  text !== null && NUMERIC_TEXT.test(text) ? Number(text) : null;
export const NUMERIC_TEXT_PATTERN = NUMERIC_TEXT.source;

/** How a scalar operand reads as a field's text (booleans as `true` / `false`). */
export const textOf = (v: Exclude<Scalar, null>): string => String(v);

/**
 * Text as the filter compares it: case and accents ignored (a user filtering for "shannon" or "emile" means
 * "Shannon" and "Émile"), as the list lookup and the contact search match. The SQL translation folds with
 * PostgreSQL's `unaccent` and `lower`, which agree with this for letters with accents and A to Z.
 */
export const foldFilterText = (s: string): string => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** Code-point order, as PostgreSQL's `collate "C"` compares UTF-8 text. */
function compareText(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

function equalsScalar(field: string | null, v: Scalar): boolean {
  if (v === null) return field === null;
  if (field === null) return false;
  if (typeof v === "number") return numericOf(field) === v;
  return foldFilterText(field) === foldFilterText(textOf(v));
}

/**
 * Whether a record matches: `read(path)` is the field's value as text, or null when absent. The rules the
 * SQL translation follows: a missing value matches only `eq: null`, `neq` of anything but null, and `in` a
 * list holding null; numbers compare numerically with a field whose text is a number; text compares with
 * case and accents ignored (`foldFilterText`), ordered by code point once folded.
 */
export function evaluateFilter(filter: Filter, read: (path: string[]) => string | null): boolean {
  switch (filter.kind) {
    case "and":
      return filter.of.every((f) => evaluateFilter(f, read));
    case "or":
      return filter.of.some((f) => evaluateFilter(f, read));
    case "leaf": {
      const field = read(filter.path);
      const v = filter.value;
      switch (filter.op) {
        case "eq":
          return equalsScalar(field, v as Scalar);
        case "neq":
          return !equalsScalar(field, v as Scalar);
        case "in":
          return (v as Scalar[]).some((item) => equalsScalar(field, item));
        case "contains":
          return field === null ? false : foldFilterText(field).includes(foldFilterText(v as string));
        case "startsWith":
          return field === null ? false : foldFilterText(field).startsWith(foldFilterText(v as string));
        case "endsWith":
          return field === null ? false : foldFilterText(field).endsWith(foldFilterText(v as string));
        default: {
          if (field === null) return false;
          let d: number;
          if (typeof v === "number") {
            const n = numericOf(field);
            if (n === null) return false;
            d = n - v;
          } else d = compareText(foldFilterText(field), foldFilterText(v as string));
          if (filter.op === "gt") return d > 0;
          if (filter.op === "gte") return d >= 0;
          if (filter.op === "lt") return d < 0;
          return d <= 0;
        }
      }
    }
  }
}

/** Every path the filter reads, dotted, each once. */
export function filterPaths(filter: Filter | null): string[] {
  const paths = new Set<string>();
  const walk = (f: Filter) => {
    if (f.kind === "leaf") paths.add(f.path.join("."));
    else f.of.forEach(walk);
  };
  if (filter) walk(filter);
  return [...paths];
}
