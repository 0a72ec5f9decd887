import type { Metadata } from "next";
import { Divisions } from "~/components/admin/divisions";

export const metadata: Metadata = { title: "Divisions" };

export default function DivisionsPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Divisions</h1>
      <p className="text-sm text-slate-600">
        Contacts and organizations belong to one division; records without one go to Home.
      </p>
      <Divisions />
    </div>
  );
}
