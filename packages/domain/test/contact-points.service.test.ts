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
} from "../src";
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
});
