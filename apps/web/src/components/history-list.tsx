import type { ChangeSet } from "@switchboard/domain";

/** A value as the timeline shows it: ids the page could name (divisions, organizations, contacts) by name. */
function show(v: unknown, names: Record<string, string>): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "string") return names[v] ?? v;
  if (Array.isArray(v) && v.every((x) => typeof x === "string"))
    return v.map((x) => names[x] ?? x).join(", ");
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

/** Every change to a record, newest first: who, when, and each field's old → new value. */
export function HistoryList({
  history,
  names = {},
}: {
  history: ChangeSet[];
  names?: Record<string, string>;
}) {
  return (
    <ol className="space-y-3">
      {history.map((entry) => (
        <li key={entry.id} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <p className="text-sm text-slate-600">
            <span className="font-medium text-slate-900">{entry.action}</span> by{" "}
            {entry.actorName ?? entry.actorId} on{" "}
            <time dateTime={entry.at.toISOString()}>
              {entry.at.toISOString().slice(0, 19).replace("T", " ")} UTC
            </time>
            {entry.reviewerId && <>, approved by {entry.reviewerName ?? entry.reviewerId}</>}
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
                    <td className="py-1 pr-4 text-slate-500">{show(change.old, names)}</td>
                    <td className="py-1">{show(change.new, names)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </li>
      ))}
    </ol>
  );
}
