"use client";

import type { DataSchema } from "@switchboard/domain";

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
