"use client";

import type { DataSchema, SchemaTarget } from "@switchboard/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { type FormEvent, useState } from "react";
import { useTRPC } from "~/trpc/react";

const NUMERIC = ["minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems"] as const;
type Numeric = (typeof NUMERIC)[number];

interface FieldDraft {
  key: string;
  name: string;
  type: string;
  title: string;
  required: boolean;
  limits: Partial<Record<Numeric, string>>;
  /** Enum values, comma-separated. */
  values: string;
}

let nextKey = 0;
const blankField = (): FieldDraft => ({
  key: `f${nextKey++}`,
  name: "",
  type: "text",
  title: "",
  required: false,
  limits: {},
  values: "",
});

/** A schema document's fields as editable drafts. */
function draftsOf(schema?: DataSchema): FieldDraft[] {
  const doc = (schema?.jsonSchema ?? {}) as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  return Object.entries(doc.properties ?? {}).map(([name, field]) => {
    const ref = (field.allOf as { $ref?: string }[] | undefined)?.[0]?.$ref ?? "";
    const limits: FieldDraft["limits"] = {};
    for (const key of NUMERIC) if (typeof field[key] === "number") limits[key] = String(field[key]);
    return {
      key: `f${nextKey++}`,
      name,
      type: ref.replace("#/definitions/", "") || "text",
      title: typeof field.title === "string" ? field.title : "",
      required: doc.required?.includes(name) ?? false,
      limits,
      values: Array.isArray(field.enum) ? field.enum.join(", ") : "",
    };
  });
}

/** Drafts back to the Genesys-style JSON Schema document. */
function documentOf(fields: FieldDraft[]) {
  const properties: Record<string, Record<string, unknown>> = {};
  for (const f of fields) {
    const field: Record<string, unknown> = { allOf: [{ $ref: `#/definitions/${f.type}` }] };
    if (f.title) field.title = f.title;
    for (const [key, value] of Object.entries(f.limits))
      if (value !== undefined && value !== "") field[key] = Number(value);
    if (f.type === "enum")
      field.enum = f.values
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean);
    properties[f.name] = field;
  }
  return {
    type: "object" as const,
    properties,
    required: fields.filter((f) => f.required).map((f) => f.name),
  };
}

export function SchemaEditor({ target }: { target: SchemaTarget }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const schemas = useQuery(trpc.schemas.list.queryOptions({ target }));
  const coreTypes = useQuery(trpc.schemas.coreTypes.queryOptions());
  const [selected, setSelected] = useState<DataSchema | null>(null);
  const versions = useQuery({
    ...trpc.schemas.versions.queryOptions({ target, id: selected?.id ?? "" }),
    enabled: Boolean(selected),
  });
  const create = useMutation(trpc.schemas.create.mutationOptions());
  const update = useMutation(trpc.schemas.update.mutationOptions());
  const [name, setName] = useState("");
  const [enabled, setEnabled] = useState(true);
  const [fields, setFields] = useState<FieldDraft[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const edit = (schema: DataSchema | null) => {
    setSelected(schema);
    setName(schema?.name ?? "");
    setEnabled(schema?.enabled ?? true);
    setFields(schema ? draftsOf(schema) : [blankField()]);
    setErrors({});
  };
  const change = (key: string, patch: Partial<FieldDraft>) =>
    setFields(fields.map((f) => (f.key === key ? { ...f, ...patch } : f)));
  const typeInfo = (type: string) => coreTypes.data?.find((t) => t.name === type);

  async function save(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    const schema = { name, enabled, jsonSchema: documentOf(fields) };
    try {
      const saved = selected
        ? await update.mutateAsync({ target, id: selected.id, version: selected.version, schema })
        : await create.mutateAsync({ target, schema });
      await queryClient.invalidateQueries({ queryKey: trpc.schemas.pathKey() });
      edit(saved);
    } catch (error) {
      const fieldErrors =
        error instanceof TRPCClientError
          ? (error.data?.fieldErrors as Record<string, string> | undefined)
          : undefined;
      setErrors(
        fieldErrors && Object.keys(fieldErrors).length
          ? fieldErrors
          : { "": error instanceof Error ? error.message : "Saving failed" },
      );
    }
  }

  return (
    <div className="grid gap-6 md:grid-cols-[16rem_1fr]">
      <nav aria-label={`${target} schemas`} className="space-y-2">
        <button
          type="button"
          onClick={() => edit(null)}
          className="w-full rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700"
        >
          New {target} schema
        </button>
        <ul className="space-y-1 text-sm">
          {schemas.data?.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                onClick={() => edit(s)}
                className={`w-full rounded-md px-3 py-2 text-left hover:bg-slate-100 ${selected?.id === s.id ? "bg-slate-100 font-medium" : ""}`}
              >
                {s.name} <span className="text-slate-500">v{s.version}</span>
              </button>
            </li>
          ))}
        </ul>
      </nav>

      {(selected || fields.length > 0) && (
        <form onSubmit={save} className="space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          {Object.entries(errors).length > 0 && (
            <ul role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {Object.entries(errors).map(([path, message]) => (
                <li key={path}>
                  {path.replace(/^schema\.jsonSchema\.properties\./, "")} {message}
                </li>
              ))}
            </ul>
          )}
          <div className="flex flex-wrap items-end gap-4">
            <label className="block text-sm font-medium">
              Schema name
              <input
                value={name}
                onChange={(e) => setName(e.target.value)}
                className="mt-1 block rounded-md border border-slate-300 px-3 py-2"
              />
            </label>
            <label className="inline-flex items-center gap-2 text-sm">
              <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />{" "}
              Enabled
            </label>
            {selected && (
              <span className="text-sm text-slate-600">
                Editing version {selected.version}; saving creates version {selected.version + 1}.
              </span>
            )}
          </div>

          <fieldset className="space-y-3">
            <legend className="text-sm font-medium">Fields</legend>
            {fields.map((f, i) => (
              <div key={f.key} className="grid gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-4">
                <label className="text-sm">
                  Field name
                  <input
                    aria-label={`Field ${i + 1} name`}
                    value={f.name}
                    onChange={(e) => change(f.key, { name: e.target.value })}
                    className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
                  />
                </label>
                <label className="text-sm">
                  Title
                  <input
                    aria-label={`Field ${i + 1} title`}
                    value={f.title}
                    onChange={(e) => change(f.key, { title: e.target.value })}
                    className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
                  />
                </label>
                <label className="text-sm">
                  Type
                  <select
                    aria-label={`Field ${i + 1} type`}
                    value={f.type}
                    onChange={(e) => change(f.key, { type: e.target.value, limits: {} })}
                    className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
                  >
                    {coreTypes.data?.map((t) => (
                      <option key={t.name} value={t.name}>
                        {t.title}
                      </option>
                    ))}
                  </select>
                </label>
                <div className="flex items-end gap-3 text-sm">
                  <label className="inline-flex items-center gap-1">
                    <input
                      type="checkbox"
                      checked={f.required}
                      onChange={(e) => change(f.key, { required: e.target.checked })}
                    />{" "}
                    Required
                  </label>
                  <button
                    type="button"
                    onClick={() => setFields(fields.filter((x) => x.key !== f.key))}
                    className="text-red-700 underline"
                  >
                    Remove
                  </button>
                </div>
                {typeInfo(f.type)
                  ?.validationFields.filter((v): v is Numeric => (NUMERIC as readonly string[]).includes(v))
                  .map((limit) => (
                    <label key={limit} className="text-sm">
                      {limit}
                      <input
                        aria-label={`Field ${i + 1} ${limit}`}
                        type="number"
                        value={f.limits[limit] ?? ""}
                        onChange={(e) => change(f.key, { limits: { ...f.limits, [limit]: e.target.value } })}
                        className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
                      />
                    </label>
                  ))}
                {f.type === "enum" && (
                  <label className="text-sm sm:col-span-2">
                    Values (comma-separated)
                    <input
                      aria-label={`Field ${i + 1} values`}
                      value={f.values}
                      onChange={(e) => change(f.key, { values: e.target.value })}
                      className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
                    />
                  </label>
                )}
              </div>
            ))}
            <button
              type="button"
              onClick={() => setFields([...fields, blankField()])}
              className="rounded-md border border-slate-300 px-3 py-1 text-sm"
            >
              Add field
            </button>
          </fieldset>
          <button
            type="submit"
            disabled={create.isPending || update.isPending}
            className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
          >
            Save schema
          </button>
          {selected && versions.data && (
            <section aria-label="Versions" className="text-sm text-slate-600">
              <h3 className="font-medium text-slate-900">Versions</h3>
              <ul>
                {versions.data.map((v) => (
                  <li key={v.version}>
                    v{v.version} · {v.createdAt.toISOString().slice(0, 16).replace("T", " ")} ·{" "}
                    {v.createdByName ?? v.createdById} ·{" "}
                    {Object.keys((v.jsonSchema.properties as object | undefined) ?? {}).length} fields
                  </li>
                ))}
              </ul>
            </section>
          )}
        </form>
      )}
    </div>
  );
}
