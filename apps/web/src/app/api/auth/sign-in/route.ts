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

/** Email + password from the sign-in form; on success an httpOnly session cookie, then back to the app. */
export async function POST(request: Request) {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  const form = await request.formData();
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  const target = redirectTarget(form.get("next"));
  try {
    // Per email and IP, and locked after repeated wrong passwords (packages/domain/src/rate-limits).
    const attempt = {
      kind: "email",
      id: email,
      ip: forwardedClientIp(request.headers.get("x-forwarded-for")),
    } as const;
    const session = await limitLogin(db(), rateLimitSettings(), attempt, () =>
      signInMember(db(), { email, password }),
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
    if (isRateLimited(error)) {
      const wait = error.retryAfterSeconds;
      const back = `/sign-in?error=locked&retry=${wait}&email=${encodeURIComponent(email)}&next=${encodeURIComponent(target)}`;
      return new Response(null, { status: 303, headers: { location: back, "retry-after": String(wait) } });
    }
    if (!isDomainError(error) || error.code !== "UNAUTHENTICATED") throw error;
    const back = `/sign-in?error=1&email=${encodeURIComponent(email)}&next=${encodeURIComponent(target)}`;
    return new Response(null, { status: 303, headers: { location: back } });
  }
}
