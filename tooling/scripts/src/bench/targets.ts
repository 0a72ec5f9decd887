/**
 * The performance targets of issue #20, checked against a run's same-run ratios: each measured ratio beside
 * the target it has, and whether it is met. Operations the issue sets no target for (writes over HTTP) are
 * left out; a target the issue names for one size (search at 1,000,000 contacts, the worker's memory at
 * 1,000,000 rows) is checked at the size measured and says so.
 */
import type { ImportBenchResult } from "./import";
import type { ScenarioResult } from "./report";

export interface TargetCheck {
  /** What is measured, with the size it was measured at. */
  measure: string;
  /** The measured figure (a ratio, or MB). */
  value: number;
  /** Its target: at least `min` or below `max`. */
  min?: number;
  max?: number;
  /** What the target is, as the issue states it. */
  target: string;
  met: boolean;
}

const SEARCH_AT_SCALE = 1_000_000;

/** Scenarios of Genesys, enfore and DFS reads other than contact get and search: every operation is a read. */
const OTHER_READS = new Set(["genesys-organization-reads", "enfore-reads", "dfs-reads"]);

/** Targets of the HTTP scenarios' operations (by the operation names the scenarios give). */
function operationTarget(
  scenario: string,
  operation: string,
  contacts: number | undefined,
): { min: number; target: string } | undefined {
  if (OTHER_READS.has(scenario)) return { min: 0.4, target: "other reads ≥ 0.4× hand-written SQL" };
  if (scenario !== "contact-reads") return undefined;
  if (operation === "GET contact by id") return { min: 0.5, target: "≥ 0.5× bare" };
  if (operation.startsWith("GET contacts?q= (search, pageSize"))
    return (contacts ?? 0) >= SEARCH_AT_SCALE
      ? { min: 0.85, target: "≥ 0.85× bare at 1M contacts" }
      : { min: 0.5, target: "≥ 0.5× bare at 20k contacts" };
  // Every other read: at least 0.4× a hand-written SQL baseline of the same read.
  return { min: 0.4, target: "other reads ≥ 0.4× hand-written SQL" };
}

export function httpTargets(result: ScenarioResult): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const { operation, system, baseline } of result.operations) {
    const target = operationTarget(result.scenario, operation, result.contacts);
    if (!target) continue;
    const value = baseline.perSecond > 0 ? system.perSecond / baseline.perSecond : 0;
    const size = result.contacts ? `, ${result.contacts.toLocaleString("en-US")} contacts` : "";
    checks.push({
      measure: `${operation}${size}${operation.includes("one request at a time") ? "" : `, ${result.concurrency} concurrent`}`,
      value,
      min: target.min,
      target: target.target,
      met: value >= target.min,
    });
  }
  return checks;
}

const RSS_LIMIT_MB = 300;

export function importTargets(r: ImportBenchResult): TargetCheck[] {
  const rows = `${r.rows.toLocaleString("en-US")} rows`;
  const ofFloor = r.system.rowsPerSecond / r.floor.rowsPerSecond;
  const ofCopy = r.system.rowsPerSecond / r.baseline.rowsPerSecond;
  const checks: TargetCheck[] = [
    {
      measure: `CSV import rows/s ÷ database floor, ${rows}`,
      value: ofFloor,
      min: 0.7,
      target: "≥ 0.7× the same-run floor",
      met: ofFloor >= 0.7,
    },
    {
      measure: `CSV import rows/s ÷ COPY, ${rows}`,
      value: ofCopy,
      min: 0.01,
      target: "≥ 0.01× COPY",
      met: ofCopy >= 0.01,
    },
  ];
  if (r.workerPeakRssMb !== null)
    checks.push({
      measure: `worker peak RSS (MB), ${rows}`,
      value: r.workerPeakRssMb,
      max: RSS_LIMIT_MB,
      target: `< ${RSS_LIMIT_MB} MB at 1M rows`,
      met: r.workerPeakRssMb < RSS_LIMIT_MB,
    });
  return checks;
}

export function formatTargets(checks: TargetCheck[]): string {
  const figure = (c: TargetCheck) => (c.max !== undefined ? c.value.toFixed(0) : `${c.value.toFixed(3)}×`);
  const met = checks.filter((c) => c.met).length;
  return [
    `Targets (issue #20): ${met} of ${checks.length} met`,
    "",
    "| measure | measured | target | |",
    "|---|---:|---|---|",
    ...checks.map((c) => `| ${c.measure} | ${figure(c)} | ${c.target} | ${c.met ? "met" : "UNMET"} |`),
  ].join("\n");
}
