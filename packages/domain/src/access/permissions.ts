/**
 * The permission catalogue. Genesys names are the canonical vocabulary; enfore and DFS operations map onto
 * the same strings. A role may also hold `*` (everything) or `domain:entity:*`.
 */
export const PERMISSIONS = {
  contactView: "externalContacts:contact:view",
  /** Division views (`/scan/.../divisionviews/all`): every division's records, for a caller unlimited by division. */
  contactViewAll: "externalContacts:contact:viewAll",
  /** Bulk fetch across every division (`/bulk/contacts/divisionviews`). */
  contactSearch: "externalContacts:contact:search",
  contactAdd: "externalContacts:contact:add",
  contactEdit: "externalContacts:contact:edit",
  contactDelete: "externalContacts:contact:delete",
  contactEnrich: "externalContacts:contact:enrich",
  /** DFS: approve or reject another member's pending change request (cross-dialect.md §8). */
  changeRequestReview: "externalContacts:changeRequest:review",
  /** DFS anonymization: removes a person's personal data everywhere, history values included. */
  contactAnonymize: "externalContacts:contact:anonymize",
  identityPromote: "externalContacts:identity:promote",
  identityMerge: "externalContacts:identity:merge",
  /** The identity graph's settings (`/graphs/settings`): whether scans merge the clusters they find. */
  graphSettingsView: "externalContacts:graphSettings:view",
  graphSettingsEdit: "externalContacts:graphSettings:edit",
  sessionView: "externalContacts:session:view",
  segmentAssignmentView: "externalContacts:segmentAssignment:view",
  segmentAssignmentAdd: "externalContacts:segmentAssignment:add",
  segmentAssignmentDelete: "externalContacts:segmentAssignment:delete",
  organizationView: "externalContacts:externalOrganization:view",
  organizationViewAll: "externalContacts:externalOrganization:viewAll",
  organizationSearch: "externalContacts:externalOrganization:search",
  organizationAdd: "externalContacts:externalOrganization:add",
  organizationEdit: "externalContacts:externalOrganization:edit",
  organizationDelete: "externalContacts:externalOrganization:delete",
  organizationEnrich: "externalContacts:externalOrganization:enrich",
  /** The typed records around a contact or organization (cross-dialect contract §4; enfore tags, roles, ...). */
  tagView: "externalContacts:tag:view",
  tagEdit: "externalContacts:tag:edit",
  roleView: "externalContacts:role:view",
  roleEdit: "externalContacts:role:edit",
  departmentView: "externalContacts:department:view",
  departmentEdit: "externalContacts:department:edit",
  locationView: "externalContacts:location:view",
  locationEdit: "externalContacts:location:edit",
  membershipView: "externalContacts:membership:view",
  membershipEdit: "externalContacts:membership:edit",
  personalRelationshipView: "externalContacts:personalRelationship:view",
  personalRelationshipEdit: "externalContacts:personalRelationship:edit",
  imageView: "externalContacts:image:view",
  imageEdit: "externalContacts:image:edit",
  customerListView: "externalContacts:customerList:view",
  customerListAdd: "externalContacts:customerList:add",
  customerListEdit: "externalContacts:customerList:edit",
  customerListDelete: "externalContacts:customerList:delete",
  /** enfore placeholder customers: customer records that are not contacts. */
  placeholderCustomerView: "externalContacts:placeholderCustomer:view",
  placeholderCustomerAdd: "externalContacts:placeholderCustomer:add",
  placeholderCustomerEdit: "externalContacts:placeholderCustomer:edit",
  placeholderCustomerDelete: "externalContacts:placeholderCustomer:delete",
  /** The tenant's contact-management configuration (enfore `configuration`). */
  contactConfigurationView: "externalContacts:contactConfiguration:view",
  contactConfigurationEdit: "externalContacts:contactConfiguration:edit",
  customFieldsView: "externalContacts:customFields:view",
  customFieldsAdd: "externalContacts:customFields:add",
  customFieldsEdit: "externalContacts:customFields:edit",
  customFieldsDelete: "externalContacts:customFields:delete",
  externalSourceView: "externalContacts:externalSource:view",
  externalSourceAdd: "externalContacts:externalSource:add",
  externalSourceEdit: "externalContacts:externalSource:edit",
  externalSourceDelete: "externalContacts:externalSource:delete",
  exportAdd: "externalContacts:export:add",
  exportView: "externalContacts:export:view",
  conversationAssociate: "externalContacts:conversation:associate",
  importSettingsView: "externalContacts:importSettings:view",
  importSettingsViewAll: "externalContacts:importSettings:viewAll",
  importSettingsAdd: "externalContacts:importSettings:add",
  importSettingsEdit: "externalContacts:importSettings:edit",
  importSettingsDelete: "externalContacts:importSettings:delete",
  importJobView: "externalContacts:importJob:view",
  importJobViewAll: "externalContacts:importJob:viewAll",
  importJobAdd: "externalContacts:importJob:add",
  importJobEdit: "externalContacts:importJob:edit",
  importCsvUploadAdd: "externalContacts:importCsvUpload:add",
  importCsvUploadView: "externalContacts:importCsvUpload:view",
  importCsvSettingsView: "externalContacts:importCsvSettings:view",
  importCsvSettingsAdd: "externalContacts:importCsvSettings:add",
  importCsvSettingsEdit: "externalContacts:importCsvSettings:edit",
  importCsvSettingsDelete: "externalContacts:importCsvSettings:delete",
  importCsvJobAdd: "externalContacts:importCsvJob:add",
  membersManage: "admin:member:manage",
  apiClientsManage: "admin:apiClient:manage",
  rolesManage: "admin:role:manage",
  divisionsManage: "admin:division:manage",
} as const;

export type Permission = (typeof PERMISSIONS)[keyof typeof PERMISSIONS];
export const ALL_PERMISSIONS = Object.values(PERMISSIONS);

/** Whether `granted` covers `required`: exact, `*`, a `domain:entity:*` wildcard, or the legacy
 * `relate:entity:action` alias Genesys still accepts for `externalContacts:entity:action`. */
export function allows(granted: ReadonlySet<string>, required: string): boolean {
  if (granted.has("*") || granted.has(required)) return true;
  const [domain, entity] = required.split(":");
  if (granted.has(`${domain}:${entity}:*`) || granted.has(`${domain}:*:*`)) return true;
  if (domain === "externalContacts") return granted.has(required.replace(/^externalContacts:/, "relate:"));
  return false;
}
