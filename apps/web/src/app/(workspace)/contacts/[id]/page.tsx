import {
  type Contact,
  CURRENCIES,
  can,
  IDENTIFIER_TYPES,
  MAX_IMAGE_BYTES,
  PERMISSIONS,
} from "@switchboard/domain";
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ContactForm, DeleteContactButton } from "~/components/contact-form";
import { displayName } from "~/components/contact-format";
import { addressOptions, ContactPointsList } from "~/components/contact-points-list";
import { DfsDetailsForm } from "~/components/dfs/details-form";
import { HistoryList } from "~/components/history-list";
import { IdentifiersPanel } from "~/components/identifiers-panel";
import { NotesPanel } from "~/components/notes-panel";
import { ImagesPanel } from "~/components/profile/images-panel";
import { ProfessionalIdentitiesPanel } from "~/components/profile/professional-identities-panel";
import { RolesPanel } from "~/components/profile/roles-panel";
import { TagsPanel } from "~/components/profile/tags-panel";
import { ExternalIdsList, MergeHistory, RelationshipsList, Section } from "~/components/record-sections";
import { currentSession } from "~/server/session";
import { api } from "~/trpc/server";

export const metadata: Metadata = { title: "Contact" };

const missing = (error: unknown) => {
  if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
  throw error;
};
/** Side panels degrade to "not shown" when the member may not read them, instead of failing the page. */
const orNull = <T,>(p: Promise<T>) =>
  p.catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "FORBIDDEN" || error.code === "NOT_FOUND")) return null;
    throw error;
  });

type Api = Awaited<ReturnType<typeof api>>;

/**
 * Names for the ids the timeline shows (divisions, organizations, external sources, merged contacts), so it
 * reads "Acme Rockets" rather than a uuid. Ids the member may not read stay ids.
 */
async function namesFor(
  trpc: Api,
  history: { changes: { path: string; old: unknown; new: unknown }[] }[],
  contact: Contact,
  merge: Awaited<ReturnType<Api["contactDetails"]["merge"]>>,
) {
  const names: Record<string, string> = {};
  for (const d of await trpc.admin.divisionOptions()) names[d.id] = d.name;
  for (const x of contact.externalIds) if (x.source) names[x.sourceId] = x.source.name;
  for (const c of [...(merge?.mergedFrom ?? []), merge?.canonical, merge?.mergedTo])
    if (c?.name) names[c.id] = c.name;
  const organizationIds = new Set<string>();
  // Contacts marked "not duplicates" of this one (or undone): named as they are stored.
  const contactIds = new Set<string>();
  for (const entry of history)
    for (const change of entry.changes) {
      if (change.path === "organizationId")
        for (const v of [change.old, change.new]) if (typeof v === "string") organizationIds.add(v);
      if (change.path === "notDuplicateOf")
        for (const v of [change.old, change.new])
          if (Array.isArray(v))
            for (const id of v) if (typeof id === "string" && !names[id]) contactIds.add(id);
    }
  const [organizations, others] = await Promise.all([
    Promise.all([...organizationIds].slice(0, 20).map((id) => orNull(trpc.organizations.get({ id })))),
    Promise.all([...contactIds].slice(0, 20).map((id) => orNull(trpc.contactDetails.unresolved({ id })))),
  ]);
  for (const o of organizations) if (o) names[o.id] = o.name;
  for (const c of others) if (c) names[c.id] = displayName(c);
  return names;
}

export default async function ContactPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ unresolved?: string }>;
}) {
  const [{ id }, { unresolved }] = await Promise.all([params, searchParams]);
  const trpc = await api();
  const session = await currentSession();
  const canEdit = !!session && can(session, PERMISSIONS.contactEdit);
  const may = (permission: string) => !!session && can(session, permission);

  // `?unresolved=1` shows a merged-away contact as it was stored; plain reads resolve to the canonical one.
  const asStored = unresolved ? await trpc.contactDetails.unresolved({ id }).catch(missing) : null;
  const contact = asStored ?? (await trpc.contacts.get({ id }).catch(missing));
  const [history, merge, organization, relationships] = await Promise.all([
    asStored ? trpc.contactDetails.unresolvedHistory({ id }) : trpc.contacts.history({ id: contact.id }),
    trpc.contactDetails.merge({ id: contact.id }),
    contact.organizationId ? orNull(trpc.organizations.get({ id: contact.organizationId })) : null,
    contact.organizationId ? orNull(trpc.organizations.relationships({ id: contact.organizationId })) : null,
  ]);
  const readOnly = !!contact.canonicalContactId;
  const names = await namesFor(trpc, history, contact, merge);

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">{displayName(contact)}</h1>
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{contact.type}</span>
        {!readOnly && (
          <div className="ml-auto">
            <DeleteContactButton id={contact.id} />
          </div>
        )}
      </div>
      {contact.id !== id && (
        <p role="status" className="rounded-md bg-amber-50 px-4 py-2 text-sm ring-1 ring-amber-200">
          The contact you opened was merged into this one.{" "}
          <Link href={`/contacts/${id}?unresolved=1`} className="text-indigo-700 underline">
            See it as it was
          </Link>
          .
        </p>
      )}

      <div className="grid gap-8 lg:grid-cols-3">
        <div className="space-y-8 lg:col-span-2">
          {readOnly ? (
            <Section id="points" title="Phones, emails and addresses (as stored before the merge)">
              <ContactPointsList points={contact} />
            </Section>
          ) : (
            <Section id="edit" title="Details">
              {/* Keyed by version: an employer set by a professional identity shows in the form, not a stale copy. */}
              <ContactForm
                key={contact.version}
                contact={contact}
                organization={organization && { id: organization.id, name: organization.name }}
              />
            </Section>
          )}
          {!readOnly && (
            <Section id="dfs-details" title="DFS details">
              <DfsDetailsForm contactId={contact.id} canEdit={canEdit} />
            </Section>
          )}
          {!readOnly && may(PERMISSIONS.roleView) && (
            <Section id="roles" title="Roles">
              <RolesPanel
                owner={{ kind: "contact", id: contact.id }}
                addresses={addressOptions(contact.addresses)}
                currencies={CURRENCIES}
                canEdit={may(PERMISSIONS.roleEdit)}
              />
            </Section>
          )}
          {!readOnly && (
            <Section id="professional-identities" title="Professional identities">
              <ProfessionalIdentitiesPanel contactId={contact.id} canEdit={canEdit} />
            </Section>
          )}
          {!readOnly && (
            <Section id="notes" title="Notes">
              <NotesPanel parent={{ type: "contact", id: contact.id }} />
            </Section>
          )}
          <Section id="history" title="History">
            <HistoryList history={history} names={names} />
          </Section>
        </div>

        <aside className="space-y-8" aria-label="Related records">
          <Section id="organization" title="Organization">
            {organization ? (
              <div className="space-y-3">
                <Link
                  href={`/organizations/${organization.id}`}
                  className="block rounded-lg bg-white px-4 py-3 font-medium text-indigo-700 shadow-sm ring-1 ring-slate-200 hover:underline"
                >
                  {organization.name}
                </Link>
                <h3 className="text-sm font-medium text-slate-700">Its relationships</h3>
                <RelationshipsList relationships={relationships?.entities ?? []} />
              </div>
            ) : (
              <p className="text-sm text-slate-500">
                {contact.organizationId ? "Not visible to you." : "Not linked to an organization."}
              </p>
            )}
          </Section>
          {!readOnly && (
            <Section id="contact-points" title="Phones, emails and addresses">
              <ContactPointsList points={contact} />
            </Section>
          )}
          {!readOnly && may(PERMISSIONS.tagView) && (
            <Section id="tags" title="Tags">
              <TagsPanel owner={{ kind: "contact", id: contact.id }} canEdit={may(PERMISSIONS.tagEdit)} />
            </Section>
          )}
          {!readOnly && may(PERMISSIONS.imageView) && (
            <Section id="images" title="Images">
              <ImagesPanel
                owner={{ kind: "contact", id: contact.id }}
                canEdit={may(PERMISSIONS.imageEdit)}
                maxBytes={MAX_IMAGE_BYTES}
              />
            </Section>
          )}
          <Section id="identifiers" title="Identifiers">
            <IdentifiersPanel
              contactId={contact.id}
              types={IDENTIFIER_TYPES}
              canEdit={canEdit && !readOnly}
            />
          </Section>
          <Section id="external-ids" title="External ids">
            <ExternalIdsList externalIds={contact.externalIds} />
          </Section>
          <Section id="merge" title="Merge history">
            <MergeHistory merge={merge} />
          </Section>
        </aside>
      </div>
    </div>
  );
}
