import { and, asc, eq, type ProfileImageRow, profileImages, sql } from "@switchboard/db";
import { PERMISSIONS } from "../access/permissions";
import { recordChangeSet } from "../history";
import { requireLivePlaceholderCustomer } from "../placeholder-customers/service";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { notFound, validationFailed } from "../shared/errors";
import { isUuid } from "../shared/ids";
import { parseInput } from "../shared/validation";
import {
  type Image,
  type ImageInput,
  type ImageSummary,
  imageInput,
  MAX_IMAGE_BYTES,
  type ProfileOwner,
} from "./model";
import { historyOf, requireOwner } from "./owners";

/** Images belong to contacts, organizations and enfore placeholder customers. */
export type ImageOwner = ProfileOwner | { kind: "placeholderCustomer"; id: string };

/** The owner must be live in the caller's tenant (and visible); else not found. */
const requireImageOwner = (ctx: Context, owner: ImageOwner, lock = false) =>
  owner.kind === "placeholderCustomer"
    ? requireLivePlaceholderCustomer(ctx, owner.id, lock)
    : requireOwner(ctx, owner, lock);

const ofOwner = (ctx: Context, owner: ImageOwner) =>
  and(
    eq(profileImages.tenantId, ctx.tenantId),
    eq(profileImages.ownerKind, owner.kind),
    eq(profileImages.ownerId, owner.id),
  );

/** JPEG or PNG by magic bytes; anything else (or text that is not base64) is refused (enfore: 400). */
export function imageTypeOf(base64: string): ImageSummary["contentType"] {
  const clean = base64.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(clean) || clean.length % 4 === 1)
    throw validationFailed([{ path: "data", message: "must be base64" }]);
  const bytes = Buffer.from(clean, "base64");
  if (bytes.length > MAX_IMAGE_BYTES)
    throw validationFailed([{ path: "data", message: `must be at most ${MAX_IMAGE_BYTES} bytes` }]);
  if (
    bytes.length >= 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return "image/png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  throw validationFailed([{ path: "data", message: "must be a JPEG or PNG image" }]);
}

const summaryOf = (row: Pick<ProfileImageRow, "id" | "contentType" | "createdAt">, isDefault: boolean) => ({
  id: row.id,
  contentType: row.contentType,
  isDefault,
  createdAt: row.createdAt,
});

/** A contact's or organization's images, the default (first) one first. */
export async function listImages(ctx: Context, owner: ImageOwner): Promise<ImageSummary[]> {
  requirePermission(ctx, PERMISSIONS.imageView);
  await requireImageOwner(ctx, owner);
  const rows = await ctx.db
    .select({
      id: profileImages.id,
      contentType: profileImages.contentType,
      createdAt: profileImages.createdAt,
    })
    .from(profileImages)
    .where(ofOwner(ctx, owner))
    .orderBy(asc(profileImages.position), asc(profileImages.id));
  return rows.map((r, i) => summaryOf(r, i === 0));
}

/** One image with its bytes (base64). */
export async function getImage(ctx: Context, owner: ImageOwner, id: string): Promise<Image> {
  requirePermission(ctx, PERMISSIONS.imageView);
  await requireImageOwner(ctx, owner);
  if (!isUuid(id)) throw notFound("image", id);
  const rows = await ctx.db
    .select()
    .from(profileImages)
    .where(ofOwner(ctx, owner))
    .orderBy(asc(profileImages.position), asc(profileImages.id));
  const index = rows.findIndex((r) => r.id === id);
  if (index < 0) throw notFound("image", id);
  const row = rows[index]!;
  return { ...summaryOf(row, index === 0), data: row.data };
}

/** Adds an image at the start of the owner's list: it becomes the default image (enfore §6.1 item 6). */
export async function addImage(ctx: Context, owner: ImageOwner, input: ImageInput): Promise<ImageSummary> {
  requirePermission(ctx, PERMISSIONS.imageEdit);
  const { data } = parseInput(imageInput, input);
  const contentType = imageTypeOf(data);
  return inTransaction(ctx, async (tx) => {
    await requireImageOwner(tx, owner, true);
    const [first] = await tx.db
      .select({ position: sql<number | null>`min(${profileImages.position})` })
      .from(profileImages)
      .where(ofOwner(tx, owner));
    const [row] = await tx.db
      .insert(profileImages)
      .values({
        tenantId: tx.tenantId,
        ownerKind: owner.kind,
        ownerId: owner.id,
        position: (first?.position ?? 1) - 1,
        contentType,
        data: data.replace(/\s+/g, ""),
      })
      .returning({
        id: profileImages.id,
        contentType: profileImages.contentType,
        createdAt: profileImages.createdAt,
      });
    await recordChangeSet(tx, {
      ...historyOf(owner),
      action: "update",
      changes: [{ path: `images.${row!.id}`, old: null, new: contentType }],
    });
    return summaryOf(row!, true);
  });
}

/** Removes an image (the next one becomes the default); 404 when the owner has no such image. */
export async function removeImage(ctx: Context, owner: ImageOwner, id: string): Promise<void> {
  requirePermission(ctx, PERMISSIONS.imageEdit);
  await inTransaction(ctx, async (tx) => {
    await requireImageOwner(tx, owner, true);
    if (!isUuid(id)) throw notFound("image", id);
    const [row] = await tx.db
      .delete(profileImages)
      .where(and(ofOwner(tx, owner), eq(profileImages.id, id)))
      .returning({ contentType: profileImages.contentType });
    if (!row) throw notFound("image", id);
    await recordChangeSet(tx, {
      ...historyOf(owner),
      action: "update",
      changes: [{ path: `images.${id}`, old: row.contentType, new: null }],
    });
  });
}
