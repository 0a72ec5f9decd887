import {
  and,
  asc,
  desc,
  eq,
  inArray,
  members,
  organizations,
  type RelationshipRow,
  relationships,
  type SQL,
} from "@switchboard/db";
import type { z } from "zod";
import { PERMISSIONS } from "../access/permissions";
import { diff, recordChangeSet } from "../history";
import { organizationExists } from "../organizations/service";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { type FieldIssue, notFound, validationFailed } from "../shared/errors";
import { isUuid } from "../shared/ids";
import { keysetPage, pageOf, type ScanInput, scanInput, visibleIn } from "../shared/records";
import { nextModifiedAt, requireModifiedAt, type WriteCondition } from "../shared/revisions";
import { parseInput } from "../shared/validation";
import {
  type Relationship,
  type RelationshipInput,
  type RelationshipListInput,
  relationshipInput,
  relationshipListInput,
} from "./model";

const ENTITY = "relationship";

const toRelationship = (row: RelationshipRow): Relationship => ({
  id: row.id,
  organizationId: row.organizationId,
  memberId: row.memberId,
  relationship: row.relationship,
  createdAt: row.createdAt,
  modifiedAt: row.modifiedAt,
});

const historyFields = (r: Pick<Relationship, "organizationId" | "memberId" | "relationship">) => ({
  organizationId: r.organizationId,
  memberId: r.memberId,
  relationship: r.relationship,
});

async function checkReferences(ctx: Context, input: { organizationId: string; memberId: string }) {
  const issues: FieldIssue[] = [];
  if (!(await organizationExists(ctx, input.organizationId))) {
    issues.push({ path: "organizationId", message: `organization ${input.organizationId} does not exist` });
  }
  const [member] = await ctx.db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.tenantId, ctx.tenantId), eq(members.id, input.memberId)));
  if (!member) issues.push({ path: "memberId", message: `user ${input.memberId} does not exist` });
  if (issues.length) throw validationFailed(issues);
}

/** Relationships follow their organization's division: a limited actor sees those of organizations it sees. */
function visibleRelationships(ctx: Context): SQL | undefined {
  if (!ctx.actor.divisionIds) return undefined;
  return inArray(
    relationships.organizationId,
    ctx.db
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.tenantId, ctx.tenantId), visibleIn(ctx, organizations.divisionId))),
  );
}

async function findRow(ctx: Context, id: string, forUpdate = false): Promise<RelationshipRow> {
  if (!isUuid(id)) throw notFound(ENTITY, id);
  const query = ctx.db
    .select()
    .from(relationships)
    .where(
      and(eq(relationships.tenantId, ctx.tenantId), visibleRelationships(ctx), eq(relationships.id, id)),
    );
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound(ENTITY, id);
  return row;
}

/** The relationship locked for a write, after checking the caller's condition on it. */
async function lockRow(tx: Context, id: string, condition: WriteCondition): Promise<RelationshipRow> {
  const row = await findRow(tx, id, true);
  requireModifiedAt({ type: ENTITY, id }, row.modifiedAt, condition.expectedModifiedAt);
  return row;
}

export async function getRelationship(ctx: Context, id: string): Promise<Relationship> {
  requirePermission(ctx, PERMISSIONS.organizationView);
  return toRelationship(await findRow(ctx, id));
}

export async function listOrganizationRelationships(
  ctx: Context,
  organizationId: string,
  params: RelationshipListInput = {},
) {
  requirePermission(ctx, PERMISSIONS.organizationView);
  const { pageSize, pageNumber, sort } = parseInput(relationshipListInput, params);
  if (!(await organizationExists(ctx, organizationId))) throw notFound("organization", organizationId);
  const where = and(
    eq(relationships.tenantId, ctx.tenantId),
    eq(relationships.organizationId, organizationId),
  );
  const order = sort?.direction === "desc" ? desc : asc;
  const column = sort?.field === "relationship" ? relationships.relationship : relationships.createdAt;
  const { rows, total } = await pageOf<RelationshipRow>(
    ctx,
    relationships,
    where,
    [order(column), asc(relationships.id)],
    { pageSize, pageNumber },
  );
  return { entities: rows.map(toRelationship), total, pageSize, pageNumber };
}

export async function createRelationship(ctx: Context, input: RelationshipInput): Promise<Relationship> {
  requirePermission(ctx, PERMISSIONS.organizationEdit);
  const valid = parseInput(relationshipInput, input);
  return inTransaction(ctx, async (tx) => {
    await checkReferences(tx, valid);
    const [row] = await tx.db
      .insert(relationships)
      .values({ tenantId: tx.tenantId, ...valid })
      .returning();
    const created = toRelationship(row!);
    await recordChangeSet(tx, {
      entityType: ENTITY,
      entityId: created.id,
      action: "create",
      changes: diff({}, historyFields(created)),
    });
    return created;
  });
}

export async function updateRelationship(
  ctx: Context,
  id: string,
  input: RelationshipInput,
  condition: WriteCondition = {},
): Promise<Relationship> {
  requirePermission(ctx, PERMISSIONS.organizationEdit);
  const valid = parseInput(relationshipInput, input);
  return inTransaction(ctx, async (tx) => writeUpdate(tx, await lockRow(tx, id, condition), valid));
}

/** A partial update: `edit` turns the current relationship (read under a row lock) into the full input. */
export async function patchRelationship(
  ctx: Context,
  id: string,
  edit: (current: Relationship) => RelationshipInput,
  condition: WriteCondition = {},
): Promise<Relationship> {
  requirePermission(ctx, PERMISSIONS.organizationEdit);
  return inTransaction(ctx, async (tx) => {
    const before = await lockRow(tx, id, condition);
    return writeUpdate(tx, before, parseInput(relationshipInput, edit(toRelationship(before))));
  });
}

async function writeUpdate(
  tx: Context,
  before: RelationshipRow,
  valid: z.output<typeof relationshipInput>,
): Promise<Relationship> {
  await checkReferences(tx, valid);
  const changes = diff(historyFields(before), historyFields(valid));
  if (changes.length === 0) return toRelationship(before);
  const [row] = await tx.db
    .update(relationships)
    .set({ ...valid, modifiedAt: nextModifiedAt(before.modifiedAt) })
    .where(and(eq(relationships.tenantId, tx.tenantId), eq(relationships.id, before.id)))
    .returning();
  await recordChangeSet(tx, { entityType: ENTITY, entityId: before.id, action: "update", changes });
  return toRelationship(row!);
}

/** Deleting needs the organization edit permission, not delete (as Genesys documents). */
export async function deleteRelationship(
  ctx: Context,
  id: string,
  condition: WriteCondition = {},
): Promise<void> {
  requirePermission(ctx, PERMISSIONS.organizationEdit);
  await inTransaction(ctx, async (tx) => {
    const before = await lockRow(tx, id, condition);
    await tx.db
      .delete(relationships)
      .where(and(eq(relationships.tenantId, tx.tenantId), eq(relationships.id, id)));
    await recordChangeSet(tx, {
      entityType: ENTITY,
      entityId: id,
      action: "delete",
      changes: diff(historyFields(before), {}),
    });
  });
}

/** Every relationship of the tenant in a stable order, a page at a time (Genesys scan). */
export async function scanRelationships(ctx: Context, params: ScanInput = {}) {
  requirePermission(ctx, PERMISSIONS.contactView);
  const { limit, cursor } = parseInput(scanInput, params);
  const { rows, nextCursor } = await keysetPage<RelationshipRow>(
    ctx,
    relationships,
    relationships.number,
    and(eq(relationships.tenantId, ctx.tenantId), visibleRelationships(ctx)),
    { limit, cursor },
  );
  return { entities: rows.map(toRelationship), nextCursor };
}
