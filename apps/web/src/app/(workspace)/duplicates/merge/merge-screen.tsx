"use client";

import type { Contact, ContactInput } from "@switchboard/domain";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { displayName } from "~/components/contact-format";
import { useTRPC } from "~/trpc/react";

/** One row of the side-by-side view: what each contact holds, and how a picked contact sets the override. */
interface FieldRow {
  key: string;
  label: string;
  shown: (c: Contact) => string | null;
  apply: (override: ContactInput, picked: Contact) => void;
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

/** The rows worth a choice: every field at least one of the contacts has. */
function rowsOf(
  contacts: Contact[],
  organizations: Record<string, string>,
  divisions: Record<string, string>,
): FieldRow[] {
  const rows: FieldRow[] = SCALARS.map(([key, label]) => ({
    key,
    label,
    shown: (c) => c[key],
    apply: (o, c) => {
      o[key] = c[key];
    },
  }));
  rows.push(
    {
      key: "organizationId",
      label: "Organization",
      shown: (c) => (c.organizationId ? (organizations[c.organizationId] ?? c.organizationId) : null),
      apply: (o, c) => {
        o.organizationId = c.organizationId;
      },
    },
    {
      key: "divisionId",
      label: "Division",
      shown: (c) => divisions[c.divisionId] ?? c.divisionId,
      apply: (o, c) => {
        o.divisionId = c.divisionId;
      },
    },
    {
      key: "surveyOptOut",
      label: "Survey opt-out",
      shown: (c) => (c.surveyOptOut === null ? null : c.surveyOptOut ? "Yes" : "No"),
      apply: (o, c) => {
        o.surveyOptOut = c.surveyOptOut;
      },
    },
  );
  // Phones and emails are picked per type (a contact holds at most one of each type).
  for (const type of new Set(contacts.flatMap((c) => c.emails.map((e) => e.type)))) {
    rows.push({
      key: `email:${type}`,
      label: `${capital(type)} email`,
      shown: (c) => c.emails.find((e) => e.type === type)?.address ?? null,
      apply: (o, c) => {
        const email = c.emails.find((e) => e.type === type);
        if (email) o.emails = [...(o.emails ?? []), { type: email.type, address: email.address }];
      },
    });
  }
  for (const type of new Set(contacts.flatMap((c) => c.phones.map((p) => p.type)))) {
    rows.push({
      key: `phone:${type}`,
      label: `${capital(type)} phone`,
      shown: (c) => c.phones.find((p) => p.type === type)?.display ?? null,
      apply: (o, c) => {
        const phone = c.phones.find((p) => p.type === type);
        if (phone)
          o.phones = [
            ...(o.phones ?? []),
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
  rows.push(
    {
      key: "addresses",
      label: "Addresses",
      shown: (c) =>
        c.addresses
          .map((a) => [a.address1, a.city, a.postalCode, a.countryCode].filter(Boolean).join(", "))
          .join("; ") || null,
      apply: (o, c) => {
        o.addresses = c.addresses;
      },
    },
    {
      key: "customFields",
      label: "Custom fields",
      shown: (c) =>
        c.customFields && Object.keys(c.customFields).length
          ? Object.entries(c.customFields)
              .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
              .join(", ")
          : null,
      // Custom fields belong to their schema version: they are kept together.
      apply: (o, c) => {
        o.schemaId = c.schemaId;
        o.schemaVersion = c.schemaVersion;
        o.customFields = c.customFields;
      },
    },
  );
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
}: {
  contacts: Contact[];
  organizations: Record<string, string>;
  divisions: Record<string, string>;
}) {
  const trpc = useTRPC();
  const rows = rowsOf(contacts, organizations, divisions);
  const [picks, setPicks] = useState<Record<string, number>>(() =>
    Object.fromEntries(
      rows.map((row) => [
        row.key,
        Math.max(
          0,
          contacts.findIndex((c) => row.shown(c) !== null),
        ),
      ]),
    ),
  );
  const merge = useMutation(trpc.contacts.merge.mutationOptions());

  function override(): ContactInput {
    const o: ContactInput = { emails: [], phones: [] };
    for (const row of rows) row.apply(o, contacts[picks[row.key] ?? 0]!);
    return o;
  }

  if (merge.data) return <Survivor contact={merge.data} merged={contacts.length} />;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        merge.mutate({ contactIds: contacts.map((c) => c.id), valueOverride: override() });
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

function Survivor({ contact, merged }: { contact: Contact; merged: number }) {
  const facts: [string, string | null | undefined][] = [
    ["First name", contact.firstName],
    ["Last name", contact.lastName],
    ["Title", contact.title],
    ["Emails", contact.emails.map((e) => `${e.address} (${e.type})`).join(", ")],
    ["Phones", contact.phones.map((p) => `${p.display} (${p.type})`).join(", ")],
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
