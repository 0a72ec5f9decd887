import { CURRENCIES, can, MAX_IMAGE_BYTES, PERMISSIONS } from "@switchboard/domain";
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { displayName } from "~/components/contact-format";
import { addressOptions, ContactPointsList } from "~/components/contact-points-list";
import { HistoryList } from "~/components/history-list";
import { NotesPanel } from "~/components/notes-panel";
import { OrganizationForm } from "~/components/organization-form";
import { ImagesPanel } from "~/components/profile/images-panel";
import { RepresentativesList } from "~/components/profile/representatives-list";
import { RolesPanel } from "~/components/profile/roles-panel";
import { TagsPanel } from "~/components/profile/tags-panel";
import { ExternalIdsList, Section } from "~/components/record-sections";
import { RelationshipsEditor } from "~/components/relationships-editor";
import { currentSession } from "~/server/session";
import { api } from "~/trpc/server";

export const metadata: Metadata = { title: "Organization" };

export default async function OrganizationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const trpc = await api();
  const session = await currentSession();
  const organization = await trpc.organizations.get({ id }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const may = (permission: string) => !!session && can(session, permission);
  const [contacts, history, representatives] = await Promise.all([
    trpc.organizations.contacts({ id }),
    trpc.organizations.history({ id }),
    // Degrades to "not shown" for a member who may not read contacts.
    trpc.professionalIdentities.representatives({ organizationId: id }).catch((error: unknown) => {
      if (error instanceof TRPCError && error.code === "FORBIDDEN") return null;
      throw error;
    }),
  ]);
  const owner = { kind: "organization" as const, id: organization.id };
  const trustor = organization.trustor;
  // The timeline names divisions and external sources instead of showing their ids.
  const names: Record<string, string> = {};
  for (const d of await trpc.admin.divisionOptions()) names[d.id] = d.name;
  for (const x of organization.externalIds) if (x.source) names[x.sourceId] = x.source.name;

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{organization.name}</h1>
        {trustor && (
          <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs text-emerald-800 ring-1 ring-emerald-200">
            trustor linked
          </span>
        )}
      </div>
      <div className="grid gap-8 lg:grid-cols-3">
        <div className="space-y-8 lg:col-span-2">
          <Section id="details" title="Details">
            {/* Keyed by version: a tag or point written elsewhere on the page shows in the form, not a stale copy. */}
            <OrganizationForm key={organization.version} organization={organization} />
          </Section>
          {may(PERMISSIONS.roleView) && (
            <Section id="roles" title="Roles">
              <RolesPanel
                owner={owner}
                addresses={addressOptions(organization.addresses)}
                currencies={CURRENCIES}
                canEdit={may(PERMISSIONS.roleEdit)}
              />
            </Section>
          )}
          <Section id="notes" title="Notes">
            <NotesPanel parent={{ type: "organization", id: organization.id }} />
          </Section>
          <Section id="history" title="History">
            <HistoryList history={history} names={names} />
          </Section>
        </div>
        <aside className="space-y-8" aria-label="Related records">
          <Section id="contacts" title={`Contacts (${contacts.total})`}>
            <ul className="divide-y divide-slate-100 rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
              {contacts.entities.map((c) => (
                <li key={c.id} className="px-4 py-2">
                  <Link href={`/contacts/${c.id}`} className="text-indigo-700 hover:underline">
                    {displayName(c)}
                  </Link>
                  {c.title && <span className="text-sm text-slate-500"> — {c.title}</span>}
                </li>
              ))}
              {contacts.entities.length === 0 && (
                <li className="px-4 py-2 text-sm text-slate-500">No contacts yet.</li>
              )}
            </ul>
            {contacts.total > 0 && (
              <p className="text-sm text-slate-600">
                {contacts.total > contacts.entities.length &&
                  `Showing ${contacts.entities.length} of ${contacts.total}. `}
                <Link href={`/contacts?org=${organization.id}`} className="text-indigo-700 hover:underline">
                  Open in the contact list
                </Link>
              </p>
            )}
          </Section>
          {representatives && (
            <Section id="representatives" title="Representatives">
              <RepresentativesList representatives={representatives} />
            </Section>
          )}
          <Section id="contact-points" title="Phones, emails and addresses">
            <ContactPointsList points={organization} />
          </Section>
          {may(PERMISSIONS.tagView) && (
            <Section id="tags" title="Tags">
              <TagsPanel owner={owner} canEdit={may(PERMISSIONS.tagEdit)} />
            </Section>
          )}
          {may(PERMISSIONS.imageView) && (
            <Section id="images" title="Images">
              <ImagesPanel owner={owner} canEdit={may(PERMISSIONS.imageEdit)} maxBytes={MAX_IMAGE_BYTES} />
            </Section>
          )}
          <Section id="relationships" title="Relationships">
            <RelationshipsEditor
              organizationId={organization.id}
              canEdit={!!session && can(session, PERMISSIONS.organizationEdit)}
            />
          </Section>
          <Section id="trustor" title="Trustor">
            {trustor ? (
              <dl className="space-y-1 rounded-lg bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200">
                <div className="flex gap-2">
                  <dt className="text-slate-500">Trustor organization</dt>
                  <dd className="break-all font-mono text-xs">{trustor.trustorOrgId}</dd>
                </div>
                <div className="flex gap-2">
                  <dt className="text-slate-500">Linked</dt>
                  <dd>
                    <time dateTime={trustor.linkedAt.toISOString()}>
                      {trustor.linkedAt.toISOString().slice(0, 16).replace("T", " ")} UTC
                    </time>
                  </dd>
                </div>
              </dl>
            ) : (
              <p className="text-sm text-slate-500">
                Not linked to a Genesys Cloud trustor organization (linked through the Genesys API).
              </p>
            )}
          </Section>
          <Section id="external-ids" title="External ids">
            <ExternalIdsList externalIds={organization.externalIds} />
          </Section>
        </aside>
      </div>
    </div>
  );
}
