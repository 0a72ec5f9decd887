import { PERMISSIONS } from "../access/permissions";
import { type Contact, patchContact } from "../contacts";
import { type Organization, patchOrganization } from "../organizations";
import { type Context, requirePermission } from "../shared/context";
import { notFound } from "../shared/errors";
import { parseInput } from "../shared/validation";
import { type ContactPoint, type ContactPointInput, contactPointInput, type PointKind } from "./model";

// Per-point writes. Each one is a partial update of its owner (`patchContact` / `patchOrganization`): the
// owner's row lock, version, derived columns and change set come with it, in one transaction.

export interface PointOwner {
  kind: "contact" | "organization";
  id: string;
}

const LISTS = { phone: "phones", email: "emails", address: "addresses", web: "webAddresses" } as const;
type Lists = Pick<Contact & Organization, (typeof LISTS)[PointKind]>;

const editPermission = (owner: PointOwner) =>
  owner.kind === "contact" ? PERMISSIONS.contactEdit : PERMISSIONS.organizationEdit;

/** Runs `edit` on the owner's point lists (under its row lock) and writes the result as an update. */
async function editPoints(
  ctx: Context,
  owner: PointOwner,
  edit: (lists: Lists) => Partial<Record<keyof Lists, unknown[]>>,
): Promise<Lists> {
  if (owner.kind === "contact")
    return patchContact(ctx, owner.id, (current) => ({ ...current, ...edit(current) }) as never);
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

/** Deletes one point of its owner; 404 when the owner has no such point. */
export async function deleteContactPoint(ctx: Context, owner: PointOwner, pointId: string): Promise<void> {
  requirePermission(ctx, editPermission(owner));
  await editPoints(ctx, owner, (lists) => {
    const kind = (Object.keys(LISTS) as PointKind[]).find((k) => pointOf(lists, k, pointId));
    if (!kind) throw notFound("contact point", pointId);
    return { [LISTS[kind]]: lists[LISTS[kind]].filter((p) => p.id !== pointId) };
  });
}
