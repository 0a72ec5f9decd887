import type { Address, Email, Phone, PointMeta, WebAddress } from "@switchboard/domain";

interface PointRow {
  kind: string;
  value: string;
  meta: PointMeta;
}

const addressText = (a: Address) =>
  [a.address1, a.address2, a.city, a.state, a.postalCode, a.countryCode].filter(Boolean).join(", ") ||
  (a.fullAddress ?? "");

/** A record's addresses as the choices of a role's invoice and delivery address. */
export const addressOptions = (addresses: Address[]) =>
  addresses.map((a) => ({ id: a.id, label: `${addressText(a) || "(empty)"} (${a.vendorType ?? a.type})` }));

/**
 * Every phone, email, address and web address of a contact or organization (including the ones the form does
 * not edit), each with what enfore and the other dialects add: its vendor type, usages and usage context.
 */
export function ContactPointsList({
  points,
}: {
  points: { phones: Phone[]; emails: Email[]; addresses: Address[]; webAddresses?: WebAddress[] };
}) {
  const rows: PointRow[] = [
    ...points.phones.map((p) => ({
      kind: `${p.type} phone`,
      value: `${p.display}${p.extension ? ` ext. ${p.extension}` : ""}${p.acceptsSms ? " (SMS)" : ""}`,
      meta: p,
    })),
    ...points.emails.map((e) => ({ kind: `${e.type} email`, value: e.address, meta: e })),
    ...points.addresses.map((a) => ({ kind: `${a.type} address`, value: addressText(a), meta: a })),
    ...(points.webAddresses ?? []).map((w) => ({ kind: `${w.type} web`, value: w.url, meta: w })),
  ];
  if (rows.length === 0) return <p className="text-sm text-slate-500">No contact points.</p>;
  return (
    <ul
      aria-label="Contact points"
      className="divide-y divide-slate-100 rounded-lg bg-white text-sm shadow-sm ring-1 ring-slate-200"
    >
      {rows.map((r) => (
        <li key={r.meta.id} className="space-y-1 px-4 py-2">
          <div className="flex gap-3">
            <span className="w-28 shrink-0 capitalize text-slate-500">{r.kind}</span>
            <span className="min-w-0 break-words">{r.value}</span>
          </div>
          <dl className="flex flex-wrap gap-x-4 gap-y-1 pl-31 text-xs text-slate-600">
            <div className="flex gap-1">
              <dt>Type</dt>
              <dd className="font-mono">{r.meta.vendorType ?? "—"}</dd>
            </div>
            <div className="flex gap-1">
              <dt>Usages</dt>
              <dd className="font-mono">{r.meta.usages.length ? r.meta.usages.join(", ") : "—"}</dd>
            </div>
            <div className="flex gap-1">
              <dt>Usage context</dt>
              <dd className="font-mono">{r.meta.usageContext ?? "—"}</dd>
            </div>
          </dl>
          {r.meta.description && <p className="pl-31 text-xs text-slate-600">{r.meta.description}</p>}
        </li>
      ))}
    </ul>
  );
}
