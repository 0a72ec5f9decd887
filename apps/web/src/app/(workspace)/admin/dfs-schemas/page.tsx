import { can, PERMISSIONS } from "@switchboard/domain";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SchemaFlagsEditor } from "~/components/dfs/schema-flags-editor";
import { currentSession } from "~/server/session";

export const metadata: Metadata = { title: "DFS details schemas" };

/** The field flags of the tenant's DFS details schemas (contact, legal entity). */
export default async function DfsSchemasPage() {
  const session = await currentSession();
  if (!session || !can(session, PERMISSIONS.customFieldsView)) notFound();
  const canEdit = can(session, PERMISSIONS.customFieldsEdit);
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">DFS details schemas</h1>
      <p className="text-sm text-slate-600">
        Which fields need another member&apos;s approval when a member changes them, go into exports, are
        hidden from forms, or cannot be changed by members. Every save is a new schema version.
      </p>
      <section aria-labelledby="dfs-contact-schema" className="space-y-3">
        <h2 id="dfs-contact-schema" className="text-lg font-medium">
          Contact
        </h2>
        <SchemaFlagsEditor schemaKey="contact" canEdit={canEdit} />
      </section>
      <section aria-labelledby="dfs-legal-entity-schema" className="space-y-3">
        <h2 id="dfs-legal-entity-schema" className="text-lg font-medium">
          Legal entity
        </h2>
        <SchemaFlagsEditor schemaKey="legal-entity" canEdit={canEdit} />
      </section>
    </div>
  );
}
