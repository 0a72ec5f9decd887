import {
  CONTACT_SORT_FIELDS,
  type Contact,
  type ContactInput,
  type Context,
  can,
  createContact,
  deleteContact,
  getContact,
  getOrganizations,
  getUnresolvedContact,
  listDivisions,
  listIdentifiers,
  listJourneySessions,
  mergeContacts,
  mergePlacesOf,
  PERMISSIONS,
  patchContact,
  promoteContact,
  searchContacts,
} from "@switchboard/domain";
import type { Context as HonoContext } from "hono";
import type { RestEnv } from "../../env";
import { setEntityTag } from "../../http/etag";
import { dialectRoutes } from "../../http/kit";
import { readJson } from "../../http/request";
import { expectedVersionOf, inWireTerms, underIfMatch } from "./errors";
import {
  BASE,
  type ContactExpansions,
  contactInputFromWire,
  contactInputOverride,
  contactPatchInput,
  contactPathToWire,
  contactToWire,
} from "./mappers";
import { noteRoutes } from "./notes";
import { genesysOperation } from "./operations";
import { patchedWire, readPatch } from "./patch";
import { booleanParam, expandParam, integerParam, multi, pageListing, pageParams, sortParam } from "./query";
import { externalContact, mergeContactsRequest } from "./wire";

export const CONTACT_EXPANDS = [
  "externalOrganization",
  "externalDataSources",
  "identifiers",
  "externalSources",
  "division",
  // The merge set is always returned for a contact in a merge; the value is accepted for the SDKs that ask.
  "mergeset",
] as const;
type Expand = (typeof CONTACT_EXPANDS)[number];

/** Loads what `expand` asks for, for a whole page at once. */
async function expansions(
  ctx: Context,
  contacts: Contact[],
  expand: Set<Expand>,
): Promise<ContactExpansions> {
  const result: ContactExpansions = { mergePlaces: await mergePlacesOf(ctx, contacts) };
  if (expand.has("division"))
    result.divisions = new Map((await listDivisions(ctx)).map((d) => [d.id, d.name]));
  if (expand.has("externalOrganization") && can(ctx, PERMISSIONS.organizationView)) {
    const ids = [...new Set(contacts.flatMap((c) => (c.organizationId ? [c.organizationId] : [])))];
    result.organizations = new Map((await getOrganizations(ctx, ids)).map((o) => [o.id, o]));
  }
  if (expand.has("identifiers")) {
    const lists = await Promise.all(contacts.map((c) => listIdentifiers(ctx, c.id)));
    result.identifiers = new Map(contacts.map((c, i) => [c.id, lists[i]!]));
  }
  return result;
}

export async function wireContacts(ctx: Context, contacts: Contact[], expand: Set<Expand>) {
  const expanded = await expansions(ctx, contacts, expand);
  return contacts.map((c) => contactToWire(c, expanded));
}

/**
 * PUT and PATCH of the contact in the path: the input built from it as it reads now, written under the caller's
 * If-Match (or the body's `version`), answered with its new ETag; validation errors name the wire fields.
 */
async function writeContact(
  c: HonoContext<RestEnv>,
  inputFrom: (current: Contact) => ContactInput,
  bodyVersion?: number,
) {
  let input: ContactInput = {};
  const updated = await underIfMatch(c, (condition) =>
    inWireTerms(
      (path) => contactPathToWire(input, path),
      () =>
        patchContact(
          c.get("ctx"),
          c.req.param("contactId") ?? "",
          (current) => {
            input = inputFrom(current);
            return input;
          },
          { expectedVersion: expectedVersionOf(condition.expectedVersion, bodyVersion) },
        ),
    ),
  );
  setEntityTag(c, updated.version);
  return c.json(contactToWire(updated));
}

const getExternalcontactsContacts = genesysOperation(
  { permissions: [PERMISSIONS.contactView] },
  {
    method: "get",
    path: "/contacts",
    operationId: "getExternalcontactsContacts",
    summary: "Search for external contacts",
    query: [
      {
        name: "pageSize",
        description: "Page size (default 20); pageNumber × pageSize ≤ 1000",
        integer: true,
      },
      { name: "pageNumber", description: "Page number (default 1)", integer: true },
      { name: "q", description: "Search keywords: names, emails, phone numbers in any format" },
      {
        name: "sortOrder",
        description: "field:asc|desc with field one of firstName, lastName, middleName, title",
      },
      {
        name: "expand",
        description:
          "externalOrganization, externalDataSources, identifiers, externalSources, division, mergeset",
        array: true,
      },
      { name: "divisionIds", description: "Only contacts in these divisions (up to 50)", array: true },
    ],
    status: 200,
    response: "ContactListing",
  },
);
const postExternalcontactsContacts = genesysOperation(
  { permissions: [PERMISSIONS.contactAdd] },
  {
    method: "post",
    path: "/contacts",
    operationId: "postExternalcontactsContacts",
    summary: "Create an external contact",
    body: "ExternalContactInput",
    status: 200,
    response: "ExternalContact",
  },
);
const getExternalcontactsContact = genesysOperation(
  { permissions: [PERMISSIONS.contactView] },
  {
    method: "get",
    path: "/contacts/{contactId}",
    operationId: "getExternalcontactsContact",
    summary: "Fetch an external contact",
    query: [
      {
        name: "expand",
        description:
          "externalOrganization, externalDataSources, identifiers, externalSources, division, mergeset",
        array: true,
      },
    ],
    status: 200,
    response: "ExternalContact",
    record: "versioned",
  },
);
const putExternalcontactsContact = genesysOperation(
  { permissions: [PERMISSIONS.contactEdit] },
  {
    method: "put",
    path: "/contacts/{contactId}",
    operationId: "putExternalcontactsContact",
    summary: "Update an external contact",
    body: "ExternalContactInput",
    status: 200,
    response: "ExternalContact",
    record: "versioned",
  },
);
const patchExternalcontactsContact = genesysOperation(
  { permissions: [PERMISSIONS.contactEdit] },
  {
    method: "patch",
    path: "/contacts/{contactId}",
    operationId: "patchExternalcontactsContact",
    summary: "Partially update an external contact (JSONPath changes)",
    body: "ExternalContactsPatchRequest",
    status: 200,
    response: "ExternalContact",
    record: "versioned",
  },
);
const getExternalcontactsContactUnresolved = genesysOperation(
  { permissions: [PERMISSIONS.contactView] },
  {
    method: "get",
    path: "/contacts/{contactId}/unresolved",
    operationId: "getExternalcontactsContactUnresolved",
    summary: "Fetch a contact without following merges",
    status: 200,
    response: "ExternalContact",
  },
);
const postExternalcontactsContactsMerge = genesysOperation(
  { permissions: [PERMISSIONS.identityMerge] },
  {
    method: "post",
    path: "/contacts/merge",
    operationId: "postExternalcontactsContactsMerge",
    summary: "Merge 2 to 25 contacts into a new contact, with value overrides",
    status: 200,
    response: "ExternalContact",
  },
);
const getExternalcontactsContactJourneySessions = genesysOperation(
  { permissions: [PERMISSIONS.sessionView] },
  {
    method: "get",
    path: "/contacts/{contactId}/journey/sessions",
    operationId: "getExternalcontactsContactJourneySessions",
    summary: "Journey sessions of a contact (always empty: Switchboard records no journeys)",
    query: [
      { name: "pageSize", description: "At most 200", integer: true },
      { name: "after", description: "The cursor after which to continue" },
      { name: "includeMerged", description: "true to include every contact of the merge set" },
    ],
    status: 200,
    response: "SessionListing",
  },
);
const postExternalcontactsContactPromotion = genesysOperation(
  { permissions: [PERMISSIONS.identityPromote] },
  {
    method: "post",
    path: "/contacts/{contactId}/promotion",
    operationId: "postExternalcontactsContactPromotion",
    summary: "Promote an observed contact (ephemeral or identified) to a curated contact",
    status: 200,
    response: "ExternalContact",
  },
);
const deleteExternalcontactsContact = genesysOperation(
  { permissions: [PERMISSIONS.contactDelete] },
  {
    method: "delete",
    path: "/contacts/{contactId}",
    operationId: "deleteExternalcontactsContact",
    summary: "Delete an external contact",
    status: 200,
    response: "Empty",
    record: "versioned",
  },
);

export function contactRoutes() {
  const app = dialectRoutes();

  app.openapi(getExternalcontactsContacts, async (c) => {
    const ctx = c.get("ctx");
    const { pageSize, pageNumber } = pageParams(c);
    const sort = sortParam(c, CONTACT_SORT_FIELDS);
    const expand = expandParam(c, CONTACT_EXPANDS);
    const q = c.req.query("q");
    const divisionIds = multi(c, "divisionIds");
    const page = await searchContacts(ctx, {
      q,
      pageSize,
      pageNumber,
      sort,
      divisionIds: divisionIds.length ? divisionIds : undefined,
    });
    const entities = await wireContacts(ctx, page.entities, expand);
    return c.json(pageListing(c, `${BASE}/contacts`, { ...page, entities }));
  });

  app.openapi(postExternalcontactsContacts, async (c) => {
    const input = contactInputFromWire(await readJson(c, externalContact));
    const created = await inWireTerms(
      (path) => contactPathToWire(input, path),
      () => createContact(c.get("ctx"), input),
    );
    return c.json(contactToWire(created), 200);
  });

  app.openapi(getExternalcontactsContact, async (c) => {
    const ctx = c.get("ctx");
    const expand = expandParam(c, CONTACT_EXPANDS);
    const contact = await getContact(ctx, c.req.param("contactId"));
    const [wire] = await wireContacts(ctx, [contact], expand);
    // The version is the ETag: every write of the contact adds one.
    setEntityTag(c, contact.version);
    return c.json(wire);
  });

  /**
   * Replaces every field the Genesys model shows; what it has no slot for (other dialects' data) is kept, so
   * a Genesys client reading and writing back a contact never erases what enfore or DFS wrote.
   */
  app.openapi(putExternalcontactsContact, async (c) => {
    const body = await readJson(c, externalContact);
    return writeContact(c, (current) => contactPatchInput(current, body), body.version);
  });

  /** Partial update (current SDK): JSONPath changes applied to the contact as it reads now. */
  app.openapi(patchExternalcontactsContact, async (c) => {
    const request = await readPatch(c);
    return writeContact(c, (current) =>
      contactPatchInput(current, patchedWire("contact", contactToWire(current), request)),
    );
  });

  app.openapi(getExternalcontactsContactUnresolved, async (c) => {
    const ctx = c.get("ctx");
    const expand = expandParam(c, CONTACT_EXPANDS);
    const [wire] = await wireContacts(
      ctx,
      [await getUnresolvedContact(ctx, c.req.param("contactId"))],
      expand,
    );
    return c.json(wire);
  });

  /** The current merge: 2 to 25 contacts into a new one, with optional field overrides. */
  app.openapi(postExternalcontactsContactsMerge, async (c) => {
    const body = await readJson(c, mergeContactsRequest);
    const ctx = c.get("ctx");
    const merged = await mergeContacts(ctx, {
      contactIds: body.contactIds,
      valueOverride: body.valueOverride ? contactInputOverride(body.valueOverride) : undefined,
    });
    const [wire] = await wireContacts(ctx, [merged], new Set());
    return c.json(wire);
  });

  /**
   * Journey sessions (`SessionListing`, after-cursor). Switchboard records no journeys, so the listing is
   * empty; the contact, the permission and the paging parameters are still checked.
   */
  app.openapi(getExternalcontactsContactJourneySessions, async (c) => {
    const id = c.req.param("contactId");
    const pageSize = integerParam(c, "pageSize", 25, { min: 1, max: 200 });
    const includeMerged = booleanParam(c, "includeMerged");
    const page = await listJourneySessions(c.get("ctx"), id, {
      pageSize,
      after: c.req.query("after") || undefined,
      includeMerged,
    });
    const query = new URL(c.req.url).search;
    return c.json({ entities: page.entities, selfUri: `${BASE}/contacts/${id}/journey/sessions${query}` });
  });

  app.openapi(postExternalcontactsContactPromotion, async (c) =>
    c.json(contactToWire(await promoteContact(c.get("ctx"), c.req.param("contactId")))),
  );

  app.route("/contacts/:contactId/notes", noteRoutes("contact"));

  app.openapi(deleteExternalcontactsContact, async (c) => {
    await underIfMatch(c, ({ expectedVersion }) =>
      deleteContact(c.get("ctx"), c.req.param("contactId"), { expectedVersion }),
    );
    return c.json({});
  });

  return app;
}
