import "server-only";
import { type MemberSession, resolveMemberSession } from "@switchboard/domain";
import { cookies } from "next/headers";
import { db } from "./db";

export const SESSION_COOKIE = "sb_session";

/** The signed-in member of this request, or null. */
export async function currentSession(): Promise<MemberSession | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return token ? resolveMemberSession(db(), token) : null;
}

/** Reads the session token from a raw Cookie header (for the tRPC fetch handler). */
export function sessionTokenFrom(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === SESSION_COOKIE) return decodeURIComponent(value.join("="));
  }
  return null;
}
