import type { Metadata } from "next";
import { ApiClients } from "~/components/api-clients";

export const metadata: Metadata = { title: "API clients" };

export default function ApiClientsPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">API clients</h1>
      <p className="text-sm text-slate-600">
        Integrations sign in with a client id and secret at <code>POST /oauth/token</code> (client
        credentials).
      </p>
      <ApiClients />
    </div>
  );
}
