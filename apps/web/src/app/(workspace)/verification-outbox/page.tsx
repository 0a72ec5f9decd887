import { can, PERMISSIONS } from "@switchboard/domain";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { currentSession } from "~/server/session";
import { api } from "~/trpc/server";

export const metadata: Metadata = { title: "Verification outbox" };

const statusOf = (m: { sentAt: Date | null; error: string | null }) =>
  m.sentAt ? "Sent" : m.error ? `Failed: ${m.error}` : "In the outbox (not sent)";

/**
 * The verification messages (keys for changed e-mail addresses and mobile numbers), as the outbox stores them:
 * without an SMTP transport, staff relay them from here. Keys are kept only hashed elsewhere.
 */
export default async function VerificationOutboxPage() {
  const session = await currentSession();
  if (!session || !can(session, PERMISSIONS.contactView)) notFound();
  const messages = await (await api()).dfs.outbox();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Verification outbox</h1>
      {messages.length === 0 ? (
        <p className="text-sm text-slate-500">No verification messages.</p>
      ) : (
        <table className="w-full rounded-lg bg-white text-left text-sm shadow-sm ring-1 ring-slate-200">
          <caption className="sr-only">Verification messages, newest first</caption>
          <thead className="text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2">
                Created (UTC)
              </th>
              <th scope="col" className="px-3 py-2">
                Channel
              </th>
              <th scope="col" className="px-3 py-2">
                Recipient
              </th>
              <th scope="col" className="px-3 py-2">
                Status
              </th>
              <th scope="col" className="px-3 py-2">
                Message
              </th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id} className="border-t border-slate-100 align-top">
                <td className="px-3 py-2 whitespace-nowrap">
                  {m.createdAt.toISOString().slice(0, 19).replace("T", " ")}
                </td>
                <td className="px-3 py-2">{m.channel === "email" ? "E-mail" : "SMS"}</td>
                <td className="px-3 py-2">
                  {m.entityType === "contact" && m.entityId ? (
                    <Link href={`/contacts/${m.entityId}`} className="text-indigo-700 hover:underline">
                      {m.recipient}
                    </Link>
                  ) : (
                    m.recipient
                  )}
                </td>
                <td className="px-3 py-2">{statusOf(m)}</td>
                <td className="px-3 py-2">
                  <div className="font-medium">{m.subject}</div>
                  <div className="text-slate-600">{m.body}</div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
