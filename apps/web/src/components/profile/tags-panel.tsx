"use client";

import type { ProfileOwner } from "@switchboard/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useTRPC } from "~/trpc/react";
import {
  errorsOf,
  FieldError,
  type FieldErrors,
  FormError,
  inputClass,
  invalidProps,
  primaryButton,
} from "../admin/form-errors";

/** A contact's or organization's tags: the tenant's tags are reused by exact name, new names become tags. */
export function TagsPanel({ owner, canEdit }: { owner: ProfileOwner; canEdit: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const tags = useQuery(trpc.profile.tags.queryOptions({ owner }));
  const tenantTags = useQuery({ ...trpc.profile.tenantTags.queryOptions(), enabled: canEdit });
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const refresh = () => {
    queryClient.invalidateQueries({ queryKey: trpc.profile.tags.queryKey({ owner }) });
    queryClient.invalidateQueries({ queryKey: trpc.profile.tenantTags.queryKey() });
    router.refresh(); // the timeline records tagging
  };
  const add = useMutation(trpc.profile.addTag.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.profile.removeTag.mutationOptions({ onSuccess: refresh }));
  const listId = `tags-${owner.id}-options`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    try {
      await add.mutateAsync({ owner, name });
      setName("");
    } catch (error) {
      setErrors(errorsOf(error, ["name"]));
    }
  }

  return (
    <div className="space-y-3">
      {tags.error && <FormError message={tags.error.message} />}
      <ul aria-label="Tags" className="flex flex-wrap gap-2">
        {tags.data?.map((tag) => (
          <li
            key={tag.id}
            className="flex items-center gap-1 rounded-full bg-slate-100 px-3 py-1 text-sm text-slate-800"
          >
            {tag.name}
            {canEdit && (
              <button
                type="button"
                aria-label={`Remove tag ${tag.name}`}
                className="ml-1 text-slate-500 hover:text-red-700"
                disabled={remove.isPending}
                onClick={() =>
                  remove
                    .mutateAsync({ owner, tagId: tag.id })
                    .catch((e: Error) => setErrors({ form: e.message }))
                }
              >
                ×
              </button>
            )}
          </li>
        ))}
        {tags.data?.length === 0 && <li className="text-sm text-slate-500">No tags.</li>}
      </ul>
      {canEdit && (
        <form onSubmit={submit} noValidate aria-label="Add a tag" className="space-y-1">
          <FormError message={errors.form} />
          <div className="flex items-end gap-2">
            <div className="grow">
              <label htmlFor={`tags-${owner.id}-name`} className="block text-sm font-medium">
                Tag
              </label>
              <input
                id={`tags-${owner.id}-name`}
                list={listId}
                value={name}
                onChange={(e) => setName(e.target.value)}
                {...invalidProps(errors, "name", `tags-${owner.id}-name`)}
                className={`${inputClass} py-1.5`}
              />
              <datalist id={listId}>
                {tenantTags.data?.map((t) => (
                  <option key={t.id} value={t.name} />
                ))}
              </datalist>
            </div>
            <button type="submit" className={primaryButton} disabled={add.isPending}>
              Add tag
            </button>
          </div>
          <FieldError id={`tags-${owner.id}-name-error`} message={errors.name} />
        </form>
      )}
    </div>
  );
}
