import { can, PERMISSIONS } from "@switchboard/domain";
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CustomerListMembers } from "~/components/profile/customer-lists";
import { currentSession } from "~/server/session";
import { api } from "~/trpc/server";

export const metadata: Metadata = { title: "Customer list" };

export default async function CustomerListPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await currentSession();
  const list = await (await api()).customerLists.get({ id }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  });
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/customer-lists" className="text-indigo-700 hover:underline">
          Customer lists
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">{list.name}</h1>
      <CustomerListMembers
        listId={list.id}
        canEdit={!!session && can(session, PERMISSIONS.customerListEdit)}
      />
    </div>
  );
}
