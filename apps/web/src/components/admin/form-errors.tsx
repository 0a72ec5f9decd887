"use client";

import { TRPCClientError } from "@trpc/client";

export type FieldErrors = Record<string, string>;

/**
 * A failed mutation as per-field messages (the server's zod and domain issues, keyed by input path) plus
 * `form` for anything that names no field, e.g. a conflict about the record as a whole.
 */
export function errorsOf(error: unknown, fields: readonly string[]): FieldErrors {
  const fieldErrors =
    error instanceof TRPCClientError ? (error.data?.fieldErrors as FieldErrors | undefined) : undefined;
  const out: FieldErrors = {};
  const unplaced: string[] = [];
  for (const [path, message] of Object.entries(fieldErrors ?? {})) {
    const field = fields.find((f) => path === f || path.startsWith(`${f}.`));
    if (field) out[field] ??= message;
    else unplaced.push(path ? `${path}: ${message}` : message);
  }
  if (unplaced.length) out.form = unplaced.join("; ");
  else if (Object.keys(out).length === 0)
    out.form = error instanceof Error ? error.message : "Something went wrong";
  return out;
}

/** The message under a field, referenced by the input's aria-describedby. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700">
      {message}
    </p>
  );
}

export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </p>
  );
}

/** Props that tie an input to its error message for assistive technology. */
export const invalidProps = (errors: FieldErrors, field: string, id: string) =>
  errors[field]
    ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` }
    : { "aria-invalid": undefined, "aria-describedby": undefined };

export const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 aria-invalid:border-red-500";
export const primaryButton =
  "rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60";
export const secondaryButton =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60";
export const dangerButton =
  "rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm text-red-700 hover:bg-red-50 disabled:opacity-50";
