import { can, PERMISSIONS } from "@switchboard/domain";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CustomerListsManager } from "~/components/profile/customer-lists";
import { currentSession } from "~/server/session";

export const metadata: Metadata = { title: "Customer lists" };

export default async function CustomerListsPage() {
  const session = await currentSession();
  if (!session || !can(session, PERMISSIONS.customerListView)) notFound();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Customer lists</h1>
      <CustomerListsManager
        canAdd={can(session, PERMISSIONS.customerListAdd)}
        canEdit={can(session, PERMISSIONS.customerListEdit)}
        canDelete={can(session, PERMISSIONS.customerListDelete)}
      />
    </div>
  );
}
