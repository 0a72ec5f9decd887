import type { Metadata } from "next";
import Link from "next/link";
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
  const pageCount = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const pageHref = (n: number) =>
    `/organizations?${new URLSearchParams({ ...(q && { q }), page: String(n) })}`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">Organizations</h1>
        <search className="flex flex-1">
          <form action="/organizations" className="flex flex-1 gap-2">
            <label htmlFor="q" className="sr-only">
              Search organizations
            </label>
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={q}
              placeholder="Name, industry, phone"
              className="w-full max-w-md rounded-md border border-slate-300 px-3 py-2"
            />
            <button
              type="submit"
              className="rounded-md border border-slate-300 bg-white px-4 py-2 font-medium hover:bg-slate-100"
            >
              Search
            </button>
          </form>
        </search>
        <Link
          href="/organizations/new"
          className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700"
        >
          New organization
        </Link>
      </div>
      <table className="w-full overflow-hidden rounded-lg bg-white text-left text-sm shadow-sm ring-1 ring-slate-200">
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              Name
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Industry
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
      <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
        {pageNumber > 1 && (
          <Link
            href={pageHref(pageNumber - 1)}
            className="rounded-md border border-slate-300 bg-white px-3 py-1"
          >
            Previous
          </Link>
        )}
        <span>
          Page {pageNumber} of {pageCount}
        </span>
        {pageNumber < pageCount && (
          <Link
            href={pageHref(pageNumber + 1)}
            className="rounded-md border border-slate-300 bg-white px-3 py-1"
          >
            Next
          </Link>
        )}
      </nav>
    </div>
  );
}
