import type { Metadata } from "next";
import { OrganizationForm } from "~/components/organization-form";

export const metadata: Metadata = { title: "New organization" };

export default function NewOrganizationPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">New organization</h1>
      <OrganizationForm />
    </div>
  );
}
