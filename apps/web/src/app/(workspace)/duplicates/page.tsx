import type { DuplicateReason } from "@switchboard/domain";
import type { Metadata } from "next";
import Link from "next/link";
import { displayName } from "~/components/contact-format";
import { api } from "~/trpc/server";

export const metadata: Metadata = { title: "Duplicates" };

function reasonText(r: DuplicateReason): string {
  if (r.kind === "email") return `Same email ${r.value}`;
  if (r.kind === "phone") return `Same phone ${r.value}`;
  return `Similar names: ${r.value} (${Math.round((r.similarity ?? 0) * 100)}%)`;
}

/**
 * Suggested duplicate groups. Each group is a GET form to the merge screen, so the contacts to merge are
 * chosen with checkboxes and the merge screen is a link.
 */
export default async function DuplicatesPage() {
  const groups = await (await api()).contacts.duplicates({ limit: 50 });
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Duplicates</h1>
        <p className="text-sm text-slate-600">
          Contacts that share an email or phone number, or have similar names. Pick the ones that are the same
          person and compare them side by side before merging.
        </p>
      </div>
      <p className="text-sm text-slate-600" aria-live="polite">
        {groups.length} suggested {groups.length === 1 ? "group" : "groups"}
      </p>
      <ul className="space-y-4" aria-label="Duplicate groups">
        {groups.map((group, g) => (
          <li key={group.key} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
            <form action="/duplicates/merge" className="space-y-3">
              <fieldset>
                <legend className="mb-2 flex flex-wrap gap-2 text-sm font-medium">
                  <span className="sr-only">Group {g + 1}:</span>
                  {group.reasons.map((r) => (
                    <span
                      key={`${r.kind}:${r.value}`}
                      className="rounded-full bg-amber-50 px-2 py-0.5 text-amber-900 ring-1 ring-amber-200"
                    >
                      {reasonText(r)}
                    </span>
                  ))}
                </legend>
                <table className="w-full text-left text-sm">
                  <thead className="text-slate-600">
                    <tr>
                      <th scope="col" className="w-16 px-2 py-1 font-medium">
                        Merge
                      </th>
                      <th scope="col" className="px-2 py-1 font-medium">
                        Name
                      </th>
                      <th scope="col" className="px-2 py-1 font-medium">
                        Email
                      </th>
                      <th scope="col" className="px-2 py-1 font-medium">
                        Phone
                      </th>
                      <th scope="col" className="px-2 py-1 font-medium">
                        Type
                      </th>
                      <th scope="col" className="px-2 py-1 font-medium">
                        Modified
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {group.contacts.map((c) => (
                      <tr key={c.id}>
                        <td className="px-2 py-1">
                          <input
                            type="checkbox"
                            name="ids"
                            value={c.id}
                            defaultChecked
                            aria-label={`Merge ${displayName(c)}`}
                            className="size-4"
                          />
                        </td>
                        <td className="px-2 py-1">
                          <Link href={`/contacts/${c.id}`} className="text-indigo-700 hover:underline">
                            {displayName(c)}
                          </Link>
                        </td>
                        <td className="px-2 py-1">{c.emails.map((e) => e.address).join(", ")}</td>
                        <td className="px-2 py-1">{c.phones.map((p) => p.display).join(", ")}</td>
                        <td className="px-2 py-1 text-slate-600">{c.type}</td>
                        <td className="px-2 py-1 text-slate-600">
                          {c.modifiedAt.toISOString().slice(0, 10)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </fieldset>
              <button
                type="submit"
                className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700"
              >
                Compare and merge
              </button>
            </form>
          </li>
        ))}
      </ul>
      {groups.length === 0 && <p className="text-slate-500">No likely duplicates found.</p>}
    </div>
  );
}
