"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useTRPC } from "~/trpc/react";
import {
  errorsOf,
  FieldError,
  type FieldErrors,
  FormError,
  inputClass,
  primaryButton,
} from "../admin/form-errors";

type Value = string | number | boolean | null;

/** A details object as leaf paths (the shape the schema's field keys name). */
function flatten(value: unknown, prefix = "", out: Record<string, unknown> = {}) {
  if (value && typeof value === "object" && !Array.isArray(value))
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else if (value !== null && value !== undefined && prefix) out[prefix] = value;
  return out;
}

const inputType: Record<string, string> = {
  Date: "date",
  Email: "email",
  Phone: "tel",
  Number: "number",
  Money: "number",
};

/**
 * The contact's DFS details as a form built from the `contact` schema: one fieldset per layout set, fields in
 * their set (by layout path), hidden fields left out, read-only ones shown but not editable. Saving sends only
 * the changed paths; a member's change of an approval-required field waits in the review queue.
 */
export function DfsDetailsForm({ contactId, canEdit }: { contactId: string; canEdit: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="space-y-3">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="dfs-details-form"
        className="text-sm text-indigo-700 underline-offset-2 hover:underline"
        onClick={() => setOpen(!open)}
      >
        {open ? "Hide the DFS details" : "Show the DFS details"}
      </button>
      {/* Rendered on demand: the page's own form has fields of the same names (first name, title). */}
      {open && (
        <div id="dfs-details-form">
          <DetailsForm contactId={contactId} canEdit={canEdit} />
        </div>
      )}
    </div>
  );
}

function DetailsForm({ contactId, canEdit }: { contactId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const read = useQuery(trpc.dfs.contactDetails.queryOptions({ id: contactId }));
  const update = useMutation(
    trpc.dfs.updateContactDetails.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.dfs.contactDetails.queryKey() }),
    }),
  );
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [comment, setComment] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<string>();
  const stored = read.data ? flatten(read.data.details) : null;
  useEffect(() => {
    if (read.data) setValues(flatten(read.data.details));
  }, [read.data]);

  if (read.error) return <FormError message={read.error.message} />;
  if (!read.data || !stored) return <p className="text-sm text-slate-500">Loading…</p>;
  const data = read.data;
  const fields = data.fields.filter((f) => !f.isHidden);
  const setOf = (f: (typeof fields)[number]) => f.layoutPath.at(-1)?.key ?? "";
  const groups = [
    ...data.layout
      .filter((s) => !s.isHidden)
      .map((s) => ({
        key: s.key,
        label: s.label ?? s.key,
        fields: fields.filter((f) => setOf(f) === s.key),
      })),
    { key: "", label: "Other", fields: fields.filter((f) => !data.layout.some((s) => s.key === setOf(f))) },
  ].filter((g) => g.fields.length);
  const fieldKeys = fields.map((f) => f.key);

  async function save(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    setStatus(undefined);
    const changes: Record<string, Value> = {};
    for (const f of fields) {
      if (f.isReadOnly) continue;
      const before = stored?.[f.key] ?? null;
      let after = (values[f.key] ?? null) as Value;
      if (after === "") after = null;
      if ((f.fieldType === "Number" || f.fieldType === "Money") && typeof after === "string")
        after = Number(after);
      if (String(before ?? "") !== String(after ?? "")) changes[f.key] = after;
    }
    if (Object.keys(changes).length === 0) {
      setStatus("Nothing changed.");
      return;
    }
    try {
      const result = await update.mutateAsync({ id: contactId, changes, comment: comment || null });
      setComment("");
      setStatus(
        [
          result.isApprovalRequired
            ? "Saved. The changes of approval-required fields wait for another member's review."
            : "Saved.",
          result.hasPendingEmail ? "The new e-mail address waits for verification." : "",
          result.hasPendingMobile ? "The new mobile number waits for verification." : "",
        ]
          .filter(Boolean)
          .join(" "),
      );
    } catch (error) {
      setErrors(
        errorsOf(
          error,
          fieldKeys.map((k) => `details.${k}`),
        ),
      );
    }
  }

  const editable = canEdit;
  return (
    <form onSubmit={save} noValidate aria-label="DFS details" className="space-y-4">
      {data.hasPendingChangeRequest && (
        <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm ring-1 ring-amber-200">
          A change request is pending for this contact: the fields it holds cannot change until it is reviewed
          or cancelled.
        </p>
      )}
      {(data.hasPendingEmail || data.hasPendingMobile) && (
        <p className="text-sm text-slate-600">
          {data.hasPendingEmail && "A new e-mail address waits for verification. "}
          {data.hasPendingMobile && "A new mobile number waits for verification."}
        </p>
      )}
      {groups.map((group) => (
        <fieldset
          key={group.key || "other"}
          className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
        >
          <legend className="px-1 text-sm font-medium">{group.label}</legend>
          <div className="grid gap-3 sm:grid-cols-2">
            {group.fields.map((f) => {
              const id = `dfs-${f.key.replaceAll(".", "-")}`;
              const error = errors[`details.${f.key}`];
              const disabled = !editable || f.isReadOnly;
              const label = (
                <>
                  {f.label ?? f.key}
                  {f.isApprovalRequired && (
                    <span className="ml-1 text-xs text-amber-700">(needs approval)</span>
                  )}
                  {f.isReadOnly && <span className="ml-1 text-xs text-slate-500">(read-only)</span>}
                </>
              );
              const describedBy = error ? `${id}-error` : undefined;
              if (f.fieldType === "Boolean")
                return (
                  <div key={f.key} className="flex items-center gap-2">
                    <input
                      id={id}
                      type="checkbox"
                      checked={values[f.key] === true}
                      disabled={disabled}
                      onChange={(e) => setValues({ ...values, [f.key]: e.target.checked })}
                      aria-describedby={describedBy}
                    />
                    <label htmlFor={id} className="text-sm font-medium">
                      {label}
                    </label>
                    <FieldError id={`${id}-error`} message={error} />
                  </div>
                );
              return (
                <div key={f.key}>
                  <label htmlFor={id} className="block text-sm font-medium">
                    {label}
                  </label>
                  <input
                    id={id}
                    type={inputType[f.fieldType] ?? "text"}
                    value={String(values[f.key] ?? "")}
                    placeholder={f.placeholder ?? undefined}
                    readOnly={disabled}
                    aria-readonly={disabled || undefined}
                    onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={describedBy}
                    className={`${inputClass} read-only:bg-slate-50`}
                  />
                  <FieldError id={`${id}-error`} message={error} />
                </div>
              );
            })}
          </div>
        </fieldset>
      ))}
      {editable && (
        <div className="flex flex-wrap items-end gap-2">
          <div className="grow">
            <label htmlFor="dfs-comment" className="block text-sm font-medium">
              Comment for the reviewer
            </label>
            <input
              id="dfs-comment"
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              className={inputClass}
            />
          </div>
          <button type="submit" className={primaryButton} disabled={update.isPending}>
            Save DFS details
          </button>
        </div>
      )}
      <FormError message={errors.form} />
      {status && (
        <p role="status" className="text-sm text-emerald-800">
          {status}
        </p>
      )}
    </form>
  );
}
