import type { Metadata } from "next";
import Link from "next/link";
import { displayName } from "~/components/contact-format";
import { Pager, SearchBar } from "~/components/list-controls";
import { api } from "~/trpc/server";

export const metadata: Metadata = { title: "Contacts" };
const PAGE_SIZE = 25;

export default async function ContactsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { q, page } = await searchParams;
  const pageNumber = Math.max(1, Number(page) || 1);
  const result = await (await api()).contacts.list({ q: q || undefined, pageSize: PAGE_SIZE, pageNumber });

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">Contacts</h1>
        <SearchBar action="/contacts" label="Search contacts" placeholder="Name, email or phone" q={q} />
        <Link
          href="/contacts/new"
          className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700"
        >
          New contact
        </Link>
      </div>

      <p className="text-sm text-slate-600" aria-live="polite">
        {result.total} {result.total === 1 ? "contact" : "contacts"}
        {q ? ` matching “${q}”` : ""}
      </p>

      <div className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">
                Name
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Email
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Phone
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Modified
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {result.entities.map((c) => (
              <tr key={c.id} className="hover:bg-slate-50">
                <td className="px-4 py-2">
                  <Link href={`/contacts/${c.id}`} className="font-medium text-indigo-700 hover:underline">
                    {displayName(c)}
                  </Link>
                </td>
                <td className="px-4 py-2">{c.emails[0]?.address}</td>
                <td className="px-4 py-2">{c.phones[0]?.display}</td>
                <td className="px-4 py-2 text-slate-600">
                  {c.modifiedAt.toISOString().slice(0, 16).replace("T", " ")}
                </td>
              </tr>
            ))}
            {result.entities.length === 0 && (
              <tr>
                <td colSpan={4} className="px-4 py-8 text-center text-slate-500">
                  No contacts found.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>

      <Pager path="/contacts" q={q} pageNumber={pageNumber} total={result.total} pageSize={PAGE_SIZE} />
    </div>
  );
}
