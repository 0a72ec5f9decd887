/**
 * The load generator: a fixed number of workers, each with one request in flight, over a keep-alive undici
 * pool to a loopback origin, for a fixed time. Latency is recorded per request (whole response body read)
 * and percentiles are exact, from the sorted samples.
 */
import { Pool } from "undici";
import { type Random, seededRandom } from "./random";
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

/** Runs `operation` against `target` for `seconds`, after `warmup` unrecorded seconds. */
export async function measure(
  target: Target,
  operation: Operation,
  options: { seconds: number; warmup: number; concurrency: number; seed: number },
): Promise<Measurement> {
  const expected = operation.expectStatus ?? 200;
  // Warm-up draws from its own stream, so the measured stream starts at the same request for every target.
  if (options.warmup > 0) await run(options.warmup, seededRandom(options.seed ^ 0x7f4a7c15), () => {});

  const samples: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  await run(options.seconds, seededRandom(options.seed), (latency, error) => {
    if (error === undefined) samples.push(latency);
    else {
      errors++;
      firstError ??= error;
    }
  });
  const seconds = (performance.now() - started) / 1000;

  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) =>
    sorted.length ? (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0) : Number.NaN;
  return {
    requests: samples.length,
    errors,
    firstError,
    seconds,
    perSecond: samples.length / seconds,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted.length ? (sorted[sorted.length - 1] ?? 0) : Number.NaN,
  };

  /** `concurrency` workers until the deadline; a request in flight at the deadline is finished and counted. */
  async function run(seconds: number, random: Random, record: (latency: number, error?: string) => void) {
    const deadline = performance.now() + seconds * 1000;
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
          record(
            performance.now() - t0,
            `${request.path}: ${error instanceof Error ? error.message : error}`,
          );
          // A dead server fails fast; do not spin.
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  }
}
