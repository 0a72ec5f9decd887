import Link from "next/link";

/** A GET search form for a list page: the query lands in the URL, so a search is a link. */
export function SearchBar({
  action,
  label,
  placeholder,
  q,
}: {
  action: string;
  label: string;
  placeholder: string;
  q?: string;
}) {
  return (
    <search className="flex flex-1">
      <form action={action} className="flex flex-1 gap-2">
        <label htmlFor="q" className="sr-only">
          {label}
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={q}
          placeholder={placeholder}
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
  );
}

/** Previous / next links for a page-number listing that keeps its search in the URL. */
export function Pager({
  path,
  q,
  pageNumber,
  total,
  pageSize,
}: {
  path: string;
  q?: string;
  pageNumber: number;
  total: number;
  pageSize: number;
}) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const href = (n: number) => `${path}?${new URLSearchParams({ ...(q && { q }), page: String(n) })}`;
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1";
  return (
    <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
      {pageNumber > 1 && (
        <Link href={href(pageNumber - 1)} className={link}>
          Previous
        </Link>
      )}
      <span>
        Page {pageNumber} of {pageCount}
      </span>
      {pageNumber < pageCount && (
        <Link href={href(pageNumber + 1)} className={link}>
          Next
        </Link>
      )}
    </nav>
  );
}

/**
 * A data table's column headings; with `actions` (the default), a last, visually hidden "Actions" column for
 * the row buttons.
 */
export function TableHeader({ columns, actions = true }: { columns: string[]; actions?: boolean }) {
  return (
    <thead className="bg-slate-50 text-slate-600">
      <tr>
        {columns.map((column) => (
          <th key={column} scope="col" className="px-4 py-2 font-medium">
            {column}
          </th>
        ))}
        {actions && (
          <th scope="col" className="px-4 py-2 font-medium">
            <span className="sr-only">Actions</span>
          </th>
        )}
      </tr>
    </thead>
  );
}
