/**
 * The load generator: a fixed number of workers, each with one request in flight, over a keep-alive undici
 * pool to a loopback origin, for a fixed time. Latency is recorded per request (whole response body read)
 * and percentiles are exact, from the sorted samples.
 */
import { Pool } from "undici";
import { seededRandom } from "./random";
import type { HttpRequest, Operation } from "./scenario";

export interface Target {
  name: string;
  origin: string;
  pool: Pool;
  /** Headers sent with every request (credentials). */
  headers: Record<string, string>;
}

export function createPool(origin: string, concurrency: number): Pool {
  return new Pool(origin, {
    connections: concurrency,
    pipelining: 1,
    keepAliveTimeout: 60_000,
    keepAliveMaxTimeout: 600_000,
  });
}

export interface Measurement {
  requests: number;
  errors: number;
  firstError?: string;
  seconds: number;
  perSecond: number;
  /** Milliseconds. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface Response {
  status: number;
  body: Buffer;
}

export async function send(target: Target, request: HttpRequest): Promise<Response> {
  const headers: Record<string, string> = { ...target.headers };
  if (request.contentType) headers["content-type"] = request.contentType;
  const response = await target.pool.request({
    method: request.method,
    path: request.path,
    headers,
    body: request.body,
  });
  const body = Buffer.from(await response.body.arrayBuffer());
  return { status: response.statusCode, body };
}

interface Sampled {
  samples: number[];
  errors: number;
  firstError?: string;
  seconds: number;
}

type MeasureOptions = { seconds: number; warmup: number; concurrency: number; seed: number };

/**
 * Measures `operation` on each target for `seconds`, after each target's unrecorded warm-up, in two halves
 * run in the order A B B A and added up. Measured one whole run after the other, the second target found
 * warm what the first had read from the OS page cache into PostgreSQL's buffers, and ran faster for that
 * alone: searches over a million contacts measured 0.82x with the system first and 0.95x with the baseline
 * first. Each target gets the same request streams: the warm-up's, then the first half's, then the second's.
 */
export async function measureEach(
  targets: [Target, Target],
  operation: Operation,
  options: MeasureOptions,
): Promise<[Measurement, Measurement]> {
  for (const target of targets)
    if (options.warmup > 0)
      await sample(target, operation, options, options.warmup, options.seed ^ 0x7f4a7c15);
  const half = options.seconds / 2;
  const [a, b] = targets;
  const a1 = await sample(a, operation, options, half, options.seed);
  const b1 = await sample(b, operation, options, half, options.seed);
  const b2 = await sample(b, operation, options, half, options.seed ^ 0x2545f491);
  const a2 = await sample(a, operation, options, half, options.seed ^ 0x2545f491);
  return [summarize(a1, a2), summarize(b1, b2)];
}

/** Exact percentiles and the largest of `latencies` (ms), from the sorted samples; NaN when there are none. */
export function latencyPercentiles(latencies: number[]) {
  const sorted = Float64Array.from(latencies).sort();
  const at = (q: number) =>
    sorted.length ? (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0) : Number.NaN;
  return {
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted.length ? (sorted[sorted.length - 1] ?? 0) : Number.NaN,
  };
}

function summarize(...parts: Sampled[]): Measurement {
  const samples = parts.flatMap((p) => p.samples);
  const seconds = parts.reduce((sum, p) => sum + p.seconds, 0);
  return {
    requests: samples.length,
    errors: parts.reduce((sum, p) => sum + p.errors, 0),
    firstError: parts.find((p) => p.firstError !== undefined)?.firstError,
    seconds,
    perSecond: samples.length / seconds,
    ...latencyPercentiles(samples),
  };
}

/**
 * `concurrency` workers send `operation`'s requests (drawn from `seed`'s stream) to `target` until `seconds`
 * pass; a request in flight at the deadline is finished and counted.
 */
async function sample(
  target: Target,
  operation: Operation,
  options: MeasureOptions,
  seconds: number,
  seed: number,
): Promise<Sampled> {
  const expected = operation.expectStatus ?? 200;
  const random = seededRandom(seed);
  const result: Sampled = { samples: [], errors: 0, seconds: 0 };
  const record = (latency: number, error?: string) => {
    if (error === undefined) result.samples.push(latency);
    else {
      result.errors++;
      result.firstError ??= error;
    }
  };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const request = operation.next(random);
      const t0 = performance.now();
      try {
        const response = await send(target, request);
        const latency = performance.now() - t0;
        if (response.status === expected) record(latency);
        else
          record(
            latency,
            `HTTP ${response.status} ${request.path}: ${response.body.toString().slice(0, 200)}`,
          );
      } catch (error) {
        record(performance.now() - t0, `${request.path}: ${error instanceof Error ? error.message : error}`);
        // A dead server fails fast; do not spin.
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
