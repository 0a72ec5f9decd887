"use client";

import type { DataSchema, SchemaTarget } from "@switchboard/domain";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";

type Field = { name: string; type: string; title: string; required: boolean; values: string[] };

/** The fields of a schema document, in order, with their core type. */
export function fieldsOf(schema: DataSchema | undefined): Field[] {
  const doc = (schema?.jsonSchema ?? {}) as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  return Object.entries(doc.properties ?? {}).map(([name, f]) => ({
    name,
    type: ((f.allOf as { $ref?: string }[] | undefined)?.[0]?.$ref ?? "").replace("#/definitions/", ""),
    title: typeof f.title === "string" ? f.title : name,
    required: doc.required?.includes(name) ?? false,
    values: Array.isArray(f.enum) ? (f.enum as string[]) : [],
  }));
}

/** Form text → the JSON value its core type stores (empty means absent). */
export function customFieldValue(type: string, raw: string | boolean): unknown {
  if (type === "checkbox") return raw === true;
  if (typeof raw !== "string" || raw.trim() === "") return undefined;
  if (type === "integer" || type === "number") return Number(raw);
  if (type === "tag")
    return raw
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean);
  return raw;
}

const textOf = (value: unknown) =>
  Array.isArray(value) ? value.join(", ") : value === undefined || value === null ? "" : String(value);

/** Inputs for a schema's custom fields, typed by core type, with the server's per-field errors. */
export function CustomFieldInputs(props: {
  schema: DataSchema | undefined;
  values: Record<string, unknown>;
  raw: Record<string, string | boolean>;
  errors: Record<string, string>;
  onChange: (name: string, raw: string | boolean) => void;
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {fieldsOf(props.schema).map((f) => {
        const id = `cf-${f.name}`;
        const error = props.errors[f.name];
        const raw =
          props.raw[f.name] ??
          (f.type === "checkbox" ? props.values[f.name] === true : textOf(props.values[f.name]));
        const common = {
          id,
          "aria-invalid": error ? true : undefined,
          "aria-describedby": error ? `${id}-error` : undefined,
          className:
            "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 aria-invalid:border-red-500",
        } as const;
        return (
          <div key={f.name}>
            <label htmlFor={id} className="block text-sm font-medium">
              {f.title}
              {f.required && <span aria-hidden="true"> *</span>}
            </label>
            {f.type === "checkbox" ? (
              <input
                {...common}
                type="checkbox"
                className="mt-2"
                checked={raw === true}
                onChange={(e) => props.onChange(f.name, e.target.checked)}
              />
            ) : f.type === "enum" ? (
              <select
                {...common}
                value={String(raw)}
                onChange={(e) => props.onChange(f.name, e.target.value)}
              >
                <option value="">—</option>
                {f.values.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            ) : f.type === "longtext" ? (
              <textarea
                {...common}
                rows={3}
                value={String(raw)}
                onChange={(e) => props.onChange(f.name, e.target.value)}
              />
            ) : (
              <input
                {...common}
                type={
                  f.type === "integer" || f.type === "number" ? "number" : f.type === "date" ? "date" : "text"
                }
                step={f.type === "number" ? "any" : undefined}
                value={String(raw)}
                onChange={(e) => props.onChange(f.name, e.target.value)}
              />
            )}
            {error && (
              <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
                {error}
              </p>
            )}
          </div>
        );
      })}
    </div>
  );
}

/**
 * The custom-field part of a record's form: a schema picker (enabled schemas, plus the record's own), typed
 * inputs, the value to send (`schemaId`, `schemaVersion`, `customFields`) and the server's errors per field.
 */
export function useCustomFields(
  target: SchemaTarget,
  record?: { schemaId: string | null; customFields: Record<string, unknown> | null },
) {
  const trpc = useTRPC();
  const schemas = useQuery(trpc.schemas.list.queryOptions({ target }));
  const [schemaId, setSchemaId] = useState(record?.schemaId ?? "");
  const [raw, setRaw] = useState<Record<string, string | boolean>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const schema = schemas.data?.find((s) => s.id === schemaId);

  /** Values follow the chosen schema's current version; untouched fields keep their stored value. */
  function value() {
    if (!schema) return { schemaId: null, schemaVersion: null, customFields: null };
    const customFields: Record<string, unknown> = {};
    for (const f of fieldsOf(schema)) {
      const v = f.name in raw ? customFieldValue(f.type, raw[f.name]!) : record?.customFields?.[f.name];
      if (v !== undefined) customFields[f.name] = v;
    }
    return { schemaId: schema.id, schemaVersion: schema.version, customFields };
  }

  /** Shows an error path (`customFields.points`, or nested under the input) at its field; false if not ours. */
  function takeError(path: string, message: string): boolean {
    const name = path.match(/(?:^|\.)customFields\.(.+)$/)?.[1];
    if (!name) return false;
    setErrors((e) => ({ ...e, [name]: message }));
    return true;
  }

  const section = (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium">Custom fields</legend>
      <label className="block text-sm">
        Schema
        <select
          value={schemaId}
          onChange={(e) => setSchemaId(e.target.value)}
          className="mt-1 block rounded-md border border-slate-300 px-3 py-2"
        >
          <option value="">None</option>
          {schemas.data
            ?.filter((s) => s.enabled || s.id === record?.schemaId)
            .map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} (v{s.version})
              </option>
            ))}
        </select>
      </label>
      <CustomFieldInputs
        schema={schema}
        values={record?.customFields ?? {}}
        raw={raw}
        errors={errors}
        onChange={(name, v) => setRaw({ ...raw, [name]: v })}
      />
    </fieldset>
  );

  return { section, value, takeError, clearErrors: () => setErrors({}) };
}
