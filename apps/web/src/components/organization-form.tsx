"use client";

import type { Organization, OrganizationInput } from "@switchboard/domain";
import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useTRPC } from "~/trpc/react";
import { useCustomFields } from "./custom-fields";

const FIELDS = [
  { name: "name", label: "Name" },
  { name: "companyType", label: "Company type" },
  { name: "industry", label: "Industry" },
  { name: "phone", label: "Phone" },
  { name: "website", label: "Website" },
  { name: "tags", label: "Tags (comma-separated)" },
] as const;
type FieldName = (typeof FIELDS)[number]["name"];

const valuesOf = (o?: Organization): Record<FieldName, string> => ({
  name: o?.name ?? "",
  companyType: o?.companyType ?? "",
  industry: o?.industry ?? "",
  phone: o?.phones.find((p) => p.type === "work")?.userInput ?? "",
  website: o?.websites[0] ?? "",
  tags: o?.tags.join(", ") ?? "",
});

/** The form's fields over everything else the organization already has (writes are full replacements). */
function inputOf(v: Record<FieldName, string>, o?: Organization): OrganizationInput {
  // The phone field shows the first work phone and writes it in place; every other point is kept.
  const main = o?.phones.find((p) => p.type === "work");
  const otherPhones = (o?.phones ?? []).filter((p) => p !== main);
  return {
    divisionId: o?.divisionId,
    name: v.name,
    companyType: v.companyType,
    industry: v.industry,
    employeeCount: o?.employeeCount,
    revenue: o?.revenue,
    tags: v.tags
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
    websites: [...(v.website ? [v.website] : []), ...(o?.websites.slice(1) ?? [])],
    tickers: o?.tickers ?? [],
    externalSystemUrl: o?.externalSystemUrl,
    phones: [
      ...(v.phone ? [{ ...main, type: "work" as const, display: v.phone }] : []),
      ...otherPhones.map((p) => ({
        ...p,
        display: p.userInput,
        extension: p.extension ?? undefined,
        acceptsSms: p.acceptsSms ?? undefined,
      })),
    ],
    addresses: o?.addresses ?? [],
    emails: o?.emails ?? [],
    webAddresses: o?.webAddresses ?? [],
    externalIds: o?.externalIds.map(({ sourceId, value }) => ({ sourceId, value })) ?? [],
    extensions: o?.extensions ?? {},
  };
}

export function OrganizationForm({ organization }: { organization?: Organization }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [values, setValues] = useState(() => valuesOf(organization));
  const [errors, setErrors] = useState<Partial<Record<FieldName | "form", string>>>({});
  const custom = useCustomFields("organization", organization);
  const create = useMutation(trpc.organizations.create.mutationOptions());
  const update = useMutation(trpc.organizations.update.mutationOptions());

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    custom.clearErrors();
    const input = { ...inputOf(values, organization), ...custom.value() };
    try {
      const saved = organization
        ? await update.mutateAsync({
            id: organization.id,
            expectedVersion: organization.version,
            organization: input,
          })
        : await create.mutateAsync(input);
      router.push(`/organizations/${saved.id}`);
      router.refresh();
    } catch (error) {
      const fieldErrors = (error instanceof TRPCClientError ? error.data?.fieldErrors : undefined) as
        | Record<string, string>
        | undefined;
      const next: Partial<Record<FieldName | "form", string>> = {};
      for (const [fullPath, message] of Object.entries(fieldErrors ?? {})) {
        const path = fullPath.replace(/^organization\./, "");
        const field = path.startsWith("phones.")
          ? "phone"
          : path.startsWith("websites.")
            ? "website"
            : path.startsWith("tags.")
              ? "tags"
              : FIELDS.find((f) => f.name === path)?.name;
        if (field) next[field] = message;
        else if (!custom.takeError(path, message)) next.form = `${path}: ${message}`;
      }
      if (!fieldErrors || Object.keys(fieldErrors).length === 0)
        next.form = error instanceof Error ? error.message : "Saving failed";
      setErrors(next);
    }
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      className="space-y-6 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200"
    >
      {errors.form && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {errors.form}
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        {FIELDS.map((f) => (
          <div key={f.name}>
            <label htmlFor={`org-${f.name}`} className="block text-sm font-medium">
              {f.label}
            </label>
            <input
              id={`org-${f.name}`}
              value={values[f.name]}
              onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
              aria-invalid={errors[f.name] ? true : undefined}
              aria-describedby={errors[f.name] ? `org-${f.name}-error` : undefined}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 aria-invalid:border-red-500"
            />
            {errors[f.name] && (
              <p id={`org-${f.name}-error`} className="mt-1 text-sm text-red-700">
                {errors[f.name]}
              </p>
            )}
          </div>
        ))}
      </div>
      {custom.section}
      <button
        type="submit"
        disabled={create.isPending || update.isPending}
        className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
      >
        {organization ? "Save organization" : "Create organization"}
      </button>
    </form>
  );
}
