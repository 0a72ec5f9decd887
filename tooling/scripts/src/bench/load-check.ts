/**
 * `--scenario load`: a load check, not a comparison. Over a modest store (20,000 contacts by default, loaded as
 * `contact-reads` loads them), a fixed number of workers on loopback send a mixed read/write stream to the
 * system for a fixed time: 60% get a contact by id, 20% search with `q`, 10% create a contact, 5% replace one
 * with `PUT` sending the version it knows (each worker owns the contacts it replaces, so any 409 is a lost-update
 * bug, not a race), 5% bulk-add 10 contacts. It reports requests per second, p50/p99 per kind and overall, and
 * the failures by status; 429 is allowed (and reported), any other failure (a 5xx, an unexpected 4xx, a bulk
 * item refused, a dropped connection) fails the run.
 */

import type { BenchDatabase } from "./database";
import { loadContacts } from "./dataset";
import { createPool, latencyPercentiles, send, type Target } from "./load";
import { pick, type Random, seededRandom } from "./random";
import type { HttpRequest } from "./scenario";
import { wireContact } from "./scenarios/bulk-add";

export const LOAD = "load";
/** Contacts loaded when `--contacts` is not given. */
export const LOAD_CONTACTS = 20_000;
/** Measured seconds when `--seconds` is not given. */
export const LOAD_SECONDS = 60;

const BASE = "/api/v2/externalcontacts";
/** Contacts each worker owns for its PUTs. */
const OWNED_PER_WORKER = 64;
const BULK_SIZE = 10;

export interface KindResult {
  kind: string;
  /** Share of the stream, 0–1. */
  share: number;
  requests: number;
  perSecond: number;
  /** Milliseconds, over every answered request of the kind (failed ones too). */
  p50: number;
  p99: number;
  max: number;
  /** Failures other than 429, by status ("HTTP 500", "bulk item 400", "network"). */
  errors: Record<string, number>;
  throttled: number;
}

export interface LoadResult {
  target: string;
  contacts: number;
  concurrency: number;
  seconds: number;
  kinds: KindResult[];
  overall: Omit<KindResult, "kind" | "share">;
  /** The first message of each kind of failure. */
  firstErrors: Record<string, string>;
}

interface Kind {
  name: string;
  share: number;
  /** The next request of worker `worker`, and how to judge its answer: an error label, or undefined when fine. */
  next(
    random: Random,
    worker: number,
  ): { request: HttpRequest; judge?: (body: Buffer) => string | undefined };
}

export async function benchLoad(
  db: BenchDatabase,
  settings: {
    contacts: number;
    seconds: number;
    warmup: number;
    concurrency: number;
    seed: number;
    system: Promise<{ origin: string; label: string }>;
    token: (origin: string, clientId: string, clientSecret: string) => Promise<string>;
  },
  log: (message: string) => void,
): Promise<LoadResult> {
  const tenant = await db.createTenant("load");
  log(`load: loading ${settings.contacts.toLocaleString("en-US")} contacts`);
  const data = await loadContacts(db.sql, tenant, settings.contacts, settings.seed);
  log(`load: loaded in ${data.seconds.toFixed(1)} s; waiting for the server`);

  // Each worker replaces only contacts of its own, so the version it sends is the one it last got back.
  const owned = data.sampleIds.slice(
    0,
    Math.min(data.sampleIds.length, settings.concurrency * OWNED_PER_WORKER),
  );
  const rows = await db.sql<{ id: string; version: number }[]>`
    select id, version from contacts where tenant_id = ${tenant.tenantId} and id = any(${owned}::uuid[])`;
  const versions = new Map(rows.map((r) => [r.id, r.version]));
  const ownedBy = Array.from({ length: settings.concurrency }, (_, w) =>
    owned.filter((_, i) => i % settings.concurrency === w),
  );

  let created = 0;
  const json = (method: "POST" | "PUT", path: string, body: unknown): HttpRequest => ({
    method,
    path,
    contentType: "application/json",
    body: JSON.stringify(body),
  });
  const kinds: Kind[] = [
    {
      name: "GET contact by id",
      share: 0.6,
      next: (random) => ({
        request: { method: "GET", path: `${BASE}/contacts/${pick(random, data.sampleIds)}` },
      }),
    },
    {
      name: "GET contacts?q= (pageSize 20)",
      share: 0.2,
      next: (random) => ({
        request: {
          method: "GET",
          path: `${BASE}/contacts?q=${encodeURIComponent(pick(random, data.searchTerms))}&pageSize=20`,
        },
      }),
    },
    {
      name: "POST contact",
      share: 0.1,
      next: (random) => ({ request: json("POST", `${BASE}/contacts`, wireContact(random, created++)) }),
    },
    {
      name: "PUT contact (with version)",
      share: 0.05,
      next: (random, worker) => {
        const id = pick(random, ownedBy[worker] ?? []);
        const version = versions.get(id);
        const contact = wireContact(random, created++);
        return {
          request: json("PUT", `${BASE}/contacts/${id}`, { ...contact, version }),
          judge: (body) => {
            const next = (JSON.parse(body.toString()) as { version?: number }).version;
            if (next !== (version ?? 0) + 1) return "PUT version not advanced by one";
            versions.set(id, next);
            return undefined;
          },
        };
      },
    },
    {
      name: `POST bulk/contacts/add (${BULK_SIZE})`,
      share: 0.05,
      next: (random) => ({
        request: json("POST", `${BASE}/bulk/contacts/add`, {
          entities: Array.from({ length: BULK_SIZE }, () => wireContact(random, created++)),
        }),
        judge: (body) => {
          const { results } = JSON.parse(body.toString()) as {
            results: { success: boolean; status: number }[];
          };
          const failed = results.find((r) => !r.success);
          return failed ? `bulk item ${failed.status}` : undefined;
        },
      }),
    },
  ];
  // A PUT needs a contact its worker owns.
  if (owned.length < settings.concurrency)
    throw new Error("load: too few contacts for one PUT target per worker");

  const server = await settings.system;
  const target: Target = {
    name: "system",
    origin: server.origin,
    pool: createPool(server.origin, settings.concurrency),
    headers: {
      authorization: `Bearer ${await settings.token(server.origin, tenant.clientId, tenant.clientSecret)}`,
    },
  };
  try {
    if (settings.warmup > 0) {
      log(`load: ${settings.warmup} s warm-up`);
      await run(
        target,
        kinds,
        settings.warmup,
        settings.concurrency,
        seededRandom(settings.seed ^ 0x7f4a7c15),
      );
    }
    log(`load: ${settings.seconds} s at ${settings.concurrency} concurrent requests`);
    const measured = await run(
      target,
      kinds,
      settings.seconds,
      settings.concurrency,
      seededRandom(settings.seed),
    );
    return {
      target: server.label,
      contacts: settings.contacts,
      concurrency: settings.concurrency,
      seconds: measured.seconds,
      kinds: kinds.map((k, i) => ({
        kind: k.name,
        share: k.share,
        ...summary(measured.samples[i]!, measured.seconds),
      })),
      overall: summary(
        {
          latencies: measured.samples.flatMap((s) => s.latencies),
          errors: merge(measured.samples.map((s) => s.errors)),
          throttled: measured.samples.reduce((n, s) => n + s.throttled, 0),
        },
        measured.seconds,
      ),
      firstErrors: measured.firstErrors,
    };
  } finally {
    await target.pool.close();
  }
}

interface Samples {
  latencies: number[];
  errors: Record<string, number>;
  throttled: number;
}

/** `concurrency` workers, each one request in flight, drawing kinds by share until the deadline. */
async function run(target: Target, kinds: Kind[], seconds: number, concurrency: number, random: Random) {
  const samples: Samples[] = kinds.map(() => ({ latencies: [], errors: {}, throttled: 0 }));
  const firstErrors: Record<string, string> = {};
  const cumulative = kinds.map((_, i) => kinds.slice(0, i + 1).reduce((sum, k) => sum + k.share, 0));
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async (w: number) => {
    while (performance.now() < deadline) {
      const draw = random() * (cumulative[cumulative.length - 1] ?? 1);
      const index = Math.max(
        0,
        cumulative.findIndex((c) => draw < c),
      );
      const kind = kinds[index]!;
      const sample = samples[index]!;
      const { request, judge } = kind.next(random, w);
      const t0 = performance.now();
      let error: string | undefined;
      let message = "";
      try {
        const response = await send(target, request);
        if (response.status === 429) sample.throttled++;
        else if (response.status !== 200) {
          error = `HTTP ${response.status}`;
          message = response.body.toString().slice(0, 300);
        } else {
          error = judge?.(response.body);
          message = error ? response.body.toString().slice(0, 300) : "";
        }
      } catch (thrown) {
        error = "network";
        message = thrown instanceof Error ? thrown.message : String(thrown);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      sample.latencies.push(performance.now() - t0);
      if (error) {
        sample.errors[error] = (sample.errors[error] ?? 0) + 1;
        firstErrors[error] ??= `${kind.name}: ${request.method} ${request.path}: ${message}`;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  return { samples, firstErrors, seconds: (performance.now() - started) / 1000 };
}

function merge(maps: Record<string, number>[]): Record<string, number> {
  const merged: Record<string, number> = {};
  for (const map of maps) for (const [key, n] of Object.entries(map)) merged[key] = (merged[key] ?? 0) + n;
  return merged;
}

function summary(samples: Samples, seconds: number): Omit<KindResult, "kind" | "share"> {
  const { p50, p99, max } = latencyPercentiles(samples.latencies);
  return {
    requests: samples.latencies.length,
    perSecond: samples.latencies.length / seconds,
    p50,
    p99,
    max,
    errors: samples.errors,
    throttled: samples.throttled,
  };
}

/** Failures that fail the run: everything but 429. */
export const loadFailures = (result: LoadResult) =>
  Object.values(result.overall.errors).reduce((sum, n) => sum + n, 0);

export function formatLoadResult(result: LoadResult): string {
  const rate = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "–");
  const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : "–");
  const errors = (e: Record<string, number>) =>
    Object.entries(e)
      .map(([status, n]) => `${n} ${status}`)
      .join(", ") || "0";
  const header = ["kind", "share", "requests", "req/s", "p50 ms", "p99 ms", "max ms", "429", "errors"];
  const row = (name: string, share: string, k: Omit<KindResult, "kind" | "share">) => [
    name,
    share,
    rate(k.requests),
    rate(k.perSecond),
    ms(k.p50),
    ms(k.p99),
    ms(k.max),
    String(k.throttled),
    errors(k.errors),
  ];
  const rows = [
    ...result.kinds.map((k) => row(k.kind, `${Math.round(k.share * 100)}%`, k)),
    row("all", "100%", result.overall),
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const format = (cells: string[]) =>
    `| ${cells.map((c, i) => (i > 0 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (i > 0 ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`;
  const failures = loadFailures(result);
  return [
    `Load check over ${result.contacts.toLocaleString("en-US")} contacts: ${result.target}`,
    `(${result.concurrency} concurrent requests, ${result.seconds.toFixed(1)} s, loopback keep-alive; 429 allowed, any other failure fails the run)`,
    "",
    format(header),
    rule,
    ...rows.map(format),
    "",
    failures === 0
      ? `  ok: ${rate(result.overall.requests)} requests, no failures`
      : `  ! ${failures} failed requests: ${Object.values(result.firstErrors).join("\n    ")}`,
  ].join("\n");
}
