/** Fills a source's uri template with an external id value (URL-encoded). */
export function externalIdLink(uriTemplate: string | null, value: string): string | null {
  if (!uriTemplate) return null;
  return uriTemplate.replace(/\{\{\s*externalId\.value\s*\}\}/g, encodeURIComponent(value));
}

/** External id values are 1..256 characters (enfore `external_id`, DFS `externalId`, Genesys `value`). */
export const EXTERNAL_ID_MAX_LENGTH = 256;

/**
 * Sources whose names start with `enfore:` are reserved for the enfore dialect's one-to-one id mappings
 * (`enfore:individual`, `enfore:organization`): no caller creates, renames, or deletes one, Genesys does not
 * show them, and a Genesys PUT keeps their entries.
 */
export const RESERVED_SOURCE_PREFIX = "enfore:";
export const ENFORE_SOURCES = {
  contact: "enfore:individual",
  organization: "enfore:organization",
} as const;

export const isReservedSourceName = (name: string) =>
  name.trim().toLowerCase().startsWith(RESERVED_SOURCE_PREFIX);

/** The DFS import service's system: DFS external connections with `system = "Default"`. */
export const DFS_DEFAULT_SYSTEM = "Default";

/** Most characters of a source name (and so of a DFS system name). */
export const SOURCE_NAME_MAX_LENGTH = 200;

/**
 * What is wrong with a DFS `system` (the name of the external source its connections are stored under,
 * created on first use), if anything: required, at most 200 characters, and never a reserved enfore source.
 */
export function dfsSystemIssue(system: string, path = "system"): { path: string; message: string } | null {
  const name = system.trim();
  if (!name) return { path, message: "a system is required" };
  if (name.length > SOURCE_NAME_MAX_LENGTH)
    return { path, message: `must be at most ${SOURCE_NAME_MAX_LENGTH} characters` };
  if (isReservedSourceName(name)) return { path, message: `${name} is a reserved source` };
  return null;
}

/** What is wrong with an external id value, if anything: 1..256 characters once trimmed. */
export function externalIdValueIssue(
  value: string,
  path = "value",
): { path: string; message: string } | null {
  const trimmed = value.trim();
  if (!trimmed) return { path, message: "a value is required" };
  if (trimmed.length > EXTERNAL_ID_MAX_LENGTH)
    return { path, message: `must be at most ${EXTERNAL_ID_MAX_LENGTH} characters` };
  return null;
}
