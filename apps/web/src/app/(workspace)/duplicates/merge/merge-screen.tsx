"use client";

import type { Address, Contact, ContactInput, DataSchema } from "@switchboard/domain";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { displayName } from "~/components/contact-format";
import { fieldsOf } from "~/components/custom-fields";
import { useTRPC } from "~/trpc/react";

/** What the picks make: the merge's value override, and the custom fields picked one by one (null: none). */
interface Picked {
  override: ContactInput;
  customFields: Record<string, unknown>;
}

/** One row of the side-by-side view: what each contact holds, and how a picked contact sets the override. */
interface FieldRow {
  key: string;
  label: string;
  shown: (c: Contact) => string | null;
  apply: (picked: Picked, c: Contact) => void;
  /** The contact picked at first, when not the first that has a value. */
  initial?: number;
  /** Shown under the label (what kind of field it is). */
  hint?: string;
}

const SCALARS = [
  ["salutation", "Salutation"],
  ["firstName", "First name"],
  ["middleName", "Middle name"],
  ["lastName", "Last name"],
  ["title", "Title"],
  ["displayName", "Display name"],
  ["dateOfBirth", "Date of birth"],
  ["anniversary", "Anniversary"],
  ["externalSystemUrl", "External system URL"],
] as const;

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const addressText = (a: Address) =>
  `${capital(a.type)}: ${[a.address1, a.address2, a.city, a.state, a.postalCode, a.countryCode].filter(Boolean).join(", ")}`;

/** A custom field's value as text (lists joined, checkboxes as Yes / No). */
function customText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(String).join(", ");
  if (typeof value === "boolean") return value ? "Yes" : "No";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

const schemaRef = (c: Contact) => (c.schemaId ? `${c.schemaId}@${c.schemaVersion}` : null);

/**
 * The custom field rows: the schema (only when the contacts use different ones) and one row per field any of
 * them holds. A field starts on the contact the domain merge would take it from: the first on the merged
 * schema version that has it (else none of them, as another schema's value might not fit).
 */
function customFieldRows(contacts: Contact[], schemas: Record<string, DataSchema>): FieldRow[] {
  const rows: FieldRow[] = [];
  const withSchema = contacts.find((c) => c.schemaId);
  if (!withSchema) return rows;
  if (new Set(contacts.map(schemaRef).filter(Boolean)).size > 1)
    rows.push({
      key: "schema",
      label: "Custom field schema",
      shown: (c) =>
        c.schemaId ? `${schemas[c.schemaId]?.name ?? c.schemaId} (version ${c.schemaVersion})` : null,
      apply: ({ override }, c) => {
        override.schemaId = c.schemaId;
        override.schemaVersion = c.schemaVersion;
      },
    });
  const titles = new Map(
    Object.values(schemas).flatMap((schema) => fieldsOf(schema).map((f) => [f.name, f.title] as const)),
  );
  const names = [...new Set(contacts.flatMap((c) => Object.keys(c.customFields ?? {})))].sort((x, y) =>
    (titles.get(x) ?? x).localeCompare(titles.get(y) ?? y),
  );
  for (const name of names) {
    const from = contacts.findIndex(
      (c) => schemaRef(c) === schemaRef(withSchema) && customText(c.customFields?.[name]) !== null,
    );
    rows.push({
      key: `custom:${name}`,
      label: titles.get(name) ?? name,
      hint: "Custom field",
      shown: (c) => customText(c.customFields?.[name]),
      apply: ({ customFields }, c) => {
        customFields[name] = c.customFields?.[name] ?? null;
      },
      initial: from >= 0 ? from : contacts.indexOf(withSchema),
    });
  }
  return rows;
}

/** The rows worth a choice: every field at least one of the contacts has. */
function rowsOf(
  contacts: Contact[],
  organizations: Record<string, string>,
  divisions: Record<string, string>,
  schemas: Record<string, DataSchema>,
): FieldRow[] {
  const rows: FieldRow[] = SCALARS.map(([key, label]) => ({
    key,
    label,
    shown: (c) => c[key],
    apply: ({ override }, c) => {
      override[key] = c[key];
    },
  }));
  rows.push(
    {
      key: "organizationId",
      label: "Organization",
      shown: (c) => (c.organizationId ? (organizations[c.organizationId] ?? c.organizationId) : null),
      apply: ({ override }, c) => {
        override.organizationId = c.organizationId;
      },
    },
    {
      key: "divisionId",
      label: "Division",
      shown: (c) => divisions[c.divisionId] ?? c.divisionId,
      apply: ({ override }, c) => {
        override.divisionId = c.divisionId;
      },
    },
    {
      key: "surveyOptOut",
      label: "Survey opt-out",
      shown: (c) => (c.surveyOptOut === null ? null : c.surveyOptOut ? "Yes" : "No"),
      apply: ({ override }, c) => {
        override.surveyOptOut = c.surveyOptOut;
      },
    },
  );
  // Phones and emails are picked per type (a contact holds at most one of each type).
  for (const type of new Set(contacts.flatMap((c) => c.emails.map((e) => e.type)))) {
    rows.push({
      key: `email:${type}`,
      label: `${capital(type)} email`,
      shown: (c) => c.emails.find((e) => e.type === type)?.address ?? null,
      apply: ({ override }, c) => {
        const email = c.emails.find((e) => e.type === type);
        if (email)
          override.emails = [...(override.emails ?? []), { type: email.type, address: email.address }];
      },
    });
  }
  for (const type of new Set(contacts.flatMap((c) => c.phones.map((p) => p.type)))) {
    rows.push({
      key: `phone:${type}`,
      label: `${capital(type)} phone`,
      shown: (c) => c.phones.find((p) => p.type === type)?.display ?? null,
      apply: ({ override }, c) => {
        const phone = c.phones.find((p) => p.type === type);
        if (phone)
          override.phones = [
            ...(override.phones ?? []),
            {
              type: phone.type,
              display: phone.userInput,
              extension: phone.extension ?? undefined,
              acceptsSms: phone.acceptsSms ?? undefined,
              normalizationCountryCode: phone.normalizationCountryCode ?? undefined,
            },
          ];
      },
    });
  }
  // Addresses are picked as a whole: one contact's list, so no two homes mix.
  rows.push({
    key: "addresses",
    label: "Addresses",
    shown: (c) => c.addresses.map(addressText).join("; ") || null,
    apply: ({ override }, c) => {
      override.addresses = c.addresses;
    },
  });
  rows.push(...customFieldRows(contacts, schemas));
  return rows.filter((row) => contacts.some((c) => row.shown(c) !== null));
}

/**
 * The contacts side by side, one radio group per field (defaulting to the first contact that has a value,
 * as the domain merge would), then the domain merge with the picked values as overrides, then the survivor.
 */
export function MergeScreen({
  contacts,
  organizations,
  divisions,
  schemas,
}: {
  contacts: Contact[];
  organizations: Record<string, string>;
  divisions: Record<string, string>;
  /** The custom field schemas of the contacts, by id (for their names and field titles). */
  schemas: Record<string, DataSchema>;
}) {
  const trpc = useTRPC();
  const rows = rowsOf(contacts, organizations, divisions, schemas);
  const [picks, setPicks] = useState<Record<string, number>>(() =>
    Object.fromEntries(
      rows.map((row) => [
        row.key,
        row.initial ??
          Math.max(
            0,
            contacts.findIndex((c) => row.shown(c) !== null),
          ),
      ]),
    ),
  );
  const merge = useMutation(trpc.contacts.merge.mutationOptions());

  function picked(): Picked {
    const p: Picked = { override: { emails: [], phones: [] }, customFields: {} };
    for (const row of rows) row.apply(p, contacts[picks[row.key] ?? 0]!);
    return p;
  }

  if (merge.data) return <Survivor contact={merge.data} merged={contacts.length} schemas={schemas} />;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const { override, customFields } = picked();
        merge.mutate({
          contactIds: contacts.map((c) => c.id),
          valueOverride: override,
          customFieldOverrides: customFields,
        });
      }}
      className="space-y-4"
    >
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Values of each contact; pick one per field</caption>
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className="w-44 px-4 py-2 font-medium">
                Field
              </th>
              {contacts.map((c, i) => (
                <th key={c.id} scope="col" className="px-4 py-2 font-medium">
                  <span className="sr-only">Contact {i + 1}: </span>
                  <Link href={`/contacts/${c.id}`} className="text-indigo-700 hover:underline">
                    {displayName(c)}
                  </Link>
                  <span className="block text-xs font-normal text-slate-500">
                    {c.type} · modified {c.modifiedAt.toISOString().slice(0, 10)}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => {
              const same = new Set(contacts.map((c) => row.shown(c))).size === 1;
              return (
                <tr key={row.key} className={same ? "text-slate-500" : undefined}>
                  <th scope="row" className="px-4 py-2 font-medium text-slate-700">
                    {row.label}
                    {row.hint && <span className="block text-xs font-normal text-slate-500">{row.hint}</span>}
                  </th>
                  {contacts.map((c, i) => {
                    const id = `pick-${row.key}-${i}`;
                    const value = row.shown(c);
                    return (
                      <td key={c.id} className="px-4 py-2">
                        <label
                          htmlFor={id}
                          className="flex cursor-pointer items-start gap-2 rounded px-1 py-0.5 has-[:checked]:bg-indigo-50"
                        >
                          <input
                            id={id}
                            type="radio"
                            name={`pick-${row.key}`}
                            checked={picks[row.key] === i}
                            onChange={() => setPicks((p) => ({ ...p, [row.key]: i }))}
                            className="mt-0.5"
                          />
                          <span>
                            <span className="sr-only">{row.label}: </span>
                            {value ?? <span className="text-slate-400 italic">(empty)</span>}
                          </span>
                        </label>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {merge.error && (
        <p role="alert" className="text-sm text-red-700">
          Could not merge: {merge.error.message}
        </p>
      )}
      <button
        type="submit"
        disabled={merge.isPending}
        className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
      >
        {merge.isPending ? "Merging…" : `Merge ${contacts.length} contacts`}
      </button>
    </form>
  );
}

function Survivor({
  contact,
  merged,
  schemas,
}: {
  contact: Contact;
  merged: number;
  schemas: Record<string, DataSchema>;
}) {
  const titles = new Map(
    fieldsOf(contact.schemaId ? schemas[contact.schemaId] : undefined).map((f) => [f.name, f.title]),
  );
  const facts: [string, string | null | undefined][] = [
    ["First name", contact.firstName],
    ["Last name", contact.lastName],
    ["Title", contact.title],
    ["Emails", contact.emails.map((e) => `${e.address} (${e.type})`).join(", ")],
    ["Phones", contact.phones.map((p) => `${p.display} (${p.type})`).join(", ")],
    ["Addresses", contact.addresses.map(addressText).join("; ")],
    ...Object.entries(contact.customFields ?? {}).map(
      ([name, value]) => [titles.get(name) ?? name, customText(value)] as [string, string | null],
    ),
  ];
  return (
    <section
      aria-labelledby="survivor-heading"
      className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-emerald-300"
    >
      <h2 id="survivor-heading" className="text-lg font-medium">
        Merged {merged} contacts into {displayName(contact)}
      </h2>
      <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1 text-sm" aria-label="Survivor">
        {facts
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-600">{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
      <div className="flex gap-4 text-sm">
        <Link href={`/contacts/${contact.id}`} className="font-medium text-indigo-700 hover:underline">
          Open {displayName(contact)}
        </Link>
        <Link href="/duplicates" className="text-indigo-700 hover:underline">
          Back to duplicates
        </Link>
      </div>
    </section>
  );
}
