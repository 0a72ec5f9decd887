import { describe, expect, it } from "vitest";
import {
  createContact,
  createExternalSource,
  createOrganization,
  deleteExternalSource,
  getContact,
  getOrganization,
  getUnresolvedContact,
  mergeContacts,
} from "../src";
import { withTestTenant } from "./helpers";

const tenant = withTestTenant();

describe("contact reads", () => {
  it("return the contact's points (several of a type, in order, with vendor fields) and external ids as written", async () => {
    const t = tenant();
    const crm = await createExternalSource(t.admin, {
      name: "Reads CRM",
      active: true,
      uriTemplate: "https://crm.example/c/{{externalId.value}}",
    });
    const erp = await createExternalSource(t.admin, { name: "Reads ERP", active: false });
    const written = await createContact(t.admin, {
      lastName: "Reader",
      phones: [
        { type: "work", display: "+44 20 7946 0001", vendorType: "MAIN", description: "switchboard" },
        { type: "cell", display: "+44 7911 123456", usages: ["SMS", "CALL"], usageContext: "PERSONAL" },
        { type: "work", display: "+44 20 7946 0003", vendorType: "DIRECT_LINE" },
        { type: "work", display: "+44 20 7946 0004" },
      ],
      emails: [
        { type: "other", address: "z@reads.example", vendorType: "EMAIL_ALIAS" },
        { type: "work", address: "a@reads.example", usageContext: "PROFESSIONAL", description: "main" },
      ],
      addresses: [
        { type: "work", city: "Leeds", countryCode: "GB" },
        { type: "home", city: "York", countryCode: "GB" },
      ],
      webAddresses: [{ type: "profile", url: "https://profile.example/reader" }],
      externalIds: [
        { sourceId: erp.id, value: "E 9" },
        { sourceId: crm.id, value: "C/1" },
      ],
    });

    const read = await getContact(t.admin, written.id);
    expect(read).toEqual(written);
    expect(await getUnresolvedContact(t.admin, written.id)).toEqual(written);
    expect(read.phones.map((p) => [p.type, p.vendorType, p.usages, p.usageContext, p.description])).toEqual([
      ["work", "MAIN", [], null, "switchboard"],
      ["cell", null, ["SMS", "CALL"], "PERSONAL", null],
      ["work", "DIRECT_LINE", [], null, null],
      ["work", null, [], null, null],
    ]);
    expect(read.phones.map((p) => p.e164)).toEqual([
      "+442079460001",
      "+447911123456",
      "+442079460003",
      "+442079460004",
    ]);
    expect(new Set([...read.phones, ...read.emails, ...read.addresses].map((p) => p.id)).size).toBe(8);
    expect(read.emails.map((e) => e.address)).toEqual(["z@reads.example", "a@reads.example"]);
    expect(read.addresses.map((a) => a.city)).toEqual(["Leeds", "York"]);
    expect(read.webAddresses).toMatchObject([{ type: "profile", url: "https://profile.example/reader" }]);
    expect(read.externalIds).toEqual([
      { sourceId: erp.id, value: "E 9", source: erp, link: null },
      { sourceId: crm.id, value: "C/1", source: crm, link: "https://crm.example/c/C%2F1" },
    ]);

    // A deleted source's ids stay, without their source.
    await deleteExternalSource(t.admin, erp.id);
    expect((await getContact(t.admin, written.id)).externalIds).toEqual([
      { sourceId: erp.id, value: "E 9", source: null, link: null },
      { sourceId: crm.id, value: "C/1", source: crm, link: "https://crm.example/c/C%2F1" },
    ]);
  });

  it("return a merged-away contact as the contact it was merged into, with that contact's points", async () => {
    const t = tenant();
    const kept = await createContact(t.admin, {
      lastName: "Kept",
      phones: [{ type: "work", display: "+44 20 7946 0101" }],
    });
    const gone = await createContact(t.admin, {
      lastName: "Gone",
      emails: [{ type: "work", address: "gone@reads.example" }],
    });
    const merged = await mergeContacts(t.admin, { contactIds: [kept.id, gone.id] });
    expect(await getContact(t.admin, gone.id)).toEqual(merged);
    expect(await getContact(t.admin, merged.id)).toEqual(merged);
    expect((await getUnresolvedContact(t.admin, gone.id)).lastName).toBe("Gone");
  });

  it("return an organization's points, external ids and tags as written", async () => {
    const t = tenant();
    const crm = await createExternalSource(t.admin, { name: "Org Reads CRM", active: true });
    const written = await createOrganization(t.admin, {
      name: "Readers Ltd",
      phones: [
        { type: "work", display: "+44 20 7946 0201", vendorType: "MAIN" },
        { type: "work", display: "+44 20 7946 0202", description: "sales" },
      ],
      webAddresses: [{ type: "website", url: "https://readers.example" }],
      externalIds: [{ sourceId: crm.id, value: "O-1" }],
      tags: ["zeta", "alpha"],
    });
    const read = await getOrganization(t.admin, written.id);
    expect(read).toEqual(written);
    expect(read.phones.map((p) => [p.e164, p.vendorType, p.description])).toEqual([
      ["+442079460201", "MAIN", null],
      ["+442079460202", null, "sales"],
    ]);
    expect(read.externalIds).toEqual([{ sourceId: crm.id, value: "O-1", source: crm, link: null }]);
    expect(read.tags).toEqual(["zeta", "alpha"]);
  });
});
