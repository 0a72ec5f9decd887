import { ensureTenant, PERMISSIONS } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { call, ORG } from "./enfore-helpers";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const h = () => harness();

const individual = async (name = "Role Holder") => call(h(), "POST", `${ORG}/individual`, 201, { name });
const organization = async (name = "Role Org") => call(h(), "POST", `${ORG}/organization`, 201, { name });
const address = async (kind: string, id: string) =>
  call(h(), "POST", `${ORG}/${kind}/${id}/addresses`, 201, {
    type: "OFFICE",
    full_address: "Main St 1, Berlin",
    usage_context: "PROFESSIONAL",
  });

const customer = {
  customer_id: "C-1001",
  is_active: true,
  is_suspended: false,
  customer_since: "2024-01-31",
  external_card: { number: "CARD-7" },
  tax_information: { eu_vat_number: "DE123456789", enabled_tax_exemptions: ["REVERSE_CHARGE_EU"] },
  global_location_number: "4012345000009",
  requires_formal_invoice: true,
  credit_limit: { value: 2500.75, unit: "EUR" },
};
const payer = { alternative_payer_id: "AP-1", is_active: true, since: "2023-05-01" };

describe("enfore roles (ops 49-54, 97-102)", () => {
  it("creates a customer role with PUT, reads it back, replaces it whole; server-assigned debtor account", async () => {
    const person = await individual();
    const path = `${ORG}/individual/${person.id}/roles/customer`;
    await call(h(), "GET", path, 404);
    // Read-only fields sent in the body are ignored.
    const created = await call(h(), "PUT", path, 200, {
      ...customer,
      debtor_account_id: "mine",
      external_card: { number: "CARD-7", added: "2000-01-01T00:00:00Z" },
    });
    expect(Object.keys(created)).toEqual([...Object.keys(customer), "debtor_account_id"]);
    expect(created).toMatchObject({ ...customer, external_card: { number: "CARD-7" } });
    expect(created.debtor_account_id).toMatch(/^\d+$/);
    expect((created.external_card as { added: string }).added).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(await call(h(), "GET", path, 200)).toEqual(created);

    const replaced = await call(h(), "PUT", path, 200, {
      customer_id: "C-1002",
      is_active: false,
      is_suspended: true,
      customer_since: "2024-02-01",
      external_card: { number: "CARD-7" },
    });
    expect(replaced).toEqual({
      customer_id: "C-1002",
      is_active: false,
      is_suspended: true,
      customer_since: "2024-02-01",
      external_card: created.external_card,
      debtor_account_id: created.debtor_account_id,
    });

    // The alternative-payer role of the same contact shares its debtor account; a supplier gets a creditor one.
    const ap = await call(h(), "PUT", `${ORG}/individual/${person.id}/roles/alternative-payer`, 200, payer);
    expect(ap).toEqual({ ...payer, debtor_account_id: created.debtor_account_id });
    expect(await call(h(), "GET", `${ORG}/individual/${person.id}/roles/alternative-payer`, 200)).toEqual(ap);
    const supplier = await call(h(), "PUT", `${ORG}/individual/${person.id}/roles/supplier`, 200, {
      supplier_id: "S-1",
      is_active: true,
      supplier_since: "2022-01-01",
    });
    expect(supplier.creditor_account_id).toMatch(/^\d+$/);
  });

  it("gives an organization all three roles; supplier tax information by @type", async () => {
    const org = await organization();
    const base = `${ORG}/organization/${org.id}/roles`;
    const escrow = {
      supplier_id: "S-9",
      is_active: true,
      supplier_since: "2021-03-04",
      my_customer_id: "OUR-77",
      tax_information: {
        "@type": "EscrowTaxInformation",
        eu_vat_number: "DE999",
        tax_registration_number: "123456789",
      },
      global_location_number: "4000000000001",
    };
    const supplier = await call(h(), "PUT", `${base}/supplier`, 200, escrow);
    expect(supplier).toEqual({ ...escrow, creditor_account_id: expect.stringMatching(/^\d+$/) });
    expect(await call(h(), "GET", `${base}/supplier`, 200)).toEqual(supplier);
    await call(h(), "PUT", `${base}/supplier`, 400, {
      ...escrow,
      tax_information: { "@type": "EscrowTaxInformation", eu_vat_number: "DE999" },
    });
    await call(h(), "PUT", `${base}/supplier`, 400, {
      ...escrow,
      tax_information: { "@type": "OtherTaxInformation" },
    });
    const vendor = await call(h(), "PUT", `${base}/supplier`, 200, {
      ...escrow,
      tax_information: { "@type": "VendorTaxInformation" },
    });
    expect(vendor.tax_information).toEqual({ "@type": "VendorTaxInformation" });
    expect(vendor.creditor_account_id).toBe(supplier.creditor_account_id);
    await call(h(), "PUT", `${base}/customer`, 200, customer);
    await call(h(), "PUT", `${base}/alternative-payer`, 200, payer);
    await call(h(), "GET", `${base}/alternative-payer`, 200);
  });

  it("checks a customer's references: alternative payers, own addresses, limitations, managed_by (400)", async () => {
    const person = await individual("Customer With Config");
    const payerContact = await organization("Payer Org");
    const notPayer = await organization("Not A Payer");
    const own = await address("individual", person.id);
    const foreign = await address("organization", notPayer.id);
    await call(h(), "PUT", `${ORG}/organization/${payerContact.id}/roles/alternative-payer`, 200, payer);
    const path = `${ORG}/individual/${person.id}/roles/customer`;
    const configs = [
      { invoice_address_id: own.id, delivery_address_id: own.id },
      {
        limitations: { brand_id: "brand-1" },
        alternative_payer: { id: payerContact.id },
        invoice_address_id: own.id,
      },
    ];
    const saved = await call(h(), "PUT", path, 200, {
      ...customer,
      alternative_payer: { id: payerContact.id },
      delivery_and_invoicing_configurations: configs,
    });
    expect(saved.delivery_and_invoicing_configurations).toEqual(configs);
    expect(saved.alternative_payer).toEqual({ id: payerContact.id });
    // An address a configuration uses is not deleted (422); once no configuration uses it, it is.
    await call(h(), "DELETE", `${ORG}/individual/${person.id}/addresses/${own.id}`, 422);
    await call(h(), "GET", `${ORG}/individual/${person.id}/addresses/${own.id}`, 200);

    for (const bad of [
      { alternative_payer: { id: notPayer.id } },
      { alternative_payer: { id: "not-a-contact" } },
      { delivery_and_invoicing_configurations: [{ invoice_address_id: foreign.id }] },
      { delivery_and_invoicing_configurations: [{}, { limitations: {} }] },
      {
        delivery_and_invoicing_configurations: [
          { limitations: { brand_id: "b" } },
          { limitations: { brand_id: "b" } },
        ],
      },
      { managed_by: { contact_id: person.id, professional_identity_id: crypto.randomUUID() } },
      { customer_since: "31.01.2024" },
      { credit_limit: { value: 1, unit: "XXX" } },
      { tax_information: { tax_registration_number: "short", enabled_tax_exemptions: [] } },
    ]) {
      const problem = await call(h(), "PUT", path, 400, { ...customer, ...bad });
      expect(problem.title).toBe("Bad Request");
    }
    await call(h(), "PUT", path, 400, { customer_id: "C" });

    // managed_by: a PI of the person it names.
    const employer = await organization("Employer");
    const manager = await individual("Manager");
    const pi = await call(h(), "POST", `${ORG}/individual/${manager.id}/professional-identities`, 201, {
      organization_contact: employer.id,
      is_active: true,
    });
    const unknownPi = await call(h(), "PUT", path, 400, {
      ...customer,
      managed_by: { contact_id: manager.id, professional_identity_id: crypto.randomUUID() },
    });
    expect(unknownPi.detail).toMatch(/^managed_by: /);
    const managed = await call(h(), "PUT", path, 200, {
      ...customer,
      managed_by: { contact_id: manager.id, professional_identity_id: pi.id },
    });
    expect(managed.managed_by).toEqual({ contact_id: manager.id, professional_identity_id: pi.id });
    await call(h(), "DELETE", `${ORG}/individual/${person.id}/addresses/${own.id}`, 204);

    // The payer a customer names cannot be deleted (422), nor an address a configuration uses.
    await call(h(), "PUT", path, 200, { ...customer, alternative_payer: { id: payerContact.id } });
    await call(h(), "DELETE", `${ORG}/organization/${payerContact.id}`, 422);
    await call(h(), "GET", `${ORG}/organization/${payerContact.id}/roles/alternative-payer`, 200);
  });

  it("404s a deleted contact, the other kind's id and another tenant's; 403 for another org and without permission", async () => {
    const person = await individual("Soon Gone");
    const path = `${ORG}/individual/${person.id}/roles/customer`;
    await call(h(), "PUT", path, 200, customer);
    await call(h(), "GET", `${ORG}/organization/${person.id}/roles/customer`, 404);
    await call(h(), "PUT", `${ORG}/organization/${person.id}/roles/customer`, 404, customer);
    await call(h(), "GET", `${ORG}/individual/not-an-id/roles/supplier`, 404);
    await call(h(), "GET", `${ORG}/individual/${crypto.randomUUID()}/roles/supplier`, 404);

    const viewer = await h().tokenFor([PERMISSIONS.roleView]);
    await call(h(), "GET", path, 200, undefined, viewer);
    await call(h(), "PUT", path, 403, customer, viewer);
    const none = await h().tokenFor([PERMISSIONS.contactView]);
    await call(h(), "GET", path, 403, undefined, none);

    await ensureTenant(h().database.db, {
      slug: "roles-other",
      adminClientId: "roles-other-admin",
      adminClientSecret: "roles-other-secret",
    });
    const otherToken = await h().issueToken({
      clientId: "roles-other-admin",
      clientSecret: "roles-other-secret",
    });
    const theirs = await call(
      h(),
      "POST",
      "/enfore/org/roles-other/individual",
      201,
      { name: "T" },
      otherToken,
    );
    await call(
      h(),
      "PUT",
      `/enfore/org/roles-other/individual/${theirs.id}/roles/customer`,
      200,
      customer,
      otherToken,
    );
    await call(h(), "GET", `${ORG}/individual/${theirs.id}/roles/customer`, 404);
    await call(h(), "PUT", `${ORG}/individual/${theirs.id}/roles/customer`, 404, customer);
    await call(h(), "GET", `/enfore/org/roles-other/individual/${person.id}/roles/customer`, 403);

    await call(h(), "DELETE", `${ORG}/individual/${person.id}`, 204);
    await call(h(), "GET", path, 404);
    await call(h(), "PUT", path, 404, customer);
  });
});
