import type { ExternalId } from "@switchboard/domain";
import Link from "next/link";
import type { ReactNode } from "react";

/** A titled section of a record page; the heading labels the region for screen readers. */
export function Section({ id, title, children }: { id: string; title: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3">
      <h2 id={`${id}-heading`} className="text-lg font-medium">
        {title}
      </h2>
      {children}
    </section>
  );
}

const card = "rounded-lg bg-white shadow-sm ring-1 ring-slate-200";

/** External ids with their source and the deep link the source's uri template makes. */
export function ExternalIdsList({ externalIds }: { externalIds: ExternalId[] }) {
  if (externalIds.length === 0) return <p className="text-sm text-slate-500">No external ids.</p>;
  return (
    <ul aria-label="External ids" className={`divide-y divide-slate-100 ${card}`}>
      {externalIds.map((x) => (
        <li key={`${x.sourceId}:${x.value}`} className="px-4 py-2 text-sm">
          <span className="block text-slate-500">{x.source?.name ?? "deleted source"}</span>
          {x.link ? (
            <a
              href={x.link}
              target="_blank"
              rel="noreferrer noopener"
              className="break-all font-mono text-xs text-indigo-700 hover:underline"
            >
              {x.value}
              <span className="sr-only"> (opens {x.source?.name ?? "the source"} in a new tab)</span>
            </a>
          ) : (
            <span className="break-all font-mono text-xs">{x.value}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

export interface RelationshipView {
  id: string;
  relationship: string;
  memberId: string;
  memberName: string | null;
}

/** Members in a relationship with an organization, read only (the organization page edits them). */
export function RelationshipsList({ relationships }: { relationships: RelationshipView[] }) {
  if (relationships.length === 0) return <p className="text-sm text-slate-500">No relationships.</p>;
  return (
    <ul aria-label="Relationships" className={`divide-y divide-slate-100 ${card}`}>
      {relationships.map((r) => (
        <li key={r.id} className="px-4 py-2 text-sm">
          <span className="font-medium">{r.memberName ?? "inactive member"}</span>{" "}
          <span className="text-slate-600">— {r.relationship}</span>
        </li>
      ))}
    </ul>
  );
}

type Named = { id: string; name: string | null; createdAt: Date | null };
export interface MergeView {
  canonical: Named | null;
  mergedTo: Named | null;
  mergedFrom: Named[];
  mergeSetSize: number;
}

const asWas = (c: Named) => (
  <Link href={`/contacts/${c.id}?unresolved=1`} className="text-indigo-700 hover:underline">
    {c.name ?? c.id}
  </Link>
);

/** Where a contact sits in its merge: what was merged into it, and what it was merged into. */
export function MergeHistory({ merge }: { merge: MergeView | null }) {
  if (!merge) return <p className="text-sm text-slate-500">Never merged.</p>;
  return (
    <div className={`space-y-2 p-4 text-sm ${card}`}>
      {merge.canonical && (
        <p>
          Merged into{" "}
          <Link
            href={`/contacts/${merge.canonical.id}`}
            className="font-medium text-indigo-700 hover:underline"
          >
            {merge.canonical.name ?? merge.canonical.id}
          </Link>
          {merge.mergedTo && merge.mergedTo.id !== merge.canonical.id && (
            <> (directly into {asWas(merge.mergedTo)})</>
          )}
          ; reads of this contact resolve there.
        </p>
      )}
      {merge.mergedFrom.length > 0 && (
        <div>
          <p>Merged from:</p>
          <ul aria-label="Merged from" className="ml-4 list-disc">
            {merge.mergedFrom.map((c) => (
              <li key={c.id}>
                {asWas(c)}
                {c.createdAt && (
                  <span className="text-slate-500"> (created {c.createdAt.toISOString().slice(0, 10)})</span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="text-slate-600">
        {merge.mergeSetSize} contact{merge.mergeSetSize === 1 ? "" : "s"} in this merge set.
      </p>
    </div>
  );
}
