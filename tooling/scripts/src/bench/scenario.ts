/**
 * A scenario prepares its data (in a tenant of its own) and names the operations to measure. Every
 * operation is sent, with the same seeded request stream, to the system under test and to the baseline
 * server, and reported as the ratio of the two. The baseline answers the same paths with one hand-written
 * SQL statement per request (see `BaselineRoute`), so the ratio is what the system's layers cost.
 */
import type postgres from "postgres";
import type { BenchDatabase, BenchTenant } from "./database";
import type { BenchOptions } from "./options";
import type { Random } from "./random";

export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path and query, identical for the system and the baseline. */
  path: string;
  body?: string;
  contentType?: string;
}

export interface Operation {
  name: string;
  /** The next request of the stream; `random` is seeded the same for both targets. */
  next(random: Random): HttpRequest;
  /**
   * Requests in flight at once for this operation, overriding `--concurrency`: 1 measures the latency of the
   * operation itself rather than of a queue on a small machine.
   */
  concurrency?: number;
  /** Items each request carries (e.g. contacts of a bulk request), to report items per second too. */
  unitsPerRequest?: number;
  /** What those items are, e.g. "contacts". */
  unit?: string;
  /** Status of a successful response (default 200). */
  expectStatus?: number;
  /**
   * What must be the same whichever server answered (e.g. the ids returned): compared on a few requests
   * before measuring, so both servers are known to do the same work.
   */
  fingerprint(body: unknown): string;
}

export interface PreparedScenario {
  tenant: BenchTenant;
  operations: Operation[];
}

export interface ScenarioContext {
  db: BenchDatabase;
  options: BenchOptions;
  log: (message: string) => void;
}

export interface Scenario {
  name: string;
  /** Title of the scenario's result table. */
  title(options: BenchOptions): string;
  prepare(context: ScenarioContext): Promise<PreparedScenario>;
  /** Run once per `--contacts` size (a store of its own each), not once. */
  perStoreSize?: boolean;
}

// ------------------------------------------------------------------------------------------- baseline

export interface BaselineRequest {
  sql: postgres.Sql;
  /** From the `x-bench-tenant` header: the baseline's stand-in for authentication. */
  tenantId: string;
  url: URL;
  /** Capture groups of the route's path pattern. */
  params: string[];
  body: Buffer;
}

export interface BaselineResponse {
  status: number;
  body: unknown;
}

export interface BaselineRoute {
  method: HttpRequest["method"];
  /** Matched against the whole pathname. */
  path: RegExp;
  handle(request: BaselineRequest): Promise<BaselineResponse>;
}

export const BASELINE_TENANT_HEADER = "x-bench-tenant";
