/** The result table: system against baseline per operation, as ratios. */
import type { Measurement } from "./load";

export interface OperationResult {
  operation: string;
  system: Measurement;
  baseline: Measurement;
  /** Items per request, when a request carries many (bulk): reported as items per second too. */
  units?: { perRequest: number; name: string };
}

export interface ScenarioResult {
  scenario: string;
  title: string;
  /** Contacts in the store the scenario read (scenarios run once per `--contacts` size). */
  contacts?: number;
  system: string;
  baseline: string;
  concurrency: number;
  seconds: number;
  operations: OperationResult[];
}

const rate = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "–");
const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : "–");
const ratio = (a: number, b: number) => (Number.isFinite(a / b) && b > 0 ? `${(a / b).toFixed(2)}×` : "–");

export function formatTable(result: ScenarioResult): string {
  const header = [
    "operation",
    "system req/s",
    "baseline req/s",
    "ratio",
    "system p50/p95 ms",
    "baseline p50/p95 ms",
    "ratio p95",
  ];
  const rows = result.operations.map(({ operation, system, baseline }) => [
    operation,
    rate(system.perSecond),
    rate(baseline.perSecond),
    ratio(system.perSecond, baseline.perSecond),
    `${ms(system.p50)} / ${ms(system.p95)}`,
    `${ms(baseline.p50)} / ${ms(baseline.p95)}`,
    ratio(system.p95, baseline.p95),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const numeric = (i: number) => i > 0;
  const format = (cells: string[]) =>
    `| ${cells.map((c, i) => (numeric(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (numeric(i) ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`;

  const lines = [
    `${result.title}: system = ${result.system}; baseline = ${result.baseline}`,
    `(${result.concurrency} concurrent requests, ${result.seconds} s per measurement, loopback keep-alive; ratio = system / baseline)`,
    "",
    format(header),
    rule,
    ...rows.map(format),
  ];
  for (const { operation, system, baseline, units } of result.operations) {
    if (units)
      lines.push(
        `  ${operation}: system ${rate(system.perSecond * units.perRequest)} ${units.name}/s, baseline ${rate(baseline.perSecond * units.perRequest)} ${units.name}/s (${ratio(system.perSecond, baseline.perSecond)})`,
      );
    for (const [name, m] of [
      ["system", system],
      ["baseline", baseline],
    ] as const) {
      if (m.errors > 0)
        lines.push(`  ! ${operation} on ${name}: ${m.errors} failed requests; first: ${m.firstError}`);
    }
  }
  return lines.join("\n");
}
