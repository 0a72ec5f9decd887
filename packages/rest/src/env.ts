import type { Database } from "@switchboard/db";
import type { Context as DomainContext, FileStorage, JobQueue } from "@switchboard/domain";

export interface RestDeps {
  db: Database;
  /** Needed by operations that start background work (exports). */
  jobs?: JobQueue;
  storage: FileStorage;
}

/** Hono environment shared by every dialect: the request id and, once authenticated, the domain context. */
export interface RestEnv {
  Variables: { requestId: string; ctx: DomainContext };
}
