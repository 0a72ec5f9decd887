import { z } from "@hono/zod-openapi";
import {
  addContactPoint,
  type ContactPoint,
  type ContactPointInput,
  deleteContactPoint,
  getContactPoint,
  listContactPoints,
  PERMISSIONS,
  type PointKind,
  type PointOwner,
  updateContactPoint,
} from "@switchboard/domain";
import type { Context as HonoContext } from "hono";
import type { RestEnv } from "../../env";
import { dialectRoutes, operation } from "../../http/kit";
import { body, contactId, errors, json, noContent, orgId, pathParam, professionalIdentityId } from "./routes";
import {
  AddressInputSchema,
  AddressSchema,
  addressFromWire,
  EmailInputSchema,
  EmailSchema,
  emailFromWire,
  listOf,
  PhoneInputSchema,
  PhoneSchema,
  type PointOwnerKind,
  phoneFromWire,
  pointToWire,
  WebAddressInputSchema,
  WebAddressSchema,
  webAddressFromWire,
} from "./wire";

// Contact details (ops 7–26, 33–48, 74–93): one factory over the owner (an individual, an organization, or an
// individual's professional identity) and the kind of detail (addresses, emails, phones, web addresses), all
// through the per-point domain use cases: ids stay across writes, a PUT replaces the one point.

interface DetailKind {
  kind: PointKind;
  /** Path segment and list name. */
  segment: string;
  idParam: string;
  /** Singular, for summaries and descriptions. */
  noun: string;
  Noun: string;
  input: z.ZodObject;
  output: z.ZodObject;
  listName: string;
  fromWire: (w: never) => ContactPointInput;
}

const KINDS: DetailKind[] = [
  {
    kind: "address",
    segment: "addresses",
    idParam: "address-id",
    noun: "address",
    Noun: "Address",
    input: AddressInputSchema,
    output: AddressSchema,
    listName: "Addresses",
    fromWire: addressFromWire as never,
  },
  {
    kind: "email",
    segment: "emails",
    idParam: "email-id",
    noun: "email",
    Noun: "Email",
    input: EmailInputSchema,
    output: EmailSchema,
    listName: "Emails",
    fromWire: emailFromWire as never,
  },
  {
    kind: "phone",
    segment: "phones",
    idParam: "phone-id",
    noun: "phone",
    Noun: "Phone",
    input: PhoneInputSchema,
    output: PhoneSchema,
    listName: "Phones",
    fromWire: phoneFromWire as never,
  },
  {
    kind: "web",
    segment: "web-addresses",
    idParam: "web-address-id",
    noun: "web address",
    Noun: "WebAddress",
    input: WebAddressInputSchema,
    output: WebAddressSchema,
    listName: "WebAddresses",
    fromWire: webAddressFromWire as never,
  },
];

const LIST_OF = { address: "addresses", email: "emails", phone: "phones", web: "webAddresses" } as const;
const SUCCESS = { address: "Address", email: "Email", phone: "Phone", web: "Web address" } as const;

interface OwnerKind {
  owner: PointOwnerKind;
  /** The owner's path, below `/org/{org-id}`. */
  base: string;
  params: Record<string, z.ZodType>;
  ownerOf: (params: Record<string, string>) => PointOwner;
  tags: string[];
  /** Operation id part and summary words. */
  id: string;
  of: string;
  view: string;
  edit: string;
  /** The seed has no DELETE of a PI's details. */
  deletes: boolean;
}

const OWNERS: OwnerKind[] = [
  {
    owner: "contact",
    base: "/individual/{contact-id}",
    params: { "contact-id": contactId },
    ownerOf: (p) => ({ kind: "contact", id: p["contact-id"]! }),
    tags: ["Individual contact details"],
    id: "Individual",
    of: "individual contact",
    view: PERMISSIONS.contactView,
    edit: PERMISSIONS.contactEdit,
    deletes: true,
  },
  {
    owner: "organization",
    base: "/organization/{contact-id}",
    params: { "contact-id": contactId },
    ownerOf: (p) => ({ kind: "organization", id: p["contact-id"]! }),
    tags: ["Organization contact details"],
    id: "Organization",
    of: "organization contact",
    view: PERMISSIONS.organizationView,
    edit: PERMISSIONS.organizationEdit,
    deletes: true,
  },
  {
    owner: "identity",
    base: "/individual/{contact-id}/professional-identities/{professional-identity-id}",
    params: { "contact-id": contactId, "professional-identity-id": professionalIdentityId },
    ownerOf: (p) => ({ kind: "identity", contactId: p["contact-id"]!, id: p["professional-identity-id"]! }),
    tags: ["Professional identity details"],
    id: "ProfessionalIdentity",
    of: "professional identity",
    view: PERMISSIONS.contactView,
    edit: PERMISSIONS.contactEdit,
    deletes: false,
  },
];

type Handler = (c: HonoContext<RestEnv>) => Promise<Response>;
const params = (c: HonoContext<RestEnv>) => c.req.param() as Record<string, string>;

/** The routes of one owner kind × one detail kind. */
function detailRoutes(o: OwnerKind, d: DetailKind) {
  const routes = dialectRoutes();
  const collection = `/org/{org-id}${o.base}/${d.segment}`;
  const item = `${collection}/{${d.idParam}}`;
  const collectionParams = z.object({ "org-id": orgId, ...o.params });
  const itemParams = z.object({
    ...collectionParams.shape,
    [d.idParam]: pathParam(d.idParam, `ID of the ${d.noun}`),
  });
  const toWire = (p: ContactPoint) => pointToWire(p, o.owner);
  const opId = (verb: string, plural = false) => `${verb}${o.id}${plural ? d.listName : d.Noun}`;
  const register = (op: unknown, handler: Handler) =>
    (routes.openapi as (op: unknown, handler: Handler) => void)(op, handler);

  register(
    operation(
      { permissions: [o.view] },
      {
        method: "get",
        path: collection,
        operationId: opId("list", true),
        summary: `List ${d.segment.replace("-", " ")} of ${o.of}`,
        tags: o.tags,
        request: { params: collectionParams },
        responses: {
          200: json(listOf(d.output, d.listName), `${SUCCESS[d.kind]} information is successfully returned`),
          ...errors(400, 403, 404),
        },
      },
    ),
    async (c) => {
      const lists = await listContactPoints(c.var.ctx, o.ownerOf(params(c)));
      const points = lists[LIST_OF[d.kind]] as object[];
      return c.json(
        { items: points.map((p) => toWire({ kind: d.kind, ...p } as ContactPoint)), problems: [] },
        200,
      );
    },
  );

  register(
    operation(
      { permissions: [o.edit] },
      {
        method: "post",
        path: collection,
        operationId: opId("add"),
        summary: `Add ${d.noun} to ${o.of}`,
        tags: o.tags,
        request: { params: collectionParams, body: body(d.input) },
        responses: {
          201: json(d.output, `${SUCCESS[d.kind]} has successfully been added`),
          ...errors(400, 403, 404),
        },
      },
    ),
    async (c) => {
      const input = d.fromWire((c.req.valid as (t: "json") => never)("json"));
      const added = await addContactPoint(c.var.ctx, o.ownerOf(params(c)), input);
      return c.json(toWire(added), 201);
    },
  );

  register(
    operation(
      { permissions: [o.view] },
      {
        method: "get",
        path: item,
        operationId: opId("get"),
        summary: `Get ${d.noun} of ${o.of}`,
        tags: o.tags,
        request: { params: itemParams },
        responses: {
          200: json(d.output, `${SUCCESS[d.kind]} is successfully returned`),
          ...errors(403, 404),
        },
      },
    ),
    async (c) => {
      const p = params(c);
      const point = await getContactPoint(c.var.ctx, o.ownerOf(p), d.kind, p[d.idParam]!);
      return c.json(toWire(point), 200);
    },
  );

  register(
    operation(
      { permissions: [o.edit] },
      {
        method: "put",
        path: item,
        operationId: opId("update"),
        summary: `Full update of ${d.noun} of ${o.of}`,
        tags: o.tags,
        request: { params: itemParams, body: body(d.input) },
        responses: {
          200: json(d.output, `${d.kind === "web" ? "Address" : SUCCESS[d.kind]} was successfully updated`),
          ...errors(400, 403, 404),
        },
      },
    ),
    async (c) => {
      const p = params(c);
      const input = d.fromWire((c.req.valid as (t: "json") => never)("json"));
      const updated = await updateContactPoint(c.var.ctx, o.ownerOf(p), p[d.idParam]!, input);
      return c.json(toWire(updated), 200);
    },
  );

  if (o.deletes)
    register(
      operation(
        { permissions: [o.edit] },
        {
          method: "delete",
          path: item,
          operationId: opId("delete"),
          summary: `Delete ${d.noun} of ${o.of}`,
          tags: o.tags,
          request: { params: itemParams },
          responses: { 204: noContent("Delete successful"), ...errors(403, 404, 422) },
        },
      ),
      async (c) => {
        const p = params(c);
        const owner = o.ownerOf(p);
        // Only a point of this kind: an email's id under /phones is not found.
        await getContactPoint(c.var.ctx, owner, d.kind, p[d.idParam]!);
        await deleteContactPoint(c.var.ctx, owner, p[d.idParam]!);
        return c.body(null, 204);
      },
    );
  return routes;
}

/** Every contact-detail operation of every owner kind. */
export function detailsRoutes() {
  const routes = dialectRoutes();
  for (const o of OWNERS) for (const d of KINDS) routes.route("/", detailRoutes(o, d));
  return routes;
}
