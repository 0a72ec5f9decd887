import { IMPORT_TARGET_FIELDS, MAX_UPLOAD_BYTES } from "@switchboard/domain";
import type { Metadata } from "next";
import { ImportWizard, RecentImports } from "~/components/import-wizard";

export const metadata: Metadata = { title: "Import contacts" };

export default function ImportsPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Import contacts</h1>
      <p className="text-sm text-slate-600">
        New rows become contacts; rows matching an existing contact (by the criteria you choose) update it.
        The worker imports in batches, so a large file keeps going if you leave this page.
      </p>
      <ImportWizard targets={IMPORT_TARGET_FIELDS} maxUploadBytes={MAX_UPLOAD_BYTES} />
      <RecentImports />
    </div>
  );
}
