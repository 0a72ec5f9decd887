/**
 * The web app's production server: one Node HTTP server on one port. REST paths (the dialects and `/oauth`) go
 * straight to the REST adapter; everything else (pages, tRPC, health) goes to Next.js. Through a Next route
 * handler each REST request paid for Next's routing, and a path Next could not decode (`/api/v2/...%ff%fe`)
 * got a bare 500 from Next before any handler ran; such a path outside the REST adapter is a 400 here.
 * `npm start` runs the bundle (`dist/server.mjs`, from build-server.mjs); `--dev` runs Next's dev server.
 * Run it from this folder (its package scripts do): Next finds the app in the working directory.
 */
import { createServer } from "node:http";
import { createDb } from "@switchboard/db";
import { startJobQueue } from "@switchboard/domain";
import { isRestPath, restRequestListener } from "@switchboard/rest";
import next from "next";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST;
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("DATABASE_URL is not set (npm start sets it)");

const { db, close } = createDb(databaseUrl, { max: 10 });
const jobs = await startJobQueue(databaseUrl, { supervise: false, max: 2 });
const rest = restRequestListener({ db, jobs });
const app = next({ dev, dir: process.cwd(), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

/** Whether every percent-escape of `path` decodes to UTF-8 (Next answers 500 for one that does not). */
function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Behind a reverse proxy (`SWITCHBOARD_TRUST_PROXY=1`) the last `X-Forwarded-For` entry, the proxy's, names the
 * caller. Otherwise the header is the connection's address: a client that sent its own could name any address
 * and escape the sign-in page's per-IP limit. (The REST adapter reads the socket itself.)
 */
const trustProxy = process.env.SWITCHBOARD_TRUST_PROXY === "1";

const server = createServer((request, response) => {
  const path = (request.url ?? "/").split("?")[0] ?? "/";
  if (isRestPath(path)) return void rest(request, response);
  if (!trustProxy) request.headers["x-forwarded-for"] = request.socket.remoteAddress ?? "";
  if (!decodable(path)) {
    response.writeHead(400, { "content-type": "application/json" });
    response.end(
      JSON.stringify({ error: "bad_request", message: "The path is not valid percent-encoded UTF-8." }),
    );
    return;
  }
  void handle(request, response);
});
server.listen(port, hostname, () =>
  console.log(`[web] listening on http://${hostname ?? "localhost"}:${port}${dev ? " (dev)" : ""}`),
);

for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    server.close();
    void Promise.all([app.close(), jobs.stop(), close()]).finally(() => process.exit(0));
  });
