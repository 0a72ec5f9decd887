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
  secondaryButton,
} from "../admin/form-errors";
import { OrganizationPicker, type PickedOrganization } from "../organization-picker";

const card = "rounded-lg bg-white shadow-sm ring-1 ring-slate-200";
const labelClass = "block text-sm font-medium";
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "");

interface Identity {
  id: string;
  organizationId: string;
  organizationName: string | null;
  isActive: boolean;
  isPrimary: boolean;
  jobTitle: string | null;
  activationDate: Date | null;
  deactivationDate: Date | null;
  departmentIds: string[];
  locationIds: string[];
  accessPolicyKeys: string[];
  share: number | null;
}

/**
 * A person's professional identities: the organizations they work for (or worked for), as what and since when.
 * The primary active one is the person's employer (the Genesys `externalOrganization`).
 */
export function ProfessionalIdentitiesPanel({ contactId, canEdit }: { contactId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const identities = useQuery(trpc.professionalIdentities.list.queryOptions({ contactId }));
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  return (
    <div className="space-y-3">
      {identities.error && <FormError message={identities.error.message} />}
      <ul aria-label="Professional identities" className="space-y-2">
        {identities.data?.map((pi) =>
          editing === pi.id ? (
            <li key={pi.id}>
              <IdentityForm contactId={contactId} identity={pi} onDone={() => setEditing(null)} />
            </li>
          ) : (
            <li key={pi.id} className={`space-y-1 p-4 text-sm ${card}`}>
              <div className="flex flex-wrap items-center gap-2">
                <Link
                  href={`/organizations/${pi.organizationId}`}
                  className="font-medium text-indigo-700 hover:underline"
                >
                  {pi.organizationName ?? pi.organizationId}
                </Link>
                <span
                  className={`rounded-full px-2 py-0.5 text-xs ${pi.isActive ? "bg-emerald-50 text-emerald-800" : "bg-slate-100 text-slate-600"}`}
                >
                  {pi.isActive ? "active" : "inactive"}
                </span>
                {pi.isPrimary && (
                  <span className="rounded-full bg-indigo-50 px-2 py-0.5 text-xs text-indigo-800">
                    primary
                  </span>
                )}
                {canEdit && (
                  <span className="ml-auto flex gap-2">
                    <button
                      type="button"
                      className={secondaryButton}
                      aria-label={`Edit professional identity at ${pi.organizationName ?? pi.organizationId}`}
                      onClick={() => setEditing(pi.id)}
                    >
                      Edit
                    </button>
                    <DeleteIdentity contactId={contactId} identity={pi} />
                  </span>
                )}
              </div>
              <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
                <dt className="text-slate-500">Job title</dt>
                <dd>{pi.jobTitle ?? "—"}</dd>
                <dt className="text-slate-500">Active since</dt>
                <dd>{day(pi.activationDate) || "—"}</dd>
                <dt className="text-slate-500">Ended</dt>
                <dd>{day(pi.deactivationDate) || "—"}</dd>
              </dl>
            </li>
          ),
        )}
        {identities.data?.length === 0 && (
          <li className="text-sm text-slate-500">No professional identities.</li>
        )}
      </ul>
      {canEdit &&
        (adding ? (
          <IdentityForm contactId={contactId} onDone={() => setAdding(false)} />
        ) : (
          <button type="button" className={secondaryButton} onClick={() => setAdding(true)}>
            Add professional identity
          </button>
        ))}
    </div>
  );
}

function DeleteIdentity({ contactId, identity }: { contactId: string; identity: Identity }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string>();
  const remove = useMutation(
    trpc.professionalIdentities.delete.mutationOptions({
      onSuccess: () => {
        queryClient.invalidateQueries({ queryKey: trpc.professionalIdentities.list.queryKey({ contactId }) });
        router.refresh(); // the employer may have changed
      },
      onError: (e) => setError(e.message),
    }),
  );
  const name = identity.organizationName ?? identity.organizationId;
  return (
    <>
      <button
        type="button"
        className={dangerButton}
        aria-label={`Delete professional identity at ${name}`}
        disabled={remove.isPending}
        onClick={() => {
          if (window.confirm(`Delete the professional identity at ${name}?`))
            remove.mutate({ contactId, id: identity.id });
        }}
      >
        Delete
      </button>
      {error && <FormError message={error} />}
    </>
  );
}

/** Adds a PI (with its organization) or edits one (everything but its organization). */
function IdentityForm({
  contactId,
  identity,
  onDone,
}: {
  contactId: string;
  identity?: Identity;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [organization, setOrganization] = useState<PickedOrganization>(null);
  const [jobTitle, setJobTitle] = useState(identity?.jobTitle ?? "");
  const [isActive, setActive] = useState(identity?.isActive ?? true);
  const [isPrimary, setPrimary] = useState(identity?.isPrimary ?? false);
  const [activation, setActivation] = useState(day(identity?.activationDate ?? null));
  const [deactivation, setDeactivation] = useState(day(identity?.deactivationDate ?? null));
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useMutation(trpc.professionalIdentities.create.mutationOptions());
  const update = useMutation(trpc.professionalIdentities.update.mutationOptions());
  const id = (field: string) => `pi-${identity?.id ?? "new"}-${field}`;
  const fields = ["organizationId", "jobTitle", "isActive", "activationDate", "deactivationDate"];

  /** A date as the write takes it: unchanged ones are left to the server (which derives them from `isActive`). */
  const dateField = (value: string, before: Date | null | undefined) =>
    value === day(before ?? null) ? undefined : value === "" ? null : value;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    const fieldsOf = {
      jobTitle: jobTitle.trim() || null,
      isActive,
      activationDate: dateField(activation, identity?.activationDate),
      deactivationDate: dateField(deactivation, identity?.deactivationDate),
    };
    try {
      if (identity) {
        // A full update: what it holds beyond the form (departments, locations, DFS fields) is sent back.
        await update.mutateAsync({
          contactId,
          id: identity.id,
          identity: {
            ...fieldsOf,
            isPrimary: isPrimary === identity.isPrimary ? undefined : isPrimary,
            departmentIds: identity.departmentIds,
            locationIds: identity.locationIds,
            accessPolicyKeys: identity.accessPolicyKeys,
            share: identity.share,
          },
        });
      } else {
        if (!organization) {
          setErrors({ organizationId: "Choose the organization" });
          return;
        }
        await create.mutateAsync({
          contactId,
          identity: { ...fieldsOf, organizationId: organization.id, isPrimary: isPrimary || undefined },
        });
      }
      await queryClient.invalidateQueries({
        queryKey: trpc.professionalIdentities.list.queryKey({ contactId }),
      });
      router.refresh(); // the employer and the timeline may have changed
      onDone();
    } catch (error) {
      setErrors(errorsOf(error, fields));
    }
  }

  const title = identity
    ? `Edit the professional identity at ${identity.organizationName ?? identity.organizationId}`
    : "New professional identity";
  return (
    <form onSubmit={submit} noValidate aria-label={title} className={`space-y-3 p-4 text-sm ${card}`}>
      <h3 className="font-medium">{title}</h3>
      <FormError message={errors.form} />
      {!identity && (
        <OrganizationPicker value={organization} onChange={setOrganization} error={errors.organizationId} />
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <label htmlFor={id("job-title")} className={labelClass}>
            Job title
          </label>
          <input
            id={id("job-title")}
            value={jobTitle}
            onChange={(e) => setJobTitle(e.target.value)}
            {...invalidProps(errors, "jobTitle", id("job-title"))}
            className={inputClass}
          />
          <FieldError id={`${id("job-title")}-error`} message={errors.jobTitle} />
        </div>
        <div>
          <label htmlFor={id("activation")} className={labelClass}>
            Active since
          </label>
          <input
            id={id("activation")}
            type="date"
            value={activation}
            onChange={(e) => setActivation(e.target.value)}
            {...invalidProps(errors, "activationDate", id("activation"))}
            className={inputClass}
          />
          <FieldError id={`${id("activation")}-error`} message={errors.activationDate} />
        </div>
        <div>
          <label htmlFor={id("deactivation")} className={labelClass}>
            Ended
          </label>
          <input
            id={id("deactivation")}
            type="date"
            value={deactivation}
            onChange={(e) => setDeactivation(e.target.value)}
            {...invalidProps(errors, "deactivationDate", id("deactivation"))}
            className={inputClass}
          />
          <FieldError id={`${id("deactivation")}-error`} message={errors.deactivationDate} />
        </div>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={isActive} onChange={(e) => setActive(e.target.checked)} />
          Active
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={isPrimary} onChange={(e) => setPrimary(e.target.checked)} />
          Primary (the person's employer)
        </label>
      </div>
      <div className="flex gap-2">
        <button type="submit" className={primaryButton} disabled={create.isPending || update.isPending}>
          Save professional identity
        </button>
        <button type="button" className={secondaryButton} onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
