"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
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

/** Members in a relationship with an organization (e.g. "Account manager"): list, add, remove. */
export function RelationshipsEditor({
  organizationId,
  canEdit,
}: {
  organizationId: string;
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const relationships = useQuery(trpc.organizations.relationships.queryOptions({ id: organizationId }));
  const users = useQuery({ ...trpc.organizations.users.queryOptions(), enabled: canEdit });
  const refresh = () =>
    queryClient.invalidateQueries({
      queryKey: trpc.organizations.relationships.queryKey({ id: organizationId }),
    });
  const add = useMutation(trpc.organizations.addRelationship.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.organizations.removeRelationship.mutationOptions({ onSuccess: refresh }));
  const [memberId, setMemberId] = useState("");
  const [relationship, setRelationship] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    try {
      await add.mutateAsync({ organizationId, memberId, relationship });
      setRelationship("");
    } catch (error) {
      setErrors(errorsOf(error, ["memberId", "relationship"]));
    }
  }

  return (
    <div className="space-y-3">
      {relationships.error && <FormError message={relationships.error.message} />}
      <ul
        aria-label="Relationships"
        className="divide-y divide-slate-100 rounded-lg bg-white shadow-sm ring-1 ring-slate-200"
      >
        {relationships.data?.entities.map((r) => (
          <li key={r.id} className="flex items-center gap-3 px-4 py-2 text-sm">
            <span className="grow">
              <span className="font-medium">{r.memberName ?? "inactive member"}</span>{" "}
              <span className="text-slate-600">— {r.relationship}</span>
            </span>
            {canEdit && (
              <button
                type="button"
                className={dangerButton}
                aria-label={`Remove ${r.memberName ?? "member"} as ${r.relationship}`}
                disabled={remove.isPending}
                onClick={() =>
                  remove.mutateAsync({ id: r.id }).catch((e: Error) => setErrors({ form: e.message }))
                }
              >
                Remove
              </button>
            )}
          </li>
        ))}
        {relationships.data?.entities.length === 0 && (
          <li className="px-4 py-2 text-sm text-slate-500">No relationships yet.</li>
        )}
      </ul>
      {canEdit && (
        <form onSubmit={submit} noValidate aria-label="Add a relationship" className="space-y-2">
          <FormError message={errors.form} />
          <div className="flex flex-wrap items-start gap-2">
            <div>
              <label htmlFor="relationship-member" className="block text-sm font-medium">
                Member
              </label>
              <select
                id="relationship-member"
                value={memberId}
                onChange={(e) => setMemberId(e.target.value)}
                {...invalidProps(errors, "memberId", "relationship-member")}
                className={`${inputClass} py-1.5`}
              >
                <option value="">Choose a member…</option>
                {users.data?.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
              <FieldError id="relationship-member-error" message={errors.memberId} />
            </div>
            <div className="min-w-40 grow">
              <label htmlFor="relationship-kind" className="block text-sm font-medium">
                Relationship
              </label>
              <input
                id="relationship-kind"
                value={relationship}
                placeholder="Account manager"
                onChange={(e) => setRelationship(e.target.value)}
                {...invalidProps(errors, "relationship", "relationship-kind")}
                className={`${inputClass} py-1.5`}
              />
              <FieldError id="relationship-kind-error" message={errors.relationship} />
            </div>
            <button type="submit" disabled={add.isPending} className={`${primaryButton} mt-6`}>
              Add relationship
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
