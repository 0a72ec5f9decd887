import { describe, expect, it } from "vitest";
import {
  createContact,
  createOrganization,
  createProfessionalIdentity,
  deleteContact,
  getProfileRole,
  putProfileRole,
} from "../src";
import { rejection, withTestTenant } from "./helpers";

const tenant = withTestTenant();

const base = { isActive: true, since: "2024-01-31" };

describe("role account numbers", () => {
  it("a customer and an alternative payer of one owner share a debtor account; suppliers get creditor accounts; a PUT keeps them", async () => {
    const t = tenant();
    const a = { kind: "contact" as const, id: (await createContact(t.admin, { firstName: "A" })).id };
    const b = { kind: "organization" as const, id: (await createOrganization(t.admin, { name: "B" })).id };
    const customerA = await putProfileRole(t.admin, a, "customer", {
      ...base,
      number: "C1",
      isSuspended: false,
    });
    const payerA = await putProfileRole(t.admin, a, "alternativePayer", { ...base, number: "P1" });
    const payerB = await putProfileRole(t.admin, b, "alternativePayer", { ...base, number: "P2" });
    const supplierB = await putProfileRole(t.admin, b, "supplier", { ...base, number: "S1" });
    const supplierA = await putProfileRole(t.admin, a, "supplier", { ...base, number: "S2" });
    expect(customerA.accountNumber).toMatch(/^\d+$/);
    expect(payerA.accountNumber).toBe(customerA.accountNumber);
    expect(payerB.accountNumber).not.toBe(customerA.accountNumber);
    expect(supplierB.accountNumber).toMatch(/^\d+$/);
    expect(supplierA.accountNumber).not.toBe(supplierB.accountNumber);
    const again = await putProfileRole(t.admin, a, "customer", { ...base, number: "C9", isSuspended: true });
    expect(again.accountNumber).toBe(customerA.accountNumber);
    expect((await getProfileRole(t.admin, b, "supplier")).accountNumber).toBe(supplierB.accountNumber);
  });
});

describe("role managedBy", () => {
  it("must name a professional identity of the live person it names (400 otherwise)", async () => {
    const t = tenant();
    const org = await createOrganization(t.admin, { name: "Employer" });
    const manager = await createContact(t.admin, { firstName: "Manager" });
    const other = await createContact(t.admin, { firstName: "Other" });
    const pi = await createProfessionalIdentity(t.admin, manager.id, {
      organizationId: org.id,
      isActive: true,
    });
    const owner = { kind: "organization" as const, id: org.id };
    const customer = { ...base, number: "C1", isSuspended: false };

    const ok = await putProfileRole(t.admin, owner, "customer", {
      ...customer,
      managedBy: { contactId: manager.id, professionalIdentityId: pi.id },
    });
    expect(ok.managedBy).toEqual({ contactId: manager.id, professionalIdentityId: pi.id });

    for (const managedBy of [
      { contactId: other.id, professionalIdentityId: pi.id },
      { contactId: manager.id, professionalIdentityId: crypto.randomUUID() },
    ]) {
      const e = await rejection(
        putProfileRole(t.admin, owner, "supplier", { ...base, number: "S", managedBy }),
      );
      expect(e.code).toBe("VALIDATION");
      expect(e.issues?.[0]?.path).toBe("managedBy");
    }
    await deleteContact(t.admin, manager.id);
    const gone = await rejection(
      putProfileRole(t.admin, owner, "customer", {
        ...customer,
        managedBy: { contactId: manager.id, professionalIdentityId: pi.id },
      }),
    );
    expect(gone.code).toBe("VALIDATION");
  });
});
