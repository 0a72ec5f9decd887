import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ContactForm, DeleteContactButton } from "~/components/contact-form";
import { displayName } from "~/components/contact-format";
import { HistoryList } from "~/components/history-list";
import { NotesPanel } from "~/components/notes-panel";
import { api } from "~/trpc/server";

export const metadata: Metadata = { title: "Contact" };

export default async function ContactPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const trpc = await api();
  const contact = await trpc.contacts.get({ id }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const history = await trpc.contacts.history({ id });

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">{displayName(contact)}</h1>
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{contact.type}</span>
        <div className="ml-auto">
          <DeleteContactButton id={contact.id} />
        </div>
      </div>

      <section aria-labelledby="edit-heading" className="space-y-3">
        <h2 id="edit-heading" className="text-lg font-medium">
          Details
        </h2>
        <ContactForm contact={contact} />
      </section>

      <section aria-labelledby="notes-heading" className="space-y-3">
        <h2 id="notes-heading" className="text-lg font-medium">
          Notes
        </h2>
        <NotesPanel parent={{ type: "contact", id: contact.id }} />
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
