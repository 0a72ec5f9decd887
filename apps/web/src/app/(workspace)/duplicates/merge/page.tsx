import type { Contact } from "@switchboard/domain";
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { api } from "~/trpc/server";
import { MergeScreen } from "./merge-screen";

export const metadata: Metadata = { title: "Merge contacts" };

/** The merge screen for the contacts named by `ids` (as the duplicates page's forms send them). */
export default async function MergePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { ids } = await searchParams;
  const asked = [...new Set((Array.isArray(ids) ? ids : ids ? ids.split(",") : []).filter(Boolean))].slice(
    0,
    25,
  );
  const trpc = await api();
  const contacts: Contact[] = [];
  const gone: string[] = [];
  for (const id of asked) {
    const contact = await trpc.contacts.get({ id }).catch((error: unknown) => {
      if (error instanceof TRPCError && error.code === "NOT_FOUND") return null;
      throw error;
    });
    // A contact merged meanwhile reads as its survivor: it is no longer a candidate of its own.
    if (contact && contact.id === id) contacts.push(contact);
    else gone.push(id);
  }

  const organizationIds = [...new Set(contacts.map((c) => c.organizationId).filter((x): x is string => !!x))];
  const organizations = Object.fromEntries(
    await Promise.all(
      organizationIds.map(async (id) => [
        id,
        await trpc.organizations.get({ id }).then(
          (o) => o.name,
          () => id,
        ),
      ]),
    ),
  );
  const divisions = Object.fromEntries((await trpc.contacts.divisions()).map((d) => [d.id, d.name]));
  // Names and field titles of the contacts' custom field schemas; without the permission to read them, ids.
  const schemaIds = [...new Set(contacts.map((c) => c.schemaId).filter((x): x is string => !!x))];
  const schemas = Object.fromEntries(
    (
      await Promise.all(schemaIds.map((id) => trpc.schemas.get({ target: "contact", id }).catch(() => null)))
    ).flatMap((schema) => (schema ? [[schema.id, schema] as const] : [])),
  );

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <Link href="/duplicates" className="text-sm text-indigo-700 hover:underline">
          ← Duplicates
        </Link>
        <h1 className="text-2xl font-semibold">Merge contacts</h1>
        <p className="text-sm text-slate-600">
          Pick the value to keep for each field. Merging creates one contact with those values; the merged
          contacts, their notes and identifiers all point to it.
        </p>
      </div>
      {gone.length > 0 && (
        <p role="status" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
          {gone.length} of the chosen contacts no longer exist{" "}
          {gone.length === 1 ? "on its own (deleted or merged)" : "on their own (deleted or merged)"}.
        </p>
      )}
      {contacts.length >= 2 ? (
        <MergeScreen
          contacts={contacts}
          organizations={organizations}
          divisions={divisions}
          schemas={schemas}
        />
      ) : (
        <p className="text-slate-600">
          Choose at least two contacts to merge on the{" "}
          <Link href="/duplicates" className="text-indigo-700 hover:underline">
            duplicates page
          </Link>
          .
        </p>
      )}
    </div>
  );
}
