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

const handle = z.object({ id: z.string().optional(), name: z.string().optional() }).loose();
const twitterId = z
  .object({
    id: z.string().optional(),
    name: z.string().optional(),
    screenName: z.string().optional(),
    profileUrl: z.string().optional(),
  })
  .loose();

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
  lineId: z
    .object({ ids: z.array(handle).optional(), displayName: z.string().optional() })
    .loose()
    .optional(),
  whatsAppId: z
    .object({ phoneNumber: phoneNumber.optional(), displayName: z.string().optional() })
    .loose()
    .optional(),
  facebookId: z
    .object({ ids: z.array(handle).optional(), displayName: z.string().optional() })
    .loose()
    .optional(),
  instagramId: z
    .object({ ids: z.array(handle).optional(), displayName: z.string().optional() })
    .loose()
    .optional(),
  appleOpaqueIds: z
    .array(z.object({ id: z.string().optional() }).loose())
    .max(10)
    .optional(),
  externalIds: z.array(externalId).max(10).optional(),
  externalOrganization: z.object({ id: z.string() }).loose().optional(),
  surveyOptOut: z.boolean().optional(),
  externalSystemUrl: z.string().optional(),
  schema: dataSchemaRef.optional(),
  customFields: z.record(z.string(), z.unknown()).optional(),
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

export const contactsExportRequest = z.object({
  divisionIds: z.array(z.string()).max(50).optional(),
  queryConditions: z.unknown().optional(),
});

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

export const contactsExport = z.object({
  id: z.string(),
  divisionIds: z.array(z.string()).optional(),
  createdBy: ref.optional(),
  dateCreated: z.string().optional(),
  dateCompletion: z.string().optional(),
  status: z.enum(["RUNNING", "SUCCEEDED", "FAILED"]),
  downloadUrl: z.string().optional(),
  resultRowCount: z.number().int().optional(),
  selfUri: z.string(),
});

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
  // Read-only fields an SDK may echo back.
  modifyDate: z.string().optional(),
  createDate: z.string().optional(),
  trustor: z.unknown().optional(),
  selfUri: z.string().optional(),
});
export type ExternalOrganizationInput = z.infer<typeof externalOrganization>;

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

export const mergeRequest = z.object({ sourceContactId: z.string(), targetContactId: z.string() });
