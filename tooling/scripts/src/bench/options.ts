import { parseArgs } from "node:util";

export interface BenchOptions {
  /** Contacts loaded for the read scenarios (the first of `contactCounts`). */
  contacts: number;
  /** Each store size the read scenarios run over, one run each (`--contacts 20000,1000000`). */
  contactCounts: number[];
  /** Rows of the generated CSV the import measurement imports (0: skip it). */
  importRows: number;
  /** Measured seconds per operation and target. */
  seconds: number;
  /** Unmeasured seconds per operation and target before measuring (JIT, caches, pools). */
  warmup: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** Which process serves the system under test: the built Next.js app (as production) or the standalone REST server. */
  target: "web" | "rest" | "auto";
  /** Scenario names to run (default: all). */
  scenarios: string[];
  seed: number;
  /** Also write the results as JSON to this file. */
  json?: string;
  /** The options given on the command line (a scenario may have defaults of its own for the others). */
  given: string[];
}

const USAGE = `usage: bench [--contacts N[,N...]] [--import-rows N] [--seconds S] [--warmup S] [--concurrency C]
             [--target auto|web|rest] [--scenario NAME]... [--seed N] [--json FILE] [--full]
       bench --scenario load [--seconds 60] [--concurrency 16] [--contacts 20000] [--json FILE]`;

/** Sizes of a default run (a few minutes) and of `--full` (the sizes the targets name; about half an hour). */
const QUICK = { contacts: "20000", importRows: "50000" };
const FULL = { contacts: "20000,1000000", importRows: "1000000" };

export function parseOptions(argv: string[]): BenchOptions {
  // `pnpm run bench -- --flag` may hand the `--` through.
  const args = argv.filter((a) => a !== "--");
  const { values } = parseArgs({
    args,
    options: {
      contacts: { type: "string" },
      "import-rows": { type: "string" },
      seconds: { type: "string", default: "10" },
      warmup: { type: "string", default: "2" },
      concurrency: { type: "string", default: "16" },
      target: { type: "string", default: "auto" },
      scenario: { type: "string", multiple: true },
      seed: { type: "string", default: "1" },
      json: { type: "string" },
      full: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const number = (name: string, raw: string, min: number, max: number) => {
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || n > max)
      throw new Error(`--${name} must be a number in [${min}, ${max}]\n${USAGE}`);
    return n;
  };
  const target = values.target;
  if (target !== "web" && target !== "rest" && target !== "auto")
    throw new Error(`--target must be auto, web or rest\n${USAGE}`);
  // By default a run takes a few minutes; `--full` measures at the sizes the targets name (see targets.ts).
  const sizes = values.full ? FULL : QUICK;
  const contactCounts = (values.contacts ?? sizes.contacts)
    .split(",")
    .map((raw) => Math.floor(number("contacts", raw.trim(), 100, 10_000_000)));
  return {
    contacts: contactCounts[0]!,
    contactCounts,
    importRows: Math.floor(number("import-rows", values["import-rows"] ?? sizes.importRows, 0, 10_000_000)),
    seconds: number("seconds", values.seconds, 1, 600),
    warmup: number("warmup", values.warmup, 0, 60),
    // Bounded: this is a benchmark on loopback, not a load test.
    concurrency: Math.floor(number("concurrency", values.concurrency, 1, 256)),
    target,
    scenarios: values.scenario ?? [],
    seed: Math.floor(number("seed", values.seed, 0, 2 ** 31)),
    json: values.json,
    given: Object.keys(values).filter((name) =>
      args.some((a) => a === `--${name}` || a.startsWith(`--${name}=`)),
    ),
  };
}
