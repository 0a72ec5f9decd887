import { and, apiClients, apiTokens, eq, memberSessions, members } from "@switchboard/db";
import { describe, expect, it } from "vitest";
import {
  clientCredentialsFrom,
  createApiClient,
  DomainError,
  ensureTenant,
  hashPassword,
  issueAccessToken,
  PERMISSIONS,
  resolveAccessToken,
  resolveMemberSession,
  revokeApiClient,
  setMemberActive,
  signInMember,
  signOutMember,
} from "../src";
import { rejection, withTestTenant } from "./helpers";

const tenant = withTestTenant();

describe("API clients and tokens", () => {
  it("issues a token for valid credentials and resolves it to the client's permissions", async () => {
    const t = tenant();
    const client = await createApiClient(t.admin, { name: "CRM sync", roleIds: [t.adminRoleId] });
    const { accessToken, expiresIn } = await issueAccessToken(t.database.db, client);
    expect(expiresIn).toBeGreaterThan(0);
    const principal = await resolveAccessToken(t.database.db, accessToken);
    expect(principal).toMatchObject({ tenantId: t.tenantId, actor: { kind: "apiClient", name: "CRM sync" } });
    expect(principal!.actor.permissions.has("*")).toBe(true);
  });

  it("stores only hashes of secrets and tokens", async () => {
    const t = tenant();
    const client = await createApiClient(t.admin, { name: "Hashed", roleIds: [] });
    const { accessToken } = await issueAccessToken(t.database.db, client);
    const [stored] = await t.database.db.select().from(apiClients).where(eq(apiClients.id, client.id));
    expect(stored!.secretHash).not.toContain(client.clientSecret);
    expect(stored!.secretHash).toMatch(/^\$argon2id\$/);
    const tokens = await t.database.db.select().from(apiTokens).where(eq(apiTokens.apiClientId, client.id));
    expect(tokens.map((r) => r.tokenHash)).not.toContain(accessToken);
  });

  it("refuses a wrong secret and tokens of a revoked client", async () => {
    const t = tenant();
    const client = await createApiClient(t.admin, { name: "Revoked", roleIds: [] });
    const wrong = await issueAccessToken(t.database.db, {
      clientId: client.clientId,
      clientSecret: "nope",
    }).catch((e) => e);
    expect(wrong).toBeInstanceOf(DomainError);
    expect(wrong.code).toBe("UNAUTHENTICATED");
    const { accessToken } = await issueAccessToken(t.database.db, client);
    await revokeApiClient(t.admin, client.id);
    expect(await resolveAccessToken(t.database.db, accessToken)).toBeNull();
  });

  it("refuses an expired token", async () => {
    const t = tenant();
    const client = await createApiClient(t.admin, { name: "Expiring", roleIds: [] });
    const { accessToken } = await issueAccessToken(t.database.db, client);
    await t.database.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.apiClientId, client.id));
    expect(await resolveAccessToken(t.database.db, accessToken)).toBeNull();
  });

  it("needs the admin permission to create clients", async () => {
    const t = tenant();
    const error = await createApiClient(t.as([PERMISSIONS.contactView]), { name: "x", roleIds: [] }).catch(
      (e) => e,
    );
    expect(error.code).toBe("FORBIDDEN");
  });

  it("reads client credentials from HTTP Basic or form fields", () => {
    const basic = `Basic ${Buffer.from("my%20id:s3cr:et").toString("base64")}`;
    expect(clientCredentialsFrom(basic, {})).toEqual({ clientId: "my id", clientSecret: "s3cr:et" });
    expect(clientCredentialsFrom(null, { client_id: "a", client_secret: "b" })).toEqual({
      clientId: "a",
      clientSecret: "b",
    });
    expect(clientCredentialsFrom(null, { client_id: "a" })).toBeNull();
  });
});

describe("member sessions", () => {
  it("signs in with email and password, resolves the session, and signs out", async () => {
    const t = tenant();
    await ensureTenant(t.database.db, {
      slug: "test",
      adminEmail: "Boss@Example.com",
      adminPassword: "correct horse",
    });
    const { token } = await signInMember(t.database.db, {
      email: "boss@example.com",
      password: "correct horse",
    });
    const session = await resolveMemberSession(t.database.db, token);
    expect(session).toMatchObject({ tenantId: t.tenantId, member: { email: "boss@example.com" } });
    // The admin's role comes with the session: every permission (`*`), in every division.
    expect(session?.actor.permissions).toEqual(new Set(["*"]));
    expect(session?.actor.divisionIds).toBeNull();
    const stored = await t.database.db.select().from(memberSessions);
    expect(stored.map((s) => s.tokenHash)).not.toContain(token);

    await signOutMember(t.database.db, token);
    expect(await resolveMemberSession(t.database.db, token)).toBeNull();
  });

  it("refuses a wrong password", async () => {
    const t = tenant();
    const error = await signInMember(t.database.db, { email: "boss@example.com", password: "wrong" }).catch(
      (e) => e,
    );
    expect(error.code).toBe("UNAUTHENTICATED");
  });
});

describe("one email in several tenants (issue 19)", () => {
  const email = "pat@example.com";
  /** Tenants `test`, `north` and `south`, each with an admin member signing in as `email` with its own password. */
  async function threeTenants() {
    const t = tenant();
    const ids: Record<string, string> = { test: t.tenantId };
    for (const [slug, adminPassword] of [
      ["test", "test-password"],
      ["north", "north-password"],
      ["south", "south-password"],
    ] as const)
      ids[slug] = (await ensureTenant(t.database.db, { slug, adminEmail: email, adminPassword })).tenantId;
    const signedInto = async (input: { email: string; password: string; organization?: string }) => {
      const { token } = await signInMember(t.database.db, input);
      return (await resolveMemberSession(t.database.db, token))!.tenantId;
    };
    return { t, ids, signedInto };
  }

  it("signs each member into the tenant whose password matches, and a wrong one into none", async () => {
    const { t, ids, signedInto } = await threeTenants();
    expect(await signedInto({ email, password: "north-password" })).toBe(ids.north);
    expect(await signedInto({ email: " PAT@example.com", password: "south-password" })).toBe(ids.south);
    expect(await signedInto({ email, password: "test-password" })).toBe(ids.test);
    for (const password of ["wrong", "NORTH-PASSWORD", ""])
      expect((await rejection(signInMember(t.database.db, { email, password }))).code).toBe(
        "UNAUTHENTICATED",
      );

    // A deactivated member's password signs in nowhere, not into another tenant holding the email.
    const [north] = await t.database.db
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.tenantId, ids.north!), eq(members.email, email)));
    await setMemberActive({ ...t.admin, tenantId: ids.north! }, north!.id, false);
    expect((await rejection(signInMember(t.database.db, { email, password: "north-password" }))).code).toBe(
      "UNAUTHENTICATED",
    );
    await setMemberActive({ ...t.admin, tenantId: ids.north! }, north!.id, true);
  });

  it("asks for the organization when the password matches in several, and then looks only there", async () => {
    const { t, ids, signedInto } = await threeTenants();
    const same = "shared-password";
    for (const id of [ids.north!, ids.south!])
      await t.database.db
        .update(members)
        .set({ passwordHash: await hashPassword(same) })
        .where(and(eq(members.tenantId, id), eq(members.email, email)));
    const ambiguous = await rejection(signInMember(t.database.db, { email, password: same }));
    expect(ambiguous).toMatchObject({ code: "VALIDATION", issues: [{ path: "organization" }] });

    expect(await signedInto({ email, password: same, organization: "south" })).toBe(ids.south);
    expect(await signedInto({ email, password: same, organization: " North " })).toBe(ids.north);
    // The organization restricts the lookup: another tenant's password, or an unknown organization, is refused.
    for (const organization of ["test", "no-such-org", "nul\u0000org"])
      expect(
        (await rejection(signInMember(t.database.db, { email, password: same, organization }))).code,
      ).toBe("UNAUTHENTICATED");
    expect(await signedInto({ email, password: "test-password", organization: "" })).toBe(ids.test);
  });
});
