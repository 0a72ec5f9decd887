"use client";

import type { ContactPair, DuplicateDismissal, DuplicateGroup, DuplicateReason } from "@switchboard/domain";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { displayName } from "~/components/contact-format";
import { TableHeader } from "~/components/list-controls";
import { useTRPC } from "~/trpc/react";

function reasonText(r: DuplicateReason): string {
  if (r.kind === "email") return `Same email ${r.value}`;
  if (r.kind === "phone") return `Same phone ${r.value}`;
  return `Similar names: ${r.value} (${Math.round((r.similarity ?? 0) * 100)}%)`;
}

const names = (list: string[]) =>
  list.length <= 2 ? list.join(" and ") : `${list.slice(0, -1).join(", ")} and ${list.at(-1)}`;

const secondary =
  "rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60";

/**
 * Suggested duplicate groups. Each group is a GET form to the merge screen, so the contacts to merge are
 * chosen with checkboxes and the merge screen is a link; "Not duplicates" marks the checked contacts as
 * different people instead, with an undo right after.
 */
export function DuplicateGroups({ groups, canDismiss }: { groups: DuplicateGroup[]; canDismiss: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const dismiss = useMutation(trpc.contacts.dismissDuplicates.mutationOptions());
  const undo = useMutation(trpc.contacts.undoDuplicateDismissals.mutationOptions());
  /** The last dismissal, which the Undo button restores. */
  const [last, setLast] = useState<{ pairs: ContactPair[]; names: string } | null>(null);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  const status = useRef<HTMLParagraphElement>(null);

  // The group's buttons go with it: keyboard focus moves to the Undo button, or to the message after an undo.
  useEffect(() => {
    if (last) undoButton.current?.focus();
  }, [last]);

  async function markNotDuplicates(form: HTMLFormElement | null) {
    if (!form) return;
    const ids = new FormData(form).getAll("ids").map(String);
    const group = groups.find((g) => g.contacts.some((c) => c.id === ids[0]));
    const picked = names(
      (group?.contacts ?? []).filter((c) => ids.includes(c.id)).map((c) => displayName(c)),
    );
    if (ids.length < 2) {
      setMessage({ text: "Check at least two contacts that are not duplicates of each other.", error: true });
      return;
    }
    try {
      const { pairs } = await dismiss.mutateAsync({ contactIds: ids });
      setMessage({
        text: pairs.length
          ? `Marked ${picked} as not duplicates.`
          : `${picked} were already marked as not duplicates.`,
      });
      setLast(pairs.length ? { pairs, names: picked } : null);
      router.refresh();
    } catch (error) {
      setMessage({ text: `Could not mark them: ${(error as Error).message}`, error: true });
    }
  }

  async function undoLast() {
    if (!last) return;
    try {
      await undo.mutateAsync({ pairs: last.pairs });
      setMessage({ text: `${last.names} are suggested again.` });
      setLast(null);
      status.current?.focus();
      router.refresh();
    } catch (error) {
      setMessage({ text: `Could not undo: ${(error as Error).message}`, error: true });
    }
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <p className="text-sm text-slate-600" aria-live="polite">
          {groups.length} suggested {groups.length === 1 ? "group" : "groups"}
        </p>
        {message && (
          <div
            className={`flex flex-wrap items-center gap-3 rounded-md px-3 py-2 text-sm ring-1 ${
              message.error
                ? "bg-red-50 text-red-800 ring-red-200"
                : "bg-emerald-50 text-emerald-900 ring-emerald-200"
            }`}
          >
            <p role={message.error ? "alert" : "status"} ref={status} tabIndex={-1} className="outline-none">
              {message.text}
            </p>
            {last && (
              <button
                ref={undoButton}
                type="button"
                disabled={undo.isPending}
                onClick={undoLast}
                className="rounded font-medium text-indigo-700 underline hover:text-indigo-900 disabled:opacity-60"
              >
                Undo
              </button>
            )}
          </div>
        )}
      </div>
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
              <div className="flex flex-wrap items-center gap-3">
                <button
                  type="submit"
                  className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700"
                >
                  Compare and merge
                </button>
                {canDismiss && (
                  <button
                    type="button"
                    disabled={dismiss.isPending}
                    onClick={(e) => markNotDuplicates(e.currentTarget.form)}
                    className={secondary}
                  >
                    Not duplicates
                  </button>
                )}
              </div>
            </form>
          </li>
        ))}
      </ul>
      {groups.length === 0 && <p className="text-slate-500">No likely duplicates found.</p>}
    </div>
  );
}

/** Pairs marked "not duplicates", most recent first, each with an undo that suggests it again. */
export function DismissedPairs({
  dismissals,
  canUndo,
}: {
  dismissals: DuplicateDismissal[];
  canUndo: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const undo = useMutation(trpc.contacts.undoDuplicateDismissals.mutationOptions());
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);

  async function restore(d: DuplicateDismissal) {
    const pair = `${displayName(d.a)} and ${displayName(d.b)}`;
    try {
      await undo.mutateAsync({ pairs: [{ a: d.a.id, b: d.b.id }] });
      setMessage({ text: `${pair} are suggested again when they look alike.` });
      router.refresh();
    } catch (error) {
      setMessage({ text: `Could not undo: ${(error as Error).message}`, error: true });
    }
  }

  if (dismissals.length === 0)
    return (
      <p className="text-sm text-slate-500" role={message ? "status" : undefined}>
        {message?.text ?? "No contacts are marked as not duplicates."}
      </p>
    );
  return (
    <div className="space-y-3">
      {message && (
        <p
          role={message.error ? "alert" : "status"}
          className={`text-sm ${message.error ? "text-red-700" : "text-slate-700"}`}
        >
          {message.text}
        </p>
      )}
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <table className="w-full text-left text-sm" aria-label="Marked as not duplicates">
          <TableHeader columns={["Contacts", "Marked by", "On"]} actions={canUndo} />
          <tbody className="divide-y divide-slate-100">
            {dismissals.map((d) => (
              <tr key={`${d.a.id}:${d.b.id}`}>
                <td className="px-4 py-2">
                  <Link href={`/contacts/${d.a.id}`} className="text-indigo-700 hover:underline">
                    {displayName(d.a)}
                  </Link>
                  <span className="text-slate-500"> and </span>
                  <Link href={`/contacts/${d.b.id}`} className="text-indigo-700 hover:underline">
                    {displayName(d.b)}
                  </Link>
                </td>
                <td className="px-4 py-2 text-slate-600">{d.dismissedBy.name ?? d.dismissedBy.id}</td>
                <td className="px-4 py-2 text-slate-600">
                  <time dateTime={d.dismissedAt.toISOString()}>
                    {d.dismissedAt.toISOString().slice(0, 10)}
                  </time>
                </td>
                {canUndo && (
                  <td className="px-4 py-2 text-right">
                    <button
                      type="button"
                      disabled={undo.isPending}
                      onClick={() => restore(d)}
                      aria-label={`Undo: suggest ${displayName(d.a)} and ${displayName(d.b)} again`}
                      className="rounded-md px-3 py-1 font-medium text-indigo-700 ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60"
                    >
                      Undo
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
