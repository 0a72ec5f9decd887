import type { Database } from "@switchboard/db";
import type { Context as DomainContext, FileStorage, JobQueue, RateLimitSettings } from "@switchboard/domain";

export interface RestDeps {
  db: Database;
  /** Needed by operations that start background work (exports). */
  jobs?: JobQueue;
  storage: FileStorage;
  /** Per-token and login limits; from the environment (`rateLimitSettings()`) when not given. */
  rateLimits?: RateLimitSettings;
}

/** Hono environment shared by every dialect: the request id and, once authenticated, the domain context. */
export interface RestEnv {
  Variables: { requestId: string; ctx: DomainContext };
}
