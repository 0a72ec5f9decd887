import { type SchemaDefinition, schemaDefinition } from "./model";

const text = (key: string, en: string, de: string, extra: Record<string, unknown> = {}) => ({
  key,
  label: { en, de },
  fieldType: "Text",
  ...extra,
});

/** The default `contact` schema: the bound fields of contract §5 and a few unbound ones. */
export const DEFAULT_CONTACT_SCHEMA: SchemaDefinition = schemaDefinition.parse({
  fieldSets: [
    { key: "personalInformation", label: { en: "Personal information", de: "Persönliche Angaben" } },
    { key: "communicationMethods", label: { en: "Communication", de: "Kommunikation" } },
    { key: "addresses", label: { en: "Addresses", de: "Adressen" } },
    { key: "addresses.primaryAddress", label: { en: "Primary address", de: "Hauptadresse" } },
    { key: "preferences", label: { en: "Preferences", de: "Präferenzen" } },
  ],
  fields: [
    text("personalInformation.salutation", "Salutation", "Anrede", {
      binding: "salutation",
      fieldType: "List",
      listKey: "salutations",
      isExportable: true,
    }),
    text("personalInformation.title", "Title", "Titel", { binding: "title", isExportable: true }),
    text("personalInformation.firstName", "First name", "Vorname", {
      binding: "firstName",
      isExportable: true,
      validations: { maxLength: 1000 },
    }),
    text("personalInformation.middleName", "Middle name", "Zweiter Vorname", {
      binding: "middleName",
      isExportable: true,
      validations: { maxLength: 1000 },
    }),
    text("personalInformation.lastName", "Last name", "Nachname", {
      binding: "lastName",
      isExportable: true,
      isApprovalRequired: true,
      validations: { maxLength: 1000 },
    }),
    text("personalInformation.displayName", "Display name", "Anzeigename", {
      binding: "displayName",
      isExportable: true,
      validations: { maxLength: 1000 },
    }),
    {
      key: "personalInformation.dateOfBirth",
      label: { en: "Date of birth", de: "Geburtsdatum" },
      fieldType: "Date",
      binding: "dateOfBirth",
      isExportable: true,
      isApprovalRequired: true,
    },
    text("personalInformation.nationality", "Nationality", "Nationalität", {
      fieldType: "List",
      listKey: "countries",
      isExportable: true,
    }),
    {
      key: "communicationMethods.primaryEmail",
      label: { en: "E-mail", de: "E-Mail" },
      fieldType: "Email",
      alias: "PrimaryEmail",
      binding: "primaryEmail",
      isExportable: true,
    },
    {
      key: "communicationMethods.primaryPhoneNumber",
      label: { en: "Mobile number", de: "Mobilnummer" },
      fieldType: "Phone",
      alias: "PrimaryMobile",
      binding: "primaryMobile",
      isExportable: true,
    },
    text("addresses.primaryAddress.street", "Street", "Strasse", { binding: "primaryAddress.street" }),
    text("addresses.primaryAddress.city", "City", "Ort", { binding: "primaryAddress.city" }),
    text("addresses.primaryAddress.postalCode", "Postal code", "Postleitzahl", {
      binding: "primaryAddress.postalCode",
      validations: { maxLength: 25 },
    }),
    text("addresses.primaryAddress.countryCode", "Country", "Land", {
      binding: "primaryAddress.countryCode",
      fieldType: "List",
      listKey: "countries",
    }),
    text("preferences.language", "Correspondence language", "Korrespondenzsprache", {
      fieldType: "List",
      listKey: "languages",
    }),
    {
      key: "preferences.newsletter",
      label: { en: "Newsletter", de: "Newsletter" },
      fieldType: "Boolean",
    },
  ],
});

/** The default `legal-entity` schema: the organization's name (bound) and a few unbound fields. */
export const DEFAULT_LEGAL_ENTITY_SCHEMA: SchemaDefinition = schemaDefinition.parse({
  fieldSets: [],
  fields: [
    text("name", "Name", "Name", { binding: "name", isExportable: true, validations: { maxLength: 1000 } }),
    text("legalForm", "Legal form", "Rechtsform", { isExportable: true }),
    text("registrationNumber", "Registration number", "Handelsregisternummer", { isExportable: true }),
    text("countryOfIncorporation", "Country of incorporation", "Gründungsland", {
      fieldType: "List",
      listKey: "countries",
      isExportable: true,
    }),
  ],
});

export const DEFAULT_SCHEMAS = {
  contact: DEFAULT_CONTACT_SCHEMA,
  "legal-entity": DEFAULT_LEGAL_ENTITY_SCHEMA,
};
/** DFS int32 schema ids, stable per key. */
export const SCHEMA_IDS = { contact: 1, "legal-entity": 2 } as const;
