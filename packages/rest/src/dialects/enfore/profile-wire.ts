import { z } from "@hono/zod-openapi";
import {
  type ContactConfiguration,
  type ContactConfigurationInput,
  CURRENCIES,
  type CustomerList,
  DEPARTMENT_AREAS,
  type Department,
  type Location,
  MEMBERSHIP_TYPES,
  type Membership,
  PERSONAL_RELATIONSHIP_TYPES,
  type PersonalRelationship,
  type PlaceholderCustomer,
  type PlaceholderCustomerInput,
  type ProfileRole,
  type ProfileRoleInput,
  TAX_EXEMPTION_REASONS,
  type Tag,
} from "@switchboard/domain";
import { ProblemSchema, ProfessionalIdentityRefSchema, toWireDateTime, wireDate } from "./wire";

// The enfore wire shapes of roles, tags, images, placeholder customers, customer lists and the configuration
// (reference §4.7, §4.9, §4.11–4.13), snake_case in the reference's field order, and their mapping onto the
// canonical profile model. Read-only fields sent in a body (`debtor_account_id`, `external_card.added`, ...)
// are dropped, as §4 says.

/** The object without its undefined and null fields. */
const compact = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;

const text = (max = 256) => z.string().min(1).max(max);

// ------------------------------------------------------------------------------------------------- shared

export const ContactRefSchema = z.object({ id: z.string().min(1).max(256) }).openapi("ContactRef");

export const MoneySchema = z
  .object({
    value: z.number().min(-9e12).max(9e12).multipleOf(0.000001),
    unit: z.enum(CURRENCIES),
  })
  .openapi("Money");

type WirePiRef = z.infer<typeof ProfessionalIdentityRefSchema>;
const piRefFromWire = (r: WirePiRef | undefined) =>
  r && { contactId: r.contact_id, professionalIdentityId: r.professional_identity_id };
const piRefToWire = (r: { contactId: string; professionalIdentityId: string } | undefined) =>
  r && { contact_id: r.contactId, professional_identity_id: r.professionalIdentityId };

// -------------------------------------------------------------------------------------------------- roles

const CustomerTaxInformationSchema = z
  .object({
    eu_vat_number: z.string().min(3).max(14).optional(),
    tax_registration_number: z.string().min(9).max(14).optional(),
    enabled_tax_exemptions: z.array(z.enum(TAX_EXEMPTION_REASONS)).max(10).optional(),
  })
  .openapi("CustomerTaxInformation");

const DeliveryAndInvoicingConfigurationSchema = z
  .object({
    limitations: z
      .object({ brand_id: text().optional() })
      .optional()
      .openapi("CustomerDeliveryAndInvoicingLimitations"),
    alternative_payer: ContactRefSchema.optional(),
    invoice_address_id: text().optional(),
    delivery_address_id: text().optional(),
  })
  .openapi("CustomerDeliveryAndInvoicingConfiguration");

export const CustomerRoleInputSchema = z
  .object({
    customer_id: text(),
    is_active: z.boolean(),
    is_suspended: z.boolean(),
    customer_since: wireDate,
    managed_by: ProfessionalIdentityRefSchema.optional(),
    external_card: z.object({ number: text() }).optional(),
    tax_information: CustomerTaxInformationSchema.optional(),
    global_location_number: text().optional(),
    alternative_payer: ContactRefSchema.optional(),
    requires_formal_invoice: z.boolean().optional(),
    credit_limit: MoneySchema.optional(),
    delivery_and_invoicing_configurations: z
      .array(DeliveryAndInvoicingConfigurationSchema)
      .max(100)
      .optional(),
  })
  .openapi("CustomerRoleInput");
export const CustomerRoleSchema = z
  .object({
    ...CustomerRoleInputSchema.shape,
    external_card: z
      .object({ number: z.string(), added: z.string().optional() })
      .optional()
      .openapi("CustomerCard"),
    debtor_account_id: z.string().optional(),
  })
  .openapi("CustomerRole");

const SupplierTaxInformationSchema = z
  .discriminatedUnion("@type", [
    z.object({
      "@type": z.literal("VendorTaxInformation"),
      eu_vat_number: z.string().min(3).max(14).optional(),
      tax_registration_number: z.string().min(9).max(14).optional(),
    }),
    z.object({
      "@type": z.literal("EscrowTaxInformation"),
      eu_vat_number: z.string().min(3).max(14),
      tax_registration_number: z.string().min(9).max(14),
    }),
  ])
  .openapi("SupplierTaxInformation");

export const SupplierRoleInputSchema = z
  .object({
    supplier_id: text(),
    is_active: z.boolean(),
    supplier_since: wireDate,
    managed_by: ProfessionalIdentityRefSchema.optional(),
    my_customer_id: text().optional(),
    tax_information: SupplierTaxInformationSchema.optional(),
    global_location_number: text().optional(),
  })
  .openapi("SupplierRoleInput");
export const SupplierRoleSchema = z
  .object({ ...SupplierRoleInputSchema.shape, creditor_account_id: z.string().optional() })
  .openapi("SupplierRole");

export const AlternativePayerRoleInputSchema = z
  .object({ alternative_payer_id: text(), is_active: z.boolean(), since: wireDate })
  .openapi("AlternativePayerRoleInput");
export const AlternativePayerRoleSchema = z
  .object({ ...AlternativePayerRoleInputSchema.shape, debtor_account_id: z.string().optional() })
  .openapi("AlternativePayerRole");

export type WireCustomerRole = z.infer<typeof CustomerRoleSchema>;
export type WireSupplierRole = z.infer<typeof SupplierRoleSchema>;
export type WireAlternativePayerRole = z.infer<typeof AlternativePayerRoleSchema>;

export function customerRoleFromWire(
  w: z.infer<typeof CustomerRoleInputSchema>,
): ProfileRoleInput<"customer"> {
  return compact({
    number: w.customer_id,
    isActive: w.is_active,
    isSuspended: w.is_suspended,
    since: w.customer_since,
    managedBy: piRefFromWire(w.managed_by),
    externalCard: w.external_card && { number: w.external_card.number },
    taxInformation: w.tax_information && {
      euVatNumber: w.tax_information.eu_vat_number,
      taxRegistrationNumber: w.tax_information.tax_registration_number,
      enabledTaxExemptions: w.tax_information.enabled_tax_exemptions ?? [],
    },
    globalLocationNumber: w.global_location_number,
    alternativePayer: w.alternative_payer,
    requiresFormalInvoice: w.requires_formal_invoice,
    creditLimit: w.credit_limit,
    deliveryAndInvoicingConfigurations: w.delivery_and_invoicing_configurations?.map((d) =>
      compact({
        limitations: d.limitations && compact({ brandId: d.limitations.brand_id }),
        alternativePayer: d.alternative_payer,
        invoiceAddressId: d.invoice_address_id,
        deliveryAddressId: d.delivery_address_id,
      }),
    ),
  });
}

export function customerRoleToWire(r: ProfileRole<"customer">): WireCustomerRole {
  return compact({
    customer_id: r.number,
    is_active: r.isActive,
    is_suspended: r.isSuspended,
    customer_since: r.since,
    managed_by: piRefToWire(r.managedBy),
    external_card: r.externalCard && compact({ number: r.externalCard.number, added: addedOf(r) }),
    tax_information: r.taxInformation && {
      ...compact({
        eu_vat_number: r.taxInformation.euVatNumber,
        tax_registration_number: r.taxInformation.taxRegistrationNumber,
      }),
      enabled_tax_exemptions: r.taxInformation.enabledTaxExemptions ?? [],
    },
    global_location_number: r.globalLocationNumber,
    alternative_payer: r.alternativePayer,
    requires_formal_invoice: r.requiresFormalInvoice,
    credit_limit: r.creditLimit,
    delivery_and_invoicing_configurations: r.deliveryAndInvoicingConfigurations?.map((d) =>
      compact({
        limitations: d.limitations && compact({ brand_id: d.limitations.brandId }),
        alternative_payer: d.alternativePayer,
        invoice_address_id: d.invoiceAddressId,
        delivery_address_id: d.deliveryAddressId,
      }),
    ),
    debtor_account_id: r.accountNumber,
  });
}

/** `external_card.added` in enfore's date-time form. */
const addedOf = (r: ProfileRole<"customer">) =>
  r.externalCardAdded ? toWireDateTime(new Date(r.externalCardAdded)) : undefined;

export function supplierRoleFromWire(
  w: z.infer<typeof SupplierRoleInputSchema>,
): ProfileRoleInput<"supplier"> {
  const tax = w.tax_information;
  return compact({
    number: w.supplier_id,
    isActive: w.is_active,
    since: w.supplier_since,
    managedBy: piRefFromWire(w.managed_by),
    myCustomerId: w.my_customer_id,
    taxInformation:
      tax &&
      (compact({
        type: tax["@type"],
        euVatNumber: tax.eu_vat_number,
        taxRegistrationNumber: tax.tax_registration_number,
      }) as ProfileRoleInput<"supplier">["taxInformation"]),
    globalLocationNumber: w.global_location_number,
  });
}

export function supplierRoleToWire(r: ProfileRole<"supplier">): WireSupplierRole {
  const tax = r.taxInformation;
  return compact({
    supplier_id: r.number,
    is_active: r.isActive,
    supplier_since: r.since,
    managed_by: piRefToWire(r.managedBy),
    my_customer_id: r.myCustomerId,
    tax_information:
      tax &&
      (compact({
        "@type": tax.type,
        eu_vat_number: tax.euVatNumber,
        tax_registration_number: tax.taxRegistrationNumber,
      }) as WireSupplierRole["tax_information"]),
    global_location_number: r.globalLocationNumber,
    creditor_account_id: r.accountNumber,
  });
}

export const alternativePayerRoleFromWire = (
  w: z.infer<typeof AlternativePayerRoleInputSchema>,
): ProfileRoleInput<"alternativePayer"> => ({
  number: w.alternative_payer_id,
  isActive: w.is_active,
  since: w.since,
});

export const alternativePayerRoleToWire = (r: ProfileRole<"alternativePayer">): WireAlternativePayerRole =>
  compact({
    alternative_payer_id: r.number,
    is_active: r.isActive,
    since: r.since,
    debtor_account_id: r.accountNumber,
  });

/** The roles a `/full` view shows, each present only when the record holds it. */
export function rolesToWire(roles: ProfileRole[]) {
  const of = <K extends ProfileRole["kind"]>(kind: K) =>
    roles.find((r) => r.kind === kind) as ProfileRole<K> | undefined;
  const customer = of("customer");
  const supplier = of("supplier");
  const payer = of("alternativePayer");
  return compact({
    customer_role: customer && customerRoleToWire(customer),
    supplier_role: supplier && supplierRoleToWire(supplier),
    alternative_payer_role: payer && alternativePayerRoleToWire(payer),
  });
}

// --------------------------------------------------------------------------------------- tags and images

export const TagInputSchema = z.object({ name: z.string().min(1).max(256) }).openapi("TagInput");
export const TagSchema = z.object({ id: z.string(), name: z.string() }).openapi("Tag");
export const TagsSchema = z.object({ items: z.array(TagSchema) }).openapi("Tags");
export const tagToWire = (t: Tag) => ({ id: t.id, name: t.name });

/** A 12 MB image as base64 (with a little room for line breaks). */
const MAX_IMAGE_BASE64 = Math.ceil((12 * 1024 * 1024) / 3) * 4 + 1024;
export const ImageContentSchema = z
  .object({
    data: z
      .string()
      .min(1)
      .max(MAX_IMAGE_BASE64)
      .openapi({ description: "The base64 encoded image binary (JPEG or PNG)" }),
  })
  .openapi("ImageContent");
export const IdContainerSchema = z.object({ id: z.string() }).openapi("IdContainer");
export const ImageIdsSchema = z.object({ items: z.array(IdContainerSchema) }).openapi("ImageIds");

// -------------------------------------------------------------------------------- placeholder customers

export const PlaceholderCustomerInputSchema = z
  .object({
    external_id: text().optional(),
    customer_id: text(),
    name: z.string().trim().min(1).max(1000),
    is_active: z.boolean(),
    customer_since: wireDate,
    requires_formal_invoice: z.boolean(),
    track_revenue: z.boolean(),
  })
  .openapi("PlaceholderCustomerInput");
export const PlaceholderCustomerSchema = z
  .object({ id: z.string(), ...PlaceholderCustomerInputSchema.shape, deleted: z.boolean() })
  .openapi("PlaceholderCustomer");

export const placeholderFromWire = (
  w: z.infer<typeof PlaceholderCustomerInputSchema>,
): PlaceholderCustomerInput => ({
  externalId: w.external_id ?? null,
  customerId: w.customer_id,
  name: w.name,
  isActive: w.is_active,
  customerSince: w.customer_since,
  requiresFormalInvoice: w.requires_formal_invoice,
  trackRevenue: w.track_revenue,
});

export const placeholderToWire = (p: PlaceholderCustomer): z.infer<typeof PlaceholderCustomerSchema> =>
  compact({
    id: p.id,
    external_id: p.externalId ?? undefined,
    customer_id: p.customerId,
    name: p.name,
    is_active: p.isActive,
    customer_since: p.customerSince,
    requires_formal_invoice: p.requiresFormalInvoice,
    track_revenue: p.trackRevenue,
    deleted: p.deleted,
  });

// ---------------------------------------------------------------------------------------- customer lists

export const CustomerListMetaInputSchema = z
  .object({ name: z.string().trim().min(1).max(256) })
  .openapi("CustomerListMetaInput");
export const CustomerListMetaSchema = z
  .object({ id: z.string(), name: z.string() })
  .openapi("CustomerListMeta");
export const customerListToWire = (l: CustomerList) => ({ id: l.id, name: l.name });
export const CustomerListItemsSchema = z
  .object({ items: z.array(ContactRefSchema), problems: z.array(ProblemSchema) })
  .openapi("CustomerListItems");
export const CustomerListItemsInputSchema = z
  .object({ items: z.array(ContactRefSchema).max(5000), problems: z.array(z.unknown()).optional() })
  .openapi("CustomerListItemsInput");

// ----------------------------------------------------------------------------------------- configuration

export const ContactsConfigurationSchema = z
  .object({
    use_external_contact_management: z.boolean(),
    custom_workflow_config: z
      .object({
        provider_id: text(2048).optional(),
        provide_contact_start_url: text(2048).optional(),
        provide_contact_address_start_url: text(2048).optional(),
        show_contact_details_start_url: text(2048).optional(),
      })
      .optional()
      .openapi("ContactCUWOConfig"),
    api_access_configuration: z
      .object({
        url: text(2048).optional(),
        credentials_key: text(2048).optional(),
        timeout_in_millis: z.number().int().min(0).max(600_000).optional(),
        max_retries: z.number().int().min(0).max(100).optional(),
        retry_interval_in_millis: z.number().int().min(0).max(600_000).optional(),
      })
      .optional()
      .openapi("ExternalAPIAccessConfiguration"),
  })
  .openapi("ContactsConfiguration");
type WireConfiguration = z.infer<typeof ContactsConfigurationSchema>;

export function configurationFromWire(w: WireConfiguration): ContactConfigurationInput {
  const cuwo = w.custom_workflow_config;
  const api = w.api_access_configuration;
  return compact({
    useExternalContactManagement: w.use_external_contact_management,
    customWorkflowConfig:
      cuwo &&
      compact({
        providerId: cuwo.provider_id,
        provideContactStartUrl: cuwo.provide_contact_start_url,
        provideContactAddressStartUrl: cuwo.provide_contact_address_start_url,
        showContactDetailsStartUrl: cuwo.show_contact_details_start_url,
      }),
    apiAccessConfiguration:
      api &&
      compact({
        url: api.url,
        credentialsKey: api.credentials_key,
        timeoutInMillis: api.timeout_in_millis,
        maxRetries: api.max_retries,
        retryIntervalInMillis: api.retry_interval_in_millis,
      }),
  });
}

export function configurationToWire(c: ContactConfiguration): WireConfiguration {
  const cuwo = c.customWorkflowConfig;
  const api = c.apiAccessConfiguration;
  return compact({
    use_external_contact_management: c.useExternalContactManagement,
    custom_workflow_config:
      cuwo &&
      compact({
        provider_id: cuwo.providerId,
        provide_contact_start_url: cuwo.provideContactStartUrl,
        provide_contact_address_start_url: cuwo.provideContactAddressStartUrl,
        show_contact_details_start_url: cuwo.showContactDetailsStartUrl,
      }),
    api_access_configuration:
      api &&
      compact({
        url: api.url,
        credentials_key: api.credentialsKey,
        timeout_in_millis: api.timeoutInMillis,
        max_retries: api.maxRetries,
        retry_interval_in_millis: api.retryIntervalInMillis,
      }),
  });
}

// ----------------------------------------------------------- organization structure and relationships (/full)

export const DepartmentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().optional(),
    area: z.enum(DEPARTMENT_AREAS).optional(),
    code: z.string().optional(),
  })
  .openapi("Department");
export const LocationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    leaders: z.array(ProfessionalIdentityRefSchema).optional(),
    member_count: z.number().int().optional(),
  })
  .openapi("Location");
export const MembershipSchema = z
  .object({
    id: z.string(),
    type: z.enum(MEMBERSHIP_TYPES),
    organization_contact: z.string(),
    name: z.string(),
    reference: z.string().optional(),
  })
  .openapi("Membership");
export const PersonalRelationshipSchema = z
  .object({ id: z.string(), type: z.enum(PERSONAL_RELATIONSHIP_TYPES), individual_contact: z.string() })
  .openapi("PersonalRelationship");

export const departmentToWire = (d: Department) =>
  compact({
    id: d.id,
    name: d.name,
    description: d.description ?? undefined,
    area: d.area ?? undefined,
    code: d.code ?? undefined,
  });
/** A location's leaders are PIs at its organization: `personOf` names each one's person. */
export const locationToWire = (l: Location, personOf: Map<string, string>) =>
  compact({
    id: l.id,
    name: l.name,
    leaders: l.leaderIds.flatMap((id) =>
      personOf.has(id) ? [{ contact_id: personOf.get(id)!, professional_identity_id: id }] : [],
    ),
    member_count: l.memberCount ?? undefined,
  });
export const membershipToWire = (m: Membership) =>
  compact({
    id: m.id,
    type: m.type,
    organization_contact: m.organizationId,
    name: m.name,
    reference: m.reference ?? undefined,
  });
export const personalRelationshipToWire = (r: PersonalRelationship) => ({
  id: r.id,
  type: r.type,
  individual_contact: r.relatedContactId,
});
