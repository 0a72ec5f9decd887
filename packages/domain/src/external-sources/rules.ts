/** Fills a source's uri template with an external id value (URL-encoded). */
export function externalIdLink(uriTemplate: string | null, value: string): string | null {
  if (!uriTemplate) return null;
  return uriTemplate.replace(/\{\{\s*externalId\.value\s*\}\}/g, encodeURIComponent(value));
}
