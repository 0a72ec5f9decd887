import type { Metadata } from "next";
import { ContactForm } from "~/components/contact-form";

export const metadata: Metadata = { title: "New contact" };

export default function NewContactPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">New contact</h1>
      <ContactForm />
    </div>
  );
}
