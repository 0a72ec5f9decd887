"use client";

// Types only: the domain package is server code and never enters the browser bundle.
import type { ExportEntityType, ExportJob } from "@switchboard/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTRPC } from "~/trpc/react";

const KIND_LABELS: Record<ExportEntityType, string> = {
  contacts: "Contacts",
  organizations: "Organizations",
  notes: "Notes",
  relationships: "Relationships",
};
const KINDS = Object.keys(KIND_LABELS) as ExportEntityType[];
const STATUS_LABELS: Record<ExportJob["status"], { text: string; className: string }> = {
  RUNNING: { text: "Running", className: "bg-amber-50 text-amber-900 ring-amber-200" },
  SUCCEEDED: { text: "Ready", className: "bg-emerald-50 text-emerald-900 ring-emerald-200" },
  FAILED: { text: "Failed", className: "bg-red-50 text-red-900 ring-red-200" },
};
const PAGE_SIZE = 25;
/** How often the list is refetched while an export on it is still running. */
const POLL_MS = 1000;

const when = (d: Date | null) => (d ? d.toLocaleString() : "—");

/** Start an export, and the list of exports, polled while any of them is running. */
export function ExportsPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [entityType, setEntityType] = useState<ExportEntityType>("contacts");
  const [divisionId, setDivisionId] = useState("");
  const [error, setError] = useState<string | null>(null);
  // The cursors of the pages before the one shown (the first page has none).
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const after = cursors.at(-1);

  const divisions = useQuery(trpc.exports.divisions.queryOptions());
  const listInput = { pageSize: PAGE_SIZE, after };
  const list = useQuery(
    trpc.exports.list.queryOptions(listInput, {
      refetchInterval: (query) =>
        query.state.data?.entities.some((e) => e.status === "RUNNING") ? POLL_MS : false,
    }),
  );
  const create = useMutation(
    trpc.exports.create.mutationOptions({
      onSuccess: () => {
        setCursors([undefined]);
        return queryClient.invalidateQueries({ queryKey: trpc.exports.list.queryKey() });
      },
    }),
  );

  async function start(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await create.mutateAsync({ entityType, divisionIds: divisionId ? [divisionId] : undefined });
    } catch (e) {
      setError(e instanceof Error ? e.message : "Could not start the export");
    }
  }

  const divisionName = (id: string) => divisions.data?.find((d) => d.id === id)?.name ?? id;
  const entities = list.data?.entities ?? [];

  return (
    <div className="space-y-6">
      <form
        onSubmit={start}
        aria-label="New export"
        className="flex flex-wrap items-end gap-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
      >
        <div className="space-y-1">
          <label htmlFor="export-kind" className="block text-sm font-medium">
            What to export
          </label>
          <select
            id="export-kind"
            value={entityType}
            onChange={(e) => setEntityType(e.target.value as ExportEntityType)}
            className="rounded-md border border-slate-300 px-3 py-2 text-sm"
          >
            {KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="export-division" className="block text-sm font-medium">
            Division
          </label>
          <select
            id="export-division"
            value={divisionId}
            onChange={(e) => setDivisionId(e.target.value)}
            className="rounded-md border border-slate-300 px-3 py-2 text-sm"
          >
            <option value="">All divisions</option>
            {divisions.data?.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          disabled={create.isPending}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
        >
          Start export
        </button>
        {error && (
          <p className="w-full text-sm text-red-700" role="alert">
            {error}
          </p>
        )}
      </form>

      {list.error && (
        <p className="text-sm text-red-700" role="alert">
          {list.error.message}
        </p>
      )}
      <table className="w-full text-left text-sm" aria-label="Exports" aria-busy={list.isLoading}>
        <thead className="text-slate-600">
          <tr>
            <th scope="col" className="px-2 py-2 font-medium">
              Export
            </th>
            <th scope="col" className="px-2 py-2 font-medium">
              Divisions
            </th>
            <th scope="col" className="px-2 py-2 font-medium">
              Status
            </th>
            <th scope="col" className="px-2 py-2 font-medium">
              Rows
            </th>
            <th scope="col" className="px-2 py-2 font-medium">
              Started
            </th>
            <th scope="col" className="px-2 py-2 font-medium">
              Finished
            </th>
            <th scope="col" className="px-2 py-2 font-medium">
              File
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {entities.map((job) => {
            const status = STATUS_LABELS[job.status];
            return (
              <tr key={job.id} data-export-id={job.id}>
                <td className="px-2 py-2">{KIND_LABELS[job.entityType]}</td>
                <td className="px-2 py-2">
                  {job.divisionIds.length ? job.divisionIds.map(divisionName).join(", ") : "All"}
                </td>
                <td className="px-2 py-2">
                  <span role="status" className={`rounded-full px-2 py-0.5 ring-1 ${status.className}`}>
                    {status.text}
                  </span>
                  {job.error && <p className="mt-1 text-xs text-red-700">{job.error}</p>}
                </td>
                <td className="px-2 py-2 tabular-nums">{job.rowCount ?? "—"}</td>
                <td className="px-2 py-2">{when(job.createdAt)}</td>
                <td className="px-2 py-2">{when(job.completedAt)}</td>
                <td className="px-2 py-2">
                  {job.status === "SUCCEEDED" ? (
                    <a
                      href={`/exports/${job.id}/download`}
                      download
                      className="text-indigo-700 underline-offset-2 hover:underline"
                    >
                      Download CSV
                      <span className="sr-only">
                        {" "}
                        of the {KIND_LABELS[job.entityType].toLowerCase()} export
                      </span>
                    </a>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {list.isSuccess && entities.length === 0 && <p className="text-sm text-slate-600">No exports yet.</p>}
      <div className="flex gap-3 text-sm">
        <button
          type="button"
          disabled={cursors.length === 1}
          onClick={() => setCursors((c) => c.slice(0, -1))}
          className="rounded-md px-3 py-1 ring-1 ring-slate-300 disabled:opacity-50"
        >
          Newer
        </button>
        <button
          type="button"
          disabled={!list.data?.nextCursor}
          onClick={() => setCursors((c) => [...c, list.data?.nextCursor ?? undefined])}
          className="rounded-md px-3 py-1 ring-1 ring-slate-300 disabled:opacity-50"
        >
          Older
        </button>
      </div>
    </div>
  );
}
