import { ALL_PERMISSIONS } from "@switchboard/domain";
import type { Metadata } from "next";
import { Roles } from "~/components/admin/roles";

export const metadata: Metadata = { title: "Roles" };

export default function RolesPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Roles</h1>
      <p className="text-sm text-slate-600">
        A role is a named set of permissions, held by members and API clients. Permission names are the
        Genesys ones, so API clients carry the same grants.
      </p>
      <Roles catalogue={ALL_PERMISSIONS} />
    </div>
  );
}
