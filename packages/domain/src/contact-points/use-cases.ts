import { PERMISSIONS } from "../access/permissions";
import { type Contact, patchContact, readContact } from "../contacts";
import { type Organization, patchOrganization, readOrganization } from "../organizations";
import { editProfessionalIdentityPoints, professionalIdentityPoints } from "../professional-identities";
import { refuseReferencedAddress } from "../profile/roles";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { notFound } from "../shared/errors";
import { parseInput } from "../shared/validation";
import { type ContactPoint, type ContactPointInput, contactPointInput, type PointKind } from "./model";

// Per-point writes. Each one is a partial update of its owner (`patchContact` / `patchOrganization`): the
// owner's row lock, version, derived columns and change set come with it, in one transaction.

/** A contact, an organization, or a person's professional identity (`contactId` is the person's). */
export type PointOwner =
  | { kind: "contact" | "organization"; id: string }
  | { kind: "identity"; contactId: string; id: string };

const LISTS = { phone: "phones", email: "emails", address: "addresses", web: "webAddresses" } as const;
type Lists = Pick<Contact & Organization, (typeof LISTS)[PointKind]>;

const editPermission = (owner: PointOwner) =>
  owner.kind === "organization" ? PERMISSIONS.organizationEdit : PERMISSIONS.contactEdit;

/** Runs `edit` on the owner's point lists (under its row lock) and writes the result as an update. */
async function editPoints(
  ctx: Context,
  owner: PointOwner,
  edit: (lists: Lists) => Partial<Record<keyof Lists, unknown[]>>,
): Promise<Lists> {
  if (owner.kind === "contact")
    return patchContact(ctx, owner.id, (current) => ({ ...current, ...edit(current) }) as never);
  if (owner.kind === "identity") return editProfessionalIdentityPoints(ctx, owner.contactId, owner.id, edit);
  return patchOrganization(ctx, owner.id, (current) => ({ ...current, ...edit(current) }) as never);
}

const pointOf = (lists: Lists, kind: PointKind, id: string) =>
  (lists[LISTS[kind]] as { id: string }[]).find((p) => p.id === id);

const withKind = (kind: PointKind, point: object) => ({ kind, ...point }) as ContactPoint;

/** Adds a phone, email, address or web address to a contact or organization; answers it with its new id. */
export async function addContactPoint(
  ctx: Context,
  owner: PointOwner,
  input: ContactPointInput,
): Promise<ContactPoint> {
  requirePermission(ctx, editPermission(owner));
  const { kind, id: _ignored, ...point } = parseInput(contactPointInput, input);
  const list = LISTS[kind];
  let before = new Set<string>();
  const after = await editPoints(ctx, owner, (lists) => {
    before = new Set(lists[list].map((p) => p.id));
    return { [list]: [...lists[list], point] };
  });
  const added = (after[list] as { id: string }[]).find((p) => !before.has(p.id));
  if (!added) throw new Error("the added contact point was not stored");
  return withKind(kind, added);
}

/** Replaces one point of its owner in place (its id kept); 404 when the owner has no such point of that kind. */
export async function updateContactPoint(
  ctx: Context,
  owner: PointOwner,
  pointId: string,
  input: ContactPointInput,
): Promise<ContactPoint> {
  requirePermission(ctx, editPermission(owner));
  const { kind, ...point } = parseInput(contactPointInput, input);
  const list = LISTS[kind];
  const after = await editPoints(ctx, owner, (lists) => {
    if (!pointOf(lists, kind, pointId)) throw notFound("contact point", pointId);
    return { [list]: lists[list].map((p) => (p.id === pointId ? { ...point, id: pointId } : p)) };
  });
  return withKind(kind, pointOf(after, kind, pointId)!);
}

/**
 * Deletes one point of its owner; 404 when the owner has no such point. An address the owner's customer role
 * uses in a delivery and invoicing configuration stays (422).
 */
export async function deleteContactPoint(ctx: Context, owner: PointOwner, pointId: string): Promise<void> {
  requirePermission(ctx, editPermission(owner));
  // One transaction: the check holds the owner's row lock, which a role PUT naming the address also takes.
  await inTransaction(ctx, async (tx) => {
    if (owner.kind !== "identity") await refuseReferencedAddress(tx, owner, pointId);
    await editPoints(tx, owner, (lists) => {
      const kind = (Object.keys(LISTS) as PointKind[]).find((k) => pointOf(lists, k, pointId));
      if (!kind) throw notFound("contact point", pointId);
      return { [LISTS[kind]]: lists[LISTS[kind]].filter((p) => p.id !== pointId) };
    });
  });
}

/**
 * The points of a live owner (a soft-deleted contact or organization, or a PI of one, is not found), each
 * kind in position order. A contact merged into another reads as the surviving one.
 */
export async function listContactPoints(ctx: Context, owner: PointOwner): Promise<Lists> {
  if (owner.kind === "identity") return professionalIdentityPoints(ctx, owner.contactId, owner.id);
  if (owner.kind === "contact") return readContact(ctx, { id: owner.id });
  return readOrganization(ctx, { id: owner.id });
}

/** One point of an owner by id and kind; 404 when the owner has no such point of that kind. */
export async function getContactPoint(
  ctx: Context,
  owner: PointOwner,
  kind: PointKind,
  pointId: string,
): Promise<ContactPoint> {
  const point = pointOf(await listContactPoints(ctx, owner), kind, pointId);
  if (!point) throw notFound("contact point", pointId);
  return withKind(kind, point);
}
