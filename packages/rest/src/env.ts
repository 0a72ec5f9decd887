import type { Database } from "@switchboard/db";
import type { Context as DomainContext, FileStorage, JobQueue, RateLimitSettings } from "@switchboard/domain";

export interface RestDeps {
  db: Database;
  /** Needed by operations that start background work (exports). */
  jobs?: JobQueue;
  storage: FileStorage;
  /** Per-token and login limits; from the environment (`rateLimitSettings()`) when not given. */
  rateLimits?: RateLimitSettings;
  /**
   * How long a bearer token's principal is kept in memory; `principalCacheMs()` (0 to 1000 ms) when not given.
   * Above 1000 ms only the database's notifications bound how long a revoked token keeps working.
   */
  principalCacheMs?: number;
  /**
   * Whether `X-Forwarded-For` names the caller: only behind a reverse proxy that appends the client's address
   * (`SWITCHBOARD_TRUST_PROXY=1` when not given). Otherwise the connection's address is the caller's, so that a
   * client cannot name any address it likes and escape the per-IP sign-in limit.
   */
  trustProxy?: boolean;
}

/** Hono environment shared by every dialect: the request id and, once authenticated, the domain context. */
export interface RestEnv {
  Variables: { requestId: string; ctx: DomainContext; tenantSlug: string };
}
