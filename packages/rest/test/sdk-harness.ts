import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { localFileStorage } from "@switchboard/domain";
import platformClient from "purecloud-platform-client-v2";
import { afterAll, beforeAll } from "vitest";
import { ADMIN, type Harness, withRestHarness } from "./harness";

/**
 * The official Genesys Cloud JavaScript SDK pointed at a real server of ours (`setGateway`) and logged in
 * with `loginClientCredentialsGrant`, exactly as integrators do, for one test file.
 */
export function withSdk() {
  const harness = withRestHarness();
  const api = new platformClient.ExternalContactsApi();
  let close: (() => void) | undefined;
  let accessToken = "";
  beforeAll(async () => {
    const { createRestApp } = await import("../src");
    const h = harness();
    const app = createRestApp({ db: h.database.db, jobs: h.jobs, storage: localFileStorage(h.storageDir) });
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    const { port } = server.address() as AddressInfo;
    close = () => server.close();
    const client = platformClient.ApiClient.instance;
    client.setGateway({ host: "127.0.0.1", protocol: "http", port });
    ({ accessToken } = await client.loginClientCredentialsGrant(ADMIN.clientId, ADMIN.clientSecret));
  });
  afterAll(() => close?.());
  return {
    api,
    harness: (): Harness => harness(),
    /** The bearer token the SDK logged in with, for requests the SDK does not make (downloads). */
    accessToken: () => accessToken,
  };
}
