/** Runs the REST adapter on its own: `DATABASE_URL=... PORT=4000 pnpm --filter @switchboard/rest start`. */
import { serve } from "@hono/node-server";
import { createDb } from "@switchboard/db";
import { startJobQueue } from "@switchboard/domain";
import { createRestApp } from "./index";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is required");
const { db, close } = createDb(url);
const jobs = await startJobQueue(url, { supervise: false });
const server = serve(
  { fetch: createRestApp({ db, jobs }).fetch, port: Number(process.env.PORT ?? 4000) },
  (info) => console.log(`[rest] listening on http://localhost:${info.port}`),
);
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () =>
    server.close(async () => Promise.all([jobs.stop(), close()]).then(() => process.exit(0))),
  );
