import type { Metadata } from "next";
import { SchemaEditor } from "~/components/schema-editor";

export const metadata: Metadata = { title: "Custom fields" };

export default function SchemasPage() {
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Custom fields</h1>
      <p className="text-sm text-slate-600">
        Schemas are versioned: every save is a new version, and records keep validating against the version
        they were written with.
      </p>
      <section aria-labelledby="contact-schemas" className="space-y-3">
        <h2 id="contact-schemas" className="text-lg font-medium">
          Contact schemas
        </h2>
        <SchemaEditor target="contact" />
      </section>
      <section aria-labelledby="organization-schemas" className="space-y-3">
        <h2 id="organization-schemas" className="text-lg font-medium">
          Organization schemas
        </h2>
        <SchemaEditor target="organization" />
      </section>
    </div>
  );
}
