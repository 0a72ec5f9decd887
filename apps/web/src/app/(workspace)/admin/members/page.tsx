import type { Metadata } from "next";
import { Members } from "~/components/admin/members";
import { currentSession } from "~/server/session";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const session = await currentSession();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Members</h1>
      <p className="text-sm text-slate-600">
        People who sign in to this workspace. Their roles decide what they may see and change.
      </p>
      <Members currentMemberId={session?.member.id ?? ""} />
    </div>
  );
}
