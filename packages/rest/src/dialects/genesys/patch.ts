import { applyPatch, type PatchRequest } from "@switchboard/domain";
import type { Context } from "hono";
import { z } from "zod";
import { readJson } from "../../http/request";
import { invalidBody } from "./errors";
import { externalContact, externalOrganization, note, relationship } from "./wire";

/**
 * PATCH operations of the current Genesys SDK (`ExternalContactsPatchRequest`): the changes apply to the
 * record's wire document, the result is validated as a PUT body would be, and the domain writes it as a
 * partial update (same validation and history as the full update).
 */
export const externalContactsPatchRequest = z.object({
  changes: z
    .array(z.object({ field: z.string(), value: z.unknown().optional(), action: z.string() }))
    .optional(),
});

export const readPatch = (c: Context): Promise<PatchRequest> =>
  readJson(c, externalContactsPatchRequest) as Promise<PatchRequest>;

// `version` guards a PUT; a PATCH always applies to the current record.
const readOnly = new Set(["id", "version", "type", "modifyDate", "createDate", "selfUri", "trustor"]);
const writableOf = (schema: z.ZodObject) => Object.keys(schema.shape).filter((k) => !readOnly.has(k));

/** What a caller may patch per model: every writable field of the PUT body. */
export const PATCHABLE = {
  contact: { writable: writableOf(externalContact), schema: externalContact },
  organization: { writable: writableOf(externalOrganization), schema: externalOrganization },
  note: { writable: ["noteText"], schema: note },
  relationship: { writable: ["user", "externalOrganization", "relationship"], schema: relationship },
} as const;

/** Applies `request` to `current` (a wire document) and parses the result as the model's PUT body. */
export function patchedWire<K extends keyof typeof PATCHABLE>(
  kind: K,
  current: Record<string, unknown>,
  request: PatchRequest,
): z.output<(typeof PATCHABLE)[K]["schema"]> {
  const { writable, schema } = PATCHABLE[kind];
  const result = schema.safeParse(applyPatch(current, request, { writable }));
  if (!result.success) throw invalidBody(result.error);
  return result.data as z.output<(typeof PATCHABLE)[K]["schema"]>;
}
