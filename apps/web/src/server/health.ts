import "server-only";
import { MIGRATION_COUNT, sql } from "@switchboard/db";
import { db } from "./db";

/** A worker counts as up when it has written a heartbeat within this window (it beats every 5 s). */
const WORKER_FRESH_SECONDS = 30;

export interface Health {
  status: "ok" | "down";
  database: "up" | "down";
  migrations: "up" | "pending" | "unknown";
  worker: "up" | "down" | "unknown";
}

/** Ready only when the database answers, every migration is applied and a worker is alive. */
export async function checkHealth(): Promise<Health> {
  const health: Health = { status: "down", database: "down", migrations: "unknown", worker: "unknown" };
  try {
    await db().execute(sql`select 1`);
    health.database = "up";
    const [applied] = (await db().execute(
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    )) as unknown as { n: number }[];
    health.migrations = (applied?.n ?? 0) >= MIGRATION_COUNT ? "up" : "pending";
    const [beat] = (await db().execute(
      sql`select count(*)::int as n from worker_heartbeats where seen_at > now() - make_interval(secs => ${WORKER_FRESH_SECONDS})`,
    )) as unknown as { n: number }[];
    health.worker = (beat?.n ?? 0) > 0 ? "up" : "down";
  } catch (error) {
    console.error("[health]", error);
  }
  if (health.database === "up" && health.migrations === "up" && health.worker === "up") health.status = "ok";
  return health;
}
