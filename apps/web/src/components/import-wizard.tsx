"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTRPC } from "~/trpc/react";
import {
  errorsOf,
  FieldError,
  type FieldErrors,
  FormError,
  inputClass,
  primaryButton,
  secondaryButton,
} from "./admin/form-errors";

type Mapping = { sourceField: string; targetField: string };
type Step = "upload" | "map" | "preview" | "run";
const STEPS: { id: Step; label: string }[] = [
  { id: "upload", label: "Upload" },
  { id: "map", label: "Map columns" },
  { id: "preview", label: "Preview" },
  { id: "run", label: "Import" },
];
const ENDED = ["Completed", "Failed", "Cancelled"];

/** Moves focus to a step's heading when the step changes, so keyboard and screen-reader users follow. */
function StepHeading({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h2 ref={ref} tabIndex={-1} className="text-lg font-medium outline-none">
      {children}
    </h2>
  );
}

/** The CSV import: upload → map columns (suggested) → preview with errors → run with live progress → result. */
export function ImportWizard({
  targets,
  maxUploadBytes,
}: {
  targets: readonly string[];
  maxUploadBytes: number;
}) {
  const [step, setStep] = useState<Step>("upload");
  const [upload, setUpload] = useState<{ uploadId: string; fileName: string } | null>(null);
  const [mappings, setMappings] = useState<Mapping[] | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);

  const restart = () => {
    setStep("upload");
    setUpload(null);
    setMappings(null);
    setJobId(null);
  };

  return (
    <div className="space-y-6">
      <ol aria-label="Import steps" className="flex flex-wrap gap-2 text-sm">
        {STEPS.map((s, i) => (
          <li
            key={s.id}
            aria-current={s.id === step ? "step" : undefined}
            className="rounded-full px-3 py-1 ring-1 ring-slate-300 aria-[current=step]:bg-indigo-600 aria-[current=step]:text-white aria-[current=step]:ring-indigo-600"
          >
            {i + 1}. {s.label}
          </li>
        ))}
      </ol>
      <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        {step === "upload" && (
          <UploadStep
            maxBytes={maxUploadBytes}
            onUploaded={(u) => {
              setUpload(u);
              setStep("map");
            }}
          />
        )}
        {step === "map" && upload && (
          <MapStep
            uploadId={upload.uploadId}
            targets={targets}
            initial={mappings}
            onBack={restart}
            onMapped={(m) => {
              setMappings(m);
              setStep("preview");
            }}
          />
        )}
        {step === "preview" && upload && mappings && (
          <PreviewStep
            upload={upload}
            mappings={mappings}
            onBack={() => setStep("map")}
            onStarted={(id) => {
              setJobId(id);
              setStep("run");
            }}
          />
        )}
        {step === "run" && jobId && <RunStep jobId={jobId} onRestart={restart} />}
      </div>
      <p className="sr-only" aria-live="polite">
        Step {STEPS.findIndex((s) => s.id === step) + 1} of {STEPS.length}:{" "}
        {STEPS.find((s) => s.id === step)?.label}
      </p>
    </div>
  );
}

/** 1073741824 → "1 GB", 104857600 → "100 MB". */
const sizeText = (bytes: number) =>
  bytes >= 1024 ** 3 ? `${+(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;

function UploadStep({
  maxBytes,
  onUploaded,
}: {
  maxBytes: number;
  onUploaded: (u: { uploadId: string; fileName: string }) => void;
}) {
  const trpc = useTRPC();
  const create = useMutation(trpc.imports.createUpload.mutationOptions());
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    if (!file) return setErrors({ file: "choose a CSV file" });
    setBusy(true);
    try {
      const slot = await create.mutateAsync({ fileName: file.name, fileSize: file.size });
      const response = await fetch(slot.uploadUrl, {
        method: "PUT",
        headers: { [slot.tokenHeader]: slot.token, "content-type": "text/csv" },
        body: file,
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { message?: string } | null;
        setErrors({ file: body?.message ?? `the upload failed (${response.status})` });
        return;
      }
      onUploaded({ uploadId: slot.uploadId, fileName: file.name });
    } catch (error) {
      const found = errorsOf(error, ["fileName", "fileSize"]);
      setErrors({ file: found.fileName ?? found.fileSize ?? found.form ?? "the upload failed" });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <StepHeading>Upload a CSV file</StepHeading>
      <p className="text-sm text-slate-600">
        One contact per row, with a header row. Comma, semicolon, tab or pipe separated; UTF-8 or Latin-1; up
        to {sizeText(maxBytes)}.
      </p>
      <div>
        <label htmlFor="import-file" className="block text-sm font-medium">
          CSV file
        </label>
        <input
          id="import-file"
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          aria-invalid={errors.file ? true : undefined}
          aria-describedby={errors.file ? "import-file-error" : undefined}
          className="mt-1 block text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2"
        />
        <FieldError id="import-file-error" message={errors.file} />
      </div>
      <button type="submit" disabled={busy} className={primaryButton}>
        {busy ? "Uploading…" : "Upload"}
      </button>
    </form>
  );
}

function MapStep({
  uploadId,
  targets,
  initial,
  onBack,
  onMapped,
}: {
  uploadId: string;
  targets: readonly string[];
  initial: Mapping[] | null;
  onBack: () => void;
  onMapped: (m: Mapping[]) => void;
}) {
  const trpc = useTRPC();
  const details = useQuery(trpc.imports.upload.queryOptions({ uploadId }));
  // Without mappings the preview answers with the suggested ones for the file's headers.
  const suggested = useQuery(trpc.imports.preview.queryOptions({ uploadId, rows: 1 }));
  const [choice, setChoice] = useState<Record<string, string> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const headers = suggested.data?.headers ?? [];
  const chosen =
    choice ??
    Object.fromEntries(
      (initial ?? suggested.data?.mappings ?? []).map((m) => [m.sourceField, m.targetField]),
    );
  const sample = suggested.data?.entries[0] ?? [];
  const options = [...new Set([...targets, ...Object.values(chosen).filter(Boolean)])];

  function submit(event: FormEvent) {
    event.preventDefault();
    const mappings = headers
      .filter((h) => chosen[h])
      .map((h) => ({ sourceField: h, targetField: chosen[h]! }));
    const targetsUsed = mappings.map((m) => m.targetField);
    const twice = targetsUsed.find((t, i) => targetsUsed.indexOf(t) !== i);
    if (mappings.length === 0) return setError("Map at least one column to a contact field.");
    if (twice) return setError(`${twice} is mapped to more than one column.`);
    onMapped(mappings);
  }

  if (suggested.error) return <FormError message={suggested.error.message} />;
  const analysis = details.data;

  return (
    <form onSubmit={submit} className="space-y-4">
      <StepHeading>Map columns</StepHeading>
      {analysis?.uploaded && (
        <p className="text-sm text-slate-600">
          {analysis.rowCount} data row{analysis.rowCount === 1 ? "" : "s"}, separator{" "}
          <code>{analysis.delimiter === "\t" ? "tab" : analysis.delimiter}</code>, {analysis.encoding}.
          {(analysis.errors?.length ?? 0) > 0 && (
            <span className="text-amber-800">
              {" "}
              {analysis.errors!.length} malformed line(s) will be reported.
            </span>
          )}
        </p>
      )}
      <p className="text-sm text-slate-600">
        Columns are matched to contact fields by their header; change any.
      </p>
      <FormError message={error ?? undefined} />
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Column mappings</caption>
        <thead className="text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">
              Column
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              First value
            </th>
            <th scope="col" className="py-2 font-medium">
              Contact field
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {headers.map((header, i) => (
            <tr key={header}>
              <th scope="row" className="py-2 pr-4 font-mono text-xs font-normal">
                {header}
              </th>
              <td className="max-w-48 truncate py-2 pr-4 text-slate-600">{sample[i] ?? ""}</td>
              <td className="py-2">
                <select
                  aria-label={`Field for column ${header}`}
                  value={chosen[header] ?? ""}
                  onChange={(e) => setChoice({ ...chosen, [header]: e.target.value })}
                  className={`${inputClass} mt-0 py-1`}
                >
                  <option value="">— do not import —</option>
                  {options.map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex gap-2">
        <button type="button" className={secondaryButton} onClick={onBack}>
          Start over
        </button>
        <button type="submit" disabled={suggested.isPending} className={primaryButton}>
          Preview
        </button>
      </div>
    </form>
  );
}

function PreviewStep({
  upload,
  mappings,
  onBack,
  onStarted,
}: {
  upload: { uploadId: string; fileName: string };
  mappings: Mapping[];
  onBack: () => void;
  onStarted: (jobId: string) => void;
}) {
  const trpc = useTRPC();
  const preview = useQuery(
    trpc.imports.preview.queryOptions({ uploadId: upload.uploadId, mappings, rows: 20 }),
  );
  const divisions = useQuery(trpc.imports.divisions.queryOptions());
  const start = useMutation(trpc.imports.start.mutationOptions());
  const [matching, setMatching] = useState<("Email" | "Phone")[]>(["Email"]);
  const [divisionId, setDivisionId] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const withErrors = preview.data?.rows.filter((r) => r.errors.length > 0).length ?? 0;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    try {
      const job = await start.mutateAsync({
        uploadId: upload.uploadId,
        fileName: upload.fileName,
        mappings,
        matchingCriteria: matching,
        divisionId: divisionId || null,
      });
      onStarted(job.id);
    } catch (error) {
      setErrors(errorsOf(error, ["divisionId", "matchingCriteria"]));
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4">
      <StepHeading>Preview</StepHeading>
      {preview.error && <FormError message={preview.error.message} />}
      {preview.data && (
        <p role="status" className="text-sm text-slate-700">
          {withErrors === 0
            ? `The first ${preview.data.rows.length} rows are valid.`
            : `${withErrors} of the first ${preview.data.rows.length} rows have errors; they will be skipped and listed in the error report.`}
        </p>
      )}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">The first rows as they will be imported</caption>
          <thead className="text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">
                Row
              </th>
              {mappings.map((m) => (
                <th key={m.sourceField} scope="col" className="py-2 pr-3 font-medium">
                  {m.targetField}
                </th>
              ))}
              <th scope="col" className="py-2 font-medium">
                Errors
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {preview.data?.rows.map((row) => (
              <tr key={row.rowNumber} className={row.errors.length ? "bg-red-50" : undefined}>
                <th scope="row" className="py-1 pr-3 font-normal text-slate-500">
                  {row.rowNumber}
                </th>
                {mappings.map((m) => (
                  <td key={m.sourceField} className="max-w-48 truncate py-1 pr-3">
                    {row.values[preview.data.headers.indexOf(m.sourceField)] ?? ""}
                  </td>
                ))}
                <td className="py-1 text-red-800">
                  {row.errors.map((e) => `${e.field}: ${e.message}`).join("; ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Update existing contacts that match by</legend>
        <div className="mt-1 flex gap-4">
          {(["Email", "Phone"] as const).map((c) => (
            <label key={c} className="inline-flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={matching.includes(c)}
                onChange={(e) =>
                  setMatching(e.target.checked ? [...matching, c] : matching.filter((x) => x !== c))
                }
              />
              {c}
            </label>
          ))}
        </div>
        <FieldError id="matching-error" message={errors.matchingCriteria} />
      </fieldset>
      <div className="max-w-xs">
        <label htmlFor="import-division" className="block text-sm font-medium">
          Division for new contacts
        </label>
        <select
          id="import-division"
          value={divisionId}
          onChange={(e) => setDivisionId(e.target.value)}
          className={`${inputClass} py-1.5`}
        >
          <option value="">Home (default)</option>
          {divisions.data
            ?.filter((d) => !d.isHome)
            .map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
        </select>
        <FieldError id="import-division-error" message={errors.divisionId} />
      </div>
      <FormError message={errors.form} />
      <div className="flex gap-2">
        <button type="button" className={secondaryButton} onClick={onBack}>
          Back to mapping
        </button>
        <button type="submit" disabled={start.isPending || !preview.data} className={primaryButton}>
          {start.isPending ? "Starting…" : "Run import"}
        </button>
      </div>
    </form>
  );
}

/** The last imports, newest first, each with its counts and error report. */
export function RecentImports() {
  const trpc = useTRPC();
  const recent = useQuery(trpc.imports.recent.queryOptions());
  if (recent.error || !recent.data?.entities.length) return null;
  return (
    <section aria-labelledby="recent-imports-heading" className="space-y-3">
      <h2 id="recent-imports-heading" className="text-lg font-medium">
        Recent imports
      </h2>
      <table className="w-full overflow-hidden rounded-lg bg-white text-left text-sm shadow-sm ring-1 ring-slate-200">
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            {["File", "Started", "Status", "Rows", "Created", "Updated", "Failed"].map((h) => (
              <th key={h} scope="col" className="px-4 py-2 font-medium">
                {h}
              </th>
            ))}
            <th scope="col" className="px-4 py-2 font-medium">
              <span className="sr-only">Error report</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {recent.data.entities.map((j) => (
            <tr key={j.id}>
              <th scope="row" className="px-4 py-2 font-normal">
                {j.fileName ?? j.id}
              </th>
              <td className="px-4 py-2">
                <time dateTime={j.createdAt.toISOString()}>
                  {j.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC
                </time>
              </td>
              <td className="px-4 py-2">{j.status}</td>
              <td className="px-4 py-2">
                {j.processedRows}/{j.totalRows}
              </td>
              <td className="px-4 py-2">{j.createdRows}</td>
              <td className="px-4 py-2">{j.updatedRows}</td>
              <td className="px-4 py-2">{j.failedRows}</td>
              <td className="px-4 py-2 text-right">
                {j.errorFileId && (
                  <a href={`/imports/${j.id}/errors`} download className="text-indigo-700 underline">
                    Error report<span className="sr-only"> of {j.fileName ?? j.id}</span>
                  </a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function RunStep({ jobId, onRestart }: { jobId: string; onRestart: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const job = useQuery({
    ...trpc.imports.job.queryOptions({ id: jobId }),
    // Follow the worker until the job ends.
    refetchInterval: (query) => (query.state.data && ENDED.includes(query.state.data.status) ? false : 500),
  });
  const act = useMutation(trpc.imports.act.mutationOptions({ onSuccess: () => job.refetch() }));
  const j = job.data;
  const ended = j ? ENDED.includes(j.status) : false;
  useEffect(() => {
    if (ended) queryClient.invalidateQueries({ queryKey: trpc.imports.recent.queryKey() });
  }, [ended, queryClient, trpc]);
  // Rows the dry run has checked so far; all of them once it is over.
  const checked = !j
    ? 0
    : j.executionStep === "Validating" || j.dryRunSucceededRows === null
      ? (j.dryRunSucceededRows ?? 0) + (j.dryRunFailedRows ?? 0)
      : j.totalRows;

  return (
    <div className="space-y-4">
      <StepHeading>{ended ? `Import ${j?.status.toLowerCase()}` : "Importing…"}</StepHeading>
      {job.error && <FormError message={job.error.message} />}
      {j && (
        <>
          {/* The dry run checks every row before anything is written, then the rows are imported. */}
          <ProgressBar
            id="import-check-label"
            label={`${checked} of ${j.totalRows} rows checked`}
            value={checked}
            max={j.totalRows}
            failed={j.status === "Failed"}
          />
          <ProgressBar
            id="import-progress-label"
            label={`${j.processedRows} of ${j.totalRows} rows imported`}
            value={j.processedRows}
            max={j.totalRows}
            failed={j.status === "Failed"}
          />
          <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-5" aria-label="Import result">
            {(
              [
                ["Status", j.status],
                ["Created", j.createdRows],
                ["Updated", j.updatedRows],
                ["Succeeded", j.succeededRows],
                ["Failed", j.failedRows],
              ] as const
            ).map(([label, value]) => (
              <div key={label} className="rounded-md bg-slate-50 px-3 py-2">
                <dt className="text-slate-500">{label}</dt>
                <dd className="font-medium" data-testid={`import-${label.toLowerCase()}`}>
                  {value}
                </dd>
              </div>
            ))}
          </dl>
          {j.statusDetails && (
            <p className="text-sm text-slate-600" data-testid="import-details">
              {j.statusDetails}
            </p>
          )}
          <div className="flex flex-wrap gap-2">
            {!ended && (
              <button
                type="button"
                className={secondaryButton}
                disabled={act.isPending}
                onClick={() => act.mutate({ id: jobId, action: "Cancel" })}
              >
                Cancel import
              </button>
            )}
            {(j.status === "Failed" || j.status === "Cancelled") && (
              <button
                type="button"
                className={secondaryButton}
                disabled={act.isPending}
                onClick={() => act.mutate({ id: jobId, action: "Retry" })}
              >
                Retry
              </button>
            )}
            {ended && j.errorFileId && (
              <a href={`/imports/${jobId}/errors`} download className={secondaryButton}>
                Download error report
              </a>
            )}
            {ended && (
              <>
                <Link href="/contacts" className={secondaryButton}>
                  Go to contacts
                </Link>
                <button type="button" className={primaryButton} onClick={onRestart}>
                  Import another file
                </button>
              </>
            )}
          </div>
          {act.error && <FormError message={act.error.message} />}
        </>
      )}
    </div>
  );
}

function ProgressBar(props: { id: string; label: string; value: number; max: number; failed: boolean }) {
  const percent = props.max > 0 ? Math.min(100, Math.round((props.value / props.max) * 100)) : 0;
  return (
    <div>
      <div className="flex justify-between text-sm text-slate-700">
        <span id={props.id}>{props.label}</span>
        <span>{percent}%</span>
      </div>
      <div
        role="progressbar"
        aria-labelledby={props.id}
        aria-valuemin={0}
        aria-valuemax={props.max}
        aria-valuenow={props.value}
        className="mt-1 h-3 overflow-hidden rounded-full bg-slate-100"
      >
        <div
          className={`h-full transition-all ${props.failed ? "bg-red-600" : "bg-indigo-600"}`}
          style={{ width: `${percent}%` }}
        />
      </div>
    </div>
  );
}
