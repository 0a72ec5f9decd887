import { describe, expect, it } from "vitest";
import type { Contact } from "../src/contacts/model";
import {
  CONTACT_EXPORT_COLUMNS,
  contactExportRecord,
  decodeExportCursor,
  encodeExportCursor,
  exportStorageKey,
  NOTE_EXPORT_COLUMNS,
  noteExportRecord,
  ORGANIZATION_EXPORT_COLUMNS,
  organizationExportRecord,
  RELATIONSHIP_EXPORT_COLUMNS,
  relationshipExportRecord,
} from "../src/exports/rules";

/** What every stored point carries besides its value. */
const meta = { id: "p-1", vendorType: null, usageContext: null, usages: [], description: null };

const contact: Contact = {
  id: "7f0c4c5e-3f7a-4c55-9a53-2f1d5b8e2a10",
  number: 7,
  version: 1,
  type: "Curated",
  divisionId: "11111111-1111-4111-8111-111111111111",
  firstName: "Ada",
  middleName: null,
  lastName: "Lovelace",
  salutation: "Lady",
  title: null,
  displayName: null,
  dateOfBirth: null,
  anniversary: null,
  organizationId: null,
  surveyOptOut: true,
  externalSystemUrl: null,
  phones: [
    {
      ...meta,
      type: "cell",
      display: "+1 201 555 0100",
      e164: "+12015550100",
      countryCode: "US",
      userInput: "(201) 555-0100",
      extension: null,
      acceptsSms: null,
      normalizationCountryCode: null,
    },
    {
      ...meta,
      type: "other",
      display: "ask reception",
      e164: null,
      countryCode: null,
      userInput: "ask reception",
      extension: null,
      acceptsSms: null,
      normalizationCountryCode: null,
    },
  ],
  emails: [{ ...meta, type: "personal", address: "ada@engine.example" }],
  addresses: [{ ...meta, type: "home", address1: "12 St James's Square", city: "London", countryCode: "GB" }],
  webAddresses: [],
  externalIds: [],
  schemaId: null,
  schemaVersion: null,
  customFields: null,
  extensions: {},
  canonicalContactId: null,
  mergedFrom: null,
  createdAt: new Date("2024-05-01T10:00:00.000Z"),
  modifiedAt: new Date("2024-05-02T11:30:00.000Z"),
};

describe("contact export columns", () => {
  it("are the Genesys CSV columns, in order", () => {
    expect(CONTACT_EXPORT_COLUMNS).toEqual([
      "id",
      "firstName",
      "middleName",
      "lastName",
      "salutation",
      "title",
      "workPhone",
      "cellPhone",
      "homePhone",
      "otherPhone",
      "workEmail",
      "personalEmail",
      "otherEmail",
      "address1",
      "address2",
      "city",
      "state",
      "postalCode",
      "countryCode",
      "surveyOptOut",
      "externalSystemUrl",
      "createDate",
      "modifyDate",
    ]);
  });

  it("turn a contact into one aligned record: E.164 when it parsed, display otherwise, blanks for absent", () => {
    const record = contactExportRecord(contact);
    expect(record).toHaveLength(CONTACT_EXPORT_COLUMNS.length);
    expect(Object.fromEntries(CONTACT_EXPORT_COLUMNS.map((c, i) => [c, record[i]]))).toEqual({
      id: contact.id,
      firstName: "Ada",
      middleName: "",
      lastName: "Lovelace",
      salutation: "Lady",
      title: "",
      workPhone: "",
      cellPhone: "+12015550100",
      homePhone: "",
      otherPhone: "ask reception",
      workEmail: "",
      personalEmail: "ada@engine.example",
      otherEmail: "",
      address1: "12 St James's Square",
      address2: "",
      city: "London",
      state: "",
      postalCode: "",
      countryCode: "GB",
      surveyOptOut: "true",
      externalSystemUrl: "",
      createDate: "2024-05-01T10:00:00.000Z",
      modifyDate: "2024-05-02T11:30:00.000Z",
    });
  });
});

describe("export listing cursor", () => {
  it("round-trips and is opaque", () => {
    const cursor = { micros: "1714557600123456", id: contact.id };
    const encoded = encodeExportCursor(cursor);
    expect(encoded).not.toContain(contact.id);
    expect(decodeExportCursor(encoded)).toEqual(cursor);
  });

  it("refuses what it did not make", () => {
    for (const bad of ["", "abc", encodeExportCursor({ micros: "12", id: "not-a-uuid" })]) {
      expect(decodeExportCursor(bad)).toBeNull();
    }
    expect(decodeExportCursor(Buffer.from(`x.${contact.id}`).toString("base64url"))).toBeNull();
  });
});

describe("export storage key", () => {
  it("is one file per export under the tenant", () => {
    expect(exportStorageKey("t-1", "e-1")).toBe("exports/t-1/e-1.csv");
  });
});

describe("organization, note and relationship CSV records", () => {
  const created = new Date("2024-05-01T10:00:00.000Z");
  const modified = new Date("2024-05-02T11:30:00.000Z");

  it("writes organizations with phones in E.164, the first address, lists joined by ;", () => {
    const record = organizationExportRecord({
      id: "org-1",
      name: "Acme, Inc.",
      divisionId: "div-1",
      companyType: null,
      industry: "Rail",
      employeeCount: 12,
      revenue: null,
      phones: [
        { type: "fax", display: "030 1234", e164: "+49301234" },
        { type: "work", display: "(212) 555-0100", e164: "+12125550100" },
      ] as never,
      addresses: [{ type: "work", city: "Berlin", countryCode: "DE" }] as never,
      websites: ["https://acme.example", "https://acme.test"],
      tags: [],
      externalSystemUrl: null,
      schemaId: null,
      schemaVersion: null,
      createdAt: created,
      modifiedAt: modified,
    });
    const row = Object.fromEntries(ORGANIZATION_EXPORT_COLUMNS.map((c, i) => [c, record[i]]));
    expect(row).toMatchObject({
      id: "org-1",
      name: "Acme, Inc.",
      companyType: "",
      employeeCount: "12",
      phoneNumber: "+12125550100",
      faxNumber: "+49301234",
      city: "Berlin",
      address1: "",
      websites: "https://acme.example;https://acme.test",
      tags: "",
      createDate: "2024-05-01T10:00:00.000Z",
    });
  });

  it("writes notes and relationships with their division", () => {
    const note = noteExportRecord({
      id: "n-1",
      entityType: "organization",
      entityId: "org-1",
      divisionId: "div-1",
      text: "line one\nline two",
      createdById: "m-1",
      createdByName: "Ada",
      createdAt: created,
      modifiedAt: modified,
    });
    expect(NOTE_EXPORT_COLUMNS).toEqual([
      "id",
      "entityType",
      "entityId",
      "divisionId",
      "noteText",
      "createdById",
      "createDate",
      "modifyDate",
    ]);
    expect(note).toEqual([
      "n-1",
      "organization",
      "org-1",
      "div-1",
      "line one\nline two",
      "m-1",
      created.toISOString(),
      modified.toISOString(),
    ]);
    const rel = relationshipExportRecord({
      id: "r-1",
      organizationId: "org-1",
      memberId: "m-1",
      relationship: "Owner",
      divisionId: "div-1",
      createdAt: created,
      modifiedAt: modified,
    });
    expect(Object.fromEntries(RELATIONSHIP_EXPORT_COLUMNS.map((c, i) => [c, rel[i]]))).toEqual({
      id: "r-1",
      externalOrganizationId: "org-1",
      userId: "m-1",
      relationship: "Owner",
      divisionId: "div-1",
      createDate: created.toISOString(),
      modifyDate: modified.toISOString(),
    });
  });
});
