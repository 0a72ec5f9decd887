/**
 * Where to send a member after sign-in, from the `next` the sign-in form carries: only a path on this site.
 * Anything a browser could read as another origin falls back to `/`: absolute URLs and schemes (`https:`,
 * `javascript:`), protocol-relative `//host`, `/\host` (browsers treat `\` as `/`), and control characters
 * (browsers drop tabs and newlines, so `/\t/host` would become `//host`).
 */
export function redirectTarget(next: unknown): string {
  if (typeof next !== "string" || next.length > 2000) return "/";
  if (!next.startsWith("/") || next.startsWith("//")) return "/";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\\\u0000-\u001f\u007f]/.test(next)) return "/";
  // The last word goes to the URL parser: resolved against this site, it must stay on it.
  const base = "http://switchboard.invalid";
  return new URL(next, base).origin === base ? next : "/";
}
