"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useState } from "react";
import { useTRPC } from "~/trpc/react";
import {
  dangerButton,
  errorsOf,
  FieldError,
  type FieldErrors,
  FormError,
  inputClass,
  invalidProps,
  primaryButton,
  secondaryButton,
} from "../admin/form-errors";

const card = "rounded-lg bg-white shadow-sm ring-1 ring-slate-200";

/** The tenant's customer lists: create, rename, delete, and open one to see and change its members. */
export function CustomerListsManager({
  canAdd,
  canEdit,
  canDelete,
}: {
  canAdd: boolean;
  canEdit: boolean;
  canDelete: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const lists = useQuery(trpc.customerLists.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.customerLists.list.queryKey() });
  const create = useMutation(trpc.customerLists.create.mutationOptions({ onSuccess: refresh }));
  const rename = useMutation(trpc.customerLists.rename.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.customerLists.delete.mutationOptions({ onSuccess: refresh }));
  const [name, setName] = useState("");
  const [editing, setEditing] = useState<{ id: string; name: string } | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    try {
      await create.mutateAsync({ name });
      setName("");
    } catch (error) {
      setErrors(errorsOf(error, ["name"]));
    }
  }

  async function saveName(event: FormEvent) {
    event.preventDefault();
    if (!editing) return;
    setErrors({});
    try {
      await rename.mutateAsync(editing);
      setEditing(null);
    } catch (error) {
      const found = errorsOf(error, ["name"]);
      setErrors({ rename: found.name ?? found.form ?? "Could not rename the list" });
    }
  }

  return (
    <div className="space-y-4">
      {lists.error && <FormError message={lists.error.message} />}
      {canAdd && (
        <form onSubmit={submit} noValidate aria-label="New customer list" className="flex items-end gap-2">
          <div className="grow">
            <label htmlFor="customer-list-name" className="block text-sm font-medium">
              New list name
            </label>
            <input
              id="customer-list-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              {...invalidProps(errors, "name", "customer-list-name")}
              className={inputClass}
            />
          </div>
          <button type="submit" className={primaryButton} disabled={create.isPending}>
            Create list
          </button>
        </form>
      )}
      <FieldError id="customer-list-name-error" message={errors.name} />
      <FormError message={errors.form} />
      <ul aria-label="Customer lists" className={`divide-y divide-slate-100 ${card}`}>
        {lists.data?.map((list) => (
          <li key={list.id} className="flex flex-wrap items-center gap-3 px-4 py-2 text-sm">
            {editing?.id === list.id ? (
              <form
                onSubmit={saveName}
                aria-label={`Rename ${list.name}`}
                className="flex grow flex-wrap items-center gap-2"
              >
                <label htmlFor={`rename-${list.id}`} className="sr-only">
                  Name of {list.name}
                </label>
                <input
                  id={`rename-${list.id}`}
                  value={editing.name}
                  onChange={(e) => setEditing({ id: list.id, name: e.target.value })}
                  aria-invalid={errors.rename ? true : undefined}
                  aria-describedby={errors.rename ? `rename-${list.id}-error` : undefined}
                  className={`${inputClass} mt-0 w-auto grow py-1.5`}
                />
                <button type="submit" className={primaryButton} disabled={rename.isPending}>
                  Save name
                </button>
                <button type="button" className={secondaryButton} onClick={() => setEditing(null)}>
                  Cancel
                </button>
                <FieldError id={`rename-${list.id}-error`} message={errors.rename} />
              </form>
            ) : (
              <>
                <Link
                  href={`/customer-lists/${list.id}`}
                  className="grow font-medium text-indigo-700 hover:underline"
                >
                  {list.name}
                </Link>
                {canEdit && (
                  <button
                    type="button"
                    className={secondaryButton}
                    aria-label={`Rename ${list.name}`}
                    onClick={() => {
                      setErrors({});
                      setEditing({ id: list.id, name: list.name });
                    }}
                  >
                    Rename
                  </button>
                )}
                {canDelete && (
                  <button
                    type="button"
                    className={dangerButton}
                    aria-label={`Delete ${list.name}`}
                    disabled={remove.isPending}
                    onClick={() => {
                      if (window.confirm(`Delete the list ${list.name}? Its members stay.`))
                        remove
                          .mutateAsync({ id: list.id })
                          .catch((e: Error) => setErrors({ form: e.message }));
                    }}
                  >
                    Delete
                  </button>
                )}
              </>
            )}
          </li>
        ))}
        {lists.data?.length === 0 && (
          <li className="px-4 py-2 text-sm text-slate-500">No customer lists yet.</li>
        )}
      </ul>
    </div>
  );
}

/** Searches contacts or organizations by name and hands back the one chosen. */
function MemberSearch({ onPick }: { onPick: (member: { id: string; name: string }) => void }) {
  const trpc = useTRPC();
  const [kind, setKind] = useState<"contact" | "organization">("contact");
  const [q, setQ] = useState("");
  const [debounced, setDebounced] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(q.trim()), 200);
    return () => clearTimeout(timer);
  }, [q]);
  const enabled = debounced.length >= 2;
  const people = useQuery({
    ...trpc.contacts.listRows.queryOptions({ q: debounced, pageSize: 8, withTotal: false }),
    enabled: enabled && kind === "contact",
  });
  const orgs = useQuery({
    ...trpc.organizations.list.queryOptions({ q: debounced, pageSize: 8 }),
    enabled: enabled && kind === "organization",
  });
  const matches =
    kind === "contact"
      ? people.data?.entities.map((c) => ({ id: c.id, name: c.name }))
      : orgs.data?.entities.map((o) => ({ id: o.id, name: o.name }));
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="member-kind" className="block text-sm font-medium">
            Add a
          </label>
          <select
            id="member-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as "contact" | "organization")}
            className={`${inputClass} py-1.5`}
          >
            <option value="contact">contact</option>
            <option value="organization">organization</option>
          </select>
        </div>
        <div className="grow">
          <label htmlFor="member-search" className="block text-sm font-medium">
            Search by name
          </label>
          <input
            id="member-search"
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            className={`${inputClass} py-1.5`}
          />
        </div>
      </div>
      {enabled && (
        <ul aria-label="Matches" className="rounded-md bg-white ring-1 ring-slate-200">
          {matches?.map((m) => (
            <li key={m.id}>
              <button
                type="button"
                className="block w-full px-3 py-1.5 text-left text-sm hover:bg-slate-50 focus:bg-slate-100"
                onClick={() => {
                  onPick(m);
                  setQ("");
                }}
              >
                Add {m.name}
              </button>
            </li>
          ))}
          {matches?.length === 0 && <li className="px-3 py-1.5 text-sm text-slate-500">No match.</li>}
        </ul>
      )}
    </div>
  );
}

/** One customer list's members (contacts and organizations), added by search and removed one by one. */
export function CustomerListMembers({ listId, canEdit }: { listId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [offset, setOffset] = useState(0);
  const members = useQuery(trpc.customerLists.members.queryOptions({ id: listId, offset }));
  const refresh = () => {
    queryClient.invalidateQueries({ queryKey: trpc.customerLists.members.queryKey() });
    router.refresh();
  };
  const add = useMutation(trpc.customerLists.addMembers.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.customerLists.removeMember.mutationOptions({ onSuccess: refresh }));
  const [message, setMessage] = useState<string>();

  return (
    <div className="space-y-4">
      {canEdit && (
        <MemberSearch
          onPick={(m) => {
            setMessage(undefined);
            add
              .mutateAsync({ id: listId, ids: [m.id] })
              .then((r) =>
                setMessage(
                  r.problems.length ? r.problems.map((p) => p.message).join("; ") : `Added ${m.name}.`,
                ),
              )
              .catch((e: Error) => setMessage(e.message));
          }}
        />
      )}
      {message && (
        <p role="status" className="text-sm text-slate-700">
          {message}
        </p>
      )}
      {members.error && <FormError message={members.error.message} />}
      <ul aria-label="Members" className={`divide-y divide-slate-100 ${card}`}>
        {members.data?.items.map((m) => (
          <li key={m.id} className="flex items-center gap-3 px-4 py-2 text-sm">
            <span className="w-24 shrink-0 text-slate-500">{m.kind}</span>
            <Link
              href={`/${m.kind === "contact" ? "contacts" : "organizations"}/${m.id}`}
              className="grow text-indigo-700 hover:underline"
            >
              {m.name ?? m.id}
            </Link>
            {!m.live && <span className="text-xs text-amber-800">deleted</span>}
            {canEdit && (
              <button
                type="button"
                className={dangerButton}
                aria-label={`Remove ${m.name ?? m.id} from the list`}
                disabled={remove.isPending}
                onClick={() =>
                  remove
                    .mutateAsync({ id: listId, memberId: m.id })
                    .catch((e: Error) => setMessage(e.message))
                }
              >
                Remove
              </button>
            )}
          </li>
        ))}
        {members.data?.items.length === 0 && (
          <li className="px-4 py-2 text-sm text-slate-500">No members yet.</li>
        )}
      </ul>
      {(offset > 0 || members.data?.hasMore) && (
        <div className="flex gap-2">
          <button
            type="button"
            className={secondaryButton}
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - 200))}
          >
            Previous
          </button>
          <button
            type="button"
            className={secondaryButton}
            disabled={!members.data?.hasMore}
            onClick={() => setOffset(offset + 200)}
          >
            Next
          </button>
        </div>
      )}
    </div>
  );
}
