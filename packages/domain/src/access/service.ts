import { hash, verify } from "@node-rs/argon2";
import {
  and,
  apiClients,
  apiTokens,
  asc,
  type Executor,
  eq,
  gt,
  inArray,
  memberSessions,
  members,
  type PgColumn,
  roleAssignments,
  roles,
  type SQL,
  sql,
  tenants,
} from "@switchboard/db";
import { tokenHitStatement, waitFor } from "../rate-limits/service";
import { type Actor, type Context, requirePermission } from "../shared/context";
import { notFound, unauthenticated, validationFailed } from "../shared/errors";
import { isUuid } from "../shared/ids";
import { requireMayGrantRoles } from "./admin";
import { PERMISSIONS } from "./permissions";
import {
  ACCESS_TOKEN_TTL_SECONDS,
  generateClientId,
  generateSecret,
  hashToken,
  SESSION_RENEW_BEFORE_MS,
  SESSION_TTL_MS,
  signInEmail,
  signInOrganization,
} from "./rules";

export interface Principal {
  tenantId: string;
  actor: Actor;
}

/** argon2id with the library's defaults (OWASP-recommended parameters). */
export const hashPassword = (password: string) => hash(password);
const verifyPassword = (stored: string, password: string) => verify(stored, password).catch(() => false);
/** What an unknown member or client is verified against, so that it costs as much as a known one. */
const dummyHash = hashPassword("not-a-real-password");

/**
 * A principal's permissions and each of its roles' division lists (null: every division), as two columns of
 * the query that finds the principal: every request resolves its caller, in one round trip.
 */
function accessColumns(tenantId: PgColumn, principalId: PgColumn | SQL) {
  const assigned = sql`${roleAssignments}
    join ${roles} on ${roles.tenantId} = ${roleAssignments.tenantId} and ${roles.id} = ${roleAssignments.roleId}`;
  const ofPrincipal = sql`${roleAssignments.tenantId} = ${tenantId} and ${roleAssignments.principalId} = ${principalId}`;
  return {
    permissions: sql<string[]>`coalesce((
      select array_agg(distinct p) from ${assigned} cross join unnest(${roles.permissions}) as p
      where ${ofPrincipal}
    ), '{}')`,
    // As JSON, so a null list survives the aggregation.
    divisionLists: sql<(string[] | null)[]>`coalesce((
      select json_agg(${roles.divisionIds}) from ${assigned} where ${ofPrincipal}
    ), '[]'::json)`,
  };
}

/** The actor's access from the columns `accessColumns` read. */
const accessOf = (row: { permissions: string[]; divisionLists: (string[] | null)[] }) => ({
  permissions: new Set(row.permissions),
  divisionIds: divisionsOf(row.divisionLists),
});

/**
 * A principal's divisions from its roles' (Genesys division scoping, simplified: the union, applying to all
 * of its permissions). One role without a division list grants every division: null.
 */
export function divisionsOf(perRole: (string[] | null)[]): ReadonlySet<string> | null {
  if (perRole.length === 0 || perRole.some((d) => d === null)) return null;
  return new Set(perRole.flat() as string[]);
}

// ---------------------------------------------------------------------------------------------- API clients

/**
 * OAuth client-credentials grant: checks the secret and issues a bearer token (only its hash is stored).
 * With `tenant` (a slug or uuid: enfore's `GET /auth/authorize/{org-id}`), a client of another tenant gets
 * none, answered as bad credentials so the call does not tell which tenant a client id belongs to.
 */
export async function issueAccessToken(
  db: Executor,
  credentials: { clientId: string; clientSecret: string },
  options: { tenant?: string } = {},
): Promise<{ accessToken: string; expiresIn: number }> {
  // An id PostgreSQL text cannot hold (U+0000) names no client: it is looked up as none.
  const [found] = credentials.clientId.includes("\0")
    ? []
    : await db
        .select({ client: apiClients, slug: tenants.slug })
        .from(apiClients)
        .innerJoin(tenants, eq(tenants.id, apiClients.tenantId))
        .where(eq(apiClients.clientId, credentials.clientId));
  const client = found?.client;
  // Always one argon2 verification (against a throw-away hash for an unknown client), so the time taken
  // does not reveal which client ids exist or are active.
  const ok = await verifyPassword(client?.secretHash ?? (await dummyHash), credentials.clientSecret);
  if (!client?.active || !ok) throw unauthenticated("Invalid client credentials");
  if (options.tenant !== undefined && options.tenant !== client.tenantId && options.tenant !== found?.slug)
    throw unauthenticated("Invalid client credentials");
  const accessToken = generateSecret(32);
  await db.insert(apiTokens).values({
    tenantId: client.tenantId,
    tokenHash: hashToken(accessToken),
    apiClientId: client.id,
    expiresAt: new Date(Date.now() + ACCESS_TOKEN_TTL_SECONDS * 1000),
  });
  return { accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS };
}

/** A bearer token's principal as `resolveAccessToken` finds it. */
/** A bearer token's principal: dialects that name the tenant in the path (enfore's `org-id`) check its slug. */
export interface BearerPrincipal extends Principal {
  tenantSlug: string;
}

export interface TokenPrincipal extends BearerPrincipal {
  /** When the token expires: no cache may serve it past this. */
  expiresAt: Date;
  /** Seconds to wait when the token is over its per-minute limit, else null (also when not counted). */
  retryAfterSeconds: number | null;
  /** The token's hits in the current window, counted by this lookup (null when not counted). */
  counted: { hits: number; windowLeftSeconds: number; blockedLeftSeconds: number | null } | null;
}

/**
 * The principal behind a bearer token: its API client (client-credentials grant) or its member (password
 * grant), with the roles' permissions and divisions; null when the token is unknown or expired, or its client
 * revoked or its member disabled or removed. Given the token's per-minute limit, the same statement counts
 * `hits` requests (one by default; see `rate-limits`), and `retryAfterSeconds` says how long to wait when the
 * token is over it. `PrincipalCache` (./tokens) serves repeated requests from memory.
 */
export async function resolveAccessToken(
  db: Executor,
  token: string,
  limit: { perMinute: number } = { perMinute: 0 },
  hits = 1,
): Promise<TokenPrincipal | null> {
  const tokenHash = hashToken(token);
  const counted = limit.perMinute > 0 && hits > 0;
  const hit = db
    .$with("hit", { hits: sql<number>`hits` })
    .as(
      counted
        ? tokenHitStatement(tokenHash, hits)
        : sql`select null::int as hits, 0 as window_left, null::int as blocked_left`,
    );
  // Runs on every API request the cache does not serve: the owner, its access and the request's count come
  // back in one round trip.
  const [row] = await db
    .with(hit)
    .select({
      tenantId: apiTokens.tenantId,
      tenantSlug: tenants.slug,
      expiresAt: apiTokens.expiresAt,
      clientId: apiClients.id,
      clientName: apiClients.name,
      clientActive: apiClients.active,
      memberId: members.id,
      memberName: members.name,
      memberActive: members.active,
      ...accessColumns(apiTokens.tenantId, sql`coalesce(${apiTokens.apiClientId}, ${apiTokens.memberId})`),
      counted: sql<{ hits: number; window_left: number; blocked_left: number | null } | null>`(
        select row_to_json(hit) from hit)`,
    })
    .from(apiTokens)
    .innerJoin(tenants, eq(tenants.id, apiTokens.tenantId))
    .leftJoin(
      apiClients,
      and(eq(apiClients.tenantId, apiTokens.tenantId), eq(apiClients.id, apiTokens.apiClientId)),
    )
    .leftJoin(members, and(eq(members.tenantId, apiTokens.tenantId), eq(members.id, apiTokens.memberId)))
    .where(and(eq(apiTokens.tokenHash, tokenHash), gt(apiTokens.expiresAt, new Date())));
  if (!row) return null;
  // A client's token or a member's (the table allows exactly one owner); a revoked or disabled one is none.
  const owner: Pick<Actor, "kind" | "id" | "name"> | null =
    row.clientId !== null && row.clientActive
      ? { kind: "apiClient", id: row.clientId, name: row.clientName ?? "" }
      : row.memberId !== null && row.memberActive
        ? { kind: "member", id: row.memberId, name: row.memberName ?? "" }
        : null;
  if (!owner) return null;
  const count = counted && row.counted ? row.counted : null;
  return {
    tenantId: row.tenantId,
    tenantSlug: row.tenantSlug,
    actor: { ...owner, ...accessOf(row) },
    expiresAt: row.expiresAt,
    retryAfterSeconds: count ? waitFor(count, limit.perMinute) : null,
    counted: count
      ? { hits: count.hits, windowLeftSeconds: count.window_left, blockedLeftSeconds: count.blocked_left }
      : null,
  };
}

export interface NewApiClient {
  id: string;
  clientId: string;
  /** Shown once; only its hash is kept. */
  clientSecret: string;
  name: string;
}

/** Creates an API client holding `roleIds`. The secret is returned once and stored only as a hash. */
export async function createApiClient(
  ctx: Context,
  input: { name: string; roleIds: string[]; clientId?: string; clientSecret?: string },
): Promise<NewApiClient> {
  requirePermission(ctx, PERMISSIONS.apiClientsManage);
  await requireMayGrantRoles(ctx, input.roleIds);
  const clientId = input.clientId ?? generateClientId();
  const clientSecret = input.clientSecret ?? generateSecret(32);
  return ctx.db.transaction(async (tx) => {
    const [client] = await tx
      .insert(apiClients)
      .values({
        tenantId: ctx.tenantId,
        clientId,
        name: input.name,
        secretHash: await hashPassword(clientSecret),
      })
      .returning({ id: apiClients.id });
    if (!client) throw new Error("insert returned no row");
    await assignRoles(tx, ctx.tenantId, client.id, input.roleIds);
    return { id: client.id, clientId, clientSecret, name: input.name };
  });
}

/** Revokes an API client: its tokens stop working at once. */
export async function revokeApiClient(ctx: Context, id: string): Promise<void> {
  requirePermission(ctx, PERMISSIONS.apiClientsManage);
  if (!isUuid(id)) throw notFound("ApiClient", id);
  const scope = and(eq(apiClients.tenantId, ctx.tenantId), eq(apiClients.id, id));
  const updated = await ctx.db
    .update(apiClients)
    .set({ active: false, modifiedAt: new Date() })
    .where(scope)
    .returning();
  if (updated.length === 0) throw notFound("ApiClient", id);
  await ctx.db
    .delete(apiTokens)
    .where(and(eq(apiTokens.tenantId, ctx.tenantId), eq(apiTokens.apiClientId, id)));
}

async function assignRoles(db: Executor, tenantId: string, principalId: string, roleIds: string[]) {
  if (roleIds.length === 0) return;
  const found = await db
    .select({ id: roles.id })
    .from(roles)
    .where(and(eq(roles.tenantId, tenantId), inArray(roles.id, roleIds)));
  if (found.length !== new Set(roleIds).size) throw notFound("Role");
  await db
    .insert(roleAssignments)
    .values(roleIds.map((roleId) => ({ tenantId, principalId, roleId })))
    .onConflictDoNothing();
}

// ---------------------------------------------------------------------------------------------- members

/** Creates a web member with `roleIds`; the password is stored as an argon2id hash. */
export async function createMember(
  ctx: Context,
  input: { email: string; name: string; password: string; roleIds: string[] },
): Promise<{ id: string }> {
  requirePermission(ctx, PERMISSIONS.membersManage);
  await requireMayGrantRoles(ctx, input.roleIds);
  return ctx.db.transaction(async (tx) => {
    const [member] = await tx
      .insert(members)
      .values({
        tenantId: ctx.tenantId,
        email: input.email.trim().toLowerCase(),
        name: input.name,
        passwordHash: await hashPassword(input.password),
      })
      .returning({ id: members.id });
    if (!member) throw new Error("insert returned no row");
    await assignRoles(tx, ctx.tenantId, member.id, input.roleIds);
    return member;
  });
}

/**
 * How many members one sign-in checks the password of. An email is unique per tenant, so several tenants may
 * hold it; every sign-in pays for exactly this many argon2 verifications (throw-away ones for the candidates it
 * lacks), so its time tells neither whether the email exists nor in how many tenants. A member whose email is in
 * more tenants than this signs in naming the organization.
 */
export const SIGN_IN_CANDIDATES = 3;

/**
 * The member an email + password names: the password is checked against each active member with that email (in
 * the tenant whose slug is `organization`, when given), always with `SIGN_IN_CANDIDATES` argon2 verifications.
 * When it matches in several tenants, the caller is asked for the organization (a VALIDATION error on
 * `organization`); when it matches none, UNAUTHENTICATED.
 */
async function memberByPassword(
  db: Executor,
  input: { email: string; password: string; organization?: string | null },
): Promise<{ tenantId: string; id: string }> {
  const email = signInEmail(input.email);
  const organization = signInOrganization(input.organization);
  // Text PostgreSQL cannot hold (U+0000) names no member: looked up as none.
  const candidates =
    email.includes("\0") || organization?.includes("\0")
      ? []
      : await db
          .select({ tenantId: members.tenantId, id: members.id, passwordHash: members.passwordHash })
          .from(members)
          .innerJoin(tenants, eq(tenants.id, members.tenantId))
          .where(
            and(
              sql`lower(${members.email}) = ${email}`,
              eq(members.active, true),
              organization === null ? undefined : eq(tenants.slug, organization),
            ),
          )
          .orderBy(asc(members.createdAt), asc(members.tenantId))
          .limit(SIGN_IN_CANDIDATES);
  const matched: typeof candidates = [];
  const dummy = await dummyHash;
  for (let i = 0; i < SIGN_IN_CANDIDATES; i++) {
    const candidate = candidates[i];
    const ok = await verifyPassword(candidate?.passwordHash ?? dummy, input.password);
    if (ok && candidate) matched.push(candidate);
  }
  const [member, ...others] = matched;
  if (!member) throw unauthenticated("Invalid email or password");
  if (others.length)
    throw validationFailed(
      [
        {
          path: "organization",
          message: "this email and password belong to several organizations; name one",
        },
      ],
      "This email and password belong to several organizations: enter the organization to sign in to",
    );
  return { tenantId: member.tenantId, id: member.id };
}

/**
 * Email + password sign-in; returns a session token for an httpOnly cookie (only its hash is stored). It signs
 * into the tenant whose member the password matches (`memberByPassword`).
 */
export async function signInMember(
  db: Executor,
  input: { email: string; password: string; organization?: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const member = await memberByPassword(db, input);
  const token = generateSecret();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db
    .insert(memberSessions)
    .values({ tenantId: member.tenantId, tokenHash: hashToken(token), memberId: member.id, expiresAt });
  return { token, expiresAt };
}

/**
 * OAuth password grant: a bearer token acting as the member the email + password name, found as the web
 * sign-in finds it (the same argon2 work whether or not the email exists; `organization` names the tenant when
 * the password matches in several). Only the token's hash is stored; it expires like a client's token and stops
 * working once the member is disabled or removed.
 */
export async function issueMemberToken(
  db: Executor,
  input: { email: string; password: string; organization?: string | null },
): Promise<{ accessToken: string; expiresIn: number }> {
  const member = await memberByPassword(db, input);
  const accessToken = generateSecret(32);
  await db.insert(apiTokens).values({
    tenantId: member.tenantId,
    tokenHash: hashToken(accessToken),
    memberId: member.id,
    expiresAt: new Date(Date.now() + ACCESS_TOKEN_TTL_SECONDS * 1000),
  });
  return { accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS };
}

export interface MemberSession extends Principal {
  member: { id: string; email: string; name: string };
  expiresAt: Date;
}

/** The member behind a session token, or null. Extends the session when it is past half its life. */
export async function resolveMemberSession(db: Executor, token: string): Promise<MemberSession | null> {
  const tokenHash = hashToken(token);
  const [row] = await db
    .select({
      tenantId: members.tenantId,
      id: members.id,
      email: members.email,
      name: members.name,
      active: members.active,
      expiresAt: memberSessions.expiresAt,
      ...accessColumns(members.tenantId, members.id),
    })
    .from(memberSessions)
    .innerJoin(
      members,
      and(eq(members.tenantId, memberSessions.tenantId), eq(members.id, memberSessions.memberId)),
    )
    .where(and(eq(memberSessions.tokenHash, tokenHash), gt(memberSessions.expiresAt, new Date())));
  if (!row?.active) return null;
  let expiresAt = row.expiresAt;
  if (expiresAt.getTime() - Date.now() < SESSION_RENEW_BEFORE_MS) {
    expiresAt = new Date(Date.now() + SESSION_TTL_MS);
    await db
      .update(memberSessions)
      .set({ expiresAt })
      .where(and(eq(memberSessions.tenantId, row.tenantId), eq(memberSessions.tokenHash, tokenHash)));
  }
  return {
    tenantId: row.tenantId,
    actor: { kind: "member", id: row.id, name: row.name, ...accessOf(row) },
    member: { id: row.id, email: row.email, name: row.name },
    expiresAt,
  };
}

export async function signOutMember(db: Executor, token: string): Promise<void> {
  await db.delete(memberSessions).where(eq(memberSessions.tokenHash, hashToken(token)));
}
