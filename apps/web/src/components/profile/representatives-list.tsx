import Link from "next/link";

export interface RepresentativeView {
  id: string;
  contactId: string;
  contactName: string | null;
  jobTitle: string | null;
  isActive: boolean;
  isPrimary: boolean;
  activationDate: Date | null;
  deactivationDate: Date | null;
}

const day = (d: Date | null) => d?.toISOString().slice(0, 10);

/**
 * An organization's representatives (enfore): the people with a professional identity at it, read only (each
 * person's page edits their PIs). Active ones first.
 */
export function RepresentativesList({ representatives }: { representatives: RepresentativeView[] }) {
  if (representatives.length === 0) return <p className="text-sm text-slate-500">No representatives.</p>;
  const sorted = [...representatives].sort((a, b) => Number(b.isActive) - Number(a.isActive));
  return (
    <ul
      aria-label="Representatives"
      className="divide-y divide-slate-100 rounded-lg bg-white shadow-sm ring-1 ring-slate-200"
    >
      {sorted.map((r) => (
        <li key={r.id} className="px-4 py-2 text-sm">
          <Link href={`/contacts/${r.contactId}`} className="text-indigo-700 hover:underline">
            {r.contactName ?? r.contactId}
          </Link>
          {r.jobTitle && <span className="text-slate-600"> — {r.jobTitle}</span>}
          <span className="block text-xs text-slate-500">
            {r.isActive ? "active" : "inactive"}
            {r.isPrimary && ", primary"}
            {day(r.activationDate) && `, since ${day(r.activationDate)}`}
            {!r.isActive && day(r.deactivationDate) && `, ended ${day(r.deactivationDate)}`}
          </span>
        </li>
      ))}
    </ul>
  );
}
