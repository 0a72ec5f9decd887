import type { Metadata } from "next";
import Link from "next/link";
import { Pager, SearchBar, TableHeader } from "~/components/list-controls";
import { api } from "~/trpc/server";

export const metadata: Metadata = { title: "Organizations" };
const PAGE_SIZE = 25;

export default async function OrganizationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { q, page } = await searchParams;
  const pageNumber = Math.max(1, Number(page) || 1);
  const result = await (await api()).organizations.list({
    q: q || undefined,
    pageSize: PAGE_SIZE,
    pageNumber,
  });
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">Organizations</h1>
        <SearchBar
          action="/organizations"
          label="Search organizations"
          placeholder="Name, industry, phone"
          q={q}
        />
        <Link
          href="/organizations/new"
          className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700"
        >
          New organization
        </Link>
      </div>
      <table className="w-full overflow-hidden rounded-lg bg-white text-left text-sm shadow-sm ring-1 ring-slate-200">
        <TableHeader columns={["Name", "Industry", "Phone", "Modified"]} actions={false} />
        <tbody className="divide-y divide-slate-100">
          {result.entities.map((o) => (
            <tr key={o.id}>
              <td className="px-4 py-2">
                <Link href={`/organizations/${o.id}`} className="font-medium text-indigo-700 hover:underline">
                  {o.name}
                </Link>
              </td>
              <td className="px-4 py-2">{o.industry}</td>
              <td className="px-4 py-2">{o.phones[0]?.display}</td>
              <td className="px-4 py-2 text-slate-600">
                {o.modifiedAt.toISOString().slice(0, 16).replace("T", " ")}
              </td>
            </tr>
          ))}
          {result.entities.length === 0 && (
            <tr>
              <td colSpan={4} className="px-4 py-8 text-center text-slate-500">
                No organizations found.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <Pager path="/organizations" q={q} pageNumber={pageNumber} total={result.total} pageSize={PAGE_SIZE} />
    </div>
  );
}
