/** Fills a source's uri template with an external id value (URL-encoded). */
export function externalIdLink(uriTemplate: string | null, value: string): string | null {
  if (!uriTemplate) return null;
  return uriTemplate.replace(/\{\{\s*externalId\.value\s*\}\}/g, encodeURIComponent(value));
}

/** Opaque cursor for keyset listings ordered by an immutable increasing number. */
export function encodeNumberCursor(lastNumber: number): string {
  return Buffer.from(JSON.stringify({ n: lastNumber })).toString("base64url");
}

export function decodeNumberCursor(cursor: string): number | null {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { n?: unknown };
    return typeof parsed.n === "number" && Number.isSafeInteger(parsed.n) && parsed.n >= 0 ? parsed.n : null;
  } catch {
    return null;
  }
}
