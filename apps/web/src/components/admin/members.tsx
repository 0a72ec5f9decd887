"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
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

type Role = { id: string; name: string };

/** Role checkboxes, a fieldset with a legend so screen readers announce what they choose. */
export function RolePicker({
  roles,
  value,
  onChange,
  legend,
  error,
}: {
  roles: Role[];
  value: string[];
  onChange: (ids: string[]) => void;
  legend: string;
  error?: string;
}) {
  const id = useId();
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {roles.map((role) => (
          <label key={role.id} className="inline-flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={value.includes(role.id)}
              onChange={(e) =>
                onChange(e.target.checked ? [...value, role.id] : value.filter((r) => r !== role.id))
              }
            />
            {role.name}
          </label>
        ))}
        {roles.length === 0 && <span className="text-sm text-slate-500">No roles yet.</span>}
      </div>
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}

const MEMBER_FIELDS = ["name", "email", "password", "roleIds"] as const;

function AddMemberForm({ roles, onAdded }: { roles: Role[]; onAdded: () => void }) {
  const trpc = useTRPC();
  const add = useMutation(trpc.admin.addMember.mutationOptions());
  const empty = { name: "", email: "", password: "", roleIds: [] as string[] };
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [added, setAdded] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    setAdded(null);
    try {
      await add.mutateAsync(values);
      setAdded(values.email);
      setValues(empty);
      onAdded();
    } catch (error) {
      setErrors(errorsOf(error, MEMBER_FIELDS));
    }
  }

  const text = (field: "name" | "email" | "password", label: string, type = "text") => (
    <div>
      <label htmlFor={`member-${field}`} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={`member-${field}`}
        type={type}
        autoComplete={field === "password" ? "new-password" : "off"}
        value={values[field]}
        onChange={(e) => setValues({ ...values, [field]: e.target.value })}
        {...invalidProps(errors, field, `member-${field}`)}
        className={inputClass}
      />
      <FieldError id={`member-${field}-error`} message={errors[field]} />
    </div>
  );

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-labelledby="add-member-heading"
      className="space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200"
    >
      <h2 id="add-member-heading" className="text-lg font-medium">
        Add a member
      </h2>
      <FormError message={errors.form} />
      {added && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {added} can now sign in with the password you set.
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        {text("name", "Name")}
        {text("email", "Email", "email")}
        {text("password", "Initial password", "password")}
      </div>
      <RolePicker
        roles={roles}
        value={values.roleIds}
        onChange={(roleIds) => setValues({ ...values, roleIds })}
        legend="Roles"
        error={errors.roleIds}
      />
      <button type="submit" disabled={add.isPending} className={primaryButton}>
        {add.isPending ? "Adding…" : "Add member"}
      </button>
    </form>
  );
}

/** Members: add one with roles, change their roles, deactivate or remove them. */
export function Members({ currentMemberId }: { currentMemberId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useQuery(trpc.admin.members.queryOptions());
  const roles = useQuery(trpc.admin.roles.queryOptions());
  const refresh = () => {
    queryClient.invalidateQueries({ queryKey: trpc.admin.members.queryKey() });
    queryClient.invalidateQueries({ queryKey: trpc.admin.roleSummaries.queryKey() });
  };
  const setRoles = useMutation(trpc.admin.setMemberRoles.mutationOptions({ onSuccess: refresh }));
  const setActive = useMutation(trpc.admin.setMemberActive.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.admin.removeMember.mutationOptions({ onSuccess: refresh }));
  const [editing, setEditing] = useState<{ id: string; roleIds: string[] } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);

  const attempt = async (memberId: string, work: () => Promise<unknown>) => {
    setRowError(null);
    try {
      await work();
      return true;
    } catch (error) {
      setRowError({ id: memberId, message: error instanceof Error ? error.message : "Failed" });
      return false;
    }
  };

  if (members.error) return <FormError message={members.error.message} />;

  return (
    <div className="space-y-6">
      <AddMemberForm roles={roles.data ?? []} onAdded={refresh} />
      <table className="w-full overflow-hidden rounded-lg bg-white text-left text-sm shadow-sm ring-1 ring-slate-200">
        <caption className="sr-only">Members</caption>
        <TableHeader columns={["Name", "Email", "Roles", "Status"]} />
        <tbody className="divide-y divide-slate-100">
          {members.isPending && (
            <tr>
              <td colSpan={5} className="px-4 py-3 text-slate-500">
                Loading…
              </td>
            </tr>
          )}
          {members.data?.map((member) => {
            const self = member.id === currentMemberId;
            return (
              <tr key={member.id} className="align-top">
                <th scope="row" className="px-4 py-2 font-normal">
                  {member.name}
                  {self && <span className="ml-2 text-xs text-slate-500">(you)</span>}
                </th>
                <td className="px-4 py-2">{member.email}</td>
                <td className="px-4 py-2">
                  {editing?.id === member.id ? (
                    <form
                      className="space-y-2"
                      onSubmit={async (e) => {
                        e.preventDefault();
                        const ok = await attempt(member.id, () =>
                          setRoles.mutateAsync({ id: member.id, roleIds: editing.roleIds }),
                        );
                        if (ok) setEditing(null);
                      }}
                    >
                      <RolePicker
                        roles={roles.data ?? []}
                        value={editing.roleIds}
                        onChange={(roleIds) => setEditing({ id: member.id, roleIds })}
                        legend={`Roles of ${member.name}`}
                      />
                      <div className="flex gap-2">
                        <button type="submit" disabled={setRoles.isPending} className={primaryButton}>
                          Save roles
                        </button>
                        <button type="button" className={secondaryButton} onClick={() => setEditing(null)}>
                          Cancel
                        </button>
                      </div>
                    </form>
                  ) : (
                    member.roles.map((r) => r.name).join(", ") || <span className="text-slate-500">none</span>
                  )}
                </td>
                <td className="px-4 py-2">{member.active ? "active" : "deactivated"}</td>
                <td className="px-4 py-2">
                  <div className="flex flex-wrap justify-end gap-2">
                    {editing?.id !== member.id && (
                      <button
                        type="button"
                        className={secondaryButton}
                        aria-label={`Change roles of ${member.name}`}
                        onClick={() => setEditing({ id: member.id, roleIds: member.roles.map((r) => r.id) })}
                      >
                        Change roles
                      </button>
                    )}
                    {!self && (
                      <button
                        type="button"
                        className={secondaryButton}
                        aria-label={`${member.active ? "Deactivate" : "Activate"} ${member.name}`}
                        onClick={() =>
                          attempt(member.id, () =>
                            setActive.mutateAsync({ id: member.id, active: !member.active }),
                          )
                        }
                      >
                        {member.active ? "Deactivate" : "Activate"}
                      </button>
                    )}
                    {!self &&
                      (confirming === member.id ? (
                        <>
                          <button
                            type="button"
                            className={dangerButton}
                            onClick={async () => {
                              await attempt(member.id, () => remove.mutateAsync({ id: member.id }));
                              setConfirming(null);
                            }}
                          >
                            Confirm removal of {member.name}
                          </button>
                          <button
                            type="button"
                            className={secondaryButton}
                            onClick={() => setConfirming(null)}
                          >
                            Keep
                          </button>
                        </>
                      ) : (
                        <button
                          type="button"
                          className={dangerButton}
                          aria-label={`Remove ${member.name}`}
                          onClick={() => setConfirming(member.id)}
                        >
                          Remove
                        </button>
                      ))}
                  </div>
                  {rowError?.id === member.id && (
                    <p role="alert" className="mt-2 text-right text-sm text-red-700">
                      {rowError.message}
                    </p>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
