import { can, PERMISSIONS } from "@switchboard/domain";
import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { NavLink } from "~/components/nav-link";
import { currentSession } from "~/server/session";
import { TRPCReactProvider } from "~/trpc/react";

/** Everything behind sign-in: the guard, the navigation and the tRPC client. */
export default async function WorkspaceLayout({ children }: { children: ReactNode }) {
  const session = await currentSession();
  if (!session) redirect("/sign-in");
  return (
    <TRPCReactProvider>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <nav
          aria-label="Main"
          className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 whitespace-nowrap px-6 py-3"
        >
          <Link href="/contacts" className="font-semibold text-indigo-700">
            Switchboard
          </Link>
          <NavLink href="/contacts">Contacts</NavLink>
          {can(session, PERMISSIONS.organizationView) && (
            <NavLink href="/organizations">Organizations</NavLink>
          )}
          {can(session, PERMISSIONS.customerListView) && (
            <NavLink href="/customer-lists">Customer lists</NavLink>
          )}
          {can(session, PERMISSIONS.identityMerge) && <NavLink href="/duplicates">Duplicates</NavLink>}
          {can(session, PERMISSIONS.contactView) && (
            <NavLink href="/change-requests">Change requests</NavLink>
          )}
          {can(session, PERMISSIONS.contactView) && (
            <NavLink href="/verification-outbox">Verification outbox</NavLink>
          )}
          {can(session, PERMISSIONS.exportView) && <NavLink href="/exports">Exports</NavLink>}
          {can(session, PERMISSIONS.importCsvJobAdd) && <NavLink href="/imports">Import</NavLink>}
          {can(session, PERMISSIONS.apiClientsManage) && (
            <NavLink href="/admin/api-clients">API clients</NavLink>
          )}
          {can(session, PERMISSIONS.customFieldsView) && (
            <NavLink href="/admin/schemas">Custom fields</NavLink>
          )}
          {can(session, PERMISSIONS.customFieldsView) && (
            <NavLink href="/admin/dfs-schemas">DFS schemas</NavLink>
          )}
          {can(session, PERMISSIONS.membersManage) && <NavLink href="/admin/members">Members</NavLink>}
          {can(session, PERMISSIONS.rolesManage) && <NavLink href="/admin/roles">Roles</NavLink>}
          {can(session, PERMISSIONS.divisionsManage) && <NavLink href="/admin/divisions">Divisions</NavLink>}
          <span className="ml-auto text-sm text-slate-600">{session.member.name}</span>
          <form method="post" action="/api/auth/sign-out">
            <button type="submit" className="text-sm text-slate-700 underline-offset-2 hover:underline">
              Sign out
            </button>
          </form>
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-6 py-8">
        {children}
      </main>
    </TRPCReactProvider>
  );
}
