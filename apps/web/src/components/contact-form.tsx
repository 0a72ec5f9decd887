"use client";

import type { Contact, ContactInput } from "@switchboard/domain";
import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useTRPC } from "~/trpc/react";
import { useCustomFields } from "./custom-fields";
import { OrganizationPicker, type PickedOrganization } from "./organization-picker";

const FIELDS = [
  { name: "salutation", label: "Salutation" },
  { name: "firstName", label: "First name" },
  { name: "middleName", label: "Middle name" },
  { name: "lastName", label: "Last name" },
  { name: "title", label: "Title" },
  { name: "workEmail", label: "Work email", type: "email", path: "emails" },
  { name: "personalEmail", label: "Personal email", type: "email", path: "emails" },
  { name: "workPhone", label: "Work phone", type: "tel", path: "phones" },
  { name: "cellPhone", label: "Mobile phone", type: "tel", path: "phones" },
] as const;
type FieldName = (typeof FIELDS)[number]["name"];

function valuesOf(c?: Contact): Record<FieldName, string> {
  return {
    salutation: c?.salutation ?? "",
    firstName: c?.firstName ?? "",
    middleName: c?.middleName ?? "",
    lastName: c?.lastName ?? "",
    title: c?.title ?? "",
    workEmail: c?.emails.find((e) => e.type === "work")?.address ?? "",
    personalEmail: c?.emails.find((e) => e.type === "personal")?.address ?? "",
    workPhone: c?.phones.find((p) => p.type === "work")?.userInput ?? "",
    cellPhone: c?.phones.find((p) => p.type === "cell")?.userInput ?? "",
  };
}

/** The full replacement input: the form's fields over everything else the contact already has. */
function inputOf(
  values: Record<FieldName, string>,
  c?: Contact,
): { input: ContactInput; fieldFor: Map<string, FieldName> } {
  // The form's fields are slots: each shows the first point of its type and writes that point in place (its
  // id, vendor type, usages and description kept); every point no field shows is kept as it is.
  const first = <P extends { type: string }>(list: P[] | undefined, type: string) =>
    list?.find((p) => p.type === type);
  const shownEmails = [first(c?.emails, "work"), first(c?.emails, "personal")];
  const emails = [
    ...(values.workEmail
      ? [{ ...shownEmails[0], type: "work" as const, address: values.workEmail, field: "workEmail" as const }]
      : []),
    ...(values.personalEmail
      ? [
          {
            ...shownEmails[1],
            type: "personal" as const,
            address: values.personalEmail,
            field: "personalEmail" as const,
          },
        ]
      : []),
    ...(c?.emails.filter((e) => !shownEmails.includes(e)) ?? []).map((e) => ({ ...e, field: undefined })),
  ];
  const kept = (type: string) => first(c?.phones, type);
  const shownPhones = [kept("work"), kept("cell")];
  const phones = [
    ...(values.workPhone
      ? [
          {
            ...kept("work"),
            type: "work" as const,
            display: values.workPhone,
            extension: kept("work")?.extension,
            acceptsSms: kept("work")?.acceptsSms,
            normalizationCountryCode: kept("work")?.normalizationCountryCode,
            field: "workPhone" as const,
          },
        ]
      : []),
    ...(values.cellPhone
      ? [
          {
            ...kept("cell"),
            type: "cell" as const,
            display: values.cellPhone,
            extension: kept("cell")?.extension,
            acceptsSms: kept("cell")?.acceptsSms,
            normalizationCountryCode: kept("cell")?.normalizationCountryCode,
            field: "cellPhone" as const,
          },
        ]
      : []),
    ...(c?.phones.filter((p) => !shownPhones.includes(p)) ?? []).map((p) => ({
      ...p,
      display: p.userInput,
      field: undefined,
    })),
  ];
  // Error paths name list positions (emails.0.address); map them back to the inputs the user sees.
  const fieldFor = new Map<string, FieldName>();
  for (const [i, e] of emails.entries()) if (e.field) fieldFor.set(`emails.${i}.address`, e.field);
  for (const [i, p] of phones.entries()) if (p.field) fieldFor.set(`phones.${i}.display`, p.field);
  return {
    fieldFor,
    input: {
      divisionId: c?.divisionId,
      salutation: values.salutation,
      firstName: values.firstName,
      middleName: values.middleName,
      lastName: values.lastName,
      title: values.title,
      displayName: c?.displayName,
      dateOfBirth: c?.dateOfBirth,
      anniversary: c?.anniversary,
      organizationId: c?.organizationId,
      surveyOptOut: c?.surveyOptOut,
      externalSystemUrl: c?.externalSystemUrl,
      emails: emails.map(({ field: _f, ...e }) => e),
      phones: phones.map(({ field: _f, ...p }) => ({
        ...p,
        extension: p.extension ?? undefined,
        acceptsSms: p.acceptsSms ?? undefined,
        normalizationCountryCode:
          "normalizationCountryCode" in p ? (p.normalizationCountryCode ?? undefined) : undefined,
      })),
      addresses: c?.addresses ?? [],
      webAddresses: c?.webAddresses ?? [],
      externalIds: c?.externalIds.map(({ sourceId, value }) => ({ sourceId, value })) ?? [],
      schemaId: c?.schemaId,
      schemaVersion: c?.schemaVersion,
      customFields: c?.customFields,
      extensions: c?.extensions ?? {},
    },
  };
}

export function ContactForm({
  contact,
  organization: shownOrganization,
}: {
  contact?: Contact;
  /** The contact's organization as the page could read it (null when the member may not see it). */
  organization?: PickedOrganization;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [values, setValues] = useState(() => valuesOf(contact));
  const [errors, setErrors] = useState<Partial<Record<FieldName | "form" | "organizationId", string>>>({});
  // An organization the member cannot read is kept as it is, never dropped by saving.
  const [organization, setOrganization] = useState<PickedOrganization>(
    shownOrganization ??
      (contact?.organizationId
        ? { id: contact.organizationId, name: "(an organization you cannot see)" }
        : null),
  );
  const custom = useCustomFields("contact", contact);
  const create = useMutation(trpc.contacts.create.mutationOptions());
  const update = useMutation(trpc.contacts.update.mutationOptions());
  const pending = create.isPending || update.isPending;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    custom.clearErrors();
    const { input, fieldFor } = inputOf(values, contact);
    Object.assign(input, custom.value(), { organizationId: organization?.id ?? null });
    try {
      const saved = contact
        ? await update.mutateAsync({ id: contact.id, expectedVersion: contact.version, contact: input })
        : await create.mutateAsync(input);
      router.push(`/contacts/${saved.id}`);
      router.refresh();
    } catch (error) {
      const fieldErrors = (error instanceof TRPCClientError ? error.data?.fieldErrors : undefined) as
        | Record<string, string>
        | undefined;
      const next: Partial<Record<FieldName | "form" | "organizationId", string>> = {};
      for (const [fullPath, message] of Object.entries(fieldErrors ?? {})) {
        // Updates nest the contact under `contact`; creates send it bare.
        const path = fullPath.replace(/^contact\./, "");
        const field =
          fieldFor.get(path) ?? (FIELDS.some((f) => f.name === path) ? (path as FieldName) : undefined);
        if (field) next[field] = message;
        else if (path === "organizationId") next.organizationId = message;
        else if (!custom.takeError(path, message)) next.form = `${path}: ${message}`;
      }
      if (Object.keys(next).length === 0 && !Object.keys(fieldErrors ?? {}).length)
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
            <label htmlFor={f.name} className="block text-sm font-medium">
              {f.label}
            </label>
            <input
              id={f.name}
              name={f.name}
              type={"type" in f ? f.type : "text"}
              value={values[f.name]}
              onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
              aria-invalid={errors[f.name] ? true : undefined}
              aria-describedby={errors[f.name] ? `${f.name}-error` : undefined}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 aria-invalid:border-red-500"
            />
            {errors[f.name] && (
              <p id={`${f.name}-error`} className="mt-1 text-sm text-red-700">
                {errors[f.name]}
              </p>
            )}
          </div>
        ))}
        <OrganizationPicker value={organization} onChange={setOrganization} error={errors.organizationId} />
      </div>
      {custom.section}
      <div className="flex gap-3">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
        >
          {pending ? "Saving…" : contact ? "Save changes" : "Create contact"}
        </button>
        <button
          type="button"
          onClick={() => router.back()}
          className="rounded-md border border-slate-300 px-4 py-2"
        >
          Cancel
        </button>
      </div>
    </form>
  );
}

export function DeleteContactButton({ id }: { id: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const remove = useMutation(trpc.contacts.delete.mutationOptions());
  return (
    <button
      type="button"
      disabled={remove.isPending}
      onClick={async () => {
        if (!window.confirm("Delete this contact?")) return;
        await remove.mutateAsync({ id });
        router.push("/contacts");
        router.refresh();
      }}
      className="rounded-md border border-red-300 px-4 py-2 text-red-700 hover:bg-red-50"
    >
      Delete
    </button>
  );
}
