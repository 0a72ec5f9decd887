"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { type FormEvent, useEffect, useRef, useState } from "react";
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

const RESOURCE_LABELS: Record<string, string> = {
  "externalContacts:contact": "Contacts",
  "externalContacts:identity": "Identities",
  "externalContacts:externalOrganization": "Organizations",
  "externalContacts:customFields": "Custom fields",
  "externalContacts:externalSource": "External sources",
  "externalContacts:export": "Exports",
  "externalContacts:conversation": "Conversations",
  "admin:member": "Members",
  "admin:apiClient": "API clients",
  "admin:role": "Roles",
  "admin:division": "Divisions",
};

/** `externalContacts:importCsvJob` → "Import csv job" for resources added after this list was written. */
const humanize = (resource: string) => {
  const words = (resource.split(":")[1] ?? resource).replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const resourceOf = (permission: string) => permission.split(":").slice(0, 2).join(":");
const actionOf = (permission: string) => permission.split(":")[2] ?? permission;

/** The catalogue grouped by resource (`domain:entity`), in catalogue order. */
function groupsOf(catalogue: readonly string[]) {
  const groups = new Map<string, string[]>();
  for (const p of catalogue) groups.set(resourceOf(p), [...(groups.get(resourceOf(p)) ?? []), p]);
  return [...groups].map(([resource, permissions]) => ({
    resource,
    label: RESOURCE_LABELS[resource] ?? humanize(resource),
    permissions,
  }));
}

/** `divisionIds` null: the role applies in every division. */
type Draft = { id?: string; name: string; permissions: string[]; divisionIds: string[] | null };

function RoleForm({
  catalogue,
  draft,
  onDone,
}: {
  catalogue: readonly string[];
  draft: Draft;
  onDone: (saved: boolean) => void;
}) {
  const trpc = useTRPC();
  const save = useMutation(trpc.admin.saveRole.mutationOptions());
  const divisions = useQuery(trpc.admin.divisionOptions.queryOptions());
  const [values, setValues] = useState(draft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const nameInput = useRef<HTMLInputElement>(null);
  // Editing moves focus to the form, so keyboard users land where the change happens.
  useEffect(() => {
    if (draft.id) nameInput.current?.focus();
  }, [draft.id]);
  const groups = groupsOf(catalogue);
  // Grants outside the catalogue (`*`, wildcards, legacy `relate:` names) stay as they are and can be dropped.
  const extra = values.permissions.filter((p) => p !== "*" && !catalogue.includes(p));
  const everything = values.permissions.includes("*");
  const toggle = (permission: string, on: boolean) =>
    setValues({
      ...values,
      permissions: on
        ? [...values.permissions, permission]
        : values.permissions.filter((p) => p !== permission),
    });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    try {
      await save.mutateAsync(values);
      onDone(true);
    } catch (error) {
      const next = errorsOf(error, ["name", "permissions", "divisionIds"]);
      // The only conflict a role save has is its name being taken: show it on the name field.
      if (error instanceof TRPCClientError && error.data?.code === "CONFLICT" && next.form)
        setErrors({ name: next.form });
      else setErrors(next);
    }
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-labelledby="role-form-heading"
      className="space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200"
    >
      <h2 id="role-form-heading" className="text-lg font-medium">
        {draft.id ? `Edit role ${draft.name}` : "New role"}
      </h2>
      <FormError message={errors.form} />
      <div className="max-w-md">
        <label htmlFor="role-name" className="block text-sm font-medium">
          Role name
        </label>
        <input
          id="role-name"
          ref={nameInput}
          value={values.name}
          onChange={(e) => setValues({ ...values, name: e.target.value })}
          {...invalidProps(errors, "name", "role-name")}
          className={inputClass}
        />
        <FieldError id="role-name-error" message={errors.name} />
      </div>
      <label className="inline-flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" checked={everything} onChange={(e) => toggle("*", e.target.checked)} />
        Every permission (<code>*</code>), including ones added later
      </label>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {groups.map((group) => {
          const all = group.permissions.every((p) => values.permissions.includes(p));
          return (
            <fieldset
              key={group.resource}
              disabled={everything}
              className="rounded-md border border-slate-200 p-3 disabled:opacity-60"
            >
              <legend className="px-1 text-sm font-medium">{group.label}</legend>
              <label className="flex items-center gap-2 text-xs text-slate-600">
                <input
                  type="checkbox"
                  checked={all}
                  onChange={(e) =>
                    setValues({
                      ...values,
                      permissions: e.target.checked
                        ? [...new Set([...values.permissions, ...group.permissions])]
                        : values.permissions.filter((p) => !group.permissions.includes(p)),
                    })
                  }
                  aria-label={`All ${group.label} permissions`}
                />
                all
              </label>
              {group.permissions.map((p) => (
                <label key={p} className="flex items-center gap-2 text-sm" title={p}>
                  <input
                    type="checkbox"
                    checked={values.permissions.includes(p)}
                    onChange={(e) => toggle(p, e.target.checked)}
                    aria-label={`${group.label}: ${actionOf(p)}`}
                  />
                  {actionOf(p)}
                </label>
              ))}
            </fieldset>
          );
        })}
        {extra.length > 0 && (
          <fieldset className="rounded-md border border-slate-200 p-3">
            <legend className="px-1 text-sm font-medium">Other grants</legend>
            {extra.map((p) => (
              <label key={p} className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked onChange={() => toggle(p, false)} />
                <code className="text-xs">{p}</code>
              </label>
            ))}
          </fieldset>
        )}
      </div>
      <FieldError id="role-permissions-error" message={errors.permissions} />
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">Divisions the role applies in</legend>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="radio"
            name="role-scope"
            checked={values.divisionIds === null}
            onChange={() => setValues({ ...values, divisionIds: null })}
          />
          Every division
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="radio"
            name="role-scope"
            checked={values.divisionIds !== null}
            onChange={() => setValues({ ...values, divisionIds: values.divisionIds ?? [] })}
          />
          Only these divisions
        </label>
        {values.divisionIds !== null && (
          <div className="ml-6 flex flex-wrap gap-x-4 gap-y-1">
            {divisions.data?.map((d) => (
              <label key={d.id} className="inline-flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={values.divisionIds?.includes(d.id) ?? false}
                  onChange={(e) =>
                    setValues({
                      ...values,
                      divisionIds: e.target.checked
                        ? [...(values.divisionIds ?? []), d.id]
                        : (values.divisionIds ?? []).filter((x) => x !== d.id),
                    })
                  }
                  aria-label={`Division ${d.name}`}
                />
                {d.name}
              </label>
            ))}
          </div>
        )}
        <FieldError id="role-divisions-error" message={errors.divisionIds} />
      </fieldset>
      <div className="flex gap-2">
        <button type="submit" disabled={save.isPending} className={primaryButton}>
          {save.isPending ? "Saving…" : draft.id ? "Save role" : "Create role"}
        </button>
        {draft.id && (
          <button type="button" className={secondaryButton} onClick={() => onDone(false)}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

/** Roles: create and edit with permission checkboxes grouped by resource; delete the ones nobody holds. */
export function Roles({ catalogue }: { catalogue: readonly string[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const roles = useQuery(trpc.admin.roleSummaries.queryOptions());
  const divisions = useQuery(trpc.admin.divisionOptions.queryOptions());
  const divisionNames = new Map(divisions.data?.map((d) => [d.id, d.name]));
  const refresh = () => {
    queryClient.invalidateQueries({ queryKey: trpc.admin.roleSummaries.queryKey() });
    queryClient.invalidateQueries({ queryKey: trpc.admin.roles.queryKey() });
  };
  const remove = useMutation(trpc.admin.deleteRole.mutationOptions({ onSuccess: refresh }));
  const [draft, setDraft] = useState<Draft>({ name: "", permissions: [], divisionIds: null });
  // Remounting the form on each new draft resets its state.
  const [formKey, setFormKey] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const edit = (next: Draft) => {
    setDraft(next);
    setFormKey((k) => k + 1);
  };

  if (roles.error) return <FormError message={roles.error.message} />;

  return (
    <div className="space-y-6">
      <RoleForm
        key={formKey}
        catalogue={catalogue}
        draft={draft}
        onDone={(saved) => {
          if (saved) refresh();
          edit({ name: "", permissions: [], divisionIds: null });
        }}
      />
      <FormError message={error ?? undefined} />
      <table className="w-full overflow-hidden rounded-lg bg-white text-left text-sm shadow-sm ring-1 ring-slate-200">
        <caption className="sr-only">Roles</caption>
        <TableHeader columns={["Role", "Permissions", "Divisions", "Held by"]} />
        <tbody className="divide-y divide-slate-100">
          {roles.data?.map((role) => (
            <tr key={role.id}>
              <th scope="row" className="px-4 py-2 font-normal">
                {role.name}
              </th>
              <td className="px-4 py-2 text-slate-700">
                {role.permissions.includes("*")
                  ? "everything"
                  : `${role.permissions.length} permission${role.permissions.length === 1 ? "" : "s"}`}
              </td>
              <td className="px-4 py-2 text-slate-700">
                {role.divisionIds === null
                  ? "all"
                  : role.divisionIds.map((d) => divisionNames.get(d) ?? d).join(", ") || "none"}
              </td>
              <td className="px-4 py-2">{role.holders}</td>
              <td className="px-4 py-2">
                <div className="flex justify-end gap-2">
                  <button
                    type="button"
                    className={secondaryButton}
                    aria-label={`Edit role ${role.name}`}
                    onClick={() => {
                      edit({
                        id: role.id,
                        name: role.name,
                        permissions: role.permissions,
                        divisionIds: role.divisionIds,
                      });
                    }}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className={dangerButton}
                    aria-label={`Delete role ${role.name}`}
                    disabled={role.holders > 0 || remove.isPending}
                    title={role.holders > 0 ? "Reassign its holders before deleting it" : undefined}
                    onClick={async () => {
                      setError(null);
                      await remove.mutateAsync({ id: role.id }).catch((e: Error) => setError(e.message));
                    }}
                  >
                    Delete
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
