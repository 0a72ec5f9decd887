import { can, PERMISSIONS } from "@switchboard/domain";
import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { currentSession } from "~/server/session";
import { TRPCReactProvider } from "~/trpc/react";

/** Everything behind sign-in: the guard, the navigation and the tRPC client. */
export default async function WorkspaceLayout({ children }: { children: ReactNode }) {
  const session = await currentSession();
  if (!session) redirect("/sign-in");
  return (
    <TRPCReactProvider>
      <header className="border-b border-slate-200 bg-white">
        <nav
          aria-label="Main"
          className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 whitespace-nowrap px-6 py-3"
        >
          <Link href="/contacts" className="font-semibold text-indigo-700">
            Switchboard
          </Link>
          <Link href="/contacts" className="text-sm text-slate-700 hover:text-slate-900">
            Contacts
          </Link>
          {can(session, PERMISSIONS.organizationView) && (
            <Link href="/organizations" className="text-sm text-slate-700 hover:text-slate-900">
              Organizations
            </Link>
          )}
          {can(session, PERMISSIONS.identityMerge) && (
            <Link href="/duplicates" className="text-sm text-slate-700 hover:text-slate-900">
              Duplicates
            </Link>
          )}
          {can(session, PERMISSIONS.exportView) && (
            <Link href="/exports" className="text-sm text-slate-700 hover:text-slate-900">
              Exports
            </Link>
          )}
          {can(session, PERMISSIONS.importCsvJobAdd) && (
            <Link href="/imports" className="text-sm text-slate-700 hover:text-slate-900">
              Import
            </Link>
          )}
          {can(session, PERMISSIONS.apiClientsManage) && (
            <Link href="/admin/api-clients" className="text-sm text-slate-700 hover:text-slate-900">
              API clients
            </Link>
          )}
          {can(session, PERMISSIONS.customFieldsView) && (
            <Link href="/admin/schemas" className="text-sm text-slate-700 hover:text-slate-900">
              Custom fields
            </Link>
          )}
          {can(session, PERMISSIONS.membersManage) && (
            <Link href="/admin/members" className="text-sm text-slate-700 hover:text-slate-900">
              Members
            </Link>
          )}
          {can(session, PERMISSIONS.rolesManage) && (
            <Link href="/admin/roles" className="text-sm text-slate-700 hover:text-slate-900">
              Roles
            </Link>
          )}
          {can(session, PERMISSIONS.divisionsManage) && (
            <Link href="/admin/divisions" className="text-sm text-slate-700 hover:text-slate-900">
              Divisions
            </Link>
          )}
          <span className="ml-auto text-sm text-slate-600">{session.member.name}</span>
          <form method="post" action="/api/auth/sign-out">
            <button type="submit" className="text-sm text-slate-700 underline-offset-2 hover:underline">
              Sign out
            </button>
          </form>
        </nav>
      </header>
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </TRPCReactProvider>
  );
}
