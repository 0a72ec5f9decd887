import {
  and,
  apiClients,
  apiTokens,
  asc,
  contacts,
  count,
  divisions,
  type Executor,
  eq,
  inArray,
  isNotNull,
  isNull,
  memberSessions,
  members,
  organizations,
  relationships,
  roleAssignments,
  roles,
  sql,
} from "@switchboard/db";
import { z } from "zod";
import { diff, recordChangeSet } from "../history";
import { type Context, inTransaction, requirePermission } from "../shared/context";
import { conflict, DomainError, forbidden, notFound, validationFailed } from "../shared/errors";
import { isUuid } from "../shared/ids";
import { parseInput } from "../shared/validation";
import { allows, PERMISSIONS } from "./permissions";
import { generateSecret } from "./rules";
import { hashPassword } from "./service";

/** Administration of who may do what: roles, the principals holding them, API client secrets, divisions. */

/*
 * No administrator grants more than they hold. Three rules, checked by every operation that hands out power:
 * - giving a member or API client roles needs `admin:role:manage` (managing members or clients alone is not
 *   enough),
 * - a grant may carry only permissions the caller holds itself: a role's permissions when it is assigned,
 *   the permissions added to a role when it is saved, and an API client's permissions when its secret is
 *   rotated (the caller learns that secret). An admin holding `*` may grant anything; and
 * - a caller limited to some divisions grants only within them: a role it assigns, a role it adds permissions
 *   to, a client whose secret it rotates, and the divisions it sets on a role (`setRoleDivisions`) must all lie
 *   within its own divisions, never every division (null). A role it creates is limited to its divisions.
 */

/** Refuses unless the actor holds every one of `permissions` (`relate:` spellings read as their canonical names). */
export function requireHeld(ctx: Pick<Context, "actor">, permissions: readonly string[]): void {
  for (const p of permissions) {
    const canonical = p.replace(/^relate:/, "externalContacts:");
    if (!allows(ctx.actor.permissions, canonical)) throw forbidden(canonical);
  }
}

/**
 * Refuses unless `divisionIds` (null: every division) lie within the actor's own divisions; an actor limited
 * to no division list (null) holds them all.
 */
export function requireDivisionsHeld(
  ctx: Pick<Context, "actor">,
  divisionIds: readonly string[] | null,
): void {
  const own = ctx.actor.divisionIds;
  if (!own) return;
  if (divisionIds === null || divisionIds.some((d) => !own.has(d)))
    throw new DomainError(
      "FORBIDDEN",
      divisionIds === null
        ? "You are limited to some divisions and cannot grant every division"
        : "You cannot grant divisions beyond your own",
      [{ path: "divisionIds", message: "beyond your own divisions" }],
    );
}

/**
 * Refuses to give anyone `roleIds` unless the actor may (see the rules above); an unknown role is a
 * validation error. Run it in the transaction that assigns the roles.
 */
export async function requireMayGrantRoles(ctx: Context, roleIds: readonly string[]): Promise<void> {
  if (roleIds.length === 0) return;
  requirePermission(ctx, PERMISSIONS.rolesManage);
  const ids = [...new Set(roleIds)];
  const found = await ctx.db
    .select({ permissions: roles.permissions, divisionIds: roles.divisionIds })
    .from(roles)
    .where(and(eq(roles.tenantId, ctx.tenantId), inArray(roles.id, ids.filter(isUuid))));
  if (found.length !== ids.length) throw validationFailed([{ path: "roleIds", message: "unknown role" }]);
  for (const role of found) {
    requireHeld(ctx, role.permissions);
    requireDivisionsHeld(ctx, role.divisionIds);
  }
}

/** Refuses unless the actor could grant every role `principalId` holds (its permissions and divisions). */
async function requireHoldsPrincipal(ctx: Context, principalId: string): Promise<void> {
  const rows = await ctx.db
    .select({ permissions: roles.permissions, divisionIds: roles.divisionIds })
    .from(roleAssignments)
    .innerJoin(roles, and(eq(roles.tenantId, roleAssignments.tenantId), eq(roles.id, roleAssignments.roleId)))
    .where(and(eq(roleAssignments.tenantId, ctx.tenantId), eq(roleAssignments.principalId, principalId)));
  for (const role of rows) {
    requireHeld(ctx, role.permissions);
    requireDivisionsHeld(ctx, role.divisionIds);
  }
}

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
      const added = input.permissions.filter((p) => !before.permissions.includes(p));
      requireHeld(tx, added);
      // Added permissions apply in the role's divisions, so those must be the caller's too.
      if (added.length) requireDivisionsHeld(tx, before.divisionIds);
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
    requireHeld(tx, input.permissions);
    // A division-limited caller's new role applies in its divisions only, not in every division.
    const own = tx.actor.divisionIds;
    const [row] = await tx.db
      .insert(roles)
      .values({
        tenantId: tx.tenantId,
        name,
        permissions: input.permissions,
        divisionIds: own ? [...own].sort() : null,
      })
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

/** Replaces the roles a member or API client holds; the roles it gains must be the caller's to grant. */
export async function setPrincipalRoles(ctx: Context, principalId: string, roleIds: string[]) {
  requirePermission(ctx, PERMISSIONS.rolesManage);
  if (!isUuid(principalId)) throw notFound("principal", principalId);
  const wanted = [...new Set(roleIds)];
  await inTransaction(ctx, async (tx) => {
    // A member or API client of this tenant: another tenant's principal is not found, as one of none would be.
    const [principal] = await tx.db
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.tenantId, tx.tenantId), eq(members.id, principalId)))
      .unionAll(
        tx.db
          .select({ id: apiClients.id })
          .from(apiClients)
          .where(and(eq(apiClients.tenantId, tx.tenantId), eq(apiClients.id, principalId))),
      );
    if (!principal) throw notFound("principal", principalId);
    const before = (await rolesOf(tx, [principalId]))
      .get(principalId)!
      .map((r) => r.id)
      .sort();
    // Only the roles it gains are a grant: keeping or removing a role the caller could not give is fine.
    await requireMayGrantRoles(
      tx,
      wanted.filter((id) => !before.includes(id)),
    );
    await tx.db
      .delete(roleAssignments)
      .where(and(eq(roleAssignments.tenantId, tx.tenantId), eq(roleAssignments.principalId, principalId)));
    if (wanted.length)
      await tx.db
        .insert(roleAssignments)
        .values(wanted.map((roleId) => ({ tenantId: tx.tenantId, principalId, roleId })));
    const changes = diff({ roleIds: before }, { roleIds: [...wanted].sort() });
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

/**
 * Issues a new secret (shown once) and invalidates the old one; tokens already issued keep working until they
 * expire. Whoever rotates learns the secret, so they must hold every permission the client has.
 */
export async function rotateApiClientSecret(
  ctx: Context,
  id: string,
): Promise<{ clientId: string; clientSecret: string }> {
  requirePermission(ctx, PERMISSIONS.apiClientsManage);
  if (!isUuid(id)) throw notFound("ApiClient", id);
  const clientSecret = generateSecret(32);
  const secretHash = await hashPassword(clientSecret);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(apiClients)
      .set({ secretHash, modifiedAt: new Date() })
      .where(and(eq(apiClients.tenantId, tx.tenantId), eq(apiClients.id, id)))
      .returning({ clientId: apiClients.clientId });
    if (!row) throw notFound("ApiClient", id);
    await requireHoldsPrincipal(tx, id);
    return { clientId: row.clientId, clientSecret };
  });
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

// ------------------------------------------------------------------------------------ web administration

/** A new member as the admin pages send it; the tRPC input and the use case validate with this one schema. */
export const memberInput = z.object({
  email: z.email("must be an email address").max(320, "must be at most 320 characters"),
  name: z.string().trim().min(1, "a name is required").max(200, "must be at most 200 characters"),
  password: z.string().min(10, "must be at least 10 characters").max(200, "must be at most 200 characters"),
  roleIds: z.array(z.uuid("must be a role id")).max(20).default([]),
});
export type MemberInput = z.input<typeof memberInput>;

export const roleInput = z.object({
  id: z.uuid().optional(),
  name: z.string().trim().min(1, "a name is required").max(100, "must be at most 100 characters"),
  permissions: z.array(z.string().max(200)).max(200),
});
export type RoleInput = z.input<typeof roleInput>;

export const divisionInput = z.object({
  id: z.uuid().optional(),
  name: z.string().trim().min(1, "a name is required").max(100, "must be at most 100 characters"),
});
export type DivisionInput = z.input<typeof divisionInput>;

/**
 * Adds a member who signs in with the given password. Giving them roles also needs the roles permission and
 * only roles the caller could hold (`requireMayGrantRoles`), so a member manager hands out no more than they have.
 */
export async function addMember(ctx: Context, input: MemberInput): Promise<{ id: string }> {
  requirePermission(ctx, PERMISSIONS.membersManage);
  const valid = parseInput(memberInput, input);
  if (valid.roleIds.length) requirePermission(ctx, PERMISSIONS.rolesManage);
  const email = valid.email.trim().toLowerCase();
  return inTransaction(ctx, async (tx) => {
    await requireMayGrantRoles(tx, valid.roleIds);
    // Emails are unique per tenant (sign-in finds the tenant by trying the password, see `signInMember`): an
    // address another tenant holds is no concern here, so nothing tells that it exists there. The unique index
    // decides, so two adds of one address at once make one member and refuse the other alike.
    const [row] = await tx.db
      .insert(members)
      .values({
        tenantId: tx.tenantId,
        email,
        name: valid.name,
        passwordHash: await hashPassword(valid.password),
      })
      .onConflictDoNothing()
      .returning({ id: members.id });
    if (!row)
      throw new DomainError("CONFLICT", `a member with email ${email} already exists`, [
        { path: "email", message: "is already in use", conflict: true },
      ]);
    if (valid.roleIds.length)
      await tx.db.insert(roleAssignments).values(
        [...new Set(valid.roleIds)].map((roleId) => ({
          tenantId: tx.tenantId,
          principalId: row.id,
          roleId,
        })),
      );
    await recordChangeSet(tx, {
      entityType: "member",
      entityId: row.id,
      action: "create",
      changes: diff({}, { email, name: valid.name, roleIds: [...valid.roleIds].sort() }),
    });
    return { id: row.id };
  });
}

/**
 * Removes a member: their sign-in, sessions, bearer tokens and roles go at once. History keeps their name. A member still named
 * in organization relationships is refused (those point at them); deactivate them instead or remove those first.
 */
export async function removeMember(ctx: Context, memberId: string): Promise<void> {
  requirePermission(ctx, PERMISSIONS.membersManage);
  if (!isUuid(memberId)) throw notFound("member", memberId);
  if (memberId === ctx.actor.id)
    throw validationFailed([{ path: "id", message: "you cannot remove yourself" }]);
  await inTransaction(ctx, async (tx) => {
    const [before] = await tx.db
      .select()
      .from(members)
      .where(and(eq(members.tenantId, tx.tenantId), eq(members.id, memberId)));
    if (!before) throw notFound("member", memberId);
    const [related] = await tx.db
      .select({ n: count() })
      .from(relationships)
      .where(and(eq(relationships.tenantId, tx.tenantId), eq(relationships.memberId, memberId)));
    if (related!.n > 0)
      throw conflict(
        `${before.name} is in ${related!.n} organization relationship(s); remove those or deactivate the member`,
        { type: "member", id: memberId },
      );
    await tx.db
      .delete(memberSessions)
      .where(and(eq(memberSessions.tenantId, tx.tenantId), eq(memberSessions.memberId, memberId)));
    await tx.db
      .delete(apiTokens)
      .where(and(eq(apiTokens.tenantId, tx.tenantId), eq(apiTokens.memberId, memberId)));
    await tx.db
      .delete(roleAssignments)
      .where(and(eq(roleAssignments.tenantId, tx.tenantId), eq(roleAssignments.principalId, memberId)));
    await tx.db.delete(members).where(and(eq(members.tenantId, tx.tenantId), eq(members.id, memberId)));
    await recordChangeSet(tx, {
      entityType: "member",
      entityId: memberId,
      action: "delete",
      changes: diff({ email: before.email, name: before.name }, {}),
    });
  });
}

/** Roles with how many members and API clients hold each: the roles page deletes only unused ones. */
export async function listRoleSummaries(ctx: Context) {
  const list = await listRoles(ctx);
  const held = await ctx.db
    .select({ roleId: roleAssignments.roleId, n: count() })
    .from(roleAssignments)
    .where(eq(roleAssignments.tenantId, ctx.tenantId))
    .groupBy(roleAssignments.roleId);
  const holders = new Map(held.map((h) => [h.roleId, h.n]));
  const scoped = await ctx.db
    .select({ id: roles.id, divisionIds: roles.divisionIds })
    .from(roles)
    .where(eq(roles.tenantId, ctx.tenantId));
  const divisionsOf = new Map(scoped.map((r) => [r.id, r.divisionIds]));
  // divisionIds null: the role applies in every division.
  return list.map((r) => ({
    ...r,
    holders: holders.get(r.id) ?? 0,
    divisionIds: divisionsOf.get(r.id) ?? null,
  }));
}

/** Deletes a role no member or API client holds; a role in use is a conflict (reassign its holders first). */
export async function deleteRole(ctx: Context, id: string): Promise<void> {
  requirePermission(ctx, PERMISSIONS.rolesManage);
  if (!isUuid(id)) throw notFound("role", id);
  await inTransaction(ctx, async (tx) => {
    const [before] = await tx.db
      .select()
      .from(roles)
      .where(and(eq(roles.tenantId, tx.tenantId), eq(roles.id, id)))
      .for("update");
    if (!before) throw notFound("role", id);
    const [held] = await tx.db
      .select({ n: count() })
      .from(roleAssignments)
      .where(and(eq(roleAssignments.tenantId, tx.tenantId), eq(roleAssignments.roleId, id)));
    if (held!.n > 0)
      throw conflict(`role "${before.name}" is held by ${held!.n} member(s) or client(s)`, {
        type: "role",
        id,
      });
    await tx.db.delete(roles).where(and(eq(roles.tenantId, tx.tenantId), eq(roles.id, id)));
    await recordChangeSet(tx, {
      entityType: "role",
      entityId: id,
      action: "delete",
      changes: diff({ name: before.name, permissions: before.permissions }, {}),
    });
  });
}

async function divisionCounts(db: Executor, tenantId: string, divisionId?: string) {
  const count$ = async (table: typeof contacts | typeof organizations) =>
    db
      .select({ divisionId: table.divisionId, n: count() })
      .from(table)
      .where(
        and(
          eq(table.tenantId, tenantId),
          isNull(table.deletedAt),
          divisionId ? eq(table.divisionId, divisionId) : undefined,
        ),
      )
      .groupBy(table.divisionId);
  const [c, o] = await Promise.all([count$(contacts), count$(organizations)]);
  return {
    contacts: new Map(c.map((r) => [r.divisionId, r.n])),
    organizations: new Map(o.map((r) => [r.divisionId, r.n])),
  };
}

/** Divisions with how many live contacts and organizations each holds: only empty ones can be deleted. */
export async function listDivisionSummaries(ctx: Context) {
  requirePermission(ctx, PERMISSIONS.divisionsManage);
  const rows = await ctx.db
    .select({ id: divisions.id, name: divisions.name, isHome: divisions.isHome })
    .from(divisions)
    .where(eq(divisions.tenantId, ctx.tenantId))
    .orderBy(asc(divisions.name));
  const counts = await divisionCounts(ctx.db, ctx.tenantId);
  return rows.map((d) => ({
    ...d,
    contacts: counts.contacts.get(d.id) ?? 0,
    organizations: counts.organizations.get(d.id) ?? 0,
  }));
}

/**
 * Deletes an empty division. The Home division stays (new records fall into it); a division holding live
 * contacts or organizations is a conflict. Deleted records still filed there move to Home, so a restore
 * never lands in a division that no longer exists.
 */
export async function deleteDivision(ctx: Context, id: string): Promise<void> {
  requirePermission(ctx, PERMISSIONS.divisionsManage);
  if (!isUuid(id)) throw notFound("division", id);
  await inTransaction(ctx, async (tx) => {
    const [before] = await tx.db
      .select()
      .from(divisions)
      .where(and(eq(divisions.tenantId, tx.tenantId), eq(divisions.id, id)))
      .for("update");
    if (!before) throw notFound("division", id);
    if (before.isHome) throw conflict("the Home division cannot be deleted", { type: "division", id });
    const counts = await divisionCounts(tx.db, tx.tenantId, id);
    const live = (counts.contacts.get(id) ?? 0) + (counts.organizations.get(id) ?? 0);
    if (live > 0)
      throw conflict(
        `division "${before.name}" holds ${counts.contacts.get(id) ?? 0} contact(s) and ${counts.organizations.get(id) ?? 0} organization(s)`,
        { type: "division", id },
      );
    const [home] = await tx.db
      .select({ id: divisions.id })
      .from(divisions)
      .where(and(eq(divisions.tenantId, tx.tenantId), eq(divisions.isHome, true)));
    if (home)
      for (const table of [contacts, organizations] as const)
        await tx.db
          .update(table)
          .set({ divisionId: home.id })
          .where(and(eq(table.tenantId, tx.tenantId), eq(table.divisionId, id), isNotNull(table.deletedAt)));
    // Roles limited to it lose it; a role limited to it alone then applies nowhere, never everywhere.
    await tx.db
      .update(roles)
      .set({ divisionIds: sql`array_remove(${roles.divisionIds}, ${id}::uuid)` })
      .where(and(eq(roles.tenantId, tx.tenantId), sql`${id}::uuid = any(${roles.divisionIds})`));
    await tx.db.delete(divisions).where(and(eq(divisions.tenantId, tx.tenantId), eq(divisions.id, id)));
    await recordChangeSet(tx, {
      entityType: "division",
      entityId: id,
      action: "delete",
      changes: diff({ name: before.name }, {}),
    });
  });
}
