import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { ContactList } from "~/components/contact-list";

export const metadata: Metadata = { title: "Contacts" };

/** The contact list; its search, filters and sort live in the URL and are read by the client list. */
export default function ContactsPage() {
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">Contacts</h1>
        <Link
          href="/contacts/new"
          className="ml-auto rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700"
        >
          New contact
        </Link>
      </div>
      <Suspense fallback={<p className="text-sm text-slate-600">Loading contacts…</p>}>
        <ContactList />
      </Suspense>
    </div>
  );
}
