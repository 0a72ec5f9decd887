import { isDomainError, signInMember } from "@switchboard/domain";
import { cookies } from "next/headers";
import { db } from "~/server/db";
import { SESSION_COOKIE } from "~/server/session";

export const dynamic = "force-dynamic";

/** Email + password from the sign-in form; on success an httpOnly session cookie, then back to the app. */
export async function POST(request: Request) {
  const form = await request.formData();
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  const next = String(form.get("next") ?? "/contacts");
  const target = next.startsWith("/") && !next.startsWith("//") ? next : "/contacts";
  try {
    const session = await signInMember(db(), { email, password });
    (await cookies()).set(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: "lax",
      secure: new URL(request.url).protocol === "https:",
      path: "/",
      expires: session.expiresAt,
    });
    return new Response(null, { status: 303, headers: { location: target } });
  } catch (error) {
    if (!isDomainError(error) || error.code !== "UNAUTHENTICATED") throw error;
    const back = `/sign-in?error=1&email=${encodeURIComponent(email)}&next=${encodeURIComponent(target)}`;
    return new Response(null, { status: 303, headers: { location: back } });
  }
}
