"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useTRPC } from "~/trpc/react";
import {
  dangerButton,
  errorsOf,
  FieldError,
  type FieldErrors,
  FormError,
  inputClass,
  invalidProps,
  primaryButton,
} from "./admin/form-errors";

/** The contact named by a "claimed by contact <id>" conflict, to link to it. */
const holderOf = (message?: string) => message?.match(/claimed by contact ([0-9a-f-]{36})/)?.[1];

/**
 * The identifiers a contact claims (emails, phones, social ids, cookies...): a (type, value) belongs to one
 * contact at a time, so claiming one held elsewhere is refused on the value field, naming the holder.
 */
export function IdentifiersPanel({
  contactId,
  types,
  canEdit,
}: {
  contactId: string;
  types: readonly string[];
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const identifiers = useQuery(trpc.contactDetails.identifiers.queryOptions({ id: contactId }));
  const refresh = () => {
    queryClient.invalidateQueries({ queryKey: trpc.contactDetails.identifiers.queryKey({ id: contactId }) });
    router.refresh(); // the history timeline records claims and releases
  };
  const claim = useMutation(trpc.contactDetails.claimIdentifier.mutationOptions({ onSuccess: refresh }));
  const release = useMutation(trpc.contactDetails.releaseIdentifier.mutationOptions({ onSuccess: refresh }));
  const [type, setType] = useState(types.includes("Email") ? "Email" : (types[0] ?? ""));
  const [value, setValue] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    try {
      await claim.mutateAsync({ id: contactId, identifier: { type: type as never, value } });
      setValue("");
    } catch (error) {
      const found = errorsOf(error, ["identifier.type", "identifier.value"]);
      setErrors(found);
    }
  }

  return (
    <div className="space-y-3">
      {identifiers.error && <FormError message={identifiers.error.message} />}
      <ul
        aria-label="Identifiers"
        className="divide-y divide-slate-100 rounded-lg bg-white shadow-sm ring-1 ring-slate-200"
      >
        {identifiers.data?.map((identifier) => (
          <li key={identifier.id} className="flex items-center gap-3 px-4 py-2 text-sm">
            <span className="w-28 shrink-0 text-slate-500">{identifier.type}</span>
            <span className="min-w-0 grow break-all font-mono text-xs">{identifier.value}</span>
            {canEdit && (
              <button
                type="button"
                className={dangerButton}
                aria-label={`Release ${identifier.type} ${identifier.value}`}
                disabled={release.isPending}
                onClick={() =>
                  release
                    .mutateAsync({
                      id: contactId,
                      identifier: { type: identifier.type, value: identifier.value },
                    })
                    .catch((e: Error) => setErrors({ form: e.message }))
                }
              >
                Release
              </button>
            )}
          </li>
        ))}
        {identifiers.data?.length === 0 && (
          <li className="px-4 py-2 text-sm text-slate-500">No identifiers claimed.</li>
        )}
      </ul>
      {canEdit && (
        <form onSubmit={submit} noValidate aria-label="Claim an identifier" className="space-y-2">
          <FormError message={errors.form} />
          <div className="flex flex-wrap items-start gap-2">
            <div>
              <label htmlFor="identifier-type" className="block text-sm font-medium">
                Identifier type
              </label>
              <select
                id="identifier-type"
                value={type}
                onChange={(e) => setType(e.target.value)}
                {...invalidProps(errors, "identifier.type", "identifier-type")}
                className={`${inputClass} py-1.5`}
              >
                {types.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
              <FieldError id="identifier-type-error" message={errors["identifier.type"]} />
            </div>
            <div className="min-w-40 grow">
              <label htmlFor="identifier-value" className="block text-sm font-medium">
                Identifier value
              </label>
              <input
                id="identifier-value"
                value={value}
                onChange={(e) => setValue(e.target.value)}
                {...invalidProps(errors, "identifier.value", "identifier-value")}
                className={`${inputClass} py-1.5`}
              />
              <FieldError id="identifier-value-error" message={errors["identifier.value"]} />
              {holderOf(errors["identifier.value"]) && (
                <Link
                  href={`/contacts/${holderOf(errors["identifier.value"])}`}
                  className="text-sm text-indigo-700 underline"
                >
                  Open the contact holding it
                </Link>
              )}
            </div>
            <button type="submit" disabled={claim.isPending} className={`${primaryButton} mt-6`}>
              Claim
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
