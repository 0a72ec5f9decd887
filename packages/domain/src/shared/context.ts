import { type Executor, PgTransaction } from "@switchboard/db";
import { allows } from "../access/permissions";
import type { JobQueue } from "../jobs/queue";
import { forbidden } from "./errors";

/**
 * Who performs an operation: a member (signed in to the web app, or calling an API with a bearer token from the
 * password grant), an API client (client-credentials grant), or the system itself (jobs, seeding).
 */
export interface Actor {
  /** `member` and `apiClient` are the DFS caller kinds `member` and `app`; `id` is the member's or client's uuid. */
  kind: "member" | "apiClient" | "system";
  id: string;
  name: string;
  permissions: ReadonlySet<string>;
  /**
   * The divisions the actor's roles apply in (Genesys division scoping): it sees and writes only records in
   * these. Absent or null: every division. Read through `visibleIn` / `requireDivision` (shared/records).
   */
  divisionIds?: ReadonlySet<string> | null;
}

/** Every use case takes this: the database (or an open transaction), the tenant, and the actor. */
export interface Context {
  db: Executor;
  tenantId: string;
  actor: Actor;
  /** Needed only by use cases that enqueue background work. */
  jobs?: JobQueue;
  /**
   * When the actor's change was approved by another member (a DFS change request): the reviewer, recorded on
   * the change sets beside the actor, who stays the initiator.
   */
  reviewer?: { id: string; name: string };
}

export const systemActor = (name = "system"): Actor => ({
  kind: "system",
  id: name,
  name,
  permissions: new Set(["*"]),
});

/** The first line of every use case: refuse unless the actor holds every one of `permissions`. */
export function requirePermission(ctx: Pick<Context, "actor">, ...permissions: string[]): void {
  for (const p of permissions) if (!allows(ctx.actor.permissions, p)) throw forbidden(p);
}

/** Refuse unless the actor holds at least one of `permissions` (Genesys "requires ANY permissions"). */
export function requireAnyPermission(ctx: Pick<Context, "actor">, ...permissions: string[]): void {
  if (!permissions.some((p) => allows(ctx.actor.permissions, p))) throw forbidden(permissions.join(" or "));
}

/** Runs `work` in a transaction, reusing the caller's if `ctx.db` already is one (drizzle nests savepoints). */
export function inTransaction<T>(ctx: Context, work: (tx: Context) => Promise<T>): Promise<T> {
  return ctx.db.transaction((db) => work({ ...ctx, db }));
}

/**
 * `inTransaction` without a savepoint when `ctx.db` is already a transaction: `work` joins it, and its failure
 * fails the caller's transaction. For writes the caller cannot go on without (an import batch's rows): a
 * savepoint is two more round trips, ~3 ms of each batch while the next one is being prepared.
 */
export function inOpenTransaction<T>(ctx: Context, work: (tx: Context) => Promise<T>): Promise<T> {
  return ctx.db instanceof PgTransaction ? work(ctx) : inTransaction(ctx, work);
}
