import {
  type BulkResult,
  CONTACT_ENRICH_ACTIONS,
  type CombineOptions,
  type Contact,
  type ContactInput,
  type Context,
  can,
  combineFields,
  DomainError,
  ENRICH_ARRAY_ACTIONS,
  ENRICH_BULK_LIMIT,
  ENRICH_FIELD_ACTIONS,
  type Enriched,
  enrichBatch,
  enrichContact,
  enrichOrganization,
  IDENTIFIER_TYPES,
  isDomainError,
  ORGANIZATION_ENRICH_ACTIONS,
  ORGANIZATION_IDENTIFIER_TYPES,
  type Organization,
  type OrganizationInput,
  PERMISSIONS,
  parseInput,
  validationFailed,
} from "@switchboard/domain";
import type { Context as HonoContext } from "hono";
import { z } from "zod";
import type { RestEnv } from "../../env";
import { dialectRoutes } from "../../http/kit";
import { readJson } from "../../http/request";
import { bulkError } from "./bulk";
import { wireContacts } from "./contacts";
import { GenesysError, inWireNames, inWireTerms, statusOf } from "./errors";
import {
  contactInputFromWire,
  contactPatchInput,
  contactPathToWire,
  contactToWire,
  organizationInputFromWire,
  organizationPatchInput,
  organizationToWire,
} from "./mappers";
import { genesysOperation } from "./operations";
import { PATCHABLE } from "./patch";
import { booleanParam } from "./query";
import { externalContact, externalContactOut, externalOrganization, externalOrganizationOut } from "./wire";

/** Translation only: the Genesys enrich models ↔ the domain's enrich use cases (domain/src/enrich). */

const divisionRef = z.object({ id: z.string().optional() }).loose();
const externalSourceRef = z.object({ id: z.string().optional() }).loose();

export const contactIdentifier = z.object({
  type: z.enum(IDENTIFIER_TYPES),
  value: z.string(),
  division: divisionRef.optional(),
  externalSource: externalSourceRef.optional(),
  dateCreated: z.string().optional(),
});

export const enrichFieldRule = z.object({
  field: z.string(),
  action: z.enum(ENRICH_FIELD_ACTIONS).optional(),
  arrayAction: z.enum(ENRICH_ARRAY_ACTIONS).optional(),
});
export const enrichFieldRules = z.object({
  defaultAction: z.enum(ENRICH_FIELD_ACTIONS).optional(),
  rules: z.array(enrichFieldRule).max(100).optional(),
  defaultArrayAction: z.enum(ENRICH_ARRAY_ACTIONS).optional(),
});

export const contactEnrichRequest = z.object({
  /** A tracker the caller chooses: bulk results carry it back. */
  id: z.string().optional(),
  division: divisionRef.optional(),
  matchingIdentifiers: z.array(contactIdentifier).min(1).max(25),
  action: z.enum(CONTACT_ENRICH_ACTIONS),
  contact: externalContact.optional(),
  fieldRules: enrichFieldRules.optional(),
  options: z.object({ promote: z.boolean().optional() }).optional(),
});
type ContactEnrichWire = z.infer<typeof contactEnrichRequest>;

export const externalOrganizationIdentifier = contactIdentifier.extend({
  type: z.enum(ORGANIZATION_IDENTIFIER_TYPES),
});

export const externalOrganizationEnrichRequest = z.object({
  id: z.string().optional(),
  division: divisionRef.optional(),
  matchingIdentifiers: z.array(externalOrganizationIdentifier).max(25).optional(),
  action: z.enum(ORGANIZATION_ENRICH_ACTIONS),
  // Every field may be left out (an update keeps what is stored); a new organization still needs its name.
  externalOrganization: externalOrganization.partial().optional(),
  fieldRules: enrichFieldRules.optional(),
});
type OrganizationEnrichWire = z.infer<typeof externalOrganizationEnrichRequest>;

const bulkEntityError = <T extends z.ZodType>(entity: T) =>
  z.object({
    code: z.string().optional(),
    message: z.string().optional(),
    status: z.number().int().optional(),
    retryable: z.boolean().optional(),
    details: z
      .array(z.object({ fieldName: z.string().optional(), message: z.string().optional() }))
      .optional(),
    entity: entity.optional(),
  });
const bulkEnrichResponse = <E extends z.ZodType, R extends z.ZodType>(entity: E, request: R) =>
  z.object({
    results: z.array(
      z.object({
        id: z.string().optional(),
        success: z.boolean(),
        entity: entity.optional(),
        error: bulkEntityError(request).optional(),
        status: z.number().int(),
      }),
    ),
    errorCount: z.number().int(),
    errorIndexes: z.array(z.number().int()),
  });

export const ENRICH_SCHEMAS = {
  ContactEnrichRequest: contactEnrichRequest,
  EnrichFieldRules: enrichFieldRules,
  EnrichFieldRule: enrichFieldRule,
  ContactIdentifier: contactIdentifier,
  BulkContactsEnrichRequest: z.object({ entities: z.array(contactEnrichRequest).max(ENRICH_BULK_LIMIT) }),
  BulkContactsEnrichResponse: bulkEnrichResponse(externalContactOut, contactEnrichRequest),
  ExternalOrganizationEnrichRequest: externalOrganizationEnrichRequest,
  ExternalOrganizationIdentifier: externalOrganizationIdentifier,
  BulkOrganizationsEnrichRequest: z.object({
    entities: z.array(externalOrganizationEnrichRequest).max(ENRICH_BULK_LIMIT),
  }),
  BulkOrganizationsEnrichResponse: bulkEnrichResponse(
    externalOrganizationOut,
    externalOrganizationEnrichRequest,
  ),
};

const dryRunQuery = [
  {
    name: "dryRun",
    description: "true: nothing is changed; the answer is what the call would have done",
  },
];

// ------------------------------------------------------------------------------------------- translation

/** An external id is its source and value (a read record's also carries the source's name and links). */
const externalIdKey = (item: unknown) => {
  const e = item as { externalSource?: { id?: string }; value?: string };
  return `${e.externalSource?.id}\u0000${e.value}`;
};

/** Genesys list limits, for `Fill` and `Extend` (the wire models' own maxima). */
const CONTACT_COMBINE: CombineOptions = {
  writable: PATCHABLE.contact.writable,
  arrayLimits: {
    externalIds: 10,
    appleOpaqueIds: 10,
    "lineId.ids": 1,
    "facebookId.ids": 1,
    "instagramId.ids": 1,
  },
  itemKeys: { externalIds: externalIdKey },
};

/** The organization model's list limits (domain organizationInput). */
const ORGANIZATION_COMBINE: CombineOptions = {
  writable: PATCHABLE.organization.writable,
  arrayLimits: { externalIds: 10, tags: 100, websites: 50, tickers: 20 },
  itemKeys: { externalIds: externalIdKey },
};

/** Request-level names stay as they are; the rest name a field of the data sent, under its own key. */
const REQUEST_FIELDS = /^(action|matchingIdentifiers|fieldRules|options|division)(\.|$)/;

/**
 * The data sent combined with the stored record's wire document per the field rules, then validated as a
 * PUT body would be: a DomainError naming the caller's fields (under `dataKey`), so a bulk item fails alone.
 */
function combined<S extends z.ZodType>(
  schema: S,
  dataKey: string,
  existing: Record<string, unknown>,
  provided: Record<string, unknown>,
  fieldRules: ContactEnrichWire["fieldRules"],
  options: CombineOptions,
): z.output<S> {
  let doc: Record<string, unknown>;
  try {
    doc = combineFields(existing, provided, fieldRules, options);
  } catch (error) {
    throw isDomainError(error)
      ? inWireNames(error, (path) => (REQUEST_FIELDS.test(path) ? path : `${dataKey}.${path}`))
      : error;
  }
  const result = schema.safeParse(doc);
  if (!result.success)
    throw validationFailed(
      result.error.issues.map((i) => ({
        path: [dataKey, ...i.path.map(String)].join("."),
        message: i.message,
      })),
    );
  return result.data;
}

/** The data sent; a new record goes into the request's `division` unless the data names its own. */
const withDivision = (data: { division?: { id?: string } } | undefined, division?: { id?: string }) =>
  !data?.division?.id && division?.id ? { ...data, division } : { ...data };

const identifierInputOf = (wire: z.infer<typeof contactIdentifier>) => ({
  type: wire.type,
  value: wire.value,
  sourceId: wire.externalSource?.id,
});

/** One contact enrich, errors named in the caller's terms (`contact.workEmail`, `matchingIdentifiers.0.value`). */
function enrichContactFromWire(
  ctx: Context,
  body: ContactEnrichWire,
  dryRun: boolean,
): Promise<Enriched<Contact>> {
  let input: ContactInput = {};
  return inWireTerms(
    (path) =>
      REQUEST_FIELDS.test(path) || path.startsWith("contact.")
        ? path
        : `contact.${contactPathToWire(input, path)}`,
    () =>
      enrichContact(ctx, {
        action: body.action,
        matchingIdentifiers: body.matchingIdentifiers.map(identifierInputOf),
        promote: body.options?.promote,
        dryRun,
        inputFor: (found) => {
          const existing = found ? contactToWire(found) : {};
          const wire = combined(
            externalContact,
            "contact",
            existing,
            withDivision(body.contact, found ? undefined : body.division),
            body.fieldRules,
            CONTACT_COMBINE,
          );
          input = found ? contactPatchInput(found, wire) : contactInputFromWire(wire);
          return input;
        },
      }),
  );
}

/** One organization enrich, errors named in the caller's terms (`externalOrganization.name`). */
function enrichOrganizationFromWire(
  ctx: Context,
  body: OrganizationEnrichWire,
  dryRun: boolean,
): Promise<Enriched<Organization>> {
  return inWireTerms(
    (path) =>
      REQUEST_FIELDS.test(path) || path.startsWith("externalOrganization.")
        ? path
        : `externalOrganization.${path.replace(/^divisionId$/, "division.id")}`,
    () =>
      enrichOrganization(ctx, {
        action: body.action,
        matchingIdentifiers: body.matchingIdentifiers?.map(identifierInputOf),
        dryRun,
        inputFor: (found): OrganizationInput => {
          const existing = found ? organizationToWire(found) : {};
          const wire = combined(
            externalOrganization,
            "externalOrganization",
            existing,
            withDivision(body.externalOrganization, found ? undefined : body.division),
            body.fieldRules,
            ORGANIZATION_COMBINE,
          );
          return found ? organizationPatchInput(found, wire) : organizationInputFromWire(wire);
        },
      }),
  );
}

// ------------------------------------------------------------------------------------------- routes

/** Bulk enrich results: the caller's tracker `id` on each, 201 or 200 per item as the single call answers. */
function enrichResults<T>(results: BulkResult<Enriched<T>, unknown>[], toWire: (entity: T) => unknown) {
  const errorIndexes = results.flatMap((r, i) => (r.ok ? [] : [i]));
  const trackerOf = (item: unknown) => {
    const id = (item as { id?: unknown } | null)?.id;
    return typeof id === "string" ? id : undefined;
  };
  return {
    results: results.map((r) =>
      r.ok
        ? {
            id: trackerOf(r.item),
            success: true,
            status: r.entity.created ? 201 : 200,
            entity: toWire(r.entity.entity),
          }
        : {
            id: trackerOf(r.item),
            success: false,
            status: statusOf(r.error)[0],
            error: bulkError(r.error, r.item),
          },
    ),
    errorCount: errorIndexes.length,
    errorIndexes,
  };
}

const itemsRequest = z.object({ entities: z.array(z.unknown()).default([]) });

/** Up to 10 items a request (Genesys); more is the whole request's failure, 422 as the other bulk routes. */
async function readBulk(c: HonoContext<RestEnv>): Promise<unknown[]> {
  const { entities } = await readJson(c, itemsRequest, { perItem: true });
  if (entities.length > ENRICH_BULK_LIMIT)
    throw new GenesysError(
      422,
      "validation.failed",
      `entities: at most ${ENRICH_BULK_LIMIT} enrich operations per request, got ${entities.length}`,
      [{ errorCode: "too.many", fieldName: "entities" }],
    );
  return entities;
}

/** A bulk item that is not even a valid request fails alone, with the wire fields it got wrong. */
function parseItem<S extends z.ZodType>(schema: S, item: unknown): z.output<S> {
  if (typeof item !== "object" || item === null || Array.isArray(item))
    throw new DomainError("VALIDATION", "an enrich request must be an object", [
      { path: "", message: "must be an object" },
    ]);
  return parseInput(schema, item);
}

const postExternalcontactsContactsEnrich = genesysOperation(
  { permissions: [PERMISSIONS.contactEnrich] },
  {
    method: "post",
    path: "/contacts/enrich",
    operationId: "postExternalcontactsContactsEnrich",
    summary:
      "Find a contact by its identifiers, then create (201), update or merge it (200) per action and fieldRules",
    query: dryRunQuery,
    body: "ContactEnrichRequest",
    status: 200,
    response: "ExternalContact",
    created: "Created: no contact held the identifiers, so a new one was made",
  },
);
const postExternalcontactsBulkContactsEnrich = genesysOperation(
  { permissions: [PERMISSIONS.contactEnrich] },
  {
    method: "post",
    path: "/bulk/contacts/enrich",
    operationId: "postExternalcontactsBulkContactsEnrich",
    summary: `Bulk enrich contacts (at most ${ENRICH_BULK_LIMIT} items; per-item results)`,
    query: dryRunQuery,
    body: "BulkContactsEnrichRequest",
    status: 200,
    response: "BulkContactsEnrichResponse",
  },
);
const postExternalcontactsOrganizationsEnrich = genesysOperation(
  { permissions: [PERMISSIONS.organizationEnrich] },
  {
    method: "post",
    path: "/organizations/enrich",
    operationId: "postExternalcontactsOrganizationsEnrich",
    summary:
      "Find an organization by its ExternalId identifiers, then create (201) or update it (200) per action and fieldRules",
    query: dryRunQuery,
    body: "ExternalOrganizationEnrichRequest",
    status: 200,
    response: "ExternalOrganization",
    created: "Created: no organization held the identifiers, so a new one was made",
  },
);
const postExternalcontactsBulkOrganizationsEnrich = genesysOperation(
  { permissions: [PERMISSIONS.organizationEnrich] },
  {
    method: "post",
    path: "/bulk/organizations/enrich",
    operationId: "postExternalcontactsBulkOrganizationsEnrich",
    summary: `Bulk enrich organizations (at most ${ENRICH_BULK_LIMIT} items; per-item results)`,
    query: dryRunQuery,
    body: "BulkOrganizationsEnrichRequest",
    status: 200,
    response: "BulkOrganizationsEnrichResponse",
  },
);

export function enrichRoutes() {
  const app = dialectRoutes();

  app.openapi(postExternalcontactsContactsEnrich, async (c) => {
    const dryRun = booleanParam(c, "dryRun");
    const body = await readJson(c, contactEnrichRequest);
    const ctx = c.get("ctx");
    const { entity, created } = await enrichContactFromWire(ctx, body, dryRun);
    // With the merge set, as a read shows it, for a caller who may read contacts.
    const [wire] = can(ctx, PERMISSIONS.contactView)
      ? await wireContacts(ctx, [entity], new Set())
      : [contactToWire(entity)];
    return c.json(wire, created ? 201 : 200);
  });

  app.openapi(postExternalcontactsBulkContactsEnrich, async (c) => {
    const dryRun = booleanParam(c, "dryRun");
    const entities = await readBulk(c);
    const results = await enrichBatch(c.get("ctx"), entities, dryRun, (ctx, item) =>
      enrichContactFromWire(ctx, parseItem(contactEnrichRequest, item), false),
    );
    return c.json(enrichResults(results, (contact: Contact) => contactToWire(contact)));
  });

  app.openapi(postExternalcontactsOrganizationsEnrich, async (c) => {
    const dryRun = booleanParam(c, "dryRun");
    const body = await readJson(c, externalOrganizationEnrichRequest);
    const { entity, created } = await enrichOrganizationFromWire(c.get("ctx"), body, dryRun);
    return c.json(organizationToWire(entity), created ? 201 : 200);
  });

  app.openapi(postExternalcontactsBulkOrganizationsEnrich, async (c) => {
    const dryRun = booleanParam(c, "dryRun");
    const entities = await readBulk(c);
    const results = await enrichBatch(c.get("ctx"), entities, dryRun, (ctx, item) =>
      enrichOrganizationFromWire(ctx, parseItem(externalOrganizationEnrichRequest, item), false),
    );
    return c.json(enrichResults(results, (organization: Organization) => organizationToWire(organization)));
  });

  return app;
}
