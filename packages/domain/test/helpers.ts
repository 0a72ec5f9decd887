import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { roleAssignments, roles } from "@switchboard/db";
import { createTestDatabase, type TestDatabase } from "@switchboard/db/testing";
import { afterAll, beforeAll } from "vitest";
import {
  type Actor,
  type Context,
  DomainError,
  ensureTenant,
  type JobQueue,
  localFileStorage,
  startJobQueue,
  systemActor,
} from "../src";

export interface TestTenant {
  database: TestDatabase;
  tenantId: string;
  homeDivisionId: string;
  adminRoleId: string;
  /** A context acting as the tenant's admin (every permission). */
  admin: Context;
  /** A context whose actor holds exactly `permissions`. */
  as(permissions: string[], name?: string): Context;
}

/** A fresh database and a seeded tenant for one test file; dropped after the file. */
export function withTestTenant(): () => TestTenant {
  let tenant: TestTenant | undefined;
  beforeAll(async () => {
    const database = await createTestDatabase();
    const setup = await ensureTenant(database.db, { slug: "test" });
    const actor = (permissions: string[], name: string): Actor => ({
      kind: "member",
      id: crypto.randomUUID(),
      name,
      permissions: new Set(permissions),
    });
    tenant = {
      database,
      tenantId: setup.tenantId,
      homeDivisionId: setup.homeDivisionId,
      adminRoleId: setup.adminRoleId,
      admin: { db: database.db, tenantId: setup.tenantId, actor: actor(["*"], "Test Admin") },
      as: (permissions, name = "Limited") => ({
        db: database.db,
        tenantId: setup.tenantId,
        actor: actor(permissions, name),
      }),
    };
  });
  afterAll(() => tenant?.database.close());
  return () => {
    if (!tenant) throw new Error("withTestTenant() is only ready inside tests");
    return tenant;
  };
}

/** Gives `principalId` a new role holding `permissions`. */
export async function grant(t: TestTenant, principalId: string, permissions: string[]) {
  const [role] = await t.database.db
    .insert(roles)
    .values({ tenantId: t.tenantId, name: `role-${crypto.randomUUID()}`, permissions })
    .returning();
  await t.database.db.insert(roleAssignments).values({ tenantId: t.tenantId, principalId, roleId: role!.id });
  return role!;
}

/** The domain error a call fails with, or null when it succeeds (for asserting on code, message and issues). */
export const failure = (p: Promise<unknown>): Promise<DomainError | null> =>
  p.then(
    () => null,
    (e: DomainError) => e,
  );

/** The domain error a call must fail with: anything else, or success, fails the test. */
export async function rejection(p: Promise<unknown>): Promise<DomainError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

/**
 * For use cases that enqueue jobs and keep files, for one test file: a producer-only job queue, as the web
 * app runs it (jobs stay queued; the tests run them by hand), a file storage in a temp dir, and the contexts
 * of the tenant's admin (with the queue) and of the worker that runs the jobs.
 */
export function withJobsAndFiles(tenant: () => TestTenant, name: string) {
  const dir = mkdtempSync(join(tmpdir(), `switchboard-${name}-`));
  let queue: JobQueue | undefined;
  beforeAll(async () => {
    queue = await startJobQueue(tenant().database.url, { supervise: false });
  });
  afterAll(async () => {
    await queue?.stop();
    await rm(dir, { recursive: true, force: true });
  });
  const jobs = () => {
    if (!queue) throw new Error("withJobsAndFiles() is only ready inside tests");
    return queue;
  };
  return {
    dir,
    storage: localFileStorage(dir),
    jobs,
    admin: (): Context => ({ ...tenant().admin, jobs: jobs() }),
    worker: (): Context => ({
      db: tenant().database.db,
      tenantId: tenant().tenantId,
      actor: systemActor("worker"),
    }),
  };
}

/**
 * The statements `read` sends, counted where the driver builds each one (postgres.js's `debug` hook of the test
 * database's pool): each is a round trip, and the bench holds reads to a hand-written one-statement baseline.
 */
export async function statementsOf<T>(
  t: TestTenant,
  read: () => Promise<T>,
): Promise<{ result: T; count: number }> {
  // Pattern matches go to a pool of their own (see `createDb`): statements of both are counted, but not the
  // array types postgres.js reads once on a new connection.
  const pools = [t.database.client, t.database.patternClient].flatMap((c) =>
    c ? [c.options as { debug?: unknown }] : [],
  );
  let count = 0;
  for (const options of pools)
    options.debug = (_connection: number, statement: string) => {
      if (!/\bfrom pg_catalog\.pg_type\b/.test(statement)) count++;
    };
  try {
    const result = await read();
    return { result, count };
  } finally {
    for (const options of pools) options.debug = false;
  }
}
