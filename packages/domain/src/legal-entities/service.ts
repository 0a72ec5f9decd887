import {
  and,
  dfsDetails,
  eq,
  type FieldChange,
  organizations,
  professionalIdentities,
  sql,
} from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import { getContact } from "../contacts/service";
import { DETAILS_HISTORY_PREFIX } from "../details-schemas/contact-details";
import type { DetailsSchema } from "../details-schemas/model";
import {
  detailsIssues,
  flattenDetails,
  jsonSchemaOf,
  mergeDetails,
  nestDetails,
} from "../details-schemas/rules";
import { detailsSchemaFrom, detailsSchemaJson, detailsSchemaOf } from "../details-schemas/service";
import { recordChangeSet } from "../history";
import type { RecordRef } from "../numbers/rules";
import { createOrganization, type Organization, patchOrganization } from "../organizations";
import { createProfessionalIdentity } from "../professional-identities/service";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { type FieldIssue, notFound, rejectIssues, validationFailed } from "../shared/errors";
import { perHandle, scopeValues, statementContext } from "../shared/prepared";
import { readableRows, refCondition } from "../shared/record-reads";

/**
 * DFS legal entities (§4.10, cross-dialect contract §4): organizations. The `legal-entity` schema's bound
 * fields read and write the organization (`name`); the others live in the organization's DFS details
 * document. The contacts given at creation become professional identities on the organization that carry
 * their DFS access policies. The legal entity's int id, and its `contactGroupId`, are the organization's number.
 */

/** The tenant's access policies: v1.1 names them by key, v1.0 by id. */
export const ACCESS_POLICIES = [
  { id: 1, key: "Owner" },
  { id: 2, key: "Representative" },
  { id: 3, key: "Viewer" },
] as const;

/** A policy key as stored (its canonical spelling), from a key in any case or a v1.0 id; null when unknown. */
export function accessPolicyKey(which: string | number): string | null {
  const found = ACCESS_POLICIES.find((p) =>
    typeof which === "number" ? p.id === which : p.key.toLowerCase() === which.trim().toLowerCase(),
  );
  return found?.key ?? null;
}

export interface LegalEntityContact {
  /** The contact's uuid. */
  contactId: string;
  /** Keys (v1.1) or ids (v1.0) of access policies. */
  accessPolicies: (string | number)[];
  share?: number | null;
}

export interface LegalEntity {
  id: string;
  number: number;
  details: Record<string, unknown>;
}

const bindingOf = (schema: DetailsSchema) =>
  new Map(schema.definition.fields.flatMap((f) => (f.binding ? [[f.key, f.binding] as const] : [])));

/** The organization's bound values by DFS path (only `name` binds to an organization). */
function boundPaths(schema: DetailsSchema, organization: Pick<Organization, "name">) {
  const out = new Map<string, unknown>();
  for (const [path, canonical] of bindingOf(schema))
    if (canonical === "name" && organization.name) out.set(path, organization.name);
  return out;
}

async function storedDocument(ctx: Context, organizationId: string): Promise<Record<string, unknown>> {
  const [row] = await ctx.db
    .select({ details: dfsDetails.details })
    .from(dfsDetails)
    .where(
      and(
        eq(dfsDetails.tenantId, ctx.tenantId),
        eq(dfsDetails.ownerKind, "organization"),
        eq(dfsDetails.ownerId, organizationId),
      ),
    );
  return row?.details ?? {};
}

async function detailsOf(ctx: Context, schema: DetailsSchema, organization: Organization) {
  return detailsFrom(schema, organization, await storedDocument(ctx, organization.id));
}

/** The details of `organization` under `schema`: its stored `document` with the bound paths from the organization. */
function detailsFrom(
  schema: DetailsSchema,
  organization: Pick<Organization, "name">,
  document: Record<string, unknown>,
) {
  const paths = flattenDetails(document);
  for (const path of bindingOf(schema).keys()) paths.delete(path);
  for (const [path, value] of boundPaths(schema, organization)) paths.set(path, value);
  return nestDetails(paths);
}

/**
 * The legal entity's details (#37) by organization uuid or number (the DFS `legalEntityId`): bound values from
 * the organization, the rest from its document, in one statement with the schema in force. A deleted
 * organization, or one outside the caller's divisions, is not found.
 */
export async function getLegalEntity(ctx: Context, ref: string | RecordRef): Promise<LegalEntity> {
  requirePermission(ctx, PERMISSIONS.organizationView);
  const named = typeof ref === "string" ? { id: ref } : ref;
  const missing = () => notFound("organization", "id" in named ? named.id : String(named.number));
  if (!refCondition(organizations, named)) throw missing();
  const [row] =
    "id" in named
      ? await entityById(ctx.db).execute({ ...scopeValues(ctx), id: named.id })
      : await entityByNumber(ctx.db).execute({ ...scopeValues(ctx), number: named.number });
  if (!row) throw missing();
  const document = (typeof row.document === "string" ? JSON.parse(row.document) : row.document) ?? {};
  const schema = detailsSchemaFrom(ctx, "legal-entity", row.schema);
  return { id: row.id, number: row.number, details: detailsFrom(schema, row, document) };
}

/** A live organization's name, its details document and the legal-entity schema in force, by `key`, built once. */
const legalEntityBy = (key: "id" | "number") =>
  perHandle((db) => {
    const on = statementContext(db);
    return db
      .select({
        id: organizations.id,
        number: organizations.number,
        name: organizations.name,
        schema: detailsSchemaJson(on, "legal-entity"),
        document: sql<unknown>`(select d.details from dfs_details d where d.tenant_id = ${on.tenantId}
          and d.owner_kind = 'organization' and d.owner_id = ${sql`${organizations.id}`})`,
      })
      .from(organizations)
      .where(and(readableRows(on, organizations, false), eq(organizations[key], sql.placeholder(key))))
      .prepare(`legal_entity_by_${key}`);
  });
const entityById = legalEntityBy("id");
const entityByNumber = legalEntityBy("number");

/**
 * The legal entity as seen by a contact (#39): not found unless the contact is associated with it (a
 * professional identity on the organization).
 */
export async function getLegalEntityOfContact(
  ctx: Context,
  contactId: string,
  organizationId: string,
): Promise<LegalEntity> {
  requirePermission(ctx, PERMISSIONS.contactView, PERMISSIONS.organizationView);
  const contact = await getContact(ctx, contactId);
  const entity = await getLegalEntity(ctx, organizationId);
  const [link] = await ctx.db
    .select({ id: professionalIdentities.id })
    .from(professionalIdentities)
    .where(
      and(
        eq(professionalIdentities.tenantId, ctx.tenantId),
        eq(professionalIdentities.contactId, contact.id),
        eq(professionalIdentities.organizationId, entity.id),
      ),
    )
    .limit(1);
  if (!link) throw notFound("legal entity", `${organizationId} of contact ${contactId}`);
  return entity;
}

/** `details` must be an object valid under the schema's JSON Schema (400 naming each bad path). */
function checkDetails(schema: DetailsSchema, details: unknown): Map<string, unknown> {
  if (!details || typeof details !== "object" || Array.isArray(details))
    throw validationFailed([{ path: "details", message: "must be an object" }]);
  rejectIssues(detailsIssues(jsonSchemaOf(schema.definition), details));
  return flattenDetails(details);
}

/** The bound `name` a details object gives the organization (required: every organization has a name). */
function nameIn(schema: DetailsSchema, paths: Map<string, unknown>): string {
  for (const [path, canonical] of bindingOf(schema))
    if (canonical === "name") {
      const value = paths.get(path);
      if (typeof value === "string" && value.trim()) return value.trim();
      throw validationFailed([{ path: `details.${path}`, message: "is required" }]);
    }
  throw validationFailed([
    { path: "details", message: "the legal-entity schema binds no field to the name" },
  ]);
}

/** Writes the unbound paths into the organization's DFS details document, with their history. */
async function writeDocument(
  tx: Context,
  schema: DetailsSchema,
  organizationId: string,
  target: Map<string, unknown>,
): Promise<void> {
  const bound = bindingOf(schema);
  const before = flattenDetails(await storedDocument(tx, organizationId));
  const after = new Map([...target].filter(([p]) => !bound.has(p)));
  const changes: FieldChange[] = [];
  for (const p of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const a = before.get(p) ?? null;
    const b = after.get(p) ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b))
      changes.push({ path: `${DETAILS_HISTORY_PREFIX}.${p}`, old: a, new: b });
  }
  if (!changes.length) return;
  const details = nestDetails(after);
  await tx.db
    .insert(dfsDetails)
    .values({
      tenantId: tx.tenantId,
      ownerKind: "organization",
      ownerId: organizationId,
      details,
      schemaVersion: schema.version,
    })
    .onConflictDoUpdate({
      target: [dfsDetails.tenantId, dfsDetails.ownerKind, dfsDetails.ownerId],
      set: { details, schemaVersion: schema.version, modifiedAt: new Date() },
    });
  await recordChangeSet(tx, {
    entityType: "organization",
    entityId: organizationId,
    action: "update",
    changes,
  });
}

/**
 * Creates a legal entity (#40, #41): an organization named by the details' bound name, its other details, and
 * a professional identity per listed contact carrying its access policies (and v1.0 share). 400 for invalid
 * details, an unknown access policy or a contact listed twice; 404 for an unknown contact. One transaction.
 */
export async function createLegalEntity(
  ctx: Context,
  input: { details: unknown; contacts?: LegalEntityContact[] | null },
): Promise<LegalEntity> {
  requirePermission(ctx, PERMISSIONS.organizationAdd);
  const contacts = input.contacts ?? [];
  if (contacts.length) requirePermission(ctx, PERMISSIONS.contactEdit);
  const schema = await detailsSchemaOf(ctx, "legal-entity");
  const paths = checkDetails(schema, input.details);
  const name = nameIn(schema, paths);
  const issues: FieldIssue[] = [];
  const policies = contacts.map((c, i) =>
    c.accessPolicies.map((p, j) => {
      const key = accessPolicyKey(p);
      if (!key)
        issues.push({ path: `contacts.${i}.accessPolicies.${j}`, message: `${p} is not an access policy` });
      return key ?? "";
    }),
  );
  contacts.forEach((c, i) => {
    if (contacts.findIndex((o) => o.contactId === c.contactId) !== i)
      issues.push({ path: `contacts.${i}.contactId`, message: "is listed twice" });
  });
  if (issues.length) throw validationFailed(issues);
  return inTransaction(ctx, async (tx) => {
    const organization = await createOrganization(tx, { name });
    await writeDocument(tx, schema, organization.id, paths);
    for (const [i, c] of contacts.entries())
      await createProfessionalIdentity(tx, c.contactId, {
        organizationId: organization.id,
        accessPolicyKeys: [...new Set(policies[i])],
        share: c.share ?? null,
      });
    return {
      id: organization.id,
      number: organization.number,
      details: await detailsOf(tx, schema, organization),
    };
  });
}

/**
 * Updates a legal entity's details (#38): `replace` takes `details` as the whole document, `merge` merges it
 * into the current one (PATCH). The result is validated as a whole; the bound name goes to the organization.
 */
export async function updateLegalEntity(
  ctx: Context,
  organizationId: string,
  details: unknown,
  mode: "replace" | "merge" = "replace",
): Promise<LegalEntity> {
  requirePermission(ctx, PERMISSIONS.organizationEdit);
  return inTransaction(ctx, async (tx) => {
    const current = await getLegalEntity(tx, organizationId);
    const schema = await detailsSchemaOf(tx, "legal-entity");
    const next = mode === "merge" ? mergeDetails(current.details, details) : details;
    const paths = checkDetails(schema, next);
    const name = nameIn(schema, paths);
    const organization = await patchOrganization(tx, current.id, (o) => ({ ...o, name }) as never);
    await writeDocument(tx, schema, organization.id, paths);
    return {
      id: organization.id,
      number: organization.number,
      details: await detailsOf(tx, schema, organization),
    };
  });
}
