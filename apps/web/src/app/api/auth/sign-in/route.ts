import {
  forwardedClientIp,
  isDomainError,
  isRateLimited,
  limitLogin,
  rateLimitSettings,
  signInMember,
} from "@switchboard/domain";
import { cookies } from "next/headers";
import { db } from "~/server/db";
import { redirectTarget } from "~/server/redirect-target";
import { refuseCrossSite } from "~/server/same-site";
import { SESSION_COOKIE } from "~/server/session";

export const dynamic = "force-dynamic";

/**
 * Email + password (and the organization, when the member names one) from the sign-in form; on success an
 * httpOnly session cookie, then back to the app. The tenant is the one whose member the password matches.
 */
export async function POST(request: Request) {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  const form = await request.formData();
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  const organization = String(form.get("organization") ?? "").trim();
  const target = redirectTarget(form.get("next"));
  try {
    // Per email and IP, and locked after repeated wrong passwords (packages/domain/src/rate-limits).
    const attempt = {
      kind: "email",
      id: email,
      organization,
      ip: forwardedClientIp(request.headers.get("x-forwarded-for")),
    } as const;
    const session = await limitLogin(db(), rateLimitSettings(), attempt, () =>
      signInMember(db(), { email, password, organization }),
    );
    (await cookies()).set(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: "lax",
      secure: new URL(request.url).protocol === "https:",
      path: "/",
      expires: session.expiresAt,
    });
    return new Response(null, { status: 303, headers: { location: target } });
  } catch (error) {
    // Back to the form with why, and what was typed (never the password).
    const back = (why: string, retry?: number) => {
      const query = new URLSearchParams({ error: why, ...(retry ? { retry: String(retry) } : {}), email });
      if (organization) query.set("organization", organization);
      query.set("next", target);
      return `/sign-in?${query}`;
    };
    if (isRateLimited(error)) {
      const wait = error.retryAfterSeconds;
      return new Response(null, {
        status: 303,
        headers: { location: back("locked", wait), "retry-after": String(wait) },
      });
    }
    // The password matched members of several tenants: the member names the organization.
    if (isDomainError(error) && error.issues.some((i) => i.path === "organization"))
      return new Response(null, { status: 303, headers: { location: back("organization") } });
    if (!isDomainError(error) || error.code !== "UNAUTHENTICATED") throw error;
    return new Response(null, { status: 303, headers: { location: back("1") } });
  }
}
