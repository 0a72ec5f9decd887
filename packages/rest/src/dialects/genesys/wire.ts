import { boundedFilters } from "@switchboard/domain";
import { z } from "zod";

/**
 * Genesys Cloud External Contacts wire models (camelCase, as the SDKs send and read them). Input schemas
 * accept what integrators write; read-only fields they echo back are accepted and ignored.
 */

const ref = z.object({
  id: z.string().optional(),
  name: z.string().optional(),
  selfUri: z.string().optional(),
});

export const phoneNumber = z.object({
  display: z.string().optional(),
  extension: z.number().int().optional(),
  acceptsSMS: z.boolean().optional(),
  normalizationCountryCode: z.string().optional(),
  userInput: z.string().optional(),
  e164: z.string().optional(),
  countryCode: z.string().optional(),
});

export const contactAddress = z.object({
  address1: z.string().optional(),
  address2: z.string().optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  postalCode: z.string().optional(),
  countryCode: z.string().optional(),
});

/** Social handles (SDK 262 typings, limits from the model docs): validated here, stored in `extensions.genesys`. */
const text = (max: number) => z.string().trim().max(max);
export const twitterId = z
  .object({
    id: text(255).optional(),
    name: text(255).optional(),
    screenName: text(255)
      .regex(/^@?[A-Za-z0-9_]+$/, "screenName may hold only letters, digits and _")
      .optional(),
    // Read-only in Genesys; kept when an SDK echoes them.
    verified: z.boolean().optional(),
    profileUrl: z.string().optional(),
  })
  .refine((t) => t.id || t.screenName, { message: "either id or screenName is required" });
const oneId = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(1, "at most 1 id");
export const lineId = z.object({
  ids: oneId(z.object({ userId: text(255) })),
  displayName: text(100).optional(),
});
export const whatsAppId = z.object({
  phoneNumber: phoneNumber,
  displayName: text(100).optional(),
});
export const facebookId = z.object({
  ids: oneId(z.object({ scopedId: text(255) })),
  displayName: text(100).optional(),
});
export const instagramId = z.object({
  ids: oneId(z.object({ scopedId: text(255) })),
  displayName: text(100).optional(),
  handle: text(100).optional(),
});
export const appleOpaqueId = z.object({ value: text(255).optional() });

export const externalSource = z.object({
  id: z.string().optional(),
  name: z.string().optional(),
  active: z.boolean().optional(),
  linkConfiguration: z.object({ uriTemplate: z.string() }).optional(),
  selfUri: z.string().optional(),
});

export const externalId = z.object({ externalSource, value: z.string() });

export const dataSchemaRef = z
  .object({ id: z.string().optional(), version: z.number().int().optional() })
  .loose();

/**
 * Not in the Genesys model: the record's version as it was read (every write adds one). A PUT that sends it
 * is refused with 409 when the record changed since, so a read-then-write never silently loses a write.
 */
const recordVersion = z.number().int().positive().optional();

export const externalContact = z.object({
  id: z.string().optional(),
  division: ref.optional(),
  firstName: z.string().optional(),
  middleName: z.string().optional(),
  lastName: z.string().optional(),
  salutation: z.string().optional(),
  title: z.string().optional(),
  workPhone: phoneNumber.optional(),
  cellPhone: phoneNumber.optional(),
  homePhone: phoneNumber.optional(),
  otherPhone: phoneNumber.optional(),
  workEmail: z.string().optional(),
  personalEmail: z.string().optional(),
  otherEmail: z.string().optional(),
  address: contactAddress.optional(),
  twitterId: twitterId.optional(),
  lineId: lineId.optional(),
  whatsAppId: whatsAppId.optional(),
  facebookId: facebookId.optional(),
  instagramId: instagramId.optional(),
  appleOpaqueIds: z.array(appleOpaqueId).max(10, "at most 10 ids").optional(),
  externalIds: z.array(externalId).max(10).optional(),
  externalOrganization: z.object({ id: z.string() }).loose().optional(),
  surveyOptOut: z.boolean().optional(),
  externalSystemUrl: z.string().optional(),
  schema: dataSchemaRef.optional(),
  customFields: z.record(z.string(), z.unknown()).optional(),
  version: recordVersion,
  // Read-only fields an SDK may send back unchanged; accepted, ignored.
  type: z.string().optional(),
  modifyDate: z.string().optional(),
  createDate: z.string().optional(),
  selfUri: z.string().optional(),
});
export type ExternalContactInput = z.infer<typeof externalContact>;

/** The social handles that live in the canonical contact's `extensions.genesys`. */
export const SOCIAL_FIELDS = [
  "twitterId",
  "lineId",
  "whatsAppId",
  "facebookId",
  "instagramId",
  "appleOpaqueIds",
] as const;

/**
 * The request and response models of one kind of export (Genesys `ContactsExport`, `NotesExport`, ...):
 * a filter tree over the kind's fields (`eq`/`in`) and its dates (`lte`/`gte`), and a row limit.
 */
function exportModels<F extends string>(fields: readonly [F, ...F[]]) {
  const field = z.enum(fields);
  const dateField = z.enum(["CreateDate", "ModifyDate"]);
  const filter = z.object({
    eq: z.object({ field, value: z.string() }).optional(),
    in: z.object({ field, values: z.array(z.string()) }).optional(),
    lte: z.object({ field: dateField, value: z.string() }).optional(),
    gte: z.object({ field: dateField, value: z.string() }).optional(),
    get and() {
      return z.array(filter).optional();
    },
    get or() {
      return z.array(filter).optional();
    },
    get not() {
      return filter.optional();
    },
  });
  const queryConditions = boundedFilters(
    z.object({
      filters: filter.optional(),
      limit: z.number().int().positive().optional(),
    }),
  );
  /** The body of `POST /{kind}/exports`; its read-only fields are ignored. */
  const request = z.object({
    divisionIds: z.array(z.string()).max(50).optional(),
    queryConditions: queryConditions.optional(),
  });
  const model = z.object({
    id: z.string(),
    divisionIds: z.array(z.string()).optional(),
    createdBy: ref.optional(),
    dateCreated: z.string().optional(),
    dateCompletion: z.string().optional(),
    status: z.enum(["RUNNING", "SUCCEEDED", "FAILED"]),
    downloadUrl: z.string().optional(),
    resultRowCount: z.number().int().optional(),
    queryConditions: queryConditions.optional(),
    selfUri: z.string(),
  });
  return { filter, queryConditions, request, model };
}

export const contactsExportModels = exportModels([
  "DivisionId",
  "ContactClassification",
  "ExternalOrganizationId",
  "ExternalSourceId",
  "SchemaId",
  "SchemaVersion",
]);
export const organizationsExportModels = exportModels(["DivisionId", "SchemaId", "SchemaVersion"]);
export const notesExportModels = exportModels(["DivisionId", "EntityType"]);
export const relationshipsExportModels = exportModels(["DivisionId", "UserId"]);
export const contactsExportFilter = contactsExportModels.filter;
export const contactsExportQueryConditions = contactsExportModels.queryConditions;
export const contactsExportRequest = contactsExportModels.request;

export const errorBody = z.object({
  message: z.string(),
  code: z.string(),
  status: z.number().int(),
  contextId: z.string(),
  messageWithParams: z.string().optional(),
  messageParams: z.record(z.string(), z.string()).optional(),
  details: z.array(z.object({ errorCode: z.string().optional(), fieldName: z.string().optional() })),
  errors: z.array(z.unknown()),
});

/** Response models, for the OpenAPI document. */
export const externalContactOut = externalContact.extend({
  identifiers: z.array(z.unknown()).optional(),
  externalDataSources: z
    .array(z.object({ platform: z.string().optional(), url: z.string().optional() }))
    .optional(),
  canonicalContact: ref.optional(),
  mergeSet: z.array(ref).optional(),
  mergedFrom: z.array(ref).optional(),
  mergedTo: ref.optional(),
});

export const pageListing = <T extends z.ZodType>(entity: T) =>
  z.object({
    entities: z.array(entity),
    pageSize: z.number().int(),
    pageNumber: z.number().int(),
    total: z.number().int(),
    pageCount: z.number().int(),
    firstUri: z.string(),
    selfUri: z.string(),
    lastUri: z.string(),
    nextUri: z.string().optional(),
    previousUri: z.string().optional(),
  });

export const contactsExport = contactsExportModels.model;

export const cursorListing = <T extends z.ZodType>(entity: T) =>
  z.object({
    entities: z.array(entity),
    nextUri: z.string().optional(),
    selfUri: z.string(),
    previousUri: z.string().optional(),
  });

export const tokenResponse = z.object({
  access_token: z.string(),
  token_type: z.literal("bearer"),
  expires_in: z.number().int(),
});

export const dataSchema = z.object({
  id: z.string().optional(),
  name: z.string(),
  version: z.number().int().optional(),
  enabled: z.boolean().optional(),
  jsonSchema: z
    .object({
      title: z.string().optional(),
      description: z.string().optional(),
      type: z.literal("object").optional(),
      required: z.array(z.string()).optional(),
      properties: z.record(z.string(), z.unknown()).optional(),
      additionalProperties: z.unknown().optional(),
    })
    .loose(),
  // Read-only fields an SDK may echo back.
  appliesTo: z.array(z.string()).optional(),
  createdBy: ref.optional(),
  dateCreated: z.string().optional(),
  selfUri: z.string().optional(),
});
export type DataSchemaInput = z.infer<typeof dataSchema>;

export const externalSourceInput = z.object({
  id: z.string().optional(),
  name: z.string(),
  active: z.boolean().optional(),
  linkConfiguration: z.object({ uriTemplate: z.string() }).optional(),
  selfUri: z.string().optional(),
});

export const listing = <T extends z.ZodType>(entity: T) =>
  z.object({ entities: z.array(entity), total: z.number().int(), selfUri: z.string() });

export const externalOrganization = z.object({
  id: z.string().optional(),
  name: z.string(),
  division: ref.optional(),
  companyType: z.string().optional(),
  industry: z.string().optional(),
  address: contactAddress.optional(),
  phoneNumber: phoneNumber.optional(),
  faxNumber: phoneNumber.optional(),
  employeeCount: z.number().int().optional(),
  revenue: z.number().int().optional(),
  tags: z.array(z.string()).optional(),
  websites: z.array(z.string()).optional(),
  tickers: z.array(z.object({ symbol: z.string(), exchange: z.string() })).optional(),
  twitterId: twitterId.optional(),
  externalSystemUrl: z.string().optional(),
  schema: dataSchemaRef.optional(),
  customFields: z.record(z.string(), z.unknown()).optional(),
  externalIds: z.array(externalId).max(10).optional(),
  version: recordVersion,
  // Read-only fields an SDK may echo back.
  modifyDate: z.string().optional(),
  createDate: z.string().optional(),
  trustor: z.unknown().optional(),
  selfUri: z.string().optional(),
});
export type ExternalOrganizationInput = z.infer<typeof externalOrganization>;

/** `Trustor` as embedded with `includeTrustors=true` (read only). */
export const trustor = z.object({
  id: z.string(),
  enabled: z.boolean(),
  dateCreated: z.string(),
  createdBy: ref.optional(),
  organization: ref,
  selfUri: z.string(),
});
export const externalOrganizationOut = externalOrganization.extend({ trustor: trustor.optional() });

/** `ExternalOrganizationTrustorLink`: the answer of `PUT /organizations/{id}/trustor/{trustorId}`. */
export const trustorLink = z.object({
  division: ref,
  externalOrganizationId: z.string(),
  trustorOrgId: z.string(),
  dateCreated: z.string(),
  externalOrganizationUri: z.string(),
});

export const note = z.object({
  id: z.string().optional(),
  noteText: z.string(),
  createdBy: z.object({ id: z.string().optional() }).loose().optional(),
  entityId: z.string().optional(),
  entityType: z.string().optional(),
  modifyDate: z.string().optional(),
  createDate: z.string().optional(),
  selfUri: z.string().optional(),
});

export const relationship = z.object({
  id: z.string().optional(),
  user: z.object({ id: z.string() }).loose(),
  externalOrganization: z.object({ id: z.string() }).loose(),
  relationship: z.string(),
  selfUri: z.string().optional(),
});

export const mergeContactsRequest = z.object({
  contactIds: z.array(z.string()).min(2).max(25),
  valueOverride: externalContact.optional(),
});

/** Journey `Session` (top-level fields Switchboard would fill; it records no journeys yet). */
export const journeySession = z.object({
  id: z.string(),
  type: z.string(),
  externalContact: ref.optional(),
  eventCount: z.number().int(),
  authenticated: z.boolean(),
  createdDate: z.string(),
  selfUri: z.string().optional(),
});

export const mergeRequest = z.object({ sourceContactId: z.string(), targetContactId: z.string() });
