import { describe, expect, it } from "vitest";
import {
  addContactPoint,
  contactHistory,
  createContact,
  createOrganization,
  deleteContactPoint,
  getContact,
  getOrganization,
  PERMISSIONS,
  updateContact,
  updateContactPoint,
  usageContextOf,
  vendorTypeOf,
} from "../src";
import { updateMatchedContacts } from "../src/imports/write";
import { rejection, withTestTenant } from "./helpers";

const tenant = withTestTenant();

describe("contact points", () => {
  it("keep their ids when the contact is written again, and carry vendor type, usages and description", async () => {
    const t = tenant();
    const c = await createContact(t.admin, {
      lastName: "Points",
      emails: [
        {
          type: "work",
          address: "a@work.example",
          vendorType: "WORK_EMAIL",
          usageContext: "PROFESSIONAL",
          description: "main inbox",
        },
        { type: "other", address: "b@work.example", vendorType: "EMAIL_ALIAS" },
      ],
      phones: [{ type: "cell", display: "+44 20 7946 0958", usages: ["SMS", "CALL"] }],
    });
    expect(c.emails).toMatchObject([
      {
        address: "a@work.example",
        vendorType: "WORK_EMAIL",
        usageContext: "PROFESSIONAL",
        description: "main inbox",
      },
      { type: "other", address: "b@work.example", vendorType: "EMAIL_ALIAS" },
    ]);
    expect(c.phones[0]).toMatchObject({ usages: ["SMS", "CALL"] });
    const ids = [...c.emails, ...c.phones].map((p) => p.id);
    expect(new Set(ids).size).toBe(3);

    const updated = await updateContact(t.admin, c.id, {
      ...c,
      title: "Dr",
      emails: [{ ...c.emails[0]!, address: "a2@work.example" }, c.emails[1]!],
    });
    expect(updated.emails.map((e) => e.id)).toEqual(c.emails.map((e) => e.id));
    expect(updated.phones[0]!.id).toBe(c.phones[0]!.id);
    expect(updated.emails[0]).toMatchObject({ address: "a2@work.example", description: "main inbox" });
  });

  it("adds, updates in place and deletes one point, each with history, permission-checked", async () => {
    const t = tenant();
    const c = await createContact(t.admin, {
      lastName: "Single",
      emails: [{ type: "work", address: "one@work.example" }],
    });
    const added = await addContactPoint(
      t.admin,
      { kind: "contact", id: c.id },
      {
        kind: "email",
        type: "work",
        address: "two@work.example",
        vendorType: "WORK_EMAIL",
      },
    );
    expect(added).toMatchObject({ kind: "email", type: "work", address: "two@work.example" });
    let read = await getContact(t.admin, c.id);
    expect(read.emails.map((e) => e.id)).toEqual([c.emails[0]!.id, added.id]);
    expect(read.version).toBe(2);

    const changed = await updateContactPoint(t.admin, { kind: "contact", id: c.id }, added.id, {
      kind: "email",
      type: "personal",
      address: "Two@Home.example",
      description: "private",
    });
    expect(changed).toMatchObject({ id: added.id, type: "personal", description: "private" });
    read = await getContact(t.admin, c.id);
    expect(read.emails.find((e) => e.id === added.id)).toMatchObject({ address: "Two@Home.example" });

    await deleteContactPoint(t.admin, { kind: "contact", id: c.id }, c.emails[0]!.id);
    read = await getContact(t.admin, c.id);
    expect(read.emails.map((e) => e.id)).toEqual([added.id]);

    const history = await contactHistory(t.admin, c.id);
    expect(history.map((h) => h.action)).toEqual(["update", "update", "update", "create"]);

    const viewer = t.as([PERMISSIONS.contactView]);
    expect((await rejection(deleteContactPoint(viewer, { kind: "contact", id: c.id }, added.id))).code).toBe(
      "FORBIDDEN",
    );
    expect(
      (
        await rejection(
          updateContactPoint(t.admin, { kind: "contact", id: c.id }, crypto.randomUUID(), {
            kind: "email",
            type: "work",
            address: "x@y.example",
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });

  it("does not let a point of one owner be changed through another", async () => {
    const t = tenant();
    const a = await createContact(t.admin, {
      lastName: "A",
      emails: [{ type: "work", address: "a@x.example" }],
    });
    const b = await createContact(t.admin, { lastName: "B" });
    const error = await rejection(
      deleteContactPoint(t.admin, { kind: "contact", id: b.id }, a.emails[0]!.id),
    );
    expect(error.code).toBe("NOT_FOUND");
    // An id of another owner's point in a full write is a new point, not a move.
    const written = await updateContact(t.admin, b.id, { lastName: "B", emails: a.emails });
    expect(written.emails[0]!.id).not.toBe(a.emails[0]!.id);
    expect((await getContact(t.admin, a.id)).emails[0]!.id).toBe(a.emails[0]!.id);
  });

  it("gives organizations emails and web addresses", async () => {
    const t = tenant();
    const o = await createOrganization(t.admin, { name: "Web Org" });
    const email = await addContactPoint(
      t.admin,
      { kind: "organization", id: o.id },
      {
        kind: "email",
        type: "work",
        address: "info@org.example",
      },
    );
    const web = await addContactPoint(
      t.admin,
      { kind: "organization", id: o.id },
      {
        kind: "web",
        type: "website",
        url: "https://org.example",
        vendorType: "ORGANIZATION_WEBSITE",
      },
    );
    const read = await getOrganization(t.admin, o.id);
    expect(read.emails).toMatchObject([{ id: email.id, address: "info@org.example" }]);
    expect(read.webAddresses).toMatchObject([{ id: web.id, url: "https://org.example" }]);
  });

  it("keep their ids through an import batch's set-based write, which carries no ids", async () => {
    const t = tenant();
    const a = await createContact(t.admin, {
      lastName: "Imported A",
      emails: [{ type: "work", address: "a@import.example", description: "kept" }],
      phones: [{ type: "cell", display: "+44 20 7946 0958" }],
    });
    const b = await createContact(t.admin, {
      lastName: "Imported B",
      emails: [{ type: "work", address: "b@x.example" }],
    });
    // As the import's edit does: the row's values over the current contact, points given without ids.
    const results = await updateMatchedContacts(t.admin, [
      {
        id: a.id,
        edit: (c) => ({
          ...c,
          emails: [{ type: "work", address: "a2@import.example" }],
          phones: c.phones.map(({ id: _id, ...p }) => p),
        }),
      },
      { id: b.id, edit: (c) => ({ ...c, phones: [{ type: "work", display: "+44 20 7946 0000" }] }) },
    ]);
    expect(results).toEqual([
      { ok: true, changed: true },
      { ok: true, changed: true },
    ]);
    const readA = await getContact(t.admin, a.id);
    expect(readA.emails).toMatchObject([{ id: a.emails[0]!.id, address: "a2@import.example" }]);
    expect(readA.phones.map((p) => p.id)).toEqual([a.phones[0]!.id]);
    const readB = await getContact(t.admin, b.id);
    expect(readB.emails[0]!.id).toBe(b.emails[0]!.id);
    expect(readB.phones).toHaveLength(1);
  });

  it("read with a vendor type and usage context in every dialect, derived when the writer gave none", () => {
    const point = { type: "work", vendorType: null, usageContext: null };
    expect(vendorTypeOf("phone", point)).toBe("DIRECT_LINE");
    expect(vendorTypeOf("phone", { ...point, type: "cell" })).toBe("MOBILE");
    expect(vendorTypeOf("email", { ...point, vendorType: "MAILING_LIST" })).toBe("MAILING_LIST");
    expect(usageContextOf("contact", point)).toBe("PROFESSIONAL");
    expect(usageContextOf("contact", { ...point, type: "home" })).toBe("PERSONAL");
    expect(usageContextOf("organization", point)).toBe("ORGANIZATION");
  });

  it("refuse a vendor type that stands for another canonical type", async () => {
    const t = tenant();
    const error = await rejection(
      createContact(t.admin, {
        lastName: "Mismatch",
        phones: [{ type: "home", display: "+44 20 7946 0958", vendorType: "MOBILE" }],
      }),
    );
    expect(error.issues).toEqual([
      { path: "phones.0.vendorType", message: "MOBILE stands for the phone type cell, not home" },
    ]);
  });
});
