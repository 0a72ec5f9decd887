import {
  and,
  asc,
  contacts,
  desc,
  eq,
  inArray,
  type NoteRow,
  notes,
  or,
  organizations,
  type SQL,
} from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import { contactExists } from "../contacts/service";
import { diff, recordChangeSet } from "../history";
import { organizationExists } from "../organizations/service";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { notFound } from "../shared/errors";
import { isUuid } from "../shared/ids";
import { keysetPage, pageOf, type ScanInput, scanInput, visibleIn } from "../shared/records";
import { nextModifiedAt, requireModifiedAt, type WriteCondition } from "../shared/revisions";
import { parseInput } from "../shared/validation";
import {
  type Note,
  type NoteInput,
  type NoteListInput,
  type NoteParent,
  noteInput,
  noteListInput,
} from "./model";

const ENTITY = "note";

/** Notes inherit their parent's permissions: reading needs its view, any write its edit (as Genesys does). */
const permissionFor = (parent: NoteParent, access: "view" | "edit") =>
  parent.type === "contact"
    ? access === "view"
      ? PERMISSIONS.contactView
      : PERMISSIONS.contactEdit
    : access === "view"
      ? PERMISSIONS.organizationView
      : PERMISSIONS.organizationEdit;

async function requireParent(ctx: Context, parent: NoteParent): Promise<void> {
  const exists = parent.type === "contact" ? contactExists : organizationExists;
  if (!(await exists(ctx, parent.id))) throw notFound(parent.type, parent.id);
}

const toNote = (row: NoteRow): Note => ({
  id: row.id,
  entityType: row.entityType,
  entityId: row.entityId,
  text: row.text,
  createdById: row.createdById,
  createdByName: row.createdByName,
  createdAt: row.createdAt,
  modifiedAt: row.modifiedAt,
});

/** Notes have no division of their own: an actor limited to some divisions sees the notes of what it sees. */
function visibleNotes(ctx: Context): SQL | undefined {
  if (!ctx.actor.divisionIds) return undefined;
  const idsOf = (table: typeof contacts | typeof organizations) =>
    ctx.db
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.tenantId, ctx.tenantId), visibleIn(ctx, table.divisionId)));
  return or(
    and(eq(notes.entityType, "contact"), inArray(notes.entityId, idsOf(contacts))),
    and(eq(notes.entityType, "organization"), inArray(notes.entityId, idsOf(organizations))),
  );
}

const ofParent = (ctx: Context, parent: NoteParent) =>
  and(eq(notes.tenantId, ctx.tenantId), eq(notes.entityType, parent.type), eq(notes.entityId, parent.id));

async function findRow(ctx: Context, parent: NoteParent, id: string, forUpdate = false): Promise<NoteRow> {
  if (!isUuid(id)) throw notFound(ENTITY, id);
  const query = ctx.db
    .select()
    .from(notes)
    .where(and(ofParent(ctx, parent), eq(notes.id, id)));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound(ENTITY, id);
  return row;
}

export async function listNotes(ctx: Context, parent: NoteParent, params: NoteListInput = {}) {
  requirePermission(ctx, permissionFor(parent, "view"));
  const { pageSize, pageNumber, direction } = parseInput(noteListInput, params);
  await requireParent(ctx, parent);
  const order = direction === "asc" ? asc : desc;
  const { rows, total } = await pageOf<NoteRow>(
    ctx,
    notes,
    ofParent(ctx, parent),
    [order(notes.createdAt), order(notes.id)],
    { pageSize, pageNumber },
  );
  return { entities: rows.map(toNote), total, pageSize, pageNumber };
}

export async function getNote(ctx: Context, parent: NoteParent, id: string): Promise<Note> {
  requirePermission(ctx, permissionFor(parent, "view"));
  await requireParent(ctx, parent);
  return toNote(await findRow(ctx, parent, id));
}

export async function addNote(ctx: Context, parent: NoteParent, input: NoteInput): Promise<Note> {
  requirePermission(ctx, permissionFor(parent, "edit"));
  const valid = parseInput(noteInput, input);
  return inTransaction(ctx, async (tx) => {
    await requireParent(tx, parent);
    const [row] = await tx.db
      .insert(notes)
      .values({
        tenantId: tx.tenantId,
        entityType: parent.type,
        entityId: parent.id,
        text: valid.text,
        createdById: valid.createdById ?? tx.actor.id,
        createdByName: valid.createdById && valid.createdById !== tx.actor.id ? null : tx.actor.name,
      })
      .returning();
    const note = toNote(row!);
    await recordChangeSet(tx, {
      entityType: ENTITY,
      entityId: note.id,
      action: "create",
      changes: diff({}, { entityType: note.entityType, entityId: note.entityId, text: note.text }),
    });
    return note;
  });
}

/** The note locked for a write, after checking the caller's condition on it. */
async function lockRow(tx: Context, parent: NoteParent, id: string, condition: WriteCondition) {
  const row = await findRow(tx, parent, id, true);
  requireModifiedAt({ type: ENTITY, id }, row.modifiedAt, condition.expectedModifiedAt);
  return row;
}

export async function updateNote(
  ctx: Context,
  parent: NoteParent,
  id: string,
  input: NoteInput,
  condition: WriteCondition = {},
): Promise<Note> {
  requirePermission(ctx, permissionFor(parent, "edit"));
  const valid = parseInput(noteInput, input);
  return inTransaction(ctx, async (tx) => {
    await requireParent(tx, parent);
    return writeUpdate(tx, parent, await lockRow(tx, parent, id, condition), valid);
  });
}

/** A partial update: `edit` turns the current note (read under a row lock) into the input `updateNote` takes. */
export async function patchNote(
  ctx: Context,
  parent: NoteParent,
  id: string,
  edit: (current: Note) => NoteInput,
  condition: WriteCondition = {},
): Promise<Note> {
  requirePermission(ctx, permissionFor(parent, "edit"));
  return inTransaction(ctx, async (tx) => {
    await requireParent(tx, parent);
    const before = await lockRow(tx, parent, id, condition);
    return writeUpdate(tx, parent, before, parseInput(noteInput, edit(toNote(before))));
  });
}

async function writeUpdate(
  tx: Context,
  parent: NoteParent,
  before: NoteRow,
  valid: { text: string },
): Promise<Note> {
  if (before.text === valid.text) return toNote(before);
  const [row] = await tx.db
    .update(notes)
    .set({ text: valid.text, modifiedAt: nextModifiedAt(before.modifiedAt) })
    .where(and(ofParent(tx, parent), eq(notes.id, before.id)))
    .returning();
  await recordChangeSet(tx, {
    entityType: ENTITY,
    entityId: before.id,
    action: "update",
    changes: [{ path: "text", old: before.text, new: valid.text }],
  });
  return toNote(row!);
}

export async function deleteNote(
  ctx: Context,
  parent: NoteParent,
  id: string,
  condition: WriteCondition = {},
): Promise<void> {
  requirePermission(ctx, permissionFor(parent, "edit"));
  await inTransaction(ctx, async (tx) => {
    await requireParent(tx, parent);
    const before = await lockRow(tx, parent, id, condition);
    await tx.db.delete(notes).where(and(ofParent(tx, parent), eq(notes.id, id)));
    await recordChangeSet(tx, {
      entityType: ENTITY,
      entityId: id,
      action: "delete",
      changes: [{ path: "text", old: before.text, new: null }],
    });
  });
}

/** Every note of the tenant in a stable order, a page at a time (Genesys scan). */
export async function scanNotes(ctx: Context, params: ScanInput = {}) {
  requirePermission(ctx, PERMISSIONS.contactView);
  const { limit, cursor } = parseInput(scanInput, params);
  const { rows, nextCursor } = await keysetPage<NoteRow>(
    ctx,
    notes,
    notes.number,
    and(eq(notes.tenantId, ctx.tenantId), visibleNotes(ctx)),
    { limit, cursor },
  );
  return { entities: rows.map(toNote), nextCursor };
}

/** The contact or organization a note hangs off (for callers that address notes by id alone, like bulk). */
export async function noteParentOf(ctx: Context, id: string): Promise<NoteParent> {
  if (!isUuid(id)) throw notFound(ENTITY, id);
  const [row] = await ctx.db
    .select({ type: notes.entityType, id: notes.entityId })
    .from(notes)
    .where(and(eq(notes.tenantId, ctx.tenantId), eq(notes.id, id)));
  if (!row) throw notFound(ENTITY, id);
  return row;
}
