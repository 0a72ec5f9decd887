import { and, contactPoints, eq } from "@switchboard/db";
import { describe, expect, it } from "vitest";
import {
  alternativePayerReferences,
  configurationIssues,
  createContact,
  createOrganization,
  deleteContact,
  deleteContactPoint,
  deleteOrganization,
  deleteProfileRole,
  ensureTenant,
  getProfileRole,
  listProfileRoleHolders,
  listProfileRoles,
  PERMISSIONS,
  putProfileRole,
} from "../src";
import { changeSetsOf } from "../src/history";
import { rejection, withTestTenant } from "./helpers";

const tenant = withTestTenant();

const customer = {
  number: "C-1001",
  isActive: true,
  isSuspended: false,
  since: "2024-01-31",
  globalLocationNumber: "4012345000009",
  requiresFormalInvoice: true,
  creditLimit: { value: 2500.75, unit: "EUR" as const },
  taxInformation: { euVatNumber: "DE123456789", enabledTaxExemptions: ["REVERSE_CHARGE_EU" as const] },
  externalCard: { number: "CARD-7" },
};

describe("roles", () => {
  it("gives an organization a customer role, replaces it whole, and records each field in its history", async () => {
    const t = tenant();
    const org = {
      kind: "organization" as const,
      id: (await createOrganization(t.admin, { name: "Buyer" })).id,
    };
    expect((await rejection(getProfileRole(t.admin, org, "customer"))).code).toBe("NOT_FOUND");

    const created = await putProfileRole(t.admin, org, "customer", customer);
    expect(created).toMatchObject({ ...customer, kind: "customer", owner: org });
    expect(created.externalCardAdded).toMatch(/^\d{4}-/);
    expect(await getProfileRole(t.admin, org, "customer")).toEqual(created);

    // A PUT replaces the role: what it leaves out is gone; the card keeps when it was first added.
    const replaced = await putProfileRole(t.admin, org, "customer", {
      number: "C-1001",
      isActive: false,
      isSuspended: true,
      since: "2024-01-31",
      externalCard: { number: "CARD-7" },
    });
    expect(replaced.creditLimit).toBeUndefined();
    expect(replaced.externalCardAdded).toBe(created.externalCardAdded);
    const [last] = await changeSetsOf(t.admin, "organization", org.id);
    expect(last!.changes.map((c) => c.path)).toEqual(
      expect.arrayContaining(["roles.customer.isActive", "roles.customer.creditLimit.value"]),
    );

    // Roles combine: a customer can also be a supplier.
    await putProfileRole(t.admin, org, "supplier", {
      number: "S-9",
      isActive: true,
      since: "2020-05-01",
      taxInformation: {
        type: "EscrowTaxInformation",
        euVatNumber: "DE999",
        taxRegistrationNumber: "123456789",
      },
    });
    expect((await listProfileRoles(t.admin, org)).map((r) => r.kind)).toEqual(["customer", "supplier"]);

    await deleteProfileRole(t.admin, org, "supplier");
    expect((await listProfileRoles(t.admin, org)).map((r) => r.kind)).toEqual(["customer"]);
    expect((await rejection(deleteProfileRole(t.admin, org, "supplier"))).code).toBe("NOT_FOUND");
  });

  it("validates each kind's attributes", async () => {
    const t = tenant();
    const person = { kind: "contact" as const, id: (await createContact(t.admin, { firstName: "Sup" })).id };
    const escrowWithoutVat = {
      number: "S-1",
      isActive: true,
      since: "2020-05-01",
      taxInformation: { type: "EscrowTaxInformation" as const, taxRegistrationNumber: "123456789" },
    };
    const error = await rejection(putProfileRole(t.admin, person, "supplier", escrowWithoutVat as never));
    expect(error.code).toBe("VALIDATION");
    expect(error.issues.map((i) => i.path)).toContain("taxInformation.euVatNumber");
    const badDate = { number: "A-1", isActive: true, since: "31.01.2024" };
    expect((await rejection(putProfileRole(t.admin, person, "alternativePayer", badDate))).code).toBe(
      "VALIDATION",
    );
  });

  it("a customer's alternative payer must hold that role, and its addresses must be the customer's own", async () => {
    const t = tenant();
    const buyer = await createContact(t.admin, {
      firstName: "Buyer",
      addresses: [{ type: "work", address1: "Main St 1", city: "Oslo" }],
    });
    const owner = { kind: "contact" as const, id: buyer.id };
    const payer = {
      kind: "organization" as const,
      id: (await createOrganization(t.admin, { name: "Payer" })).id,
    };
    const withPayer = { ...customer, alternativePayer: { id: payer.id } };
    const refused = await rejection(putProfileRole(t.admin, owner, "customer", withPayer));
    expect(refused.code).toBe("VALIDATION");
    expect(refused.issues.map((i) => i.path)).toEqual(["alternativePayer.id"]);

    await putProfileRole(t.admin, payer, "alternativePayer", {
      number: "AP-1",
      isActive: true,
      since: "2024-02-01",
    });
    expect((await putProfileRole(t.admin, owner, "customer", withPayer)).alternativePayer).toEqual({
      id: payer.id,
    });

    const [address] = await t.database.db
      .select({ id: contactPoints.id })
      .from(contactPoints)
      .where(and(eq(contactPoints.ownerId, buyer.id), eq(contactPoints.kind, "address")));
    const configured = await putProfileRole(t.admin, owner, "customer", {
      ...customer,
      deliveryAndInvoicingConfigurations: [
        { invoiceAddressId: address!.id },
        {
          limitations: { brandId: "b1" },
          alternativePayer: { id: payer.id },
          deliveryAddressId: address!.id,
        },
      ],
    });
    expect(configured.deliveryAndInvoicingConfigurations).toHaveLength(2);
    // The payer is referenced: its role stays (422), and enfore's contact delete can ask who refers to it.
    expect(await alternativePayerReferences(t.admin, payer.id)).toEqual([owner]);
    const kept = await rejection(deleteProfileRole(t.admin, payer, "alternativePayer"));
    expect(kept.code).toBe("UNPROCESSABLE");
    const foreignAddress = await rejection(
      putProfileRole(t.admin, owner, "customer", {
        ...customer,
        deliveryAndInvoicingConfigurations: [{ invoiceAddressId: crypto.randomUUID() }],
      }),
    );
    expect(foreignAddress.issues.map((i) => i.path)).toEqual([
      "deliveryAndInvoicingConfigurations.0.invoiceAddressId",
    ]);
    const twoUnlimited = await rejection(
      putProfileRole(t.admin, owner, "customer", {
        ...customer,
        deliveryAndInvoicingConfigurations: [{}, { limitations: {} }],
      }),
    );
    expect(twoUnlimited.issues.map((i) => i.path)).toEqual([
      "deliveryAndInvoicingConfigurations.1.limitations",
    ]);
  });

  it("keeps a contact or organization a customer names as alternative payer, whichever dialect deletes it", async () => {
    const t = tenant();
    const buyer = { kind: "contact" as const, id: (await createContact(t.admin, { firstName: "Buyer" })).id };
    const payers = [
      { kind: "organization" as const, id: (await createOrganization(t.admin, { name: "Paying Org" })).id },
      { kind: "contact" as const, id: (await createContact(t.admin, { firstName: "Paying" })).id },
    ];
    for (const payer of payers) {
      await putProfileRole(t.admin, payer, "alternativePayer", {
        number: `AP-${payer.kind}`,
        isActive: true,
        since: "2024-02-01",
      });
      await putProfileRole(t.admin, buyer, "customer", { ...customer, alternativePayer: { id: payer.id } });
      const remove = () =>
        payer.kind === "contact" ? deleteContact(t.admin, payer.id) : deleteOrganization(t.admin, payer.id);
      const refused = await rejection(remove());
      expect([refused.code, refused.reason]).toEqual(["UNPROCESSABLE", "AlternativePayerInUse"]);
      // Once no customer names it, it goes.
      await putProfileRole(t.admin, buyer, "customer", customer);
      await remove();
    }
  });

  it("never both deletes an address and lets a customer role's configuration name it, however they interleave", async () => {
    const t = tenant();
    for (let round = 0; round < 8; round++) {
      const buyer = await createContact(t.admin, {
        firstName: "Racer",
        addresses: [{ type: "work", address1: `Main St ${round}`, city: "Oslo" }],
      });
      const owner = { kind: "contact" as const, id: buyer.id };
      const address = buyer.addresses[0]!.id!;
      const [deleted, named] = await Promise.allSettled([
        deleteContactPoint(t.admin, owner, address),
        putProfileRole(t.admin, owner, "customer", {
          ...customer,
          deliveryAndInvoicingConfigurations: [{ deliveryAddressId: address }],
        }),
      ]);
      expect([deleted.status, named.status]).not.toEqual(["fulfilled", "fulfilled"]);
    }
  });

  it("needs the role permissions and refuses another tenant's record", async () => {
    const t = tenant();
    const org = {
      kind: "organization" as const,
      id: (await createOrganization(t.admin, { name: "Perm" })).id,
    };
    const viewer = t.as([PERMISSIONS.roleView, PERMISSIONS.organizationView]);
    expect((await rejection(putProfileRole(viewer, org, "customer", customer))).code).toBe("FORBIDDEN");
    expect(await listProfileRoles(viewer, org)).toEqual([]);
    expect((await rejection(listProfileRoles(t.as([PERMISSIONS.organizationView]), org))).code).toBe(
      "FORBIDDEN",
    );

    const { tenantId } = await ensureTenant(t.database.db, { slug: "roles-other" });
    const other = { ...t.admin, tenantId };
    const foreign = {
      kind: "organization" as const,
      id: (await createOrganization(other, { name: "Theirs" })).id,
    };
    expect((await rejection(putProfileRole(t.admin, foreign, "customer", customer))).code).toBe("NOT_FOUND");
    expect((await rejection(getProfileRole(t.admin, foreign, "customer"))).code).toBe("NOT_FOUND");
  });

  it("lists the tenant's holders of a role kind by number, only to callers who may view roles", async () => {
    const t = tenant();
    const payer = { kind: "contact" as const, id: (await createContact(t.admin, { firstName: "Payer" })).id };
    const org = {
      kind: "organization" as const,
      id: (await createOrganization(t.admin, { name: "Paying Org" })).id,
    };
    await putProfileRole(t.admin, payer, "alternativePayer", {
      number: "AP-2",
      isActive: true,
      since: "2024-01-01",
    });
    await putProfileRole(t.admin, org, "alternativePayer", {
      number: "AP-1",
      isActive: true,
      since: "2024-01-01",
    });
    await putProfileRole(t.admin, payer, "customer", { ...customer, number: "C-HOLDER" });
    const holders = await listProfileRoleHolders(t.admin, "alternativePayer");
    expect(holders.filter((h) => h.id === payer.id || h.id === org.id)).toEqual([
      { ...org, number: "AP-1" },
      { ...payer, number: "AP-2" },
    ]);
    expect((await listProfileRoleHolders(t.admin, "customer")).map((h) => h.id)).toContain(payer.id);
    expect(
      (await rejection(listProfileRoleHolders(t.as([PERMISSIONS.contactView]), "alternativePayer"))).code,
    ).toBe("FORBIDDEN");
  });
});

describe("configurationIssues", () => {
  it("allows one configuration without limitations and distinct limitations otherwise", () => {
    expect(
      configurationIssues([{}, { limitations: { brandId: "a" } }, { limitations: { brandId: "b" } }]),
    ).toEqual([]);
    expect(
      configurationIssues([{ limitations: { brandId: "a" } }, { limitations: { brandId: "a" } }]).map(
        (i) => i.path,
      ),
    ).toEqual(["deliveryAndInvoicingConfigurations.1.limitations"]);
  });
});
