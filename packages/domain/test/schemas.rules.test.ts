import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readSchemaDocument, validateCustomFieldValues } from "../src/schemas/rules";

const field = (coreType: string, constraints: Record<string, unknown> = {}) => ({
  allOf: [{ $ref: `#/definitions/${coreType}` }],
  title: coreType,
  ...constraints,
});

const doc = {
  type: "object",
  required: ["tier"],
  properties: {
    nickname: field("text", { maxLength: 20 }),
    tier: field("enum", { enum: ["gold", "silver"] }),
    score: field("integer", { minimum: 0, maximum: 100 }),
    ratio: field("number"),
    vip: field("checkbox"),
    since: field("date"),
    seen: field("datetime"),
    labels: field("tag", { maxItems: 3, items: { maxLength: 10 } }),
    homepage: field("url"),
  },
};

// Versions are immutable, so the compiled validator is cached by version key.
const check = (values: unknown) => validateCustomFieldValues("test:doc:1", doc, values);

describe("schema documents", () => {
  it("reads fields with their core types", () => {
    const { fields, issues } = readSchemaDocument(doc);
    expect(issues).toEqual([]);
    expect(fields.map((f) => [f.name, f.coreType.name])).toContainEqual(["labels", "tag"]);
  });

  it("names every authoring mistake", () => {
    const { issues } = readSchemaDocument({
      required: ["missing"],
      properties: {
        "1bad": field("text"),
        mystery: field("hologram"),
        short: field("text", { maxLength: 5000 }),
        flag: field("checkbox", { maxLength: 3 }),
        inverted: field("text", { minLength: 10, maxLength: 5 }),
        choice: field("enum"),
      },
    });
    expect(issues.map((i) => i.path).sort()).toEqual([
      "properties.1bad",
      "properties.choice.enum",
      "properties.flag.maxLength",
      "properties.inverted.minLength",
      "properties.mystery.allOf",
      "properties.short.maxLength",
      "required.0",
    ]);
  });
});

describe("custom field values", () => {
  it("accepts valid values and names each bad field", () => {
    expect(
      check({
        tier: "gold",
        nickname: "Ace",
        labels: ["a", "b"],
        since: "2024-02-29",
        seen: "2024-02-29T10:00:00Z",
      }),
    ).toEqual([]);
    const issues = check({ nickname: "x".repeat(21), score: 101, vip: "yes", extra: 1, homepage: "ftp://x" });
    expect(issues.map((i) => i.path).sort()).toEqual([
      "customFields.extra",
      "customFields.homepage",
      "customFields.nickname",
      "customFields.score",
      "customFields.tier",
      "customFields.vip",
    ]);
  });

  it("round-trips every value a version accepts, unchanged", () => {
    const value = fc.record(
      {
        tier: fc.constantFrom("gold", "silver"),
        nickname: fc.string({ maxLength: 20 }),
        score: fc.integer({ min: 0, max: 100 }),
        ratio: fc.double({ noNaN: true, noDefaultInfinity: true }),
        vip: fc.boolean(),
        labels: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 10 }), { maxLength: 3 }),
      },
      { requiredKeys: ["tier"] },
    );
    fc.assert(
      fc.property(value, (v) => {
        const copy = JSON.parse(JSON.stringify(v));
        expect(check(copy)).toEqual([]);
        expect(copy).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
  });

  it("rejects every value outside a limit", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 101 })), (score) => {
        expect(check({ tier: "gold", score }).map((i) => i.path)).toEqual(["customFields.score"]);
      }),
    );
    fc.assert(
      fc.property(fc.string({ minLength: 21, maxLength: 60 }), (nickname) => {
        expect(check({ tier: "gold", nickname }).map((i) => i.path)).toEqual(["customFields.nickname"]);
      }),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 10 }), { minLength: 4, maxLength: 8 }),
        (labels) => {
          expect(check({ tier: "gold", labels }).map((i) => i.path)).toEqual(["customFields.labels"]);
        },
      ),
    );
  });
});
