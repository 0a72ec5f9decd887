import type { z } from "@hono/zod-openapi";
import {
  type Context,
  createContact,
  createOrganization,
  deleteContact,
  deleteOrganization,
  type ExternalId,
  enforeSourceId,
  listContactsByOffset,
  listOrganizationsWithRepresentativesByOffset,
  namesFromDisplayName,
  type OrganizationRecord,
  PERMISSIONS,
  patchContact,
  patchOrganization,
  professionalIdentitiesAt,
  readContactRecord,
  readOrganizationWithRepresentatives,
} from "@switchboard/domain";
import { dialectRoutes, operation } from "../../http/kit";
import { PagingQuerySchema } from "./paging";
import { body, ContactParams, errors, json, noContent, OrgParams } from "./routes";
import {
  type EnforeOrganizationFields,
  IndividualContactInputSchema,
  IndividualContactSchema,
  individualToWire,
  listOf,
  OrganizationContactInputSchema,
  OrganizationContactSchema,
  organizationToWire,
} from "./wire";

// Individual contacts (ops 1–5) and organization contacts (ops 68–72): the canonical contacts and
// organizations. A PUT replaces what enfore shows and keeps everything else (other dialects' fields, contact
// points, external ids of other sources). Delete is the one soft delete; enfore still reads and lists the record.

const P = PERMISSIONS;
const INDIVIDUAL = ["Individual contacts"];
const ORGANIZATION = ["Organization contacts"];

/** The record's external ids with its enfore `external_id` (the reserved source's entry) set or cleared. */
const withEnforeId = (ids: ExternalId[], sourceId: string, value: string | undefined) => [
  ...ids.filter((e) => e.sourceId !== sourceId),
  ...(value ? [{ sourceId, value }] : []),
];

async function organizationsToWire(ctx: Context, records: OrganizationRecord[]) {
  const representatives = await professionalIdentitiesAt(
    ctx,
    records.map((o) => o.id),
  );
  return records.map((o) => organizationToWire(o, representatives.get(o.id) ?? []));
}

/** What an enfore organization write keeps in the enfore extension. */
const enforeFields = (w: z.infer<typeof OrganizationContactInputSchema>): EnforeOrganizationFields =>
  Object.fromEntries(
    Object.entries({
      founded: w.founded,
      founders: w.founders,
      leaders: w.leaders,
      external_organization_id: w.external_organization_id,
    }).filter(([, v]) => v !== undefined),
  );

export function contactRoutes() {
  const routes = dialectRoutes();

  // ------------------------------------------------------------------------------------------ individuals

  routes.openapi(
    operation(
      { permissions: [P.contactView] },
      {
        method: "get",
        path: "/org/{org-id}/individual",
        operationId: "listIndividualContacts",
        summary: "List individual contacts (paged)",
        tags: INDIVIDUAL,
        request: { params: OrgParams, query: PagingQuerySchema },
        responses: {
          200: json(
            listOf(IndividualContactSchema, "IndividualContacts"),
            "Contacts are successfully returned",
          ),
          ...errors(400, 403),
        },
      },
    ),
    async (c) => {
      const page = c.req.valid("query");
      const { entities } = await listContactsByOffset(c.var.ctx, { ...page, includeDeleted: true });
      return c.json({ items: entities.map(individualToWire), problems: [] }, 200);
    },
  );

  routes.openapi(
    operation(
      { permissions: [P.contactAdd] },
      {
        method: "post",
        path: "/org/{org-id}/individual",
        operationId: "createIndividualContact",
        summary: "Create individual contact",
        tags: INDIVIDUAL,
        request: { params: OrgParams, body: body(IndividualContactInputSchema) },
        responses: {
          201: json(IndividualContactSchema, "Contact has successfully been added"),
          ...errors(400, 403),
        },
      },
    ),
    async (c) => {
      const ctx = c.var.ctx;
      const w = c.req.valid("json");
      const sourceId = w.external_id ? await enforeSourceId(ctx, "contact") : "";
      const created = await createContact(ctx, {
        ...namesFromDisplayName({ firstName: null, lastName: null }, w.name),
        dateOfBirth: w.date_of_birth ?? null,
        anniversary: w.anniversary ?? null,
        externalIds: withEnforeId([], sourceId, w.external_id),
      });
      return c.json(individualToWire({ ...created, deleted: false }), 201);
    },
  );

  routes.openapi(
    operation(
      { permissions: [P.contactView] },
      {
        method: "get",
        path: "/org/{org-id}/individual/{contact-id}",
        operationId: "getIndividualContact",
        summary: "Get individual contact",
        tags: INDIVIDUAL,
        request: { params: ContactParams },
        responses: {
          200: json(IndividualContactSchema, "Contact is successfully returned"),
          ...errors(403, 404),
        },
      },
    ),
    async (c) => {
      const id = c.req.valid("param")["contact-id"];
      const contact = await readContactRecord(c.var.ctx, { id }, { includeDeleted: true });
      return c.json(individualToWire(contact), 200);
    },
  );

  routes.openapi(
    operation(
      { permissions: [P.contactEdit] },
      {
        method: "put",
        path: "/org/{org-id}/individual/{contact-id}",
        operationId: "updateIndividualContact",
        summary: "Full update of individual contact",
        tags: INDIVIDUAL,
        request: { params: ContactParams, body: body(IndividualContactInputSchema) },
        responses: {
          200: json(IndividualContactSchema, "Contact was successfully updated"),
          ...errors(400, 403, 404),
        },
      },
    ),
    async (c) => {
      const ctx = c.var.ctx;
      const id = c.req.valid("param")["contact-id"];
      const w = c.req.valid("json");
      const sourceId = await enforeSourceId(ctx, "contact");
      const updated = await patchContact(ctx, id, (current) => ({
        ...current,
        ...namesFromDisplayName(current, w.name),
        dateOfBirth: w.date_of_birth ?? null,
        anniversary: w.anniversary ?? null,
        externalIds: withEnforeId(current.externalIds, sourceId, w.external_id),
      }));
      return c.json(individualToWire({ ...updated, deleted: false }), 200);
    },
  );

  routes.openapi(
    operation(
      { permissions: [P.contactDelete] },
      {
        method: "delete",
        path: "/org/{org-id}/individual/{contact-id}",
        operationId: "deleteIndividualContact",
        summary: "Delete individual contact (soft: it still reads, with deleted: true)",
        tags: INDIVIDUAL,
        request: { params: ContactParams },
        responses: { 204: noContent("Contact"), ...errors(403, 404, 422) },
      },
    ),
    async (c) => {
      const id = c.req.valid("param")["contact-id"];
      await deleteContact(c.var.ctx, id);
      return c.body(null, 204);
    },
  );

  // ---------------------------------------------------------------------------------------- organizations

  routes.openapi(
    operation(
      { permissions: [P.organizationView] },
      {
        method: "get",
        path: "/org/{org-id}/organization",
        operationId: "listOrganizationContacts",
        summary: "List organization contacts (paged)",
        tags: ORGANIZATION,
        request: { params: OrgParams, query: PagingQuerySchema },
        responses: {
          200: json(
            listOf(OrganizationContactSchema, "OrganizationContacts"),
            "Contacts are successfully returned",
          ),
          ...errors(400, 403),
        },
      },
    ),
    async (c) => {
      const page = c.req.valid("query");
      const { entities } = await listOrganizationsWithRepresentativesByOffset(c.var.ctx, {
        ...page,
        includeDeleted: true,
      });
      const items = entities.map((o) => organizationToWire(o, o.representatives));
      return c.json({ items, problems: [] }, 200);
    },
  );

  routes.openapi(
    operation(
      { permissions: [P.organizationAdd] },
      {
        method: "post",
        path: "/org/{org-id}/organization",
        operationId: "createOrganizationContact",
        summary: "Create organization contact",
        tags: ORGANIZATION,
        request: { params: OrgParams, body: body(OrganizationContactInputSchema) },
        responses: {
          201: json(OrganizationContactSchema, "Contact has successfully been added"),
          ...errors(400, 403),
        },
      },
    ),
    async (c) => {
      const ctx = c.var.ctx;
      const w = c.req.valid("json");
      const sourceId = w.external_id ? await enforeSourceId(ctx, "organization") : "";
      const created = await createOrganization(ctx, {
        name: w.name,
        externalIds: withEnforeId([], sourceId, w.external_id),
        extensions: { enfore: { ...enforeFields(w) } },
      });
      return c.json(organizationToWire({ ...created, deleted: false }, []), 201);
    },
  );

  routes.openapi(
    operation(
      { permissions: [P.organizationView] },
      {
        method: "get",
        path: "/org/{org-id}/organization/{contact-id}",
        operationId: "getOrganizationContact",
        summary: "Get organization contact",
        tags: ORGANIZATION,
        request: { params: ContactParams },
        responses: {
          200: json(OrganizationContactSchema, "Contact is successfully returned"),
          ...errors(403, 404),
        },
      },
    ),
    async (c) => {
      const id = c.req.valid("param")["contact-id"];
      const o = await readOrganizationWithRepresentatives(c.var.ctx, { id }, { includeDeleted: true });
      return c.json(organizationToWire(o, o.representatives), 200);
    },
  );

  routes.openapi(
    operation(
      { permissions: [P.organizationEdit] },
      {
        method: "put",
        path: "/org/{org-id}/organization/{contact-id}",
        operationId: "updateOrganizationContact",
        summary: "Full update of organization contact",
        tags: ORGANIZATION,
        request: { params: ContactParams, body: body(OrganizationContactInputSchema) },
        responses: {
          200: json(OrganizationContactSchema, "Contact was successfully updated"),
          ...errors(400, 403, 404),
        },
      },
    ),
    async (c) => {
      const ctx = c.var.ctx;
      const id = c.req.valid("param")["contact-id"];
      const w = c.req.valid("json");
      const sourceId = await enforeSourceId(ctx, "organization");
      const updated = await patchOrganization(ctx, id, (current) => ({
        ...current,
        name: w.name,
        externalIds: withEnforeId(current.externalIds, sourceId, w.external_id),
        extensions: { ...current.extensions, enfore: { ...enforeFields(w) } },
      }));
      const [wire] = await organizationsToWire(ctx, [{ ...updated, deleted: false }]);
      return c.json(wire!, 200);
    },
  );

  routes.openapi(
    operation(
      { permissions: [P.organizationDelete] },
      {
        method: "delete",
        path: "/org/{org-id}/organization/{contact-id}",
        operationId: "deleteOrganizationContact",
        summary: "Delete organization contact (soft: it still reads, with deleted: true)",
        tags: ORGANIZATION,
        request: { params: ContactParams },
        responses: { 204: noContent("Contact"), ...errors(403, 404, 422) },
      },
    ),
    async (c) => {
      const id = c.req.valid("param")["contact-id"];
      await deleteOrganization(c.var.ctx, id);
      return c.body(null, 204);
    },
  );

  return routes;
}
