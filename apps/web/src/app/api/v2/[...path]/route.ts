import { restHandler } from "~/server/rest/handler";

// Mounts the REST adapter: it routes on the full path, so the handler passes the request through unchanged.
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export {
  restHandler as DELETE,
  restHandler as GET,
  restHandler as PATCH,
  restHandler as POST,
  restHandler as PUT,
};
