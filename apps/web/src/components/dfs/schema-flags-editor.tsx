"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "~/trpc/react";
import { FormError, primaryButton } from "../admin/form-errors";

const FLAGS = [
  ["isApprovalRequired", "Needs approval"],
  ["isExportable", "Exportable"],
  ["isHidden", "Hidden"],
  ["isReadOnly", "Read-only"],
] as const;
type Flag = (typeof FLAGS)[number][0];
type Row = { key: string } & Record<Flag, boolean>;

/**
 * The flags of a DFS details schema's fields, toggled per field and saved as a new schema version. The save
 * carries the version read; if someone saved since, it is refused and the editor offers to reload.
 */
export function SchemaFlagsEditor({
  schemaKey,
  canEdit,
}: {
  schemaKey: "contact" | "legal-entity";
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const schema = useQuery(trpc.dfs.schema.queryOptions({ key: schemaKey }));
  const save = useMutation(trpc.dfs.saveSchemaFlags.mutationOptions());
  const [rows, setRows] = useState<Row[]>([]);
  const [token, setToken] = useState<number>();
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<string>();
  useEffect(() => {
    if (!schema.data) return;
    setRows(
      schema.data.fields.map(({ key, isApprovalRequired, isExportable, isHidden, isReadOnly }) => ({
        key,
        isApprovalRequired,
        isExportable,
        isHidden,
        isReadOnly,
      })),
    );
    setToken(schema.data.concurrencyToken);
  }, [schema.data]);

  if (schema.error) return <FormError message={schema.error.message} />;
  if (!schema.data || token === undefined) return <p className="text-sm text-slate-500">Loading…</p>;
  const labels = new Map(schema.data.fields.map((f) => [f.key, f.label ?? f.key]));

  async function submit() {
    if (token === undefined) return;
    setError(undefined);
    setStatus(undefined);
    try {
      const saved = await save.mutateAsync({ key: schemaKey, concurrencyToken: token, fields: rows });
      setToken(saved.concurrencyToken);
      setStatus(`Saved as version ${saved.concurrencyToken}.`);
      await queryClient.invalidateQueries({ queryKey: trpc.dfs.schema.queryKey({ key: schemaKey }) });
    } catch (e) {
      setError(e instanceof Error ? e.message : "Saving failed");
    }
  }

  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">Version {token}</p>
      <table className="w-full rounded-lg bg-white text-left text-sm shadow-sm ring-1 ring-slate-200">
        <caption className="sr-only">Field flags of the {schemaKey} schema</caption>
        <thead className="text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2">
              Field
            </th>
            {FLAGS.map(([flag, name]) => (
              <th key={flag} scope="col" className="px-3 py-2">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={row.key} className="border-t border-slate-100">
              <th scope="row" className="px-3 py-1.5 font-normal">
                {labels.get(row.key)} <span className="font-mono text-xs text-slate-500">{row.key}</span>
              </th>
              {FLAGS.map(([flag, name]) => (
                <td key={flag} className="px-3 py-1.5">
                  <input
                    type="checkbox"
                    aria-label={`${name}: ${row.key}`}
                    checked={row[flag]}
                    disabled={!canEdit}
                    onChange={(e) =>
                      setRows(rows.map((r, j) => (j === i ? { ...r, [flag]: e.target.checked } : r)))
                    }
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <FormError message={error} />
      {status && (
        <p role="status" className="text-sm text-emerald-800">
          {status}
        </p>
      )}
      {canEdit && (
        <div className="flex gap-2">
          <button type="button" className={primaryButton} disabled={save.isPending} onClick={submit}>
            Save {schemaKey} flags
          </button>
          {error && (
            <button
              type="button"
              className="text-sm text-indigo-700 underline"
              onClick={() => {
                setError(undefined);
                void schema.refetch();
              }}
            >
              Reload the current version
            </button>
          )}
        </div>
      )}
    </div>
  );
}
