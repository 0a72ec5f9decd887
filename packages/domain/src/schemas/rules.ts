import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import type { FieldIssue } from "../shared/errors";
import { type CoreType, coreTypeNamed, SCHEMA_LIMITS } from "./core-types";

type Json = Record<string, unknown>;

export interface FieldDefinition {
  name: string;
  coreType: CoreType;
  title: string | null;
  description: string | null;
  /** The author's constraints, e.g. `{ maxLength: 40 }`, `{ enum: [...] }`, `{ items: { maxLength: 20 } }`. */
  constraints: Json;
}

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const DESCRIPTIVE_KEYS = new Set(["allOf", "title", "description", "_enumProperties"]);
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function coreTypeOf(field: Json): string | null {
  const ref = Array.isArray(field.allOf) && isObject(field.allOf[0]) ? field.allOf[0].$ref : undefined;
  return typeof ref === "string" ? (ref.match(/^#\/definitions\/([a-z]+)$/)?.[1] ?? null) : null;
}

function checkBound(
  issues: FieldIssue[],
  path: string,
  value: unknown,
  limits: { min: { min: number }; max: { max: number } },
) {
  if (typeof value !== "number" || !Number.isFinite(value))
    issues.push({ path, message: "must be a number" });
  else if (value < limits.min.min || value > limits.max.max)
    issues.push({ path, message: `must be between ${limits.min.min} and ${limits.max.max}` });
}

/**
 * Reads the custom fields a schema document defines and everything wrong with it: unknown core types,
 * constraints the core type does not allow or outside the system limits, bad field names, `required`
 * naming missing fields, too many fields. Paths are relative to the document (`properties.tier.enum`).
 */
export function readSchemaDocument(doc: unknown): { fields: FieldDefinition[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const fields: FieldDefinition[] = [];
  if (!isObject(doc)) return { fields, issues: [{ path: "", message: "must be a JSON Schema object" }] };
  const properties = doc.properties ?? {};
  if (!isObject(properties))
    return { fields, issues: [{ path: "properties", message: "must be an object" }] };
  const names = Object.keys(properties);
  if (names.length > SCHEMA_LIMITS.maxNumberOfFieldsPerSchema)
    issues.push({
      path: "properties",
      message: `at most ${SCHEMA_LIMITS.maxNumberOfFieldsPerSchema} fields`,
    });

  for (const name of names) {
    const at = `properties.${name}`;
    const field = properties[name];
    if (
      name.length < SCHEMA_LIMITS.minFieldNameCharacters ||
      name.length > SCHEMA_LIMITS.maxFieldNameCharacters ||
      !FIELD_NAME.test(name)
    )
      issues.push({
        path: at,
        message: `field names are ${SCHEMA_LIMITS.minFieldNameCharacters}-${SCHEMA_LIMITS.maxFieldNameCharacters} letters, digits or _, starting with a letter`,
      });
    if (!isObject(field)) {
      issues.push({ path: at, message: "must be an object" });
      continue;
    }
    const typeName = coreTypeOf(field);
    const coreType = typeName ? coreTypeNamed(typeName) : undefined;
    if (!coreType) {
      issues.push({
        path: `${at}.allOf`,
        message: 'must be [{ "$ref": "#/definitions/<core type>" }] naming a known core type',
      });
      continue;
    }
    const constraints: Json = {};
    for (const [key, value] of Object.entries(field)) {
      if (DESCRIPTIVE_KEYS.has(key)) continue;
      if (key === "items" && coreType.itemValidationFields) {
        if (!isObject(value)) issues.push({ path: `${at}.items`, message: "must be an object" });
        else
          for (const [itemKey, itemValue] of Object.entries(value)) {
            const limits = coreType.itemValidationLimits?.[itemKey as "minLength"];
            if (!limits)
              issues.push({
                path: `${at}.items.${itemKey}`,
                message: `is not a constraint of ${coreType.name} items`,
              });
            else checkBound(issues, `${at}.items.${itemKey}`, itemValue, limits);
          }
        constraints.items = value;
      } else if (!coreType.validationFields.includes(key)) {
        issues.push({
          path: `${at}.${key}`,
          message: `is not a constraint of the ${coreType.name} core type`,
        });
      } else if (key === "enum") {
        if (
          !Array.isArray(value) ||
          value.length === 0 ||
          value.some((v) => typeof v !== "string" || v.length === 0 || v.length > 100)
        )
          issues.push({
            path: `${at}.enum`,
            message: "must be a non-empty list of values of 1-100 characters",
          });
        constraints.enum = value;
      } else {
        const limits = coreType.validationLimits[key as keyof CoreType["validationLimits"]];
        if (limits) checkBound(issues, `${at}.${key}`, value, limits);
        constraints[key] = value;
      }
    }
    for (const [low, high] of [
      ["minLength", "maxLength"],
      ["minItems", "maxItems"],
      ["minimum", "maximum"],
    ] as const) {
      const a = constraints[low];
      const b = constraints[high];
      if (typeof a === "number" && typeof b === "number" && a > b)
        issues.push({ path: `${at}.${low}`, message: `must not exceed ${high}` });
    }
    if (coreType.name === "enum" && !constraints.enum)
      issues.push({ path: `${at}.enum`, message: "an enum field needs its values" });
    const title = typeof field.title === "string" ? field.title : null;
    if (
      title !== null &&
      (title.length < SCHEMA_LIMITS.minFieldTitleCharacters ||
        title.length > SCHEMA_LIMITS.maxFieldTitleCharacters)
    )
      issues.push({
        path: `${at}.title`,
        message: `must be ${SCHEMA_LIMITS.minFieldTitleCharacters}-${SCHEMA_LIMITS.maxFieldTitleCharacters} characters`,
      });
    const description = typeof field.description === "string" ? field.description : null;
    if (description !== null && description.length > SCHEMA_LIMITS.maxFieldDescriptionCharacters)
      issues.push({
        path: `${at}.description`,
        message: `must be at most ${SCHEMA_LIMITS.maxFieldDescriptionCharacters} characters`,
      });
    fields.push({ name, coreType, title, description, constraints });
  }

  const required = doc.required ?? [];
  if (!Array.isArray(required)) issues.push({ path: "required", message: "must be a list of field names" });
  else
    required.forEach((r, i) => {
      if (typeof r !== "string" || !(r in properties))
        issues.push({ path: `required.${i}`, message: `${String(r)} is not a field of this schema` });
    });
  return { fields, issues };
}

/** The plain JSON Schema that values are validated with: each field's core type base merged with its constraints. */
export function validationSchemaOf(doc: Json): Json {
  const { fields } = readSchemaDocument(doc);
  const properties: Json = {};
  for (const f of fields) {
    const { items, ...rest } = f.constraints;
    const base = f.coreType.base;
    const merged: Json = { ...base, ...rest };
    if (isObject(items))
      merged.items = { ...(isObject(base.items) ? base.items : { type: "string" }), ...items };
    if (f.coreType.name === "enum" && isObject(items)) delete merged.items;
    properties[f.name] = merged;
  }
  return {
    type: "object",
    properties,
    required: Array.isArray(doc.required) ? doc.required : [],
    additionalProperties: false,
  };
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);

/** Compiled validators by schema version; versions are immutable, so a compiled one never goes stale. */
const compiled = new Map<string, ValidateFunction>();

function issueOf(e: ErrorObject): FieldIssue {
  const field = e.instancePath.split("/").filter(Boolean).join(".");
  if (e.keyword === "required")
    return { path: `customFields.${e.params.missingProperty}`, message: "is required" };
  if (e.keyword === "additionalProperties")
    return { path: `customFields.${e.params.additionalProperty}`, message: "is not a field of this schema" };
  return { path: field ? `customFields.${field}` : "customFields", message: e.message ?? "is invalid" };
}

/** Validates custom field values against one schema version (cached by `key`); returns the issues. */
export function validateCustomFieldValues(key: string, doc: Json, values: unknown): FieldIssue[] {
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(validationSchemaOf(doc));
    compiled.set(key, validate);
  }
  return validate(values) ? [] : (validate.errors ?? []).map(issueOf);
}
