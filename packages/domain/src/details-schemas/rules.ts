import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import type { FieldIssue } from "../shared/errors";
import type { DetailsFieldDefinition, SchemaDefinition } from "./model";

/** A text given per language (or one text for all): the one for `lang`, else English, else any. */
export function localizedText(
  text: string | Record<string, string> | undefined,
  lang: string,
): string | null {
  if (text === undefined) return null;
  if (typeof text === "string") return text;
  return text[lang] ?? text.en ?? Object.values(text)[0] ?? null;
}

const parentOf = (key: string) => (key.includes(".") ? key.slice(0, key.lastIndexOf(".")) : null);

/** The nearest field set enclosing `key` (by path prefix), or null at the root. */
function enclosingSet(definition: SchemaDefinition, key: string): string | null {
  for (let p = parentOf(key); p; p = parentOf(p)) if (definition.fieldSets.some((s) => s.key === p)) return p;
  return null;
}

/** The JSON Schema of `details` under `definition`: nested objects, no unknown properties, nulls allowed. */
export function jsonSchemaOf(definition: SchemaDefinition): Record<string, unknown> {
  type Node = {
    type: string;
    properties: Record<string, unknown>;
    required: string[];
    additionalProperties: false;
  };
  const root: Node = { type: "object", properties: {}, required: [], additionalProperties: false };
  for (const field of definition.fields) {
    const parts = field.key.split(".");
    let node = root;
    for (const [i, part] of parts.entries()) {
      if (i === parts.length - 1) {
        node.properties[part] = fieldSchema(field);
        if (field.isRequired) node.required.push(part);
      } else {
        const next = node.properties[part] as Node | undefined;
        if (next?.type !== "object") {
          node.properties[part] = {
            type: "object",
            properties: {},
            required: [],
            additionalProperties: false,
          };
          if (field.isRequired && !node.required.includes(part)) node.required.push(part);
        } else if (field.isRequired && !node.required.includes(part)) node.required.push(part);
        node = node.properties[part] as Node;
      }
    }
  }
  return { $schema: "http://json-schema.org/draft-07/schema#", ...root };
}

function fieldSchema(field: DetailsFieldDefinition): Record<string, unknown> {
  const v = field.validations ?? {};
  const nullable = (type: string) => (field.isRequired ? type : [type, "null"]);
  let schema: Record<string, unknown>;
  switch (field.fieldType) {
    case "Boolean":
      schema = { type: nullable("boolean") };
      break;
    case "Number":
    case "Money":
      schema = {
        type: nullable("number"),
        ...(v.minValue !== undefined ? { minimum: v.minValue } : {}),
        ...(v.maxValue !== undefined ? { maximum: v.maxValue } : {}),
        ...(v.decimal !== undefined ? { multipleOf: 10 ** -v.decimal } : {}),
      };
      break;
    default:
      schema = {
        type: nullable("string"),
        ...(field.fieldType === "Date" ? { format: "date" } : {}),
        ...(field.fieldType === "Email" ? { format: "email" } : {}),
        ...(field.fieldType === "Phone" ? { pattern: "^\\+?[0-9 ()./-]{3,40}$" } : {}),
        ...(v.minLength !== undefined ? { minLength: v.minLength } : {}),
        ...(v.maxLength !== undefined ? { maxLength: v.maxLength } : {}),
        ...(v.regularExpression ? { pattern: v.regularExpression } : {}),
        ...(v.minDate ? { formatMinimum: v.minDate } : {}),
        ...(v.maxDate ? { formatMaximum: v.maxDate } : {}),
      };
  }
  return field.isArrayItem ? { type: nullable("array"), items: { ...schema, type: schema.type } } : schema;
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const compiled = new Map<string, ValidateFunction>();

const pathOf = (e: ErrorObject) => {
  const base = e.instancePath.split("/").filter(Boolean).join(".");
  const extra =
    e.keyword === "additionalProperties"
      ? (e.params as { additionalProperty: string }).additionalProperty
      : e.keyword === "required"
        ? (e.params as { missingProperty: string }).missingProperty
        : "";
  return [base, extra].filter(Boolean).join(".");
};

/** What is wrong with `details` under the schema's JSON Schema: one issue per bad path. */
export function detailsIssues(jsonSchema: Record<string, unknown>, details: unknown): FieldIssue[] {
  const key = JSON.stringify(jsonSchema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(jsonSchema);
    if (compiled.size > 200) compiled.clear();
    compiled.set(key, validate);
  }
  if (validate(details)) return [];
  const issues = (validate.errors ?? []).map((e) => ({
    path: `details.${pathOf(e)}`.replace(/\.$/, ""),
    message:
      e.keyword === "additionalProperties" ? "is not a field of the schema" : (e.message ?? "is invalid"),
  }));
  return issues.filter((i, n) => issues.findIndex((j) => j.path === i.path) === n);
}

/** DFS layout metadata (#45): one element per field set, in definition order, localized. */
export function layoutOf(definition: SchemaDefinition, lang: string) {
  return definition.fieldSets.map((s) => ({
    key: s.key,
    label: localizedText(s.label, lang),
    fieldType: "FieldSet",
    parentKey: enclosingSet(definition, s.key),
    tooltip: localizedText(s.tooltip, lang),
    isHidden: s.isHidden,
    isLabelHidden: s.isLabelHidden,
    toggleHidden: s.toggleHidden ?? null,
  }));
}

/** DFS field (input) metadata (#47), filtered by `fieldKeys` and `layoutPathKey` (both optional, AND). */
export function fieldsMetadataOf(
  definition: SchemaDefinition,
  lang: string,
  filter: { fieldKeys?: string[] | null; layoutPathKey?: string | null } = {},
) {
  const layoutPath = (key: string) => {
    const chain: { key: string; label: string | null }[] = [];
    for (let set = enclosingSet(definition, key); set; set = enclosingSet(definition, set)) {
      const s = definition.fieldSets.find((x) => x.key === set)!;
      chain.unshift({ key: s.key, label: localizedText(s.label, lang) });
    }
    return chain;
  };
  return definition.fields
    .filter((f) => !filter.fieldKeys?.length || filter.fieldKeys.includes(f.key))
    .map((f) => ({ field: f, path: layoutPath(f.key) }))
    .filter(({ path }) => !filter.layoutPathKey || path.some((p) => p.key === filter.layoutPathKey))
    .map(({ field: f, path }) => ({
      key: f.key,
      label: localizedText(f.label, lang),
      fieldType: f.fieldType,
      listKey: f.listKey ?? null,
      listHierarchyFilterKey: f.listHierarchyFilterKey ?? null,
      isReadOnly: f.isReadOnly,
      isArrayItem: f.isArrayItem,
      tooltip: localizedText(f.tooltip, lang),
      layoutPath: path,
      placeholder: localizedText(f.placeholder, lang),
      isRequired: f.isRequired,
      isApprovalRequired: f.isApprovalRequired,
      isHidden: f.isHidden,
      isExportable: f.isExportable,
      validations: f.validations ?? null,
      toggleHidden: f.toggleHidden ?? null,
      currency: f.currency ?? null,
      alias: f.alias ?? null,
    }));
}

/** The schema's bound fields as `{path, canonical}` (the change history's projection, the details' reads). */
export const bindingsOf = (definition: SchemaDefinition) =>
  definition.fields.flatMap((f) => (f.binding ? [{ path: f.key, canonical: f.binding as string }] : []));

/** The fields whose changes need another member's approval (member edits only). */
export const approvalRequiredPaths = (definition: SchemaDefinition) =>
  definition.fields.filter((f) => f.isApprovalRequired).map((f) => f.key);

// ------------------------------------------------------------------------------- details as paths

export type DetailsPaths = Map<string, unknown>;

/** A details object as leaf paths (objects descend; arrays and scalars are leaves; nulls are left out). */
export function flattenDetails(value: unknown, prefix = "", out: DetailsPaths = new Map()): DetailsPaths {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flattenDetails(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (value !== null && value !== undefined && prefix) out.set(prefix, value);
  return out;
}

/** Leaf paths back into a nested details object. */
export function nestDetails(flat: DetailsPaths): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [path, value] of [...flat].sort(([a], [b]) => a.localeCompare(b))) {
    const parts = path.split(".");
    let node = root;
    for (const part of parts.slice(0, -1)) {
      if (!node[part] || typeof node[part] !== "object") node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts.at(-1)!] = value;
  }
  return root;
}

/** `patch` merged into `base` (PATCH, §4.3): objects merge, anything else (null too) replaces. */
export function mergeDetails(base: unknown, patch: unknown): unknown {
  if (!patch || typeof patch !== "object" || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    base && typeof base === "object" && !Array.isArray(base) ? { ...(base as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch)) out[k] = mergeDetails(out[k], v);
  return out;
}

/** The leaf field of the schema a details path belongs to (its key, or a prefix of it for array items). */
export const fieldAt = (definition: SchemaDefinition, path: string) =>
  definition.fields.find((f) => f.key === path || path.startsWith(`${f.key}.`));
