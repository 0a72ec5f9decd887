import { ensureTenant, resolveMemberSession } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { MEMBER, withWebServer } from "./server";

// A small lockout, set the way the README documents: 3 wrong passwords lock an email for 3 seconds.
const LOCKOUT = { failures: 3, seconds: 3 };
const server = withWebServer({
  env: {
    SWITCHBOARD_LOGIN_LOCKOUT_FAILURES: String(LOCKOUT.failures),
    SWITCHBOARD_LOGIN_LOCKOUT_SECONDS: String(LOCKOUT.seconds),
  },
});

const signIn = (fields: { email: string; password: string; organization?: string }) =>
  fetch(`${server().url}/api/auth/sign-in`, {
    method: "POST",
    body: new URLSearchParams(fields),
    redirect: "manual",
  });

/** The tenant a sign-in response's session cookie belongs to, or null when it set none. */
async function tenantOf(response: Response): Promise<string | null> {
  const token = response.headers.get("set-cookie")?.match(/^sb_session=([^;]+)/)?.[1];
  if (!token) return null;
  return (await resolveMemberSession(server().database.db, decodeURIComponent(token)))?.tenantId ?? null;
}

/** The sign-in page a refused sign-in sends the browser back to: its alert's text. */
async function alertAfter(response: Response): Promise<string> {
  expect(response.status).toBe(303);
  const page = await (await fetch(new URL(response.headers.get("location")!, server().url))).text();
  return page.match(/role="alert"[^>]*>(.*?)<\/p>/s)?.[1]?.replace(/<!-- -->/g, "") ?? "";
}

describe("web sign-in with one email in several tenants (issue 19)", () => {
  it("signs into the tenant whose password matches, and asks for the organization when several do", async () => {
    const db = server().database.db;
    const web = await ensureTenant(db, { slug: "web", adminEmail: MEMBER.email });
    const second = await ensureTenant(db, {
      slug: "second-org",
      adminEmail: MEMBER.email,
      adminPassword: "the second org's password",
    });

    expect(await tenantOf(await signIn(MEMBER))).toBe(web.tenantId);
    expect(await tenantOf(await signIn({ ...MEMBER, password: "the second org's password" }))).toBe(
      second.tenantId,
    );
    const wrong = await signIn({ ...MEMBER, password: "neither org's password" });
    expect(await tenantOf(wrong)).toBeNull();
    expect(await alertAfter(wrong)).toContain("That email and password do not match.");
    // The organization restricts the lookup: the first tenant's password names no member of the second.
    const elsewhere = await signIn({ ...MEMBER, organization: "second-org" });
    expect(await tenantOf(elsewhere)).toBeNull();

    // The same password in both tenants: the form asks which, keeping what was typed except the password.
    await ensureTenant(db, { slug: "second-org", adminEmail: MEMBER.email, adminPassword: MEMBER.password });
    const ambiguous = await signIn(MEMBER);
    expect(await tenantOf(ambiguous)).toBeNull();
    expect(ambiguous.headers.get("location")).toMatch(/error=organization/);
    expect(ambiguous.headers.get("location")).not.toContain(encodeURIComponent(MEMBER.password));
    expect(await alertAfter(ambiguous)).toContain("Enter the organization to sign in to.");
    expect(await tenantOf(await signIn({ ...MEMBER, organization: "second-org" }))).toBe(second.tenantId);
    expect(await tenantOf(await signIn({ ...MEMBER, organization: "Web " }))).toBe(web.tenantId);
  });
});

describe("web sign-in lockout", () => {
  it("after repeated wrong passwords refuses even the right one for a while, and says how long", async () => {
    const right = { email: "locked@example.com", password: "the right password" };
    await ensureTenant(server().database.db, {
      slug: "lockout",
      adminEmail: right.email,
      adminPassword: right.password,
    });
    for (let i = 0; i < LOCKOUT.failures; i++) {
      const wrong = await signIn({ ...right, password: `wrong ${i}` });
      expect(await alertAfter(wrong)).toContain("That email and password do not match.");
    }

    const locked = await signIn(right);
    expect(await tenantOf(locked)).toBeNull();
    const wait = Number(locked.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(LOCKOUT.seconds);
    expect(locked.headers.get("location")).toMatch(/error=locked/);
    expect(await alertAfter(locked)).toBe(
      `Too many sign-in attempts for this email or from this address. Try again in ${wait} seconds.`,
    );
    // Another email from the same address is not locked.
    expect(await tenantOf(await signIn({ ...MEMBER, organization: "web" }))).not.toBeNull();

    // Once the lock ends, the right password signs in.
    await new Promise((r) => setTimeout(r, wait * 1000 + 500));
    expect(await tenantOf(await signIn(right))).not.toBeNull();
  });
});
