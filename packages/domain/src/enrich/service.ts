import {
  and,
  contactIdentifiers,
  eq,
  or,
  organizationIdentifiers,
  type PgColumn,
  sql,
} from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import { type BulkResult, runBulk } from "../bulk/service";
import { mergeContacts } from "../contacts/merge";
import type { Contact, ContactInput } from "../contacts/model";
import { contactExists, createContact, patchContact, promoteContact } from "../contacts/service";
import {
  IDENTIFIER_TYPES,
  type IdentifierInput,
  type IdentifierType,
  identifierInput,
  ORGANIZATION_IDENTIFIER_TYPES,
} from "../identifiers/model";
import { normalizeIdentifier } from "../identifiers/rules";
import { claimIdentifier, claimOrganizationIdentifier } from "../identifiers/service";
import type { Organization, OrganizationInput } from "../organizations/model";
import { createOrganization, organizationExists, patchOrganization } from "../organizations/service";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { DomainError, type FieldIssue, rejectIssues } from "../shared/errors";
import {
  CONTACT_ENRICH_ACTIONS,
  type ContactEnrichAction,
  type Enriched,
  MATCHING_IDENTIFIERS,
  ORGANIZATION_ENRICH_ACTIONS,
  type OrganizationEnrichAction,
} from "./model";

/**
 * The use cases an enrich is made of (create, update, merge, claim, promote) each check their own permission;
 * within an enrich the enrich permission grants them, as Genesys asks for it alone. The actor stays the
 * caller (history names it) with its divisions.
 */
const asEnrich = (ctx: Context, ...permissions: string[]): Context => ({
  ...ctx,
  actor: { ...ctx.actor, permissions: new Set([...ctx.actor.permissions, ...permissions]) },
});

/** Thrown to roll a dry run back, carrying what it would have returned. */
class DryRunRollback<T> extends Error {
  constructor(readonly result: T) {
    super("dry run");
  }
}

/**
 * Runs `work` in one transaction; a dry run does all of it (every check, lock and write, so it answers as the
 * real call would) and then rolls it back, returning what the call would have returned.
 */
async function transaction<T>(ctx: Context, dryRun: boolean, work: (tx: Context) => Promise<T>): Promise<T> {
  try {
    return await inTransaction(ctx, async (tx) => {
      const result = await work(tx);
      if (dryRun) throw new DryRunRollback(result);
      return result;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.result as T;
    throw error;
  }
}

/**
 * Serializes the enriches of the same identifiers (or records) across the tenant for the rest of the
 * transaction: a transaction-scoped advisory lock per (tenant, kind, key), taken in one order within a call
 * so two enriches of overlapping identifiers cannot deadlock. The second of two enriches of a new identifier
 * waits here, then finds the contact the first one created (READ COMMITTED: its next statement sees the
 * first's commit). Chosen over the identifiers' unique index with a retry: the loser would have done (and
 * rolled back) all its writes first, a merge has no unique value to collide on, and a dry run must wait
 * for the same answer.
 */
async function lockIdentifiers(ctx: Context, kind: string, keys: string[]): Promise<void> {
  const named = [...new Set(keys.map((key) => `enrich:${ctx.tenantId}:${kind}:${key}`))];
  if (named.length === 0) return;
  await ctx.db.execute(sql`select pg_advisory_xact_lock(k) from (
      select distinct hashtextextended(x, 0) as k from unnest(${sql.param(named)}::text[]) as x order by k
    ) as keys`);
}

function validAction<A extends string>(actions: readonly A[], action: string | undefined): A {
  if (action && (actions as readonly string[]).includes(action)) return action as A;
  throw new DomainError("VALIDATION", `action must be one of ${actions.join(", ")}`, [
    { path: "action", message: `must be one of ${actions.join(", ")}` },
  ]);
}

/** The matching identifiers, validated and normalized as claims are (phones in E.164, emails lower-cased). */
function validIdentifiers(
  list: IdentifierInput[] | undefined,
  min: number,
  types: readonly IdentifierType[] = IDENTIFIER_TYPES,
) {
  const issues: FieldIssue[] = [];
  const items = list ?? [];
  if (items.length < min || items.length > MATCHING_IDENTIFIERS.max)
    issues.push({
      path: "matchingIdentifiers",
      message: `between ${min} and ${MATCHING_IDENTIFIERS.max} identifiers are required`,
    });
  const valid: { type: IdentifierType; value: string; sourceId?: string | null }[] = [];
  items.forEach((item, i) => {
    const parsed = identifierInput.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        issues.push({ path: ["matchingIdentifiers", i, ...issue.path].join("."), message: issue.message });
      return;
    }
    const normalized = normalizeIdentifier(parsed.data.type, parsed.data.value);
    if (!types.includes(parsed.data.type))
      issues.push({ path: `matchingIdentifiers.${i}.type`, message: `must be ${types.join(" or ")}` });
    else if ("issue" in normalized)
      issues.push({ path: `matchingIdentifiers.${i}.value`, message: normalized.issue.message });
    else if (!valid.some((v) => v.type === parsed.data.type && v.value === normalized.value))
      valid.push({ ...parsed.data, value: normalized.value });
  });
  rejectIssues(issues);
  return valid;
}

type ValidIdentifier = ReturnType<typeof validIdentifiers>[number];

/** Where a kind of record keeps its identifiers, and whether the caller may see a holder. */
interface Holders {
  entity: "contact" | "organization";
  table: typeof contactIdentifiers;
  holderColumn: PgColumn;
  exists: (ctx: Context, id: string) => Promise<boolean>;
}
const CONTACT_HOLDERS: Holders = {
  entity: "contact",
  table: contactIdentifiers,
  holderColumn: contactIdentifiers.contactId,
  exists: contactExists,
};
const ORGANIZATION_HOLDERS: Holders = {
  entity: "organization",
  // Both tables have the same columns but the holder's.
  table: organizationIdentifiers as unknown as typeof contactIdentifiers,
  holderColumn: organizationIdentifiers.organizationId,
  exists: organizationExists,
};

/**
 * Under the identifiers' locks: the records holding them that the caller may see, in the order of the
 * identifiers (each once), and the identifiers no one holds. `Insert` is refused (409) when one is held;
 * `Update` (404) when no record the caller may see holds one; the others (409) when only records it may
 * not see hold them.
 */
async function holdersOf(tx: Context, kind: Holders, identifiers: ValidIdentifier[], action: string) {
  await lockIdentifiers(
    tx,
    kind.entity,
    identifiers.map((i) => `${i.type}:${i.value}`),
  );
  // The records found are locked too (the same kind of lock, by id), then looked up again: an enrich with other
  // identifiers of the same record (its email here, its phone there) may have merged or changed it meanwhile.
  const locked = new Set<string>();
  for (let round = 0; ; round++) {
    const holders = await lookUp(tx, kind, identifiers);
    const fresh = holders.found.filter((id) => !locked.has(id));
    if (fresh.length === 0) return decide(kind, identifiers, action, holders);
    if (round === 5)
      throw new DomainError("CONFLICT", `The ${kind.entity}s holding these identifiers keep changing: retry`);
    await lockIdentifiers(tx, `${kind.entity}-record`, fresh);
    for (const id of fresh) locked.add(id);
  }
}

/** The visible holders of the identifiers (in their order, each once), the free identifiers, the first hidden one. */
async function lookUp(tx: Context, kind: Holders, identifiers: ValidIdentifier[]) {
  const t = kind.table;
  const held = identifiers.length
    ? await tx.db
        .select({ type: t.type, value: t.value, holderId: kind.holderColumn })
        .from(t)
        .where(
          and(
            eq(t.tenantId, tx.tenantId),
            or(...identifiers.map((i) => and(eq(t.type, i.type), eq(t.value, i.value)))),
          ),
        )
    : [];
  const found: string[] = [];
  const free: ValidIdentifier[] = [];
  /** The first identifier held by a record the caller may see, and by one it cannot (another division's, a deleted one). */
  let shown: number | undefined;
  let hidden: number | undefined;
  for (const [i, identifier] of identifiers.entries()) {
    const holder = held.find((h) => h.type === identifier.type && h.value === identifier.value);
    const id = holder?.holderId as string | undefined;
    if (!id) free.push(identifier);
    else if (found.includes(id)) continue;
    else if (await kind.exists(tx, id)) {
      found.push(id);
      shown ??= i;
    } else hidden ??= i;
  }
  return { found, free, shown, hidden };
}

function decide(
  kind: Holders,
  identifiers: ValidIdentifier[],
  action: string,
  { found, free, shown, hidden }: Awaited<ReturnType<typeof lookUp>>,
) {
  const claimed = (i: number, by: string) => {
    const identifier = identifiers[i]!;
    return new DomainError("CONFLICT", `${identifier.type} ${identifier.value} is already claimed by ${by}`, [
      { path: `matchingIdentifiers.${i}.value`, message: `claimed by ${by}`, conflict: true },
    ]);
  };
  if (action === "Insert" && shown !== undefined) throw claimed(shown, `${kind.entity} ${found[0]}`);
  // A record made now could not claim an identifier held out of the caller's sight, and the next enrich
  // would make another: refused, without naming the holder (as a claim of it is).
  if (hidden !== undefined && (action === "Insert" || (found.length === 0 && action !== "Update")))
    throw claimed(hidden, `another ${kind.entity}`);
  if (found.length === 0 && action === "Update")
    throw new DomainError("NOT_FOUND", `No ${kind.entity} holds any of the matching identifiers`, [], {
      type: kind.entity,
    });
  return { found, free };
}

/**
 * A bulk enrich: each item on its own, in its own transaction, so one failing item never fails the others. A
 * dry run runs every item in one transaction (each in a savepoint, after the ones before it, as the real
 * request would see them) and rolls the whole of it back.
 */
export function enrichBatch<I, T>(
  ctx: Context,
  items: I[],
  dryRun: boolean,
  enrichOne: (ctx: Context, item: I) => Promise<T>,
): Promise<BulkResult<T, I>[]> {
  return dryRun
    ? transaction(ctx, true, (tx) => runBulk(tx, items, enrichOne))
    : runBulk(ctx, items, enrichOne);
}

export interface ContactEnrichRequest {
  action: ContactEnrichAction;
  /** Looked up in this order; the contacts found decide what `action` does. */
  matchingIdentifiers: IdentifierInput[];
  /** A matched contact that is not Curated becomes Curated (Genesys `options.promote`). */
  promote?: boolean;
  /** Do everything, then roll it back: the answer is what the call would have done. */
  dryRun?: boolean;
  /**
   * The contact to write, given the one found (null: a new contact). The dialect combines the data sent with
   * the stored data here, per its field rules.
   */
  inputFor: (found: Contact | null) => ContactInput;
}

/**
 * Genesys contact enrich, atomic (one transaction) and safe under concurrent calls with the same identifiers.
 * The identifiers find contacts in order, then by `action`:
 * - `Insert`: a new contact; 409 when any identifier is already held.
 * - `Update`: updates the first contact found; 404 when none is.
 * - `Upsert`: updates the first contact found, or creates one.
 * - `Merge`: merges every contact found into a new one (in identifier order: the first found gives its values
 *   first), updates it, or creates one when none is found.
 * The contact written then claims every matching identifier no contact holds (one held by another contact
 * stays where it is). An identifier held by a contact the caller cannot see (another division's, a deleted
 * one) is a 409 rather than a reason to create one: a new contact could not claim it, and every later enrich
 * would create another. `created` tells a new contact (201) from an update or merge (200).
 */
export async function enrichContact(ctx: Context, request: ContactEnrichRequest): Promise<Enriched<Contact>> {
  requirePermission(ctx, PERMISSIONS.contactEnrich);
  const action = validAction(CONTACT_ENRICH_ACTIONS, request.action);
  const identifiers = validIdentifiers(request.matchingIdentifiers, 1);
  return transaction(ctx, request.dryRun ?? false, async (tx) => {
    const enrich = asEnrich(
      tx,
      PERMISSIONS.contactView,
      PERMISSIONS.contactAdd,
      PERMISSIONS.contactEdit,
      PERMISSIONS.identityMerge,
      PERMISSIONS.identityPromote,
    );
    const { found, free } = await holdersOf(tx, CONTACT_HOLDERS, identifiers, action);

    let entity: Contact;
    if (found.length === 0) entity = await createContact(enrich, request.inputFor(null));
    else {
      const target =
        action === "Merge" && found.length > 1
          ? (await mergeContacts(enrich, { contactIds: found })).id
          : found[0]!;
      entity = await patchContact(enrich, target, request.inputFor);
      if (request.promote && entity.type !== "Curated") entity = await promoteContact(enrich, entity.id);
    }
    for (const identifier of free) await claimIdentifier(enrich, entity.id, identifier);
    return { entity, created: found.length === 0 };
  });
}

export interface OrganizationEnrichRequest {
  action: OrganizationEnrichAction;
  /** `ExternalId` identifiers, looked up in this order (none: nothing is found). */
  matchingIdentifiers?: IdentifierInput[];
  dryRun?: boolean;
  /** The organization to write, given the one found (null: a new one); see `ContactEnrichRequest`. */
  inputFor: (found: Organization | null) => OrganizationInput;
}

/**
 * Genesys organization enrich, as `enrichContact` without merges: `Insert` creates (409 when an identifier is
 * held), `Update` updates the first organization found (404 when none is), `Upsert` updates it or creates one;
 * the organization written then claims the identifiers no one holds.
 */
export async function enrichOrganization(
  ctx: Context,
  request: OrganizationEnrichRequest,
): Promise<Enriched<Organization>> {
  requirePermission(ctx, PERMISSIONS.organizationEnrich);
  const action = validAction(ORGANIZATION_ENRICH_ACTIONS, request.action);
  const identifiers = validIdentifiers(request.matchingIdentifiers, 0, ORGANIZATION_IDENTIFIER_TYPES);
  return transaction(ctx, request.dryRun ?? false, async (tx) => {
    const enrich = asEnrich(
      tx,
      PERMISSIONS.organizationView,
      PERMISSIONS.organizationAdd,
      PERMISSIONS.organizationEdit,
    );
    const { found, free } = await holdersOf(tx, ORGANIZATION_HOLDERS, identifiers, action);
    const entity = found[0]
      ? await patchOrganization(enrich, found[0], request.inputFor)
      : await createOrganization(enrich, request.inputFor(null));
    for (const identifier of free) await claimOrganizationIdentifier(enrich, entity.id, identifier);
    return { entity, created: found.length === 0 };
  });
}
