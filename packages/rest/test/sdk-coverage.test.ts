import platformClient from "purecloud-platform-client-v2";
import { describe, expect, it } from "vitest";
import { OPERATIONS } from "./genesys-operations";
import { withRestHarness } from "./harness";

/**
 * Every External Contacts method of the installed Genesys SDK reaches an operation of ours: registered as a
 * route (the registry the OpenAPI document, the reference and the permission checks are generated from) and
 * answering, so an integrator on the current SDK never meets a 404 for a path we lack. The methods are
 * read from the SDK itself, and each one's HTTP method and path from what it asks its API client to call, so
 * a newer SDK's methods are checked without a list kept by hand.
 */
interface Call {
  path: string;
  method: string;
}

type Sdk = Record<string, (...args: unknown[]) => unknown>;

/** What each method of the SDK's ExternalContactsApi calls: its path template and HTTP method. */
function sdkCalls(): { name: string; call: Call }[] {
  let last: Call | undefined;
  const recorder = {
    callApi(path: string, method: string) {
      last = { path, method: method.toLowerCase() };
      return Promise.resolve({});
    },
    buildCollectionParam: (values: unknown) => values,
  };
  const Api = platformClient.ExternalContactsApi as unknown as new (client: unknown) => Sdk;
  const api = new Api(recorder);
  const names = Object.getOwnPropertyNames(Api.prototype).filter(
    (name) => name !== "constructor" && typeof api[name] === "function",
  );
  return names.sort().map((name) => {
    last = undefined;
    const method = api[name]!;
    // Every required argument (ids and bodies) only has to be present for the SDK to make the call.
    void method.apply(
      api,
      Array.from({ length: Math.max(method.length, 1) }, () => "x"),
    );
    if (!last) throw new Error(`${name} made no call`);
    return { name, call: last };
  });
}

const calls = sdkCalls();
const shape = (path: string) => path.replace(/\{[^}]+\}/g, "{}");
const operationOf = ({ method, path }: Call) =>
  OPERATIONS.find((op) => op.method === method && shape(op.path) === shape(path));
/** The path with every `{param}` filled by an id that exists nowhere. */
const concrete = (path: string) => path.replace(/\{[^}]+\}/g, "00000000-0000-4000-8000-000000000000");
/** The body of a 404 for a path no route has (genesysNotFound), as opposed to a record that is not there. */
const NO_ROUTE = { code: "not.found", message: "The requested resource was not found." };

const harness = withRestHarness();

async function answer({ method, path }: Call) {
  const response = await harness().request(concrete(path), {
    method: method.toUpperCase(),
    ...(["post", "put", "patch"].includes(method) && { json: {} }),
  });
  const body = response.status === 404 ? ((await response.json()) as typeof NO_ROUTE) : undefined;
  return {
    status: response.status,
    routed: !(body?.code === NO_ROUTE.code && body.message === NO_ROUTE.message),
  };
}

describe("every External Contacts method of the installed Genesys SDK reaches an operation", () => {
  it("reads the SDK's methods and their calls (145 in SDK 262)", async () => {
    expect(calls.length).toBeGreaterThanOrEqual(145);
    for (const { call } of calls) expect(call.path).toMatch(/^\/api\/v2\/externalcontacts\//);
    // The route check tells a missing route from a missing record by the body of a 404.
    expect(await answer({ method: "get", path: "/api/v2/externalcontacts/no/such/operation" })).toEqual({
      status: 404,
      routed: false,
    });
    expect(await answer({ method: "get", path: "/api/v2/externalcontacts/contacts/{contactId}" })).toEqual({
      status: 404,
      routed: true,
    });
  });

  it.each(calls)("$name is documented in the operation table and routed", async ({ name, call }) => {
    const operation = operationOf(call);
    expect(
      operation,
      `${name}: no ${call.method.toUpperCase()} ${call.path} in the registered operations`,
    ).toBeDefined();
    expect(operation!.operationId).toBe(name);
    const { status, routed } = await answer(call);
    expect(routed, `${name}: ${call.method.toUpperCase()} ${call.path} has no route`).toBe(true);
    expect(status).not.toBe(405);
    expect(status).toBeLessThan(500);
  });
});
