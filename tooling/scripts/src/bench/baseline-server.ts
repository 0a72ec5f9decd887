/**
 * The baseline: a bare node:http server answering the benchmarked paths with one hand-written SQL
 * statement each (postgres.js, pool of 10 like the web app) and JSON.stringify. No framework, no
 * validation, no authentication beyond a tenant header. Run by the bench as a child process.
 */
import { createServer } from "node:http";
import postgres from "postgres";
import { BASELINE_TENANT_HEADER } from "./scenario";
import { BASELINE_ROUTES } from "./scenarios";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is required");
const sql = postgres(url, { max: 10, onnotice: () => {} });

function reply(res: import("node:http").ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const requestUrl = new URL(req.url ?? "/", "http://baseline");
    for (const route of BASELINE_ROUTES) {
      if (route.method !== req.method) continue;
      const match = route.path.exec(requestUrl.pathname);
      if (!match) continue;
      const tenantId = req.headers[BASELINE_TENANT_HEADER];
      if (typeof tenantId !== "string") return reply(res, 401, { message: "tenant header required" });
      route
        .handle({ sql, tenantId, url: requestUrl, params: match.slice(1), body: Buffer.concat(chunks) })
        .then(
          (response) => reply(res, response.status, response.body),
          (error: unknown) => reply(res, 500, { message: String(error) }),
        );
      return;
    }
    reply(res, 404, { message: "not found" });
  });
});

server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => console.log("[baseline] listening"));
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    void sql.end({ timeout: 2 }).then(() => process.exit(0));
  });
