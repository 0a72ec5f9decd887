"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";
import { dangerButton, FormError, inputClass, primaryButton } from "../admin/form-errors";

const card = "rounded-lg bg-white shadow-sm ring-1 ring-slate-200";
const shown = (v: string | null) => (v === null || v === "" ? "(empty)" : v);

/**
 * Pending change requests, oldest first: each with its contact, initiator, comment and old → new value per
 * field; another member approves or rejects it with a comment. The initiator's own requests cannot be reviewed.
 */
export function ChangeRequestQueue({ canReview }: { canReview: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queue = useQuery(trpc.dfs.pendingChangeRequests.queryOptions({ page: 1 }));
  const review = useMutation(
    trpc.dfs.review.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.dfs.pendingChangeRequests.queryKey() }),
    }),
  );
  const [comments, setComments] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();

  if (queue.error) return <FormError message={queue.error.message} />;
  if (!queue.data) return <p className="text-sm text-slate-500">Loading…</p>;

  async function decide(
    request: { id: string; number: number; contact: { id: string } },
    isApproved: boolean,
  ) {
    setError(undefined);
    setDone(undefined);
    try {
      await review.mutateAsync({
        contactId: request.contact.id,
        number: request.number,
        isApproved,
        comment: comments[request.id] ?? null,
      });
      setDone(`Change request ${request.number} ${isApproved ? "approved" : "rejected"}.`);
    } catch (e) {
      setError(e instanceof Error ? e.message : "The review failed");
    }
  }

  return (
    <div className="space-y-4">
      <FormError message={error} />
      {done && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {done}
        </p>
      )}
      <p className="text-sm text-slate-600">
        {queue.data.totalCount} pending change request{queue.data.totalCount === 1 ? "" : "s"}
      </p>
      {queue.data.results.length === 0 ? (
        <p className="text-sm text-slate-500">Nothing waits for review.</p>
      ) : (
        <ul aria-label="Pending change requests" className="space-y-4">
          {queue.data.results.map((r) => {
            const reason = r.mine
              ? "You initiated this change request: another member must review it."
              : !canReview
                ? "You may not edit contacts, so you cannot review."
                : undefined;
            const commentId = `review-comment-${r.id}`;
            const reasonId = `review-reason-${r.id}`;
            return (
              <li key={r.id} aria-label={`Change request ${r.number}`} className={`${card} space-y-3 p-4`}>
                <div className="flex flex-wrap items-baseline gap-x-3 text-sm">
                  <span className="font-medium">Change request {r.number}</span>
                  <Link href={`/contacts/${r.contact.id}`} className="text-indigo-700 hover:underline">
                    {r.contact.name ?? `Contact ${r.contact.number}`}
                  </Link>
                  <span className="text-slate-600">
                    by {r.initiator.name},{" "}
                    {new Date(r.createdAt).toLocaleString("en-GB", { timeZone: "UTC" })} UTC
                  </span>
                </div>
                {r.initiatorComment && (
                  <p className="text-sm text-slate-700">
                    <span className="font-medium">Comment:</span> {r.initiatorComment}
                  </p>
                )}
                <table className="w-full text-left text-sm">
                  <caption className="sr-only">Changes of request {r.number}</caption>
                  <thead className="text-slate-500">
                    <tr>
                      <th scope="col">Field</th>
                      <th scope="col">Old value</th>
                      <th scope="col">New value</th>
                      <th scope="col">Needs approval</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.details.map((d) => (
                      <tr key={d.path} className="border-t border-slate-100">
                        <td className="py-1">
                          {d.label ?? d.path}
                          {d.label && <span className="ml-2 font-mono text-xs text-slate-500">{d.path}</span>}
                        </td>
                        <td className="py-1">{shown(d.originalValue)}</td>
                        <td className="py-1">
                          <span aria-hidden="true">→ </span>
                          {shown(d.targetValue)}
                        </td>
                        <td className="py-1">{d.isApprovalRequired ? "yes" : "no (applied)"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <div className="flex flex-wrap items-end gap-2">
                  <div className="grow">
                    <label htmlFor={commentId} className="block text-sm font-medium">
                      Review comment
                    </label>
                    <input
                      id={commentId}
                      value={comments[r.id] ?? ""}
                      disabled={!!reason}
                      onChange={(e) => setComments({ ...comments, [r.id]: e.target.value })}
                      className={inputClass}
                    />
                  </div>
                  <button
                    type="button"
                    className={primaryButton}
                    disabled={!!reason || review.isPending}
                    aria-describedby={reason ? reasonId : undefined}
                    onClick={() => decide(r, true)}
                  >
                    Approve
                  </button>
                  <button
                    type="button"
                    className={dangerButton}
                    disabled={!!reason || review.isPending}
                    aria-describedby={reason ? reasonId : undefined}
                    onClick={() => decide(r, false)}
                  >
                    Reject
                  </button>
                </div>
                {reason && (
                  <p id={reasonId} className="text-sm text-amber-800">
                    {reason}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
