"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useTRPC } from "~/trpc/react";
import { TableHeader } from "../list-controls";
import {
  dangerButton,
  errorsOf,
  FieldError,
  type FieldErrors,
  FormError,
  inputClass,
  invalidProps,
  primaryButton,
  secondaryButton,
} from "./form-errors";

/** Divisions: create, rename in place, delete the empty ones (never Home). */
export function Divisions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const divisions = useQuery(trpc.admin.divisions.queryOptions());
  const refresh = () => {
    queryClient.invalidateQueries({ queryKey: trpc.admin.divisions.queryKey() });
    // The role form's division choices too.
    queryClient.invalidateQueries({ queryKey: trpc.admin.divisionOptions.queryKey() });
  };
  const save = useMutation(trpc.admin.saveDivision.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.admin.deleteDivision.mutationOptions({ onSuccess: refresh }));
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [renaming, setRenaming] = useState<{ id: string; name: string; errors: FieldErrors } | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);
  const renamingId = renaming?.id;
  // Opening a rename moves focus into its field.
  useEffect(() => {
    if (renamingId) document.getElementById(`rename-${renamingId}`)?.focus();
  }, [renamingId]);

  async function create(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    try {
      await save.mutateAsync({ name });
      setName("");
    } catch (error) {
      setErrors(errorsOf(error, ["name"]));
    }
  }

  async function rename(event: FormEvent) {
    event.preventDefault();
    if (!renaming) return;
    try {
      await save.mutateAsync({ id: renaming.id, name: renaming.name });
      setRenaming(null);
    } catch (error) {
      setRenaming({ ...renaming, errors: errorsOf(error, ["name"]) });
    }
  }

  if (divisions.error) return <FormError message={divisions.error.message} />;

  return (
    <div className="space-y-6">
      <form
        onSubmit={create}
        noValidate
        aria-labelledby="new-division-heading"
        className="space-y-3 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200"
      >
        <h2 id="new-division-heading" className="text-lg font-medium">
          New division
        </h2>
        <FormError message={errors.form} />
        <div className="flex max-w-xl items-start gap-3">
          <div className="grow">
            <label htmlFor="division-name" className="block text-sm font-medium">
              Division name
            </label>
            <input
              id="division-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              {...invalidProps(errors, "name", "division-name")}
              className={inputClass}
            />
            <FieldError id="division-name-error" message={errors.name} />
          </div>
          <button type="submit" disabled={save.isPending} className={`${primaryButton} mt-6`}>
            Create division
          </button>
        </div>
      </form>
      <FormError message={rowError ?? undefined} />
      <table className="w-full overflow-hidden rounded-lg bg-white text-left text-sm shadow-sm ring-1 ring-slate-200">
        <caption className="sr-only">Divisions</caption>
        <TableHeader columns={["Division", "Contacts", "Organizations"]} />
        <tbody className="divide-y divide-slate-100">
          {divisions.data?.map((division) => {
            const empty = division.contacts === 0 && division.organizations === 0;
            return (
              <tr key={division.id}>
                <th scope="row" className="px-4 py-2 font-normal">
                  {renaming?.id === division.id ? (
                    <form onSubmit={rename} noValidate className="flex items-start gap-2">
                      <div>
                        <label htmlFor={`rename-${division.id}`} className="sr-only">
                          New name of {division.name}
                        </label>
                        <input
                          id={`rename-${division.id}`}
                          value={renaming.name}
                          onChange={(e) => setRenaming({ ...renaming, name: e.target.value })}
                          onKeyDown={(e) => e.key === "Escape" && setRenaming(null)}
                          {...invalidProps(renaming.errors, "name", `rename-${division.id}`)}
                          className={`${inputClass} mt-0 py-1`}
                        />
                        <FieldError id={`rename-${division.id}-error`} message={renaming.errors.name} />
                        <FormError message={renaming.errors.form} />
                      </div>
                      <button type="submit" className={secondaryButton}>
                        Save
                      </button>
                      <button type="button" className={secondaryButton} onClick={() => setRenaming(null)}>
                        Cancel
                      </button>
                    </form>
                  ) : (
                    <>
                      {division.name}
                      {division.isHome && (
                        <span className="ml-2 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                          home
                        </span>
                      )}
                    </>
                  )}
                </th>
                <td className="px-4 py-2">{division.contacts}</td>
                <td className="px-4 py-2">{division.organizations}</td>
                <td className="px-4 py-2">
                  <div className="flex justify-end gap-2">
                    {renaming?.id !== division.id && (
                      <button
                        type="button"
                        className={secondaryButton}
                        aria-label={`Rename ${division.name}`}
                        onClick={() => setRenaming({ id: division.id, name: division.name, errors: {} })}
                      >
                        Rename
                      </button>
                    )}
                    <button
                      type="button"
                      className={dangerButton}
                      aria-label={`Delete ${division.name}`}
                      disabled={!empty || division.isHome || remove.isPending}
                      title={
                        division.isHome
                          ? "New records fall into the Home division; it stays"
                          : empty
                            ? undefined
                            : "Move or delete its contacts and organizations first"
                      }
                      onClick={async () => {
                        setRowError(null);
                        await remove
                          .mutateAsync({ id: division.id })
                          .catch((e: Error) => setRowError(e.message));
                      }}
                    >
                      Delete
                    </button>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
