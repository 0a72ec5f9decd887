import type { Metadata } from "next";
import { ExportsPanel } from "./exports-panel";

export const metadata: Metadata = { title: "Exports" };

export default function ExportsPage() {
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Exports</h1>
        <p className="text-sm text-slate-600">
          Export contacts, organizations, notes or relationships to a CSV file. The export runs in the
          background; this list follows it until the file is ready to download.
        </p>
      </div>
      <ExportsPanel />
    </div>
  );
}
