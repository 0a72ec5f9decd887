import {
  and,
  apiClients,
  asc,
  divisions,
  eq,
  inArray,
  members,
  roleAssignments,
  roles,
} from "@switchboard/db";
import { diff, recordChangeSet } from "../history";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { conflict, notFound, validationFailed } from "../shared/errors";
import { isUuid } from "../shared/ids";
import { allows, PERMISSIONS } from "./permissions";
import { generateSecret } from "./rules";
import { hashPassword } from "./service";

/** Administration of who may do what: roles, the principals holding them, API client secrets, divisions. */

async function rolesOf(ctx: Context, principalIds: string[]) {
  const byPrincipal = new Map<string, { id: string; name: string }[]>(principalIds.map((id) => [id, []]));
  if (principalIds.length === 0) return byPrincipal;
  const rows = await ctx.db
    .select({ principalId: roleAssignments.principalId, id: roles.id, name: roles.name })
    .from(roleAssignments)
    .innerJoin(roles, and(eq(roles.tenantId, roleAssignments.tenantId), eq(roles.id, roleAssignments.roleId)))
    .where(
      and(eq(roleAssignments.tenantId, ctx.tenantId), inArray(roleAssignments.principalId, principalIds)),
    )
    .orderBy(asc(roles.name));
  for (const r of rows) byPrincipal.get(r.principalId)?.push({ id: r.id, name: r.name });
  return byPrincipal;
}

export async function listRoles(ctx: Context) {
  requirePermission(ctx, PERMISSIONS.rolesManage);
  return ctx.db
    .select({ id: roles.id, name: roles.name, permissions: roles.permissions })
    .from(roles)
    .where(eq(roles.tenantId, ctx.tenantId))
    .orderBy(asc(roles.name));
}

/** Creates or replaces a role's permissions. `*` grants everything; unknown strings are refused. */
export async function saveRole(ctx: Context, input: { id?: string; name: string; permissions: string[] }) {
  requirePermission(ctx, PERMISSIONS.rolesManage);
  const name = input.name.trim();
  const known = new Set<string>(Object.values(PERMISSIONS));
  // `relate:x:y` is the legacy Genesys spelling of `externalContacts:x:y`; `domain:entity:*` a wildcard.
  const isKnown = (p: string) =>
    p === "*" || known.has(p.replace(/^relate:/, "externalContacts:")) || /^[a-zA-Z]+:[a-zA-Z]+:\*$/.test(p);
  const unknown = input.permissions.filter((p) => !isKnown(p));
  const issues = [
    ...(name ? [] : [{ path: "name", message: "a name is required" }]),
    ...unknown.map((p) => ({ path: "permissions", message: `unknown permission ${p}` })),
  ];
  if (issues.length) throw validationFailed(issues);
  return inTransaction(ctx, async (tx) => {
    const [sameName] = await tx.db
      .select({ id: roles.id })
      .from(roles)
      .where(and(eq(roles.tenantId, tx.tenantId), eq(roles.name, name)));
    if (sameName && sameName.id !== input.id) throw conflict(`a role named "${name}" already exists`);
    if (input.id) {
      const [before] = await tx.db
        .select()
        .from(roles)
        .where(and(eq(roles.tenantId, tx.tenantId), eq(roles.id, input.id)));
      if (!before) throw notFound("role", input.id);
      const [row] = await tx.db
        .update(roles)
        .set({ name, permissions: input.permissions, modifiedAt: new Date() })
        .where(and(eq(roles.tenantId, tx.tenantId), eq(roles.id, input.id)))
        .returning();
      const changes = diff(
        { name: before.name, permissions: before.permissions },
        { name, permissions: input.permissions },
      );
      if (changes.length)
        await recordChangeSet(tx, { entityType: "role", entityId: input.id, action: "update", changes });
      return row!;
    }
    const [row] = await tx.db
      .insert(roles)
      .values({ tenantId: tx.tenantId, name, permissions: input.permissions })
      .returning();
    await recordChangeSet(tx, {
      entityType: "role",
      entityId: row!.id,
      action: "create",
      changes: diff({}, { name, permissions: input.permissions }),
    });
    return row!;
  });
}

/** Replaces the roles a member or API client holds. */
export async function setPrincipalRoles(ctx: Context, principalId: string, roleIds: string[]) {
  requirePermission(ctx, PERMISSIONS.rolesManage);
  await inTransaction(ctx, async (tx) => {
    const found = roleIds.length
      ? await tx.db
          .select({ id: roles.id })
          .from(roles)
          .where(and(eq(roles.tenantId, tx.tenantId), inArray(roles.id, roleIds.filter(isUuid))))
      : [];
    if (found.length !== new Set(roleIds).size)
      throw validationFailed([{ path: "roleIds", message: "unknown role" }]);
    const before = (await rolesOf(tx, [principalId]))
      .get(principalId)!
      .map((r) => r.id)
      .sort();
    await tx.db
      .delete(roleAssignments)
      .where(and(eq(roleAssignments.tenantId, tx.tenantId), eq(roleAssignments.principalId, principalId)));
    if (roleIds.length)
      await tx.db
        .insert(roleAssignments)
        .values(roleIds.map((roleId) => ({ tenantId: tx.tenantId, principalId, roleId })));
    const changes = diff({ roleIds: before }, { roleIds: [...roleIds].sort() });
    if (changes.length)
      await recordChangeSet(tx, {
        entityType: "principal",
        entityId: principalId,
        action: "update",
        changes,
      });
  });
}

export async function listMembers(ctx: Context) {
  requirePermission(ctx, PERMISSIONS.membersManage);
  const rows = await ctx.db
    .select({
      id: members.id,
      email: members.email,
      name: members.name,
      active: members.active,
      createdAt: members.createdAt,
    })
    .from(members)
    .where(eq(members.tenantId, ctx.tenantId))
    .orderBy(asc(members.name));
  const held = await rolesOf(
    ctx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, roles: held.get(r.id) ?? [] }));
}

/** Members as Genesys "users": what relationships and note authors point at. Any signed-in principal may list them. */
export async function listUsers(ctx: Context) {
  return ctx.db
    .select({ id: members.id, name: members.name, email: members.email })
    .from(members)
    .where(and(eq(members.tenantId, ctx.tenantId), eq(members.active, true)))
    .orderBy(asc(members.name));
}

export async function setMemberActive(ctx: Context, memberId: string, active: boolean) {
  requirePermission(ctx, PERMISSIONS.membersManage);
  if (!isUuid(memberId)) throw notFound("member", memberId);
  if (memberId === ctx.actor.id && !active)
    throw validationFailed([{ path: "active", message: "you cannot deactivate yourself" }]);
  const updated = await ctx.db
    .update(members)
    .set({ active, modifiedAt: new Date() })
    .where(and(eq(members.tenantId, ctx.tenantId), eq(members.id, memberId)))
    .returning({ id: members.id });
  if (updated.length === 0) throw notFound("member", memberId);
}

export async function listApiClients(ctx: Context) {
  requirePermission(ctx, PERMISSIONS.apiClientsManage);
  const rows = await ctx.db
    .select({
      id: apiClients.id,
      clientId: apiClients.clientId,
      name: apiClients.name,
      active: apiClients.active,
      createdAt: apiClients.createdAt,
    })
    .from(apiClients)
    .where(eq(apiClients.tenantId, ctx.tenantId))
    .orderBy(asc(apiClients.name));
  const held = await rolesOf(
    ctx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, roles: held.get(r.id) ?? [] }));
}

/** Issues a new secret (shown once) and invalidates the old one; tokens already issued keep working until they expire. */
export async function rotateApiClientSecret(
  ctx: Context,
  id: string,
): Promise<{ clientId: string; clientSecret: string }> {
  requirePermission(ctx, PERMISSIONS.apiClientsManage);
  if (!isUuid(id)) throw notFound("ApiClient", id);
  const clientSecret = generateSecret(32);
  const [row] = await ctx.db
    .update(apiClients)
    .set({ secretHash: await hashPassword(clientSecret), modifiedAt: new Date() })
    .where(and(eq(apiClients.tenantId, ctx.tenantId), eq(apiClients.id, id)))
    .returning({ clientId: apiClients.clientId });
  if (!row) throw notFound("ApiClient", id);
  return { clientId: row.clientId, clientSecret };
}

export async function saveDivision(ctx: Context, input: { id?: string; name: string }) {
  requirePermission(ctx, PERMISSIONS.divisionsManage);
  const name = input.name.trim();
  if (!name) throw validationFailed([{ path: "name", message: "a name is required" }]);
  if (input.id) {
    const [row] = await ctx.db
      .update(divisions)
      .set({ name, modifiedAt: new Date() })
      .where(and(eq(divisions.tenantId, ctx.tenantId), eq(divisions.id, input.id)))
      .returning();
    if (!row) throw notFound("division", input.id);
    return row;
  }
  const [row] = await ctx.db.insert(divisions).values({ tenantId: ctx.tenantId, name }).returning();
  return row!;
}

/** The permissions an actor holds, as the web app shows and uses them to hide what it may not do. */
export function can(ctx: Pick<Context, "actor">, permission: string): boolean {
  return allows(ctx.actor.permissions, permission);
}
