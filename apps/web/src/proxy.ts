import { type NextRequest, NextResponse } from "next/server";

/**
 * Sends visitors without a session cookie to sign-in before any page renders. The workspace layout still
 * checks that the cookie names a live session; this only saves rendering pages for certain strangers.
 */
export function proxy(request: NextRequest) {
  if (request.cookies.has("sb_session")) return NextResponse.next();
  const url = new URL("/sign-in", request.url);
  url.searchParams.set("next", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ["/", "/contacts/:path*", "/admin/:path*", "/organizations/:path*", "/customer-lists/:path*"],
};
