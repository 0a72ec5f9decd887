"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTRPC } from "~/trpc/react";
import { RolePicker } from "./admin/members";
import { TableHeader } from "./list-controls";

/** API clients: create one (its secret is shown once), rotate a secret, revoke a client. */
export function ApiClients() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const clients = useQuery(trpc.admin.apiClients.queryOptions());
  const roles = useQuery(trpc.admin.roles.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.admin.apiClients.queryKey() });
  const create = useMutation(trpc.admin.createApiClient.mutationOptions({ onSuccess: refresh }));
  const rotate = useMutation(trpc.admin.rotateApiClientSecret.mutationOptions());
  const revoke = useMutation(trpc.admin.revokeApiClient.mutationOptions({ onSuccess: refresh }));
  const setRoles = useMutation(trpc.admin.setApiClientRoles.mutationOptions({ onSuccess: refresh }));
  const [editing, setEditing] = useState<{ id: string; roleIds: string[] } | null>(null);
  const [rolesError, setRolesError] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [roleIds, setRoleIds] = useState<string[]>([]);
  const [secret, setSecret] = useState<{ clientId: string; clientSecret: string } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const created = await create.mutateAsync({ name, roleIds });
    setSecret({ clientId: created.clientId, clientSecret: created.clientSecret });
    setName("");
    setRoleIds([]);
  }

  return (
    <div className="space-y-6">
      {secret && (
        <div role="status" className="space-y-1 rounded-lg bg-amber-50 p-4 ring-1 ring-amber-300">
          <p className="font-medium">Copy the secret now: it is shown only once.</p>
          <p className="text-sm">
            Client id <code data-testid="client-id">{secret.clientId}</code>
          </p>
          <p className="text-sm">
            Secret <code data-testid="client-secret">{secret.clientSecret}</code>
          </p>
        </div>
      )}
      <form onSubmit={submit} className="space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 className="text-lg font-medium">New API client</h2>
        <label className="block text-sm font-medium">
          Name
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            className="mt-1 block w-full max-w-md rounded-md border border-slate-300 px-3 py-2"
          />
        </label>
        <fieldset>
          <legend className="text-sm font-medium">Roles</legend>
          {roles.data?.map((role) => (
            <label key={role.id} className="mr-4 inline-flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={roleIds.includes(role.id)}
                onChange={(e) =>
                  setRoleIds(e.target.checked ? [...roleIds, role.id] : roleIds.filter((r) => r !== role.id))
                }
              />
              {role.name}
            </label>
          ))}
        </fieldset>
        {create.error && <p className="text-sm text-red-700">{create.error.message}</p>}
        <button
          type="submit"
          disabled={create.isPending || !name.trim()}
          className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
        >
          Create client
        </button>
      </form>
      <table className="w-full overflow-hidden rounded-lg bg-white text-left text-sm shadow-sm ring-1 ring-slate-200">
        <TableHeader columns={["Name", "Client id", "Roles", "Status"]} />
        <tbody className="divide-y divide-slate-100">
          {clients.data?.map((client) => (
            <tr key={client.id}>
              <td id={`client-name-${client.id}`} className="px-4 py-2">
                {client.name}
              </td>
              <td className="px-4 py-2 font-mono text-xs">{client.clientId}</td>
              <td className="px-4 py-2">
                {editing?.id === client.id ? (
                  <form
                    className="space-y-2"
                    onSubmit={async (e) => {
                      e.preventDefault();
                      setRolesError(null);
                      try {
                        await setRoles.mutateAsync(editing);
                        setEditing(null);
                      } catch (error) {
                        setRolesError(error instanceof Error ? error.message : "Saving the roles failed");
                      }
                    }}
                  >
                    <RolePicker
                      roles={roles.data ?? []}
                      value={editing.roleIds}
                      onChange={(roleIds) => setEditing({ id: client.id, roleIds })}
                      legend={`Roles of ${client.name}`}
                      error={rolesError ?? undefined}
                    />
                    <div className="flex gap-2">
                      <button type="submit" disabled={setRoles.isPending} className="underline">
                        Save roles
                      </button>
                      <button type="button" className="underline" onClick={() => setEditing(null)}>
                        Cancel
                      </button>
                    </div>
                  </form>
                ) : (
                  client.roles.map((r) => r.name).join(", ") || <span className="text-slate-500">none</span>
                )}
              </td>
              <td className="px-4 py-2">{client.active ? "active" : "revoked"}</td>
              <td className="space-x-3 px-4 py-2 text-right">
                {client.active && (
                  <>
                    {editing?.id !== client.id && (
                      <button
                        type="button"
                        className="underline"
                        aria-describedby={`client-name-${client.id}`}
                        onClick={() => setEditing({ id: client.id, roleIds: client.roles.map((r) => r.id) })}
                      >
                        Change roles
                      </button>
                    )}
                    <button
                      type="button"
                      className="underline"
                      onClick={async () => setSecret(await rotate.mutateAsync({ id: client.id }))}
                    >
                      Rotate secret
                    </button>
                    <button
                      type="button"
                      className="text-red-700 underline"
                      onClick={() => revoke.mutate({ id: client.id })}
                    >
                      Revoke
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
