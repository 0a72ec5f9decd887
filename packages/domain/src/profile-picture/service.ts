import { PERMISSIONS } from "../access/permissions";
import { addImage, getImage, listImages, removeImage } from "../profile/images";
import type { ProfileOwner } from "../profile/model";
import { requireOwner } from "../profile/owners";
import { type Context, inTransaction, requirePermission } from "../shared/context";

/**
 * A contact's DFS profile picture (§4.6): a view of the one picture model, the contact's images (profile
 * module). The picture is the contact's first (default) image; with none, a placeholder silhouette answers
 * with `isDefaultImage: true`. Setting it replaces that first image and keeps the others (enfore's image list);
 * deleting it removes the first image only.
 */

/** A 96×96 PNG silhouette on a light grey ground: what a contact without a picture shows. */
export const PLACEHOLDER_PICTURE_PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAGAAAABgCAYAAADimHc4AAABPklEQVR42u3bsa3CUAyG0X//KSipGYmChiHe2wAhEbBjn8ILfEcB5V4n98fzz9RNRAAAwAAAYAAAMAAAGAAADAAABgAAAwCAAfByLtcbgF/GfncAFEQ/I0amx++OkOnhu0NkU/yOCNkWvxtCNsbvhAAAQE38LgjZHL8DAgAAAFbHr0YAAAAAAAAAVsevRPAE+AkCAAAAAADOgpwFAQAAwI2YO2F3wgDsBdkLshlnN9RuqO1o3wf4PsAXMgB8I2YAeAJO+0cMoNG7AABvwg7jHMa5kHEpv/5SvuNaYhVExK9FiPi1CBG/FiHi1yJE/FqEiF+LAGAqwKT430SI+LUIAKYBTI7/DQQAkwA2xD8aAcAUgE3xj0QAMAFgY/yjEAAAACB+IQIAAAAAnBVA/M8RAAAAAAAAAAAAAAAAsA/gHx4yTN7szdcWAAAAAElFTkSuQmCC";

export interface ProfilePicture {
  imageContentBase64: string;
  /** True when the contact has no picture and this is the placeholder. */
  isDefaultImage: boolean;
}

const ownerOf = (contactId: string): ProfileOwner => ({ kind: "contact", id: contactId });

export async function getProfilePicture(ctx: Context, contactId: string): Promise<ProfilePicture> {
  requirePermission(ctx, PERMISSIONS.imageView);
  const [first] = await listImages(ctx, ownerOf(contactId));
  if (!first) return { imageContentBase64: PLACEHOLDER_PICTURE_PNG, isDefaultImage: true };
  const image = await getImage(ctx, ownerOf(contactId), first.id);
  return { imageContentBase64: image.data, isDefaultImage: false };
}

/** Stores `imageContentBase64` (a PNG or JPEG, base64) as the contact's picture, in place of the current one. */
export async function setProfilePicture(ctx: Context, contactId: string, imageContentBase64: string) {
  requirePermission(ctx, PERMISSIONS.imageEdit);
  await inTransaction(ctx, async (tx) => {
    await requireOwner(tx, ownerOf(contactId), true);
    const [current] = await listImages(tx, ownerOf(contactId));
    await addImage(tx, ownerOf(contactId), { data: imageContentBase64 });
    if (current) await removeImage(tx, ownerOf(contactId), current.id);
  });
}

/** Removes the contact's picture (its first image); a contact without one is left as it is. */
export async function deleteProfilePicture(ctx: Context, contactId: string): Promise<void> {
  requirePermission(ctx, PERMISSIONS.imageEdit);
  await inTransaction(ctx, async (tx) => {
    await requireOwner(tx, ownerOf(contactId), true);
    const [current] = await listImages(tx, ownerOf(contactId));
    if (current) await removeImage(tx, ownerOf(contactId), current.id);
  });
}
