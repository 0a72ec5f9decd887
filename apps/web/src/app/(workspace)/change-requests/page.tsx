import { can, PERMISSIONS } from "@switchboard/domain";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ChangeRequestQueue } from "~/components/dfs/change-request-queue";
import { currentSession } from "~/server/session";

export const metadata: Metadata = { title: "Change requests" };

/** The review queue of DFS change requests: members' edits of approval-required fields. */
export default async function ChangeRequestsPage() {
  const session = await currentSession();
  if (!session || !can(session, PERMISSIONS.contactView)) notFound();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Change requests</h1>
      <ChangeRequestQueue canReview={can(session, PERMISSIONS.contactEdit)} />
    </div>
  );
}
