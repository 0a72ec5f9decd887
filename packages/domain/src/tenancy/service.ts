import { and, apiClients, divisions, type Executor, eq, members, roles, tenants } from "@switchboard/db";
import { generateClientId, generateSecret } from "../access/rules";
import { createApiClient, createMember, hashPassword } from "../access/service";
import { type Context, systemActor } from "../shared/context";
import { conflict, type FieldIssue, notFound, validationFailed } from "../shared/errors";
import { requireDivision } from "../shared/records";

export const HOME_DIVISION = "Home";
export const ADMIN_ROLE = "Admin";

export interface TenantSetup {
  slug?: string;
  name?: string;
  adminEmail?: string;
  adminPassword?: string;
  adminClientId?: string;
  adminClientSecret?: string;
}

export interface TenantSetupResult {
  tenantId: string;
  adminRoleId: string;
  homeDivisionId: string;
  /** Credentials this call generated (to be printed once); absent when they existed or were given. */
  generated: { adminEmail?: string; adminPassword?: string; clientId?: string; clientSecret?: string };
}

/**
 * Makes sure a tenant exists with a Home division, an Admin role holding every permission, an admin member
 * and an admin API client. Idempotent: run on every start. Given credentials win over stored ones, so
 * changing `SWITCHBOARD_ADMIN_CLIENT_SECRET` and restarting rotates the secret.
 */
export async function ensureTenant(db: Executor, setup: TenantSetup = {}): Promise<TenantSetupResult> {
  const slug = setup.slug ?? "default";
  return db.transaction(async (tx) => {
    await tx
      .insert(tenants)
      .values({ slug, name: setup.name ?? "Default" })
      .onConflictDoNothing();
    const [tenant] = await tx.select().from(tenants).where(eq(tenants.slug, slug));
    if (!tenant) throw new Error("tenant upsert failed");
    const tenantId = tenant.id;
    const ctx: Context = { db: tx, tenantId, actor: systemActor("setup") };

    const homeDivisionId = await ensureRow(
      () =>
        tx
          .select({ id: divisions.id })
          .from(divisions)
          .where(and(eq(divisions.tenantId, tenantId), eq(divisions.isHome, true))),
      () =>
        tx
          .insert(divisions)
          .values({ tenantId, name: HOME_DIVISION, isHome: true })
          .returning({ id: divisions.id }),
    );
    const adminRoleId = await ensureRow(
      () =>
        tx
          .select({ id: roles.id })
          .from(roles)
          .where(and(eq(roles.tenantId, tenantId), eq(roles.name, ADMIN_ROLE))),
      () =>
        tx
          .insert(roles)
          .values({ tenantId, name: ADMIN_ROLE, permissions: ["*"] })
          .returning({ id: roles.id }),
    );
    const generated: TenantSetupResult["generated"] = {};

    const adminEmail = (setup.adminEmail ?? `admin@${slug}.switchboard.local`).toLowerCase();
    const [member] = await tx
      .select()
      .from(members)
      .where(and(eq(members.tenantId, tenantId), eq(members.email, adminEmail)));
    if (!member) {
      const password = setup.adminPassword ?? generateSecret(12);
      await createMember(ctx, { email: adminEmail, name: "Administrator", password, roleIds: [adminRoleId] });
      if (!setup.adminPassword) Object.assign(generated, { adminEmail, adminPassword: password });
    } else if (setup.adminPassword) {
      await tx
        .update(members)
        .set({ passwordHash: await hashPassword(setup.adminPassword) })
        .where(and(eq(members.tenantId, tenantId), eq(members.id, member.id)));
    }

    const clientScope = setup.adminClientId
      ? eq(apiClients.clientId, setup.adminClientId)
      : and(eq(apiClients.tenantId, tenantId), eq(apiClients.name, "Admin client"));
    const [client] = await tx.select().from(apiClients).where(clientScope);
    if (!client) {
      const clientId = setup.adminClientId ?? generateClientId();
      const clientSecret = setup.adminClientSecret ?? generateSecret(32);
      await createApiClient(ctx, { name: "Admin client", roleIds: [adminRoleId], clientId, clientSecret });
      if (!setup.adminClientSecret) Object.assign(generated, { clientId, clientSecret });
    } else if (setup.adminClientSecret) {
      await tx
        .update(apiClients)
        .set({ secretHash: await hashPassword(setup.adminClientSecret), active: true })
        .where(and(eq(apiClients.tenantId, client.tenantId), eq(apiClients.id, client.id)));
    }
    return { tenantId, adminRoleId, homeDivisionId, generated };
  });
}

/** A tenant's slug: what enfore integrators put in their paths as the `org-id`. */
export const TENANT_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Creates a new tenant with its Home division, Admin role, admin member and admin API client (through
 * `ensureTenant`); the generated credentials come back once. A slug already taken is a conflict.
 */
export async function createTenant(
  db: Executor,
  input: { slug: string; name?: string },
): Promise<TenantSetupResult & { slug: string; name: string }> {
  const slug = input.slug.trim();
  if (!TENANT_SLUG.test(slug))
    throw validationFailed([
      {
        path: "slug",
        message: `"${slug}" is not a valid slug: use lowercase letters, digits and dashes (at most 63, no dash at either end)`,
      },
    ]);
  const name = input.name?.trim() || slug;
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(tenants)
      .values({ slug, name })
      .onConflictDoNothing()
      .returning({ id: tenants.id });
    if (!created) throw conflict(`a tenant with slug "${slug}" already exists`, { type: "Tenant" });
    const setup = await ensureTenant(tx, { slug, name });
    // A new tenant's admin member and client are new, so their credentials were generated to be printed once.
    if (!setup.generated.adminPassword || !setup.generated.clientSecret)
      throw new Error(`tenant "${slug}" was set up without new admin credentials`);
    return { ...setup, slug, name };
  });
}

/** Every tenant, oldest first (for operators: `npm run tenant -- list`). */
export async function listTenants(db: Executor) {
  return db
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, createdAt: tenants.createdAt })
    .from(tenants)
    .orderBy(tenants.createdAt, tenants.slug);
}

async function ensureRow(
  find: () => Promise<{ id: string }[]>,
  create: () => Promise<{ id: string }[]>,
): Promise<string> {
  const [found] = await find();
  if (found) return found.id;
  const [created] = await create();
  if (!created) throw new Error("insert returned no row");
  return created.id;
}

/** The tenant's Home division: where records without a division go. */
export async function homeDivisionId(ctx: Context): Promise<string> {
  const [row] = await ctx.db
    .select({ id: divisions.id })
    .from(divisions)
    .where(and(eq(divisions.tenantId, ctx.tenantId), eq(divisions.isHome, true)));
  if (!row) throw notFound("Division", HOME_DIVISION);
  return row.id;
}

/**
 * The division a new or edited record goes to: the requested one when it exists in the tenant (otherwise a
 * field issue to report), or the Home division when none was asked for.
 */
export async function resolveDivision(
  ctx: Context,
  requested: string | null | undefined,
): Promise<{ id: string; issue?: FieldIssue }> {
  if (!requested) {
    const home = await homeDivisionId(ctx);
    requireDivision(ctx, home);
    return { id: home };
  }
  const [found] = await ctx.db
    .select({ id: divisions.id })
    .from(divisions)
    .where(and(eq(divisions.tenantId, ctx.tenantId), eq(divisions.id, requested)));
  if (!found)
    return { id: requested, issue: { path: "divisionId", message: `division ${requested} does not exist` } };
  // A principal limited to some divisions may not put records into another (403, not a field issue).
  requireDivision(ctx, found.id);
  return { id: found.id };
}

export async function listDivisions(ctx: Context) {
  return ctx.db
    .select({ id: divisions.id, name: divisions.name, isHome: divisions.isHome })
    .from(divisions)
    .where(eq(divisions.tenantId, ctx.tenantId))
    .orderBy(divisions.name);
}
