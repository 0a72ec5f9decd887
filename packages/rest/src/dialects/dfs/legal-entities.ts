import { z } from "@hono/zod-openapi";
import {
  createLegalEntity,
  getLegalEntity,
  getLegalEntityOfContact,
  type LegalEntityContact,
  PERMISSIONS,
  updateLegalEntity,
} from "@switchboard/domain";
import type { Context } from "hono";
import type { RestEnv } from "../../env";
import { dialectRoutes, operation } from "../../http/kit";
import { contactIdOf, organizationIdOf } from "./refs";
import { errors, int32, jsonBody, languageHeaders, languageQuery, noContent, ok } from "./wire";

const TAG = "LegalEntities";
/** Both spellings occur in the reference (§0); every legal-entity route answers under both (§5 item 1). */
const SPELLINGS = ["legalentities", "legal-entities"] as const;
type Spelling = (typeof SPELLINGS)[number];
const suffix = (s: Spelling) => (s === "legalentities" ? "" : "_Hyphenated");

const entityPath = z.object({ legalEntityId: int32.openapi({ description: "Legal entity id" }) });
const details = z.any().openapi({ description: "Schema-driven details (the legal-entity schema)" });
const detailsResponse = z
  .object({ contactGroupId: z.number().int(), details })
  .openapi("LegalEntityDetailsResponse");
const createResponse = z.object({ id: z.number().int(), details }).openapi("CreateLegalEntityResponse");

const v10Contact = z
  .object({
    contactId: int32,
    accessPolicyIds: z.array(z.number().int()).max(50).nullish(),
    share: z.number().min(0).max(1).nullish(),
  })
  .openapi("LegalEntityContactAccessPolicyRequestV10");
const v11Contact = z
  .object({ contactId: int32, accessPolicyKeys: z.array(z.string().max(256)).max(50).nullish() })
  .openapi("LegalEntityContactAccessPolicyRequest");

const get = (s: Spelling) =>
  operation(
    { permissions: [PERMISSIONS.organizationView] },
    {
      method: "get",
      path: `/v1.0/${s}/{legalEntityId}/details`,
      operationId: `LegalEntities_GetDetails${suffix(s)}`,
      summary: "Gets details of a legal entity",
      tags: [TAG],
      request: { params: entityPath, query: languageQuery, headers: languageHeaders },
      responses: { ...ok(detailsResponse), ...errors(400, 404) },
    },
  );

const update = (s: Spelling, method: "put" | "patch") =>
  operation(
    { permissions: [PERMISSIONS.organizationView, PERMISSIONS.organizationEdit] },
    {
      method,
      path: `/v1.0/${s}/{legalEntityId}/details`,
      operationId: `LegalEntities_UpdateDetails${method === "patch" ? "_Patch" : ""}${suffix(s)}`,
      summary:
        method === "put"
          ? "Updates a legal entity's details (the whole document)"
          : "Updates a legal entity's details (merged into the current ones)",
      tags: [TAG],
      request: {
        params: entityPath,
        query: languageQuery,
        headers: languageHeaders,
        ...jsonBody(z.object({ details }).openapi("UpdateLegalEntityDetailsRequest")),
      },
      responses: { ...noContent, ...errors(400, 404) },
    },
  );

const byContact = (s: Spelling) =>
  operation(
    { permissions: [PERMISSIONS.contactView, PERMISSIONS.organizationView] },
    {
      method: "get",
      path: `/v1.0/contacts/{contactId}/${s}/{legalEntityId}/details`,
      operationId: `LegalEntities_GetDetailsByContact${suffix(s)}`,
      summary: "Gets details of a legal entity by a contact associated with it",
      deprecated: true,
      tags: [TAG],
      request: {
        params: entityPath.extend({ contactId: int32.openapi({ description: "The ID of the contact" }) }),
        query: languageQuery,
        headers: languageHeaders,
      },
      responses: { ...ok(detailsResponse), ...errors(400, 404) },
    },
  );

const CREATE_ACCESS = {
  permissions: [PERMISSIONS.organizationAdd, PERMISSIONS.contactView, PERMISSIONS.contactEdit],
};
const createV10 = (s: Spelling) =>
  operation(CREATE_ACCESS, {
    method: "post",
    path: `/v1.0/${s}`,
    operationId: `LegalEntities_CreateV10${suffix(s)}`,
    summary: "Creates a legal entity (access policies by id, with a share)",
    deprecated: true,
    tags: [TAG],
    request: {
      query: languageQuery,
      headers: languageHeaders,
      ...jsonBody(
        z
          .object({ contacts: z.array(v10Contact).max(100).nullish(), details })
          .openapi("CreateLegalEntityRequestV10"),
      ),
    },
    responses: { ...ok(createResponse), ...errors(400, 404) },
  });
const createV11 = (s: Spelling) =>
  operation(CREATE_ACCESS, {
    method: "post",
    path: `/v1.1/${s}`,
    operationId: `LegalEntities_Create${suffix(s)}`,
    summary: "Creates a legal entity (access policies by key)",
    tags: [TAG],
    request: {
      query: languageQuery,
      headers: languageHeaders,
      ...jsonBody(
        z
          .object({ contacts: z.array(v11Contact).max(100).nullish(), details })
          .openapi("CreateLegalEntityRequest"),
      ),
    },
    responses: { ...ok(createResponse), ...errors(400, 404) },
  });

/** The listed contacts by uuid, their numbers resolved (404 for an unknown one). */
async function contactsOf(
  c: Context<RestEnv>,
  list: { contactId: number; policies: (string | number)[]; share?: number | null }[],
): Promise<LegalEntityContact[]> {
  const out: LegalEntityContact[] = [];
  for (const item of list)
    out.push({
      contactId: await contactIdOf(c.var.ctx, item.contactId),
      accessPolicies: item.policies,
      share: item.share,
    });
  return out;
}

export function legalEntityRoutes() {
  const routes = dialectRoutes();
  for (const s of SPELLINGS) {
    routes.openapi(get(s), async (c) => {
      const entity = await getLegalEntity(c.var.ctx, { number: c.req.valid("param").legalEntityId });
      return c.json({ contactGroupId: entity.number, details: entity.details }, 200);
    });
    for (const method of ["put", "patch"] as const)
      routes.openapi(update(s, method), async (c) => {
        const id = await organizationIdOf(c.var.ctx, c.req.valid("param").legalEntityId);
        await updateLegalEntity(
          c.var.ctx,
          id,
          c.req.valid("json").details,
          method === "put" ? "replace" : "merge",
        );
        return c.body(null, 204);
      });
    routes.openapi(byContact(s), async (c) => {
      const { contactId, legalEntityId } = c.req.valid("param");
      const entity = await getLegalEntityOfContact(
        c.var.ctx,
        await contactIdOf(c.var.ctx, contactId),
        await organizationIdOf(c.var.ctx, legalEntityId),
      );
      return c.json({ contactGroupId: entity.number, details: entity.details }, 200);
    });
    routes.openapi(createV10(s), async (c) => {
      const body = c.req.valid("json");
      const contacts = await contactsOf(
        c,
        (body.contacts ?? []).map((x) => ({
          contactId: x.contactId,
          policies: x.accessPolicyIds ?? [],
          share: x.share,
        })),
      );
      const entity = await createLegalEntity(c.var.ctx, { details: body.details, contacts });
      return c.json({ id: entity.number, details: entity.details }, 200);
    });
    routes.openapi(createV11(s), async (c) => {
      const body = c.req.valid("json");
      const contacts = await contactsOf(
        c,
        (body.contacts ?? []).map((x) => ({ contactId: x.contactId, policies: x.accessPolicyKeys ?? [] })),
      );
      const entity = await createLegalEntity(c.var.ctx, { details: body.details, contacts });
      return c.json({ id: entity.number, details: entity.details }, 200);
    });
  }
  return routes;
}
