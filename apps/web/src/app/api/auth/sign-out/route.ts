import { signOutMember } from "@switchboard/domain";
import { cookies } from "next/headers";
import { db } from "~/server/db";
import { refuseCrossSite } from "~/server/same-site";
import { SESSION_COOKIE } from "~/server/session";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  if (token) await signOutMember(db(), token);
  jar.delete(SESSION_COOKIE);
  return new Response(null, { status: 303, headers: { location: "/sign-in" } });
}
