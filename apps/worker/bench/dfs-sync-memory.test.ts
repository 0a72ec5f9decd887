/**
 * Benchmark, not part of `npm test` (`pnpm --filter @switchboard/worker bench:dfs-sync`, it takes minutes): a DFS sync
 * of one JSON file of 100,000 contact entries by the real worker process, started as production starts it
 * (with the V8 flags of the worker package's `start`), with its peak resident set
 * (VmHWM) read from /proc, against its resident set once started and idle. The file is read entry by entry,
 * so the sync adds little to the idle worker, whatever the file's size. It checks that the sync completes with
 * every entry created and that the sync adds less than GROWTH_LIMIT_MB (the worker run from source through tsx
 * idles near 300 MB, more than its bundle; the project's 300 MB worker target is for the bundle).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import { createTestDatabase, type TestDatabase } from "@switchboard/db/testing";
import {
  type Context,
  type DfsSyncState,
  ensureTenant,
  getDfsSyncStatus,
  type JobQueue,
  localFileStorage,
  startDfsSync,
  startJobQueue,
  systemActor,
  uploadDfsImportFile,
} from "@switchboard/domain";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { killed } from "../test/worker-process";

const ENTRIES = Number(process.env.DFS_SYNC_BENCH_ENTRIES) || 100_000;
const GROWTH_LIMIT_MB = 150;

let database: TestDatabase;
let dataDir: string;
let web: JobQueue;
let ctx: Context;
let child: ChildProcess | undefined;
const output: string[] = [];

const FIRST = ["Ada", "Alan", "Grace", "Émilie", "Søren", "Zoë", "Hedy", "Claude", "Barbara", "Edsger"];
const LAST = ["Lovelace", "Turing", "Hopper", "du Châtelet", "Kierkegaard", "Müller", "Lamarr", "Shannon"];

/** The file's text, a few hundred entries per chunk: the test never holds the whole file either. */
async function* entries(): AsyncGenerator<string> {
  yield "[";
  let chunk = "";
  for (let i = 1; i <= ENTRIES; i++) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    chunk += `${i > 1 ? "," : ""}\n${JSON.stringify({
      externalId: `BENCH-${i}`,
      contactTypeId: 1,
      details: {
        personalInformation: {
          firstName: first,
          lastName: last,
          displayName: `${first} ${last}`,
          dateOfBirth: `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`,
        },
        communicationMethods: {
          primaryEmail: `${first
            .toLowerCase()
            .normalize("NFD")
            .replace(/[^a-z]/g, "")}.${i}@example.com`,
          primaryPhoneNumber: `+41 79 ${String(1000000 + i).slice(-7)}`,
        },
        addresses: {
          primaryAddress: { street: `Bahnhofstrasse ${i % 200}`, city: "Zürich", countryCode: "CH" },
        },
      },
    })}`;
    if (chunk.length > 64 * 1024) {
      yield chunk;
      chunk = "";
    }
  }
  yield `${chunk}\n]`;
}

/** The process's `VmHWM` (peak) or `VmRSS` (now) from /proc, in MB. */
async function rssMb(pid: number | undefined, field: "VmHWM" | "VmRSS"): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1];
  return kb ? Number(kb) / 1024 : null;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { tenantId } = await ensureTenant(database.db, { slug: "dfs-sync-memory" });
  dataDir = await mkdtemp(join(tmpdir(), "switchboard-dfs-sync-memory-"));
  web = await startJobQueue(database.url, { supervise: false });
  ctx = { db: database.db, tenantId, actor: systemActor("bench"), jobs: web };
});

afterAll(async () => {
  if (child) await killed(child, "SIGTERM");
  await web?.stop();
  await database?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("DFS sync memory", () => {
  it(`syncs ${ENTRIES} entries, the worker growing less than ${GROWTH_LIMIT_MB} MB over its idle RSS`, async () => {
    // The heap flags production starts the worker with: those of the package's `start`, before its bundle.
    const start: string = JSON.parse(await readFile(resolve(import.meta.dirname, "../package.json"), "utf8"))
      .scripts.start;
    const flags = start.split(/\s+/).filter((arg) => arg.startsWith("--"));
    child = spawn(process.execPath, [...flags, "--import", "tsx", "src/main.ts"], {
      cwd: resolve(import.meta.dirname, ".."),
      env: { ...process.env, DATABASE_URL: database.url, SWITCHBOARD_DATA_DIR: dataDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (d) => output.push(String(d)));
    child.stderr?.on("data", (d) => output.push(String(d)));
    await vi.waitFor(
      () => {
        if (!output.join("").includes(" started")) throw new Error(`not started\n${output.join("")}`);
      },
      { timeout: 120_000, interval: 200 },
    );
    // Idle for a moment (its start-up work done), then the peak starts over from here.
    await new Promise((done) => setTimeout(done, 3000));
    const idle = await rssMb(child.pid, "VmRSS");
    await writeFile(`/proc/${child.pid}/clear_refs`, "5").catch(() => {});
    const storage = localFileStorage(join(dataDir, "files"));
    const file = await uploadDfsImportFile(
      ctx,
      "contacts",
      { fileName: "bench.json", body: Readable.from(entries()) },
      storage,
    );
    const started = Date.now();
    const sync = await startDfsSync(ctx, "contacts");
    const done = await vi.waitFor(
      async (): Promise<DfsSyncState> => {
        const s = await getDfsSyncStatus(ctx, sync.id);
        if (s.status === "InProgress") throw new Error(`at ${s.processed}\n${output.slice(-5).join("")}`);
        return s;
      },
      { timeout: 1_800_000, interval: 1000 },
    );
    const seconds = (Date.now() - started) / 1000;
    const peak = await rssMb(child.pid, "VmHWM");
    console.log(
      `[dfs sync memory] ${ENTRIES} entries, file ${(file.fileLength / 1024 / 1024).toFixed(1)} MB: ` +
        `${done.status} (${done.created} created, ${done.failed} failed) in ${seconds.toFixed(0)} s; ` +
        `worker RSS idle ${idle?.toFixed(0) ?? "?"} MB, peak during the sync ${peak?.toFixed(0) ?? "?"} MB ` +
        "(heap limit 160 MB, run from source through tsx)",
    );
    expect(done).toMatchObject({ status: "Completed", created: ENTRIES, failed: 0, processed: ENTRIES });
    expect(peak! - idle!).toBeLessThan(GROWTH_LIMIT_MB);
  }, 2_000_000);
});
