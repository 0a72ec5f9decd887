import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { displayName } from "~/components/contact-format";
import { HistoryList } from "~/components/history-list";
import { NotesPanel } from "~/components/notes-panel";
import { OrganizationForm } from "~/components/organization-form";
import { api } from "~/trpc/server";

export const metadata: Metadata = { title: "Organization" };

export default async function OrganizationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const trpc = await api();
  const organization = await trpc.organizations.get({ id }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const [contacts, history] = await Promise.all([
    trpc.organizations.contacts({ id }),
    trpc.organizations.history({ id }),
  ]);

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">{organization.name}</h1>
      <section aria-labelledby="details-heading" className="space-y-3">
        <h2 id="details-heading" className="text-lg font-medium">
          Details
        </h2>
        <OrganizationForm organization={organization} />
      </section>
      <section aria-labelledby="contacts-heading" className="space-y-3">
        <h2 id="contacts-heading" className="text-lg font-medium">
          Contacts ({contacts.total})
        </h2>
        <ul className="divide-y divide-slate-100 rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          {contacts.entities.map((c) => (
            <li key={c.id} className="px-4 py-2">
              <Link href={`/contacts/${c.id}`} className="text-indigo-700 hover:underline">
                {displayName(c)}
              </Link>
            </li>
          ))}
          {contacts.entities.length === 0 && (
            <li className="px-4 py-2 text-sm text-slate-500">No contacts yet.</li>
          )}
        </ul>
      </section>
      <section aria-labelledby="notes-heading" className="space-y-3">
        <h2 id="notes-heading" className="text-lg font-medium">
          Notes
        </h2>
        <NotesPanel parent={{ type: "organization", id: organization.id }} />
      </section>
      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-lg font-medium">
          History
        </h2>
        <HistoryList history={history} />
      </section>
    </div>
  );
}
