import { verify } from "@node-rs/argon2";
import { eq, members } from "@switchboard/db";
import { describe, expect, it, vi } from "vitest";
import {
  createApiClient,
  ensureTenant,
  issueAccessToken,
  revokeApiClient,
  SIGN_IN_CANDIDATES,
  setMemberActive,
  signInMember,
} from "../src";
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

describe("member sign-in timing", () => {
  it("pays the same argon2 verifications whether the email is unknown, inactive, or held in one or several tenants", async () => {
    const t = tenant();
    const once = "once@example.com";
    const twice = "twice@example.com";
    const inactive = "inactive@example.com";
    await ensureTenant(t.database.db, { slug: "test", adminEmail: once, adminPassword: "once-password" });
    for (const slug of ["timing-a", "timing-b"])
      await ensureTenant(t.database.db, { slug, adminEmail: twice, adminPassword: `${slug}-password` });
    const gone = await ensureTenant(t.database.db, {
      slug: "timing-c",
      adminEmail: inactive,
      adminPassword: "inactive-password",
    });
    const [member] = await t.database.db.select().from(members).where(eq(members.email, inactive));
    await setMemberActive({ ...t.admin, tenantId: gone.tenantId }, member!.id, false);

    const attempts = [
      { email: "nobody@example.com", password: "wrong" },
      { email: once, password: "wrong" },
      { email: twice, password: "wrong" },
      { email: inactive, password: "inactive-password" },
      { email: twice, password: "wrong", organization: "timing-a" },
      { email: "nul\u0000@example.com", password: "wrong" },
    ];
    for (const attempt of attempts) {
      vi.mocked(verify).mockClear();
      expect((await rejection(signInMember(t.database.db, attempt))).code).toBe("UNAUTHENTICATED");
      expect(vi.mocked(verify), JSON.stringify(attempt)).toHaveBeenCalledTimes(SIGN_IN_CANDIDATES);
    }
    vi.mocked(verify).mockClear();
    await signInMember(t.database.db, { email: twice, password: "timing-b-password" });
    expect(vi.mocked(verify)).toHaveBeenCalledTimes(SIGN_IN_CANDIDATES);
  });
});
