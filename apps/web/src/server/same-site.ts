/**
 * Refuses a state-changing request that a page of another site made a browser send (CSRF, including login
 * CSRF: signing a victim in to the attacker's account). The rule:
 * - `Sec-Fetch-Site` (sent by current browsers) other than `same-origin` or `none` (the user's own navigation)
 *   is refused;
 * - otherwise an `Origin` header must name this server's own host (`X-Forwarded-Host` behind a proxy, else
 *   `Host`); `Origin: null` (sandboxed frames, some redirects) is refused;
 * - a request with neither header is allowed: browsers send `Origin` with every POST, so it comes from a
 *   non-browser client (curl, scripts, the tests), which carries no victim's cookies.
 * Returns the 403 to answer, or null to go on.
 */
export function refuseCrossSite(request: Request): Response | null {
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  let crossSite = site !== null && site !== "same-origin" && site !== "none";
  if (!crossSite && origin !== null) {
    const host = (request.headers.get("x-forwarded-host") ?? request.headers.get("host"))
      ?.split(",")[0]
      ?.trim();
    crossSite = !URL.canParse(origin) || new URL(origin).host !== host;
  }
  if (!crossSite) return null;
  return new Response("Cross-site request refused", {
    status: 403,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}
