import { validationFailed } from "./errors";

/**
 * Opaque cursors for keyset listings over an immutable, increasing `number` (scans, external sources).
 * Each cursor carries the last number returned and when it was issued; Genesys cursors live 24 hours.
 */
export const CURSOR_TTL_MS = 24 * 60 * 60 * 1000;

export function encodeCursor(lastNumber: number, issuedAt = Date.now()): string {
  return Buffer.from(JSON.stringify({ n: lastNumber, t: issuedAt })).toString("base64url");
}

export type DecodedCursor = { ok: true; after: number } | { ok: false; reason: "invalid" | "expired" };

export function decodeCursor(cursor: string, now = Date.now()): DecodedCursor {
  let parsed: { n?: unknown; t?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "invalid" };
  }
  const { n, t } = parsed ?? {};
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0 || typeof t !== "number")
    return { ok: false, reason: "invalid" };
  if (t > now + 60_000) return { ok: false, reason: "invalid" };
  if (now - t > CURSOR_TTL_MS) return { ok: false, reason: "expired" };
  return { ok: true, after: n };
}

/** Where a keyset listing resumes: 0 without a cursor; a forged or expired cursor is a validation error. */
export function cursorStart(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const decoded = decodeCursor(cursor);
  if (decoded.ok) return decoded.after;
  const message =
    decoded.reason === "expired"
      ? "has expired (cursors live 24 hours)"
      : "is not a cursor this server issued";
  throw validationFailed([{ path: "cursor", message }]);
}
