/**
 * Bad input, property-based: for every documented Genesys operation, fast-check builds requests from the OpenAPI
 * document (its path, query parameters and body fields) filled with what careless and hostile clients send: NUL
 * characters, invalid UTF-8 escapes, huge, negative and fractional numbers, deep nesting, wrong types, long
 * strings, malformed JSON. Every answer is below 500 and every refusal is the Genesys ErrorBody; an operation all
 * of whose requests were refused leaves every row of the tenant as it was.
 */
import { tenantRowsDigest } from "@switchboard/db/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { errorBody } from "../src/dialects/genesys/wire";
import { OPERATIONS, openApiDocument } from "./genesys-operations";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
// Runs per operation; BAD_INPUT_RUNS raises it for a longer hunt than every test run can afford.
const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 15);

const deep = (depth: number): unknown => {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};
/**
 * 1,000 characters, as many fields allow, but 3,000 bytes of UTF-8 that do not compress: more than a btree index
 * entry holds (2,704 bytes), so an indexed field must refuse it before PostgreSQL does.
 */
const wideText = Array.from({ length: 1000 }, (_, i) =>
  String.fromCodePoint(0x4e00 + ((i * 7919) % 0x5000)),
).join("");
const nastyText = fc.oneof(
  fc.constantFrom(
    "\u0000",
    "a\u0000b",
    "\uFFFF",
    "\uD800",
    "' or 1=1 --",
    "<script>x</script>",
    "..",
    "",
    " ",
  ),
  fc.constantFrom(
    "x".repeat(5000),
    "€".repeat(70_000),
    wideText,
    '=HYPERLINK("http://x")',
    "+1 (0) ---",
    "@@@@",
  ),
  fc.string({ maxLength: 12 }),
);
const nastyNumber = fc.oneof(
  fc.constantFrom(-1, 0, 1.5, -0.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e308, -1e308),
  fc.integer(),
);
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyText,
  nastyNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant(deep(1000)),
  fc.array(nastyText, { maxLength: 3 }),
  fc.dictionary(nastyText, nastyText, { maxKeys: 3 }),
  fc.constantFrom([], {}, [[[[]]]], { id: "\u0000" }, { id: -1 }),
);
/** A path segment or query value as it arrives on the wire: raw escapes too, not only what encodeURI makes. */
const encoded = (text: string) => {
  try {
    return encodeURIComponent(text);
  } catch {
    return "%ED%A0%80"; // a lone surrogate, which encodeURIComponent refuses: its (invalid) UTF-8 bytes
  }
};
const nastySegment = fc.oneof(
  nastyText.map((text) => encoded(text.slice(0, 300))),
  fc.constant("y".repeat(9000)),
  fc.constantFrom(
    "%ff%fe",
    "%00",
    "%",
    "%e2%82",
    "..%2f..%2f",
    "-1",
    "1e999",
    "00000000-0000-0000-0000-000000000000",
  ),
);

const document = openApiDocument() as { components: { schemas: Record<string, { properties?: object }> } };
const fieldsOf = (schema: string | undefined) =>
  Object.keys((schema && document.components.schemas[schema]?.properties) ?? {});

/** A request body: an object with the operation's own field names holding nasty values, or something else. */
const bodyFor = (schema: string | undefined) =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.dictionary(fc.constantFrom(...fieldsOf(schema), "id", "x"), nastyValue, { maxKeys: 6 }),
    },
    { weight: 1, arbitrary: nastyValue.map((value) => JSON.stringify(value)).map((text) => ({ raw: text })) },
    { weight: 1, arbitrary: fc.constantFrom("{", "[1,", "nul", "1e99999", '"\\u0000"', '{"a":"\\ud800"}') },
  );

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const operations = OPERATIONS.filter((op) => op.permissions.length > 0);

describe("bad input to every documented operation", () => {
  it.each(operations)(
    "$operationId: never a 5xx, always an ErrorBody, nothing written when refused",
    async (op) => {
      const h = harness();
      const rowsBefore = await tenantRowsDigest(harness().database.db, harness().tenantId);
      let everyRequestRefused = true;
      const queryParameters = (op.query ?? []).map((q) => q.name);
      await fc.assert(
        fc.asyncProperty(
          fc.array(nastySegment, { minLength: 4, maxLength: 4 }),
          fc.dictionary(fc.constantFrom(...queryParameters, "pageSize", "x"), nastySegment, { maxKeys: 4 }),
          op.method === "get" || op.method === "delete" ? fc.constant(undefined) : bodyFor(op.body),
          async (segments, query, body) => {
            let i = 0;
            const path = op.path.replace(/\{\w+\}/g, () => segments[i++ % segments.length]!);
            const search = Object.entries(query)
              .map(([name, value]) => `${name}=${value}`)
              .join("&");
            const url = `${path}${search ? `?${search}` : ""}`;
            const init =
              body === undefined
                ? {}
                : typeof body === "string"
                  ? { body, headers: { "content-type": "application/json" } }
                  : "raw" in body
                    ? { body: String(body.raw), headers: { "content-type": "application/json" } }
                    : { json: body };
            const response = await h.request(url, { method: op.method.toUpperCase(), ...init });
            const text = await response.text();
            expect(response.status, `${op.method} ${url.slice(0, 200)}: ${text.slice(0, 200)}`).toBeLessThan(
              500,
            );
            if (response.status < 400) everyRequestRefused = false;
            else
              expect(
                errorBody.safeParse(parsed(text)).success,
                `${url.slice(0, 200)} → ${response.status}: ${text.slice(0, 200)}`,
              ).toBe(true);
          },
        ),
        { numRuns: RUNS },
      );
      if (everyRequestRefused)
        expect(await tenantRowsDigest(harness().database.db, harness().tenantId)).toBe(rowsBefore);
    },
  );
});
