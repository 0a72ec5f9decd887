import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ContactForm, DeleteContactButton } from "~/components/contact-form";
import { displayName } from "~/components/contact-format";
import { NotesPanel } from "~/components/notes-panel";
import { api } from "~/trpc/server";

export const metadata: Metadata = { title: "Contact" };

const show = (v: unknown) =>
  v === null || v === undefined ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v);

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
        <ol className="space-y-3">
          {history.map((entry) => (
            <li key={entry.id} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
              <p className="text-sm text-slate-600">
                <span className="font-medium text-slate-900">{entry.action}</span> by{" "}
                {entry.actorName ?? entry.actorId} on{" "}
                <time dateTime={entry.at.toISOString()}>
                  {entry.at.toISOString().slice(0, 19).replace("T", " ")} UTC
                </time>
              </p>
              {entry.changes.length > 0 && (
                <table className="mt-2 w-full text-left text-sm">
                  <thead className="text-slate-500">
                    <tr>
                      <th scope="col" className="py-1 pr-4 font-medium">
                        Field
                      </th>
                      <th scope="col" className="py-1 pr-4 font-medium">
                        Before
                      </th>
                      <th scope="col" className="py-1 font-medium">
                        After
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {entry.changes.map((change) => (
                      <tr key={change.path}>
                        <td className="py-1 pr-4 font-mono text-xs">{change.path}</td>
                        <td className="py-1 pr-4 text-slate-500">{show(change.old)}</td>
                        <td className="py-1">{show(change.new)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
