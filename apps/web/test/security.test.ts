import { describe, expect, it } from "vitest";
import { MEMBER, withWebServer } from "./server";

const server = withWebServer();

const signIn = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${server().url}/api/auth/sign-in`, {
    method: "POST",
    headers,
    body: new URLSearchParams({ ...MEMBER, ...fields }),
    redirect: "manual",
  });

describe("web security (issue 19)", () => {
  it("sends pages, the sign-in page included, with the security headers", async () => {
    const cookie = await server().signIn();
    for (const response of [
      await fetch(`${server().url}/sign-in`),
      await fetch(`${server().url}/contacts`, { headers: { cookie } }),
    ]) {
      expect(response.status).toBe(200);
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    }
  });

  it("answers a path that is not percent-encoded UTF-8 with 400 and the right error body, not Next's 500", async () => {
    const token = await server().token();
    const withAndWithoutToken: Record<string, string>[] = [{}, { authorization: `Bearer ${token}` }];
    for (const auth of withAndWithoutToken) {
      const rest = await fetch(`${server().url}/api/v2/externalcontacts/contacts/%ff%fe`, { headers: auth });
      expect(rest.status).toBe(400);
      expect(await rest.json()).toMatchObject({ status: 400, code: "bad.request" });
    }
    for (const path of ["/api/trpc/%ff%fe", "/contacts/%e2%82"]) {
      const page = await fetch(`${server().url}${path}`);
      expect(page.status, path).toBe(400);
      expect(await page.json()).toMatchObject({ error: "bad_request" });
    }
  });

  it("after sign-in, goes back only to a path on this site", async () => {
    const location = async (next: string) => (await signIn({ next })).headers.get("location");
    expect(await location("/contacts?q=ada")).toBe("/contacts?q=ada");
    for (const next of [
      "/\\evil.example/phish",
      "//evil.example/phish",
      "https://evil.example/",
      "/\t/evil.example",
    ])
      expect(await location(next)).toBe("/");
    // A failed sign-in carries only a safe target back to the form, which keeps only a safe one too.
    const failed = await signIn({ password: "wrong", next: "/\\evil.example" });
    expect(failed.headers.get("location")).toMatch(/next=%2F$/);
    const page = await (
      await fetch(`${server().url}/sign-in?next=${encodeURIComponent("/\\evil.example")}`)
    ).text();
    expect(page).toMatch(/name="next" value="\/"/);
  });

  it("refuses sign-in, sign-out and tRPC mutations sent by another site's page", async () => {
    const own = new URL(server().url).origin;
    const forged: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { origin: "null" },
      { origin: own, "sec-fetch-site": "cross-site" },
    ];
    for (const headers of forged) {
      const response = await signIn({}, headers);
      expect(response.status).toBe(403);
      expect(response.headers.get("set-cookie")).toBeNull();
    }
    // The app's own form (same origin) and clients that are no browser (no Origin) sign in.
    const sameOrigin = await signIn({}, { origin: own, "sec-fetch-site": "same-origin" });
    expect(sameOrigin.status).toBe(303);
    const cookie = sameOrigin.headers.get("set-cookie")!.split(";")[0]!;

    const crossSite = { cookie, origin: "https://evil.example" };
    const mutation = await fetch(`${server().url}/api/trpc/contacts.create`, {
      method: "POST",
      headers: { ...crossSite, "content-type": "application/json" },
      body: JSON.stringify({ json: { firstName: "Forged" } }),
    });
    expect(mutation.status).toBe(403);
    const signOut = await fetch(`${server().url}/api/auth/sign-out`, {
      method: "POST",
      headers: crossSite,
      redirect: "manual",
    });
    expect(signOut.status).toBe(403);
    // The session survived, and nothing was created.
    const contacts = await server().trpc(cookie).contacts.list.query({ q: "Forged" });
    expect(contacts.total).toBe(0);
  });
});
