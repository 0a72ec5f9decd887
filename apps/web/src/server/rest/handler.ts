import "server-only";
import { createRestApp } from "@switchboard/rest";
import { db, jobs } from "../db";

let app: Promise<ReturnType<typeof createRestApp>> | undefined;

/** The REST adapter (all dialects and the OAuth endpoint), built once per process and mounted by route handlers. */
export async function restHandler(request: Request): Promise<Response> {
  app ??= jobs().then((queue) => createRestApp({ db: db(), jobs: queue }));
  return (await app).fetch(request);
}
