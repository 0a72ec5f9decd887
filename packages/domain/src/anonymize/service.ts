import {
  and,
  changeRequests,
  changeSets,
  contactIdentifiers,
  contactPoints,
  contacts,
  dfsDetails,
  eq,
  externalIds,
  inArray,
  notes,
  notificationOutbox,
  or,
  pendingVerifications,
  personalRelationships,
  professionalIdentities,
  profileImages,
  sql,
} from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import { foldText } from "../contacts/rules";
import { changesOf, recordChangeSets } from "../history";
import { resolveNumber } from "../numbers/service";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { notFound, validationFailed } from "../shared/errors";
import { isUuid } from "../shared/ids";
import { visibleIn } from "../shared/records";

/**
 * DFS anonymization (#27, cross-dialect contract §7): removes a person's personal data everywhere the store
 * keeps it, and keeps the record (its uuid and number) so references and counts stay whole.
 *
 * - the contact's personal columns (names, salutation, title, dates, username, custom fields, extensions,
 *   external system url) are cleared;
 * - its contact points, and those of its professional identities, are deleted;
 * - its external ids (every system), Genesys identifiers, images, notes and personal relationships (both
 *   directions) are deleted;
 * - its DFS details document, pending e-mail/mobile verifications and the messages that carried their keys are
 *   deleted; its change requests keep their paths and statuses but lose their values and comments;
 * - its words leave the search dictionary (typo correction) unless another record still uses them;
 * - every value (`old` and `new`) in its change history, and in its professional identities' history, is
 *   cleared: the paths and who changed what when stay. This is the one audited exception to append-only
 *   history; the anonymization itself is recorded as a change set of its own.
 *
 * Contacts merged into a listed contact are the same person and are anonymized with it. Soft-deleted contacts
 * are anonymized too. Running it again finds nothing left and records nothing: it is idempotent.
 */
export interface AnonymizeInput {
  /** Contacts by number (DFS `contactIds`). */
  numbers?: number[] | null;
  /** Contacts by uuid (DFS `contactUIds`). */
  ids?: string[] | null;
}

export const ANONYMIZE_MAX_CONTACTS = 1000;

/** The path of the change set that records an anonymization (its value is the one history keeps). */
export const ANONYMIZED_PATH = "anonymized";

export async function anonymizeContacts(
  ctx: Context,
  input: AnonymizeInput,
): Promise<{ anonymized: number }> {
  requirePermission(ctx, PERMISSIONS.contactAnonymize);
  const numbers = input.numbers ?? [];
  const uuids = input.ids ?? [];
  if (numbers.length + uuids.length === 0)
    throw validationFailed([
      { path: "contactIds", message: "list at least one contact in contactIds or contactUIds" },
    ]);
  if (numbers.length + uuids.length > ANONYMIZE_MAX_CONTACTS)
    throw validationFailed([
      { path: "contactIds", message: `at most ${ANONYMIZE_MAX_CONTACTS} contacts a call` },
    ]);
  return inTransaction(ctx, async (tx) => {
    const listed = new Set<string>();
    for (const number of numbers)
      listed.add((await resolveNumber(tx, "contact", number, { includeDeleted: true })).id);
    const byUuid = uuids.filter(isUuid);
    const found = byUuid.length
      ? await tx.db
          .select({ id: contacts.id, canonicalId: contacts.canonicalContactId })
          .from(contacts)
          .where(
            and(
              eq(contacts.tenantId, tx.tenantId),
              inArray(contacts.id, byUuid),
              visibleIn(tx, contacts.divisionId),
            ),
          )
      : [];
    for (const id of uuids) {
      const row = found.find((f) => f.id === id);
      if (!row) throw notFound("contact", id);
      listed.add(row.canonicalId ?? row.id);
    }
    const roots = [...listed];
    // The merge sets of the listed contacts: the same person under other records.
    const people = await tx.db
      .select({ id: contacts.id })
      .from(contacts)
      .where(
        and(
          eq(contacts.tenantId, tx.tenantId),
          or(inArray(contacts.id, roots), inArray(contacts.canonicalContactId, roots)),
        ),
      )
      .for("update");
    const ids = people.map((p) => p.id);
    const changed = await redact(tx, ids);
    await recordChangeSets(
      tx,
      ids
        .filter((id) => changed.has(id))
        .map((id) => ({
          entityType: "contact",
          entityId: id,
          action: "update" as const,
          changes: [{ path: ANONYMIZED_PATH, old: null, new: true }],
        })),
    );
    return { anonymized: roots.length };
  });
}

/** Redacts the contacts `ids` (locked by the caller); the ids of those that still held something. */
async function redact(tx: Context, ids: string[]): Promise<Set<string>> {
  const t = tx.tenantId;
  const changed = new Set<string>();
  const mark = (rows: { id: string }[]) => {
    for (const r of rows) changed.add(r.id);
  };
  const identities = await tx.db
    .select({ id: professionalIdentities.id, contactId: professionalIdentities.contactId })
    .from(professionalIdentities)
    .where(and(eq(professionalIdentities.tenantId, t), inArray(professionalIdentities.contactId, ids)));
  const contactOfIdentity = new Map(identities.map((i) => [i.id, i.contactId]));
  const texts = await tx.db
    .select({ text: contacts.searchText })
    .from(contacts)
    .where(and(eq(contacts.tenantId, t), inArray(contacts.id, ids)));

  mark(
    await tx.db
      .update(contacts)
      .set({
        firstName: null,
        middleName: null,
        lastName: null,
        salutation: null,
        title: null,
        displayName: null,
        dateOfBirth: null,
        anniversary: null,
        externalSystemUrl: null,
        customFields: null,
        extensions: {},
        username: null,
        searchText: "",
        hasEmail: false,
        hasPhone: false,
        version: sql`${contacts.version} + 1`,
        modifiedAt: new Date(),
      })
      .where(
        and(
          eq(contacts.tenantId, t),
          inArray(contacts.id, ids),
          sql`(${contacts.firstName} is not null or ${contacts.middleName} is not null
            or ${contacts.lastName} is not null or ${contacts.salutation} is not null
            or ${contacts.title} is not null or ${contacts.displayName} is not null
            or ${contacts.dateOfBirth} is not null or ${contacts.anniversary} is not null
            or ${contacts.externalSystemUrl} is not null or ${contacts.customFields} is not null
            or ${contacts.extensions} <> '{}'::jsonb or ${contacts.username} is not null
            or ${contacts.searchText} <> '' or ${contacts.hasEmail} or ${contacts.hasPhone})`,
        ),
      )
      .returning({ id: contacts.id }),
  );
  const points = await tx.db
    .delete(contactPoints)
    .where(
      and(
        eq(contactPoints.tenantId, t),
        or(
          and(eq(contactPoints.ownerKind, "contact"), inArray(contactPoints.ownerId, ids)),
          identities.length
            ? and(
                eq(contactPoints.ownerKind, "identity"),
                inArray(contactPoints.ownerId, [...contactOfIdentity.keys()]),
              )
            : undefined,
        ),
      ),
    )
    .returning({ ownerKind: contactPoints.ownerKind, ownerId: contactPoints.ownerId });
  mark(
    points.map((p) => ({ id: p.ownerKind === "contact" ? p.ownerId : contactOfIdentity.get(p.ownerId)! })),
  );
  mark(
    await tx.db
      .delete(externalIds)
      .where(
        and(
          eq(externalIds.tenantId, t),
          eq(externalIds.entityType, "contact"),
          inArray(externalIds.entityId, ids),
        ),
      )
      .returning({ id: externalIds.entityId }),
  );
  mark(
    await tx.db
      .delete(contactIdentifiers)
      .where(and(eq(contactIdentifiers.tenantId, t), inArray(contactIdentifiers.contactId, ids)))
      .returning({ id: contactIdentifiers.contactId }),
  );
  mark(
    await tx.db
      .delete(profileImages)
      .where(
        and(
          eq(profileImages.tenantId, t),
          eq(profileImages.ownerKind, "contact"),
          inArray(profileImages.ownerId, ids),
        ),
      )
      .returning({ id: profileImages.ownerId }),
  );
  mark(
    await tx.db
      .delete(notes)
      .where(and(eq(notes.tenantId, t), eq(notes.entityType, "contact"), inArray(notes.entityId, ids)))
      .returning({ id: notes.entityId }),
  );
  const relationships = await tx.db
    .delete(personalRelationships)
    .where(
      and(
        eq(personalRelationships.tenantId, t),
        or(inArray(personalRelationships.ownerId, ids), inArray(personalRelationships.relatedContactId, ids)),
      ),
    )
    .returning({ ownerId: personalRelationships.ownerId, relatedId: personalRelationships.relatedContactId });
  mark(
    relationships.flatMap((r) =>
      [r.ownerId, r.relatedId].filter((id) => ids.includes(id)).map((id) => ({ id })),
    ),
  );

  // DFS: the details document, change requests' values and comments, pending verifications and their messages.
  mark(
    await tx.db
      .delete(dfsDetails)
      .where(
        and(
          eq(dfsDetails.tenantId, t),
          eq(dfsDetails.ownerKind, "contact"),
          inArray(dfsDetails.ownerId, ids),
        ),
      )
      .returning({ id: dfsDetails.ownerId }),
  );
  mark(
    await tx.db
      .update(changeRequests)
      .set({
        details: sql`(select coalesce(jsonb_agg(d || '{"originalValue": null, "targetValue": null}'::jsonb
          order by n), '[]'::jsonb) from jsonb_array_elements(${changeRequests.details}) with ordinality as e(d, n))`,
        held: {},
        initiatorComment: null,
        reviewComment: null,
      })
      .where(
        and(
          eq(changeRequests.tenantId, t),
          inArray(changeRequests.contactId, ids),
          sql`(${changeRequests.held} <> '{}'::jsonb or ${changeRequests.initiatorComment} is not null
            or ${changeRequests.reviewComment} is not null
            or jsonb_path_exists(${changeRequests.details}, '$[*] ? (@.originalValue != null || @.targetValue != null)'))`,
        ),
      )
      .returning({ id: changeRequests.contactId }),
  );
  mark(
    await tx.db
      .delete(pendingVerifications)
      .where(and(eq(pendingVerifications.tenantId, t), inArray(pendingVerifications.contactId, ids)))
      .returning({ id: pendingVerifications.contactId }),
  );
  const messages = await tx.db
    .delete(notificationOutbox)
    .where(
      and(
        eq(notificationOutbox.tenantId, t),
        eq(notificationOutbox.entityType, "contact"),
        inArray(notificationOutbox.entityId, ids),
      ),
    )
    .returning({ id: notificationOutbox.entityId });
  mark(messages.flatMap((m) => (m.id ? [{ id: m.id }] : [])));

  // The typo dictionary: the words of the person's current and past values that no other record still uses.
  const past = await tx.db
    .select({ changes: changeSets.changes })
    .from(changeSets)
    .where(
      and(
        eq(changeSets.tenantId, t),
        eq(changeSets.entityType, "contact"),
        inArray(changeSets.entityId, ids),
      ),
    );
  const values = past.flatMap((p) => changesOf(p.changes).flatMap((c) => [c.old, c.new]));
  const words = [
    ...new Set(
      [...texts.map((r) => r.text), ...values.filter((v): v is string => typeof v === "string")]
        .flatMap((text) => foldText(text).split(" "))
        .filter((w) => w.length >= 3 && !/[0-9@]/.test(w)),
    ),
  ];
  if (words.length) await forgetSearchWords(tx, words);

  // History values: every change set of the contacts and their identities keeps its paths, loses its values. A
  // creation's values are stored by path (see `storedChanges`), any other change as a list of field changes.
  const historyOwners = [...ids, ...contactOfIdentity.keys()];
  const created = sql`jsonb_typeof(${changeSets.changes}) = 'object'`;
  const redacted = await tx.db
    .update(changeSets)
    .set({
      changes: sql`case when ${created}
        then (select coalesce(jsonb_object_agg(k, 'null'::jsonb), '{}'::jsonb)
          from jsonb_object_keys(${changeSets.changes}) as k)
        else (select coalesce(jsonb_agg(case when c->>'path' = ${ANONYMIZED_PATH} then c
            else jsonb_build_object('path', c->'path', 'old', null, 'new', null) end order by n), '[]'::jsonb)
          from jsonb_array_elements(${changeSets.changes}) with ordinality as e(c, n)) end`,
    })
    .where(
      and(
        eq(changeSets.tenantId, t),
        inArray(changeSets.entityType, ["contact", "professionalIdentity"]),
        inArray(changeSets.entityId, historyOwners),
        sql`case when ${created} then jsonb_path_exists(${changeSets.changes}, '$.* ? (@ != null)')
          else jsonb_path_exists(${changeSets.changes}, '$[*] ? (@.path != "anonymized" && (@.old != null || @.new != null))') end`,
      ),
    )
    .returning({ entityId: changeSets.entityId });
  mark(redacted.map((r) => ({ id: contactOfIdentity.get(r.entityId) ?? r.entityId })));
  return changed;
}

/** Removes `words` from the tenant's search words unless a contact or organization still has one of them. */
async function forgetSearchWords(tx: Context, words: string[]): Promise<void> {
  const usedBy = (table: "contacts" | "organizations") =>
    sql`exists (select 1 from ${sql.identifier(table)} r where r.tenant_id = ${tx.tenantId}
      and r.search_text like '%' || replace(replace(replace(w.word, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'
      and position(' ' || w.word || ' ' in ' ' || r.search_text || ' ') > 0)`;
  await tx.db.execute(sql`
    delete from search_words w
    where w.tenant_id = ${tx.tenantId} and w.word in ${words}
      and not ${usedBy("contacts")} and not ${usedBy("organizations")}`);
}
