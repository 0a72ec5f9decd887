import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase, type TestDatabase } from "@switchboard/db/testing";
import {
  createApiClient,
  ensureTenant,
  type JobQueue,
  localFileStorage,
  saveRole,
  startJobQueue,
  systemActor,
} from "@switchboard/domain";
import { afterAll, beforeAll } from "vitest";
import { createRestApp } from "../src";

export const ADMIN = { clientId: "test-admin", clientSecret: "test-admin-secret" };

export interface Harness {
  database: TestDatabase;
  tenantId: string;
  storageDir: string;
  jobs: JobQueue;
  request(path: string, init?: RequestInit & { token?: string | null; json?: unknown }): Promise<Response>;
  /** A bearer token of a client holding exactly `permissions` (the admin holds `*`). */
  tokenFor(permissions?: string[]): Promise<string>;
  /** A bearer token issued by `/oauth/token` to the client with these credentials. */
  issueToken(credentials: { clientId: string; clientSecret: string }): Promise<string>;
}

/** A real database, job queue and file storage behind the REST app, for one test file. */
export function withRestHarness(): () => Harness {
  let harness: Harness | undefined;
  beforeAll(async () => {
    const database = await createTestDatabase();
    const { tenantId } = await ensureTenant(database.db, {
      slug: "rest",
      adminClientId: ADMIN.clientId,
      adminClientSecret: ADMIN.clientSecret,
    });
    const jobs = await startJobQueue(database.url, { supervise: false, max: 2 });
    const storageDir = await mkdtemp(join(tmpdir(), "switchboard-rest-files-"));
    const app = createRestApp({ db: database.db, jobs, storage: localFileStorage(storageDir) });
    const tokens = new Map<string, string>();
    const system = { db: database.db, tenantId, actor: systemActor("test") };
    const issueToken = async (credentials: { clientId: string; clientSecret: string }) => {
      const response = await app.request("/oauth/token", {
        method: "POST",
        headers: {
          authorization: `Basic ${btoa(`${credentials.clientId}:${credentials.clientSecret}`)}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: "grant_type=client_credentials",
      });
      return ((await response.json()) as { access_token: string }).access_token;
    };
    const tokenFor = async (permissions?: string[]) => {
      const key = JSON.stringify(permissions ?? "*");
      let token = tokens.get(key);
      if (!token) {
        const credentials = permissions
          ? await createApiClient(system, {
              name: `client ${key}`,
              roleIds: [(await saveRole(system, { name: `role ${key}`, permissions })).id],
            })
          : ADMIN;
        token = await issueToken(credentials);
        tokens.set(key, token);
      }
      return token;
    };
    harness = {
      database,
      tenantId,
      storageDir,
      jobs,
      tokenFor,
      issueToken,
      async request(path, init = {}) {
        const { token, json, ...rest } = init;
        const headers = new Headers(rest.headers);
        const bearer = token === undefined ? await tokenFor() : token;
        if (bearer) headers.set("authorization", `Bearer ${bearer}`);
        if (json !== undefined) headers.set("content-type", "application/json");
        return app.request(`http://localhost${path}`, {
          ...rest,
          headers,
          body: json !== undefined ? JSON.stringify(json) : rest.body,
        });
      },
    };
  });
  afterAll(async () => {
    await harness?.jobs.stop();
    await harness?.database.close();
  });
  return () => harness!;
}
