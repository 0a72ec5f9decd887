import { apiTokens, type Executor, rateLimits, type SQL, sql } from "@switchboard/db";
import { hashToken, signInEmail, signInOrganization } from "../access/rules";
import { isDomainError } from "../shared/errors";
import { RATE_LIMIT_WINDOW_SECONDS, RateLimited, type RateLimitSettings } from "./rules";

/**
 * Rate limits whose counters live in PostgreSQL (`rate_limits`), so every server copy counts together. Each
 * key has a fixed one-minute window: one upsert counts a hit on every key of a request and returns how long
 * the window and any lockout still last. Failed logins for one client id or email lock it for a period that
 * doubles with each further failure, and a success clears them.
 */

interface Hit {
  key: string;
  limit: number;
}

const window = sql.raw(`make_interval(secs => ${RATE_LIMIT_WINDOW_SECONDS})`);
const windowStart = sql`date_bin(${window}, now(), timestamptz '2000-01-01')`;

/**
 * The upsert that counts `count` hits (one by default) on each key (`onlyIf` makes it conditional) and returns,
 * per key, `hits` in this window, `window_left` and `blocked_left` (seconds; the latter null or negative when
 * not locked).
 */
function hitStatement(keys: string[], onlyIf?: SQL, count = 1): SQL {
  const values = sql.join(
    keys.map((key) => sql`(${key}::text)`),
    sql`, `,
  );
  return sql`
    insert into ${rateLimits} as r (key, window_start, hits, updated_at)
    select k.key, ${windowStart}, ${count}::int, now() from (values ${values}) as k(key)
    ${onlyIf ? sql`where ${onlyIf}` : sql``}
    on conflict (key) do update set
      hits = case when r.window_start = excluded.window_start then r.hits + excluded.hits else excluded.hits end,
      window_start = excluded.window_start,
      updated_at = excluded.updated_at
    returning r.key, r.hits,
      ceil(extract(epoch from r.window_start + ${window} - now()))::int as window_left,
      ceil(extract(epoch from r.blocked_until - now()))::int as blocked_left`;
}

type Counted = {
  hits: number;
  window_left: number;
  blocked_left: number | null;
};

/** The seconds to wait for a key counted by `hitStatement` under `limit`, or null when it may go on. */
export function waitFor(row: Counted, limit: number): number | null {
  let wait: number | null = null;
  if (row.hits > limit) wait = Math.max(1, row.window_left);
  if (row.blocked_left !== null && row.blocked_left > 0) wait = Math.max(wait ?? 1, row.blocked_left);
  return wait;
}

/**
 * Counts one hit on each key (keys with a limit of 0 are not counted) and returns the seconds to wait when
 * any is over its limit in this window or locked, else null.
 */
async function hit(db: Executor, hits: Hit[]): Promise<number | null> {
  const counted = hits.filter((h) => h.limit > 0);
  if (counted.length === 0) return null;
  if (Math.random() < 0.001) await pruneRateLimits(db);
  const rows = await db.execute<Counted & { key: string }>(hitStatement(counted.map((h) => h.key)));
  let wait: number | null = null;
  for (const row of rows) {
    const limit = counted.find((h) => h.key === row.key)?.limit ?? Number.MAX_SAFE_INTEGER;
    const own = waitFor(row, limit);
    if (own !== null) wait = Math.max(wait ?? 0, own);
  }
  return wait;
}

/**
 * The statement that counts `count` requests made with the bearer token of `tokenHash` (one, or those a
 * principal cache served since its last lookup), only when the token exists (an unknown one gets its 401 and
 * leaves no row); see `hitStatement` for what it returns. The principal lookup runs it as a CTE, so counting
 * costs no round trip of its own.
 */
export function tokenHitStatement(tokenHash: string, count = 1): SQL {
  return hitStatement(
    [`token:${tokenHash}`],
    sql`exists (select 1 from ${apiTokens} where ${apiTokens.tokenHash} = ${tokenHash})`,
    count,
  );
}

/** Counts a request made with a bearer token (as `resolveAccessToken` does); the seconds to wait, or null. */
export async function hitTokenLimit(
  db: Executor,
  token: string,
  settings: RateLimitSettings,
): Promise<number | null> {
  if (settings.tokenPerMinute <= 0) return null;
  const [row] = await db.execute<Counted>(tokenHitStatement(hashToken(token)));
  return row ? waitFor(row, settings.tokenPerMinute) : null;
}

export interface LoginAttempt {
  /** An OAuth client id, or a member's email. */
  kind: "client" | "email";
  id: string;
  /** The caller's address, when known. */
  ip?: string | null;
  /**
   * The tenant's slug a member's sign-in names (`organization`), when it names one. An email is unique per
   * tenant only, so the same email may be members of several tenants: named, the email's budget and lockout are
   * that tenant's own, and wrong passwords tried at one tenant do not lock the member of another out. Unnamed,
   * the tenant is not known before the password is checked, and the email's key is shared. (A client id is
   * unique across tenants: its key is one tenant's already.)
   */
  organization?: string | null;
}

function subjectKey(who: LoginAttempt): string {
  if (who.kind === "client") return `login:client:${hashToken(who.id)}`;
  // Read as the sign-in reads them: one tenant, one key.
  const email = signInEmail(who.id);
  const organization = signInOrganization(who.organization);
  return organization
    ? `login:email:${hashToken(JSON.stringify([organization, email]))}`
    : `login:email:${hashToken(email)}`;
}

/**
 * Runs a login (an OAuth token request or a member's sign-in) under its limits: refused with `RateLimited`
 * before the secret is checked when the client id, email or IP is over its per-minute limit or the client id
 * or email is locked out by failed logins. A failure (`UNAUTHENTICATED`) counts towards the lockout; a success
 * clears it.
 */
export async function limitLogin<T>(
  db: Executor,
  settings: RateLimitSettings,
  who: LoginAttempt,
  attempt: () => Promise<T>,
): Promise<T> {
  const subject = subjectKey(who);
  const wait = await hit(db, [
    // Always counted (a limit of 0 still keeps the lockout on), so the lockout is read in the same statement.
    { key: subject, limit: settings.loginPerMinute || Number.MAX_SAFE_INTEGER },
    ...(who.ip ? [{ key: `login-ip:${who.ip}`, limit: settings.loginPerIpPerMinute }] : []),
  ]);
  if (wait !== null) throw new RateLimited(wait);
  let result: T;
  try {
    result = await attempt();
  } catch (error) {
    if (isDomainError(error) && error.code === "UNAUTHENTICATED") await recordFailure(db, settings, subject);
    throw error;
  }
  await db.execute(sql`
    update ${rateLimits} set failures = 0, failed_at = null, blocked_until = null
    where key = ${subject} and (failures > 0 or blocked_until is not null)`);
  return result;
}

async function recordFailure(db: Executor, settings: RateLimitSettings, key: string): Promise<void> {
  const threshold = settings.lockoutAfterFailures;
  if (threshold <= 0) return;
  // A run of failures ends when none came for as long as the longest lock.
  const forget = sql.raw(
    `make_interval(secs => ${Math.max(settings.maxLockoutSeconds, RATE_LIMIT_WINDOW_SECONDS)})`,
  );
  const failures = sql`case when r.failed_at > now() - ${forget} then r.failures + 1 else 1 end`;
  const lockFor = (count: SQL) => sql`case when ${count} >= ${threshold}
    then now() + make_interval(secs => least(${settings.lockoutSeconds} * power(2, least(${count} - ${threshold}, 30)), ${settings.maxLockoutSeconds}))
    end`;
  await db.execute(sql`
    insert into ${rateLimits} as r (key, window_start, hits, failures, failed_at, blocked_until, updated_at)
    values (${key}, ${windowStart}, 0, 1, now(), ${lockFor(sql`1`)}, now())
    on conflict (key) do update set
      failures = ${failures},
      failed_at = now(),
      blocked_until = coalesce(${lockFor(failures)}, r.blocked_until),
      updated_at = now()`);
}

/** Removes counters nothing reads any more: untouched for longer than the window and the longest lock. */
export async function pruneRateLimits(db: Executor, maxLockoutSeconds = 24 * 60 * 60): Promise<void> {
  const keep = Math.max(maxLockoutSeconds, RATE_LIMIT_WINDOW_SECONDS);
  await db.execute(sql`
    delete from ${rateLimits}
    where updated_at < now() - make_interval(secs => ${keep})
      and (blocked_until is null or blocked_until < now())`);
}
