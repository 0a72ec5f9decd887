"use client";

import type { ImageSummary, ProfileOwner } from "@switchboard/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type ChangeEvent, useState } from "react";
import { useTRPC } from "~/trpc/react";
import { dangerButton, FormError } from "../admin/form-errors";

const ACCEPTED = ["image/jpeg", "image/png"];

/** The file's bytes as base64 (what the image use case takes). */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error ?? new Error("the file could not be read"));
    reader.readAsDataURL(file);
  });
}

function Thumbnail({ owner, image, index }: { owner: ProfileOwner; image: ImageSummary; index: number }) {
  const trpc = useTRPC();
  const full = useQuery({ ...trpc.profile.image.queryOptions({ owner, id: image.id }), staleTime: Infinity });
  const alt = `Image ${index + 1}${image.isDefault ? " (default)" : ""}`;
  return full.data ? (
    // biome-ignore lint/performance/noImgElement: a data URL of the stored bytes; next/image cannot optimize it
    <img
      src={`data:${image.contentType};base64,${full.data.data}`}
      alt={alt}
      className="h-28 w-28 rounded-md object-cover ring-1 ring-slate-200"
    />
  ) : (
    <div role="img" aria-label={alt} className="h-28 w-28 animate-pulse rounded-md bg-slate-100" />
  );
}

/**
 * A contact's or organization's images, the default (newest) first. Uploads are JPEG or PNG within the size
 * limit (checked here to spare the upload, and again by the server from the bytes themselves).
 */
export function ImagesPanel({
  owner,
  canEdit,
  maxBytes,
}: {
  owner: ProfileOwner;
  canEdit: boolean;
  maxBytes: number;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const images = useQuery(trpc.profile.images.queryOptions({ owner }));
  const [error, setError] = useState<string>();
  const refresh = () => {
    queryClient.invalidateQueries({ queryKey: trpc.profile.images.queryKey({ owner }) });
    router.refresh();
  };
  const add = useMutation(trpc.profile.addImage.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.profile.removeImage.mutationOptions({ onSuccess: refresh }));
  const inputId = `images-${owner.id}-upload`;

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    setError(undefined);
    if (!file) return;
    try {
      if (!ACCEPTED.includes(file.type)) throw new Error(`${file.name} is not a JPEG or PNG image`);
      if (file.size > maxBytes)
        throw new Error(`${file.name} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
      await add.mutateAsync({ owner, data: await base64Of(file) });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      input.value = "";
    }
  }

  return (
    <div className="space-y-3">
      {images.error && <FormError message={images.error.message} />}
      <ul aria-label="Images" className="flex flex-wrap gap-3">
        {images.data?.map((image, i) => (
          <li key={image.id} className="space-y-1 text-center text-xs">
            <Thumbnail owner={owner} image={image} index={i} />
            <p className="text-slate-600">{image.isDefault ? "Default" : image.contentType}</p>
            {canEdit && (
              <button
                type="button"
                className={dangerButton}
                aria-label={`Remove image ${i + 1}`}
                disabled={remove.isPending}
                onClick={() =>
                  remove.mutateAsync({ owner, id: image.id }).catch((e: Error) => setError(e.message))
                }
              >
                Remove
              </button>
            )}
          </li>
        ))}
        {images.data?.length === 0 && <li className="text-sm text-slate-500">No images.</li>}
      </ul>
      {canEdit && (
        <div>
          <label htmlFor={inputId} className="block text-sm font-medium">
            Upload an image (JPEG or PNG, up to {Math.round(maxBytes / 1024 / 1024)} MB)
          </label>
          <input
            id={inputId}
            type="file"
            accept={ACCEPTED.join(",")}
            disabled={add.isPending}
            onChange={upload}
            className="mt-1 block text-sm"
          />
          {add.isPending && <p className="text-sm text-slate-600">Uploading…</p>}
        </div>
      )}
      <FormError message={error} />
    </div>
  );
}
