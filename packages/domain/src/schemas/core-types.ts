/**
 * The core types custom fields are built from, as Genesys defines them: each has a base JSON Schema, the
 * constraints a schema author may set (`validationFields`) and the system bounds for those constraints.
 * A field in a schema's `jsonSchema.properties` names its core type with `allOf: [{ $ref: "#/definitions/<name>" }]`.
 */
export interface Bounds {
  min: number;
  max: number;
}

export interface CoreType {
  name: string;
  title: string;
  description: string;
  /** JSON Schema primitive types the core type is based on. */
  type: string[];
  base: Record<string, unknown>;
  validationFields: string[];
  validationLimits: Partial<
    Record<
      "minLength" | "maxLength" | "minItems" | "maxItems" | "minimum" | "maximum",
      { min: Bounds; max: Bounds }
    >
  >;
  itemValidationFields?: string[];
  itemValidationLimits?: { minLength: { min: Bounds; max: Bounds }; maxLength: { min: Bounds; max: Bounds } };
  pattern?: string;
  items?: { type: string; pattern?: string };
}

const lengths = (maxMin: number, maxMax: number) => ({
  minLength: { min: { min: 0, max: maxMin }, max: { min: 0, max: maxMin } },
  maxLength: { min: { min: 1, max: maxMax }, max: { min: 1, max: maxMax } },
});
const NUMBER_RANGE = { min: -1e15, max: 1e15 };
const numeric = {
  minimum: { min: NUMBER_RANGE, max: NUMBER_RANGE },
  maximum: { min: NUMBER_RANGE, max: NUMBER_RANGE },
};

const DATE = "^\\d{4}-\\d{2}-\\d{2}$";
const DATETIME = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?Z$";

export const CORE_TYPES: readonly CoreType[] = [
  {
    name: "text",
    title: "Text",
    description: "A short line of text.",
    type: ["string"],
    base: { type: "string", maxLength: 100 },
    validationFields: ["minLength", "maxLength"],
    validationLimits: lengths(100, 100),
  },
  {
    name: "longtext",
    title: "Long text",
    description: "A longer, multi-line text.",
    type: ["string"],
    base: { type: "string", maxLength: 1000 },
    validationFields: ["minLength", "maxLength"],
    validationLimits: lengths(1000, 1000),
  },
  {
    name: "url",
    title: "URL",
    description: "An http or https address.",
    type: ["string"],
    base: { type: "string", format: "uri", pattern: "^https?://", maxLength: 200 },
    validationFields: ["minLength", "maxLength"],
    validationLimits: lengths(200, 200),
  },
  {
    name: "identifier",
    title: "Identifier",
    description: "An id in another system; no whitespace.",
    type: ["string"],
    base: { type: "string", pattern: "^\\S+$", maxLength: 100 },
    validationFields: ["minLength", "maxLength"],
    validationLimits: lengths(100, 100),
  },
  {
    name: "enum",
    title: "Enumeration",
    description: "One value out of a fixed list.",
    type: ["string"],
    base: { type: "string" },
    validationFields: ["enum"],
    validationLimits: {},
    itemValidationFields: ["minLength", "maxLength"],
    itemValidationLimits: lengths(100, 100),
    items: { type: "string" },
  },
  {
    name: "date",
    title: "Date",
    description: "A calendar date, YYYY-MM-DD.",
    type: ["string"],
    base: { type: "string", pattern: DATE, format: "date" },
    validationFields: [],
    validationLimits: {},
    pattern: DATE,
  },
  {
    name: "datetime",
    title: "Date and time",
    description: "An ISO-8601 UTC date-time, YYYY-MM-DDTHH:mm[:ss[.SSS]]Z.",
    type: ["string"],
    base: { type: "string", pattern: DATETIME },
    validationFields: [],
    validationLimits: {},
    pattern: DATETIME,
  },
  {
    name: "integer",
    title: "Integer",
    description: "A whole number.",
    type: ["integer"],
    base: { type: "integer" },
    validationFields: ["minimum", "maximum"],
    validationLimits: numeric,
  },
  {
    name: "number",
    title: "Number",
    description: "A decimal number.",
    type: ["number"],
    base: { type: "number" },
    validationFields: ["minimum", "maximum"],
    validationLimits: numeric,
  },
  {
    name: "checkbox",
    title: "Checkbox",
    description: "Yes or no.",
    type: ["boolean"],
    base: { type: "boolean" },
    validationFields: [],
    validationLimits: {},
  },
  {
    name: "tag",
    title: "Tags",
    description: "A list of short labels.",
    type: ["array"],
    base: {
      type: "array",
      items: { type: "string", minLength: 1, maxLength: 100 },
      uniqueItems: true,
      maxItems: 10,
    },
    validationFields: ["minItems", "maxItems"],
    validationLimits: {
      minItems: { min: { min: 0, max: 10 }, max: { min: 0, max: 10 } },
      maxItems: { min: { min: 1, max: 10 }, max: { min: 1, max: 10 } },
    },
    itemValidationFields: ["minLength", "maxLength"],
    itemValidationLimits: lengths(100, 100),
    items: { type: "string" },
  },
];

export const coreTypeNamed = (name: string) => CORE_TYPES.find((t) => t.name === name);

/** System limits on schemas (Genesys `SchemaQuantityLimits`). */
export const SCHEMA_LIMITS = {
  minFieldNameCharacters: 2,
  maxFieldNameCharacters: 64,
  minFieldTitleCharacters: 1,
  maxFieldTitleCharacters: 100,
  minFieldDescriptionCharacters: 0,
  maxFieldDescriptionCharacters: 500,
  minSchemaNameCharacters: 1,
  maxSchemaNameCharacters: 100,
  minSchemaDescriptionCharacters: 0,
  maxSchemaDescriptionCharacters: 500,
  maxNumberOfSchemasPerOrg: 50,
  maxNumberOfFieldsPerSchema: 100,
  maxNumberOfFieldsPerOrg: 1000,
} as const;
