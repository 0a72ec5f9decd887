import { verify } from "@node-rs/argon2";
import { describe, expect, it, vi } from "vitest";
import { createApiClient, issueAccessToken, revokeApiClient } from "../src";
import { rejection, withTestTenant } from "./helpers";

// The real argon2, watched: every token request must pay for exactly one verification.
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@node-rs/argon2")>();
  return { ...actual, verify: vi.fn(actual.verify) };
});

const tenant = withTestTenant();

describe("OAuth client authentication timing", () => {
  it("verifies a secret with argon2 whether the client id is known, unknown or revoked", async () => {
    const t = tenant();
    const client = await createApiClient(t.admin, { name: "Timed", roleIds: [t.adminRoleId] });
    const attempts = [
      { clientId: client.clientId, clientSecret: "wrong" },
      { clientId: "no-such-client", clientSecret: "wrong" },
      { clientId: "nul\u0000client", clientSecret: "wrong" },
    ];
    for (const credentials of attempts) {
      vi.mocked(verify).mockClear();
      expect((await rejection(issueAccessToken(t.database.db, credentials))).code).toBe("UNAUTHENTICATED");
      expect(vi.mocked(verify), credentials.clientId).toHaveBeenCalledTimes(1);
    }
    await revokeApiClient(t.admin, client.id);
    vi.mocked(verify).mockClear();
    expect((await rejection(issueAccessToken(t.database.db, client))).code).toBe("UNAUTHENTICATED");
    expect(vi.mocked(verify)).toHaveBeenCalledTimes(1);
  });
});
