import { z } from "zod";

/**
 * A DFS details schema definition (the `schema` string of `GET /v1.0/schemas/{key}`): field sets (the form's
 * layout) and fields, each field keyed by its dotted path in `details`, with the DFS flags and an optional
 * canonical binding (cross-dialect contract §5). The JSON Schema, layout and field metadata derive from it.
 */
export const DETAILS_SCHEMA_KEYS = ["contact", "legal-entity"] as const;
export type DetailsSchemaKey = (typeof DETAILS_SCHEMA_KEYS)[number];

/** The canonical values a field can be bound to (the contact's columns and first points). */
export const CANONICAL_BINDINGS = [
  "firstName",
  "middleName",
  "lastName",
  "displayName",
  "salutation",
  "title",
  "dateOfBirth",
  "primaryEmail",
  "primaryMobile",
  "primaryAddress.street",
  "primaryAddress.city",
  "primaryAddress.postalCode",
  "primaryAddress.countryCode",
  /** A legal entity's name: the organization's name. */
  "name",
] as const;
export type CanonicalBinding = (typeof CANONICAL_BINDINGS)[number];

export const FIELD_TYPES = ["Text", "Date", "Email", "Phone", "Boolean", "Number", "Money", "List"] as const;

/** Aliases of well-known fields; `PrimaryEmail` and `PrimaryMobile` changes need verification (§1.3). */
export const FIELD_ALIASES = ["PrimaryEmail", "PrimaryMobile"] as const;

const path = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/, "must be a dotted path of names");
const localized = z.union([z.string().max(500), z.record(z.string().max(10), z.string().max(500))]);
const toggleHidden = z.object({ when: z.string().max(200), eq: z.string().max(500) }).strict();

export const fieldSetDefinition = z
  .object({
    key: path,
    label: localized.optional(),
    tooltip: localized.optional(),
    isHidden: z.boolean().default(false),
    isLabelHidden: z.boolean().default(false),
    toggleHidden: toggleHidden.optional(),
  })
  .strict();

export const fieldDefinition = z
  .object({
    key: path,
    label: localized.optional(),
    fieldType: z.enum(FIELD_TYPES).default("Text"),
    listKey: z.string().max(100).optional(),
    listHierarchyFilterKey: z.string().max(200).optional(),
    isRequired: z.boolean().default(false),
    isReadOnly: z.boolean().default(false),
    isHidden: z.boolean().default(false),
    isApprovalRequired: z.boolean().default(false),
    isExportable: z.boolean().default(false),
    isArrayItem: z.boolean().default(false),
    alias: z.enum(FIELD_ALIASES).optional(),
    binding: z.enum(CANONICAL_BINDINGS).optional(),
    placeholder: localized.optional(),
    tooltip: localized.optional(),
    currency: z.string().max(3).optional(),
    toggleHidden: toggleHidden.optional(),
    validations: z
      .object({
        minLength: z.number().int().min(0).optional(),
        maxLength: z.number().int().min(0).optional(),
        regularExpression: z.string().max(500).optional(),
        minDate: z.string().optional(),
        maxDate: z.string().optional(),
        minValue: z.number().optional(),
        maxValue: z.number().optional(),
        decimal: z.number().int().min(0).max(10).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const schemaDefinition = z
  .object({
    fieldSets: z.array(fieldSetDefinition).max(200).default([]),
    fields: z.array(fieldDefinition).min(1).max(1000),
  })
  .strict();

export type SchemaDefinition = z.output<typeof schemaDefinition>;
export type DetailsFieldDefinition = z.output<typeof fieldDefinition>;
export type DetailsFieldSetDefinition = z.output<typeof fieldSetDefinition>;

/** A tenant's schema in force. */
export interface DetailsSchema {
  /** The DFS int32 schema id (stable per key). */
  id: number;
  key: DetailsSchemaKey;
  /** Starts at 1 (the built-in default); each update adds one. It is the DFS `concurrencyToken`. */
  version: number;
  definition: SchemaDefinition;
}
