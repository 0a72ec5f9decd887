import { can, PERMISSIONS } from "@switchboard/domain";
import type { Metadata } from "next";
import { currentSession } from "~/server/session";
import { api } from "~/trpc/server";
import { DismissedPairs, DuplicateGroups } from "./duplicate-groups";

export const metadata: Metadata = { title: "Duplicates" };

/**
 * Suggested duplicate groups to merge or mark as not duplicates, and the pairs marked so far (with an undo).
 * Marking and undoing need the merge permission.
 */
export default async function DuplicatesPage() {
  const trpc = await api();
  const [groups, dismissals, session] = await Promise.all([
    trpc.contacts.duplicates({ limit: 50 }),
    trpc.contacts.duplicateDismissals({ limit: 50 }),
    currentSession(),
  ]);
  const mayMerge = !!session && can(session, PERMISSIONS.identityMerge);
  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Duplicates</h1>
        <p className="text-sm text-slate-600">
          Contacts that share an email or phone number, or have similar names. Pick the ones that are the same
          person and compare them side by side before merging. When the checked contacts are different people,
          mark them as not duplicates: they are no longer suggested together.
        </p>
      </div>
      <DuplicateGroups groups={groups} canDismiss={mayMerge} />
      <section aria-labelledby="dismissed-heading" className="space-y-3">
        <h2 id="dismissed-heading" className="text-lg font-medium">
          Dismissed suggestions
        </h2>
        <DismissedPairs dismissals={dismissals} canUndo={mayMerge} />
      </section>
    </div>
  );
}
