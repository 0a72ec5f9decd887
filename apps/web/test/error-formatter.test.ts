import { unprocessable, validationFailed } from "@switchboard/domain";
import { initTRPC, TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describe, expect, it } from "vitest";
import { formatError, trpcErrorOf } from "../src/server/trpc/error-formatter";

// The app's formatter behind tRPC's own HTTP handler, with procedures failing as the issue 19 probes did.
const t = initTRPC.create({ errorFormatter: formatError, isDev: true });
const router = t.router({
  databaseError: t.procedure.mutation(() => {
    throw new Error(
      'Failed query: insert into "members" ("name", "password_hash") values ($1, $2)\nparams: x,$argon2id$v=19$m=19456',
    );
  }),
  invalid: t.procedure.mutation(() => {
    const cause = validationFailed([{ path: "name", message: "a name is required" }]);
    throw new TRPCError({ code: "BAD_REQUEST", message: cause.message, cause });
  }),
  unprocessable: t.procedure.mutation(() => {
    throw trpcErrorOf(
      unprocessable("username ada is taken", {
        reason: "UsernameNotUnique",
        issues: [{ path: "username", message: "is taken" }],
      }),
    );
  }),
});
const call = async (path: string) => {
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://localhost/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    }),
    router,
    onError: () => {},
  });
  return { status: response.status, body: await response.text() };
};

describe("tRPC errors as clients see them", () => {
  it("an unexpected failure is a bare 500: no message, SQL, bind values, hash or stack", async () => {
    const { status, body } = await call("databaseError");
    expect(status).toBe(500);
    expect(JSON.parse(body).error.message).toBe("Internal server error");
    expect(body).not.toMatch(/insert|members|argon2|params|stack|\.ts:/i);
  });

  it("a refusal keeps its message and field errors, without a stack", async () => {
    const { status, body } = await call("invalid");
    expect(status).toBe(400);
    const { error } = JSON.parse(body);
    expect(error.message).toBe("name: a name is required");
    expect(error.data.fieldErrors).toEqual({ name: "a name is required" });
    expect(error.data.stack).toBeUndefined();
  });

  it("an unprocessable domain error is 422 with its reason and field errors", async () => {
    const { status, body } = await call("unprocessable");
    expect(status).toBe(422);
    const { error } = JSON.parse(body);
    expect(error.data.code).toBe("UNPROCESSABLE_CONTENT");
    expect(error.data.reason).toBe("UsernameNotUnique");
    expect(error.data.fieldErrors).toEqual({ username: "is taken" });
  });
});
