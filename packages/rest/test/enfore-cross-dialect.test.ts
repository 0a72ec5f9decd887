import { describe, expect, it } from "vitest";
import { call, type Json, ORG } from "./enfore-helpers";
import { withRestHarness } from "./harness";

// One store, two APIs (cross-dialect.md): a Genesys contact is an enfore individual and the other way round, and
// neither dialect's writes drop what the other wrote.
const harness = withRestHarness();
const h = () => harness();
const GENESYS = "/api/v2/externalcontacts";

async function genesys(method: string, path: string, status: number, json?: unknown): Promise<Json> {
  const response = await h().request(`${GENESYS}${path}`, { method, json });
  const text = await response.text();
  expect(response.status, `${method} ${path}: ${text}`).toBe(status);
  return text ? JSON.parse(text) : (null as never);
}

const details = async (path: string) => ({
  addresses: (await call(h(), "GET", `${path}/addresses`, 200)).items,
  emails: (await call(h(), "GET", `${path}/emails`, 200)).items,
  phones: (await call(h(), "GET", `${path}/phones`, 200)).items,
});

describe("Genesys → enfore", () => {
  it("reads a Genesys contact as an individual: name, emails, phones, address, employer, delete", async () => {
    const org = await genesys("POST", "/organizations", 200, { name: "Analytical Engines" });
    const contact = await genesys("POST", "/contacts", 200, {
      firstName: "Ada",
      lastName: "Lovelace",
      workEmail: "ada@engines.example",
      personalEmail: "ada@home.example",
      cellPhone: { display: "+44 20 7946 0958" },
      workPhone: { display: "+44 20 7946 0000" },
      address: {
        address1: "12 St James's Square",
        city: "London",
        postalCode: "SW1Y 4JH",
        countryCode: "GB",
      },
      externalOrganization: { id: org.id },
    });
    const path = `${ORG}/individual/${contact.id}`;
    expect(await call(h(), "GET", path, 200)).toEqual({
      id: contact.id,
      name: "Ada Lovelace",
      deleted: false,
    });
    const read = await details(path);
    expect(read.emails).toEqual([
      {
        id: expect.any(String),
        type: "WORK_EMAIL",
        address: "ada@engines.example",
        usage_context: "PROFESSIONAL",
      },
      {
        id: expect.any(String),
        type: "PERSONAL_EMAIL",
        address: "ada@home.example",
        usage_context: "PERSONAL",
      },
    ]);
    expect(read.phones).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: "MOBILE", number: "+44 20 7946 0958", usage_context: "PERSONAL" }),
        expect.objectContaining({
          type: "DIRECT_LINE",
          number: "+44 20 7946 0000",
          usage_context: "PROFESSIONAL",
        }),
      ]),
    );
    expect(read.addresses).toEqual([
      expect.objectContaining({
        full_address: "12 St James's Square, SW1Y 4JH London, GB",
        street_name: "12 St James's Square",
        city: "London",
        zip: "SW1Y 4JH",
        country_code: "GB",
      }),
    ]);
    const pis = await call(h(), "GET", `${path}/professional-identities`, 200);
    expect(pis.items).toEqual([expect.objectContaining({ organization_contact: org.id, is_active: true })]);
    const orgRead = await call(h(), "GET", `${ORG}/organization/${org.id}`, 200);
    expect(orgRead).toMatchObject({ name: "Analytical Engines", deleted: false });
    expect(orgRead.representatives).toEqual([
      expect.objectContaining({
        professional_identity: { contact_id: contact.id, professional_identity_id: pis.items[0]!.id },
      }),
    ]);
    await genesys("DELETE", `/contacts/${contact.id}`, 200);
    expect(await call(h(), "GET", path, 200)).toMatchObject({ deleted: true });
  });
});

describe("enfore → Genesys", () => {
  it("reads an individual as a Genesys contact: names, slots, address, employer, delete", async () => {
    const person = await call(h(), "POST", `${ORG}/individual`, 201, { name: "Grace Brewster Hopper" });
    const path = `${ORG}/individual/${person.id}`;
    await call(h(), "POST", `${path}/emails`, 201, {
      type: "WORK_EMAIL",
      address: "grace@navy.example",
      usage_context: "PROFESSIONAL",
    });
    await call(h(), "POST", `${path}/phones`, 201, {
      type: "MOBILE",
      number: "+1 202 555 0143",
      usage_context: "PERSONAL",
    });
    await call(h(), "POST", `${path}/addresses`, 201, {
      type: "RESIDENTIAL_HOME",
      full_address: "1 Navy Way, 20001 Washington",
      street_name: "Navy Way",
      street_number: "1",
      city: "Washington",
      zip: "20001",
      country_code: "US",
      usage_context: "PERSONAL",
    });
    const org = await call(h(), "POST", `${ORG}/organization`, 201, { name: "US Navy" });
    await call(h(), "POST", `${path}/professional-identities`, 201, {
      organization_contact: org.id,
      is_active: true,
    });
    const contact = await genesys("GET", `/contacts/${person.id}`, 200);
    expect(contact).toMatchObject({
      firstName: "Grace Brewster",
      lastName: "Hopper",
      workEmail: "grace@navy.example",
      cellPhone: expect.objectContaining({ e164: "+12025550143" }),
      address: expect.objectContaining({ address1: "Navy Way 1", city: "Washington", postalCode: "20001" }),
      externalOrganization: expect.objectContaining({ id: org.id }),
    });
    expect((await genesys("GET", `/organizations/${org.id}`, 200)).name).toBe("US Navy");
    await call(h(), "DELETE", path, 204);
    await genesys("GET", `/contacts/${person.id}`, 404);
  });

  it("keeps what enfore wrote across a Genesys PUT: point ids, further points, vendor fields, external_id", async () => {
    const person = await call(h(), "POST", `${ORG}/individual`, 201, {
      name: "Alan Turing",
      external_id: "erp-alan",
    });
    const path = `${ORG}/individual/${person.id}`;
    const first = await call(h(), "POST", `${path}/emails`, 201, {
      type: "WORK_EMAIL",
      address: "alan@bletchley.example",
      description: "office",
      usage_context: "PROFESSIONAL",
    });
    const second = await call(h(), "POST", `${path}/emails`, 201, {
      type: "WORK_EMAIL",
      address: "alan.turing@bletchley.example",
      usage_context: "PROFESSIONAL",
    });
    const web = await call(h(), "POST", `${path}/web-addresses`, 201, {
      type: "PERSONAL_WEBSITE",
      url: "https://turing.example",
      usage_context: "PERSONAL",
    });
    const before = await genesys("GET", `/contacts/${person.id}`, 200);
    // The enfore id mapping is no Genesys external id: not shown, and kept by the PUT that does not send it.
    expect(before.externalIds).toBeUndefined();
    await genesys("PUT", `/contacts/${person.id}`, 200, {
      ...before,
      firstName: "Alan Mathison",
      workEmail: "amt@bletchley.example",
    });
    expect(await call(h(), "GET", path, 200)).toEqual({
      id: person.id,
      name: "Alan Mathison Turing",
      external_id: "erp-alan",
      deleted: false,
    });
    expect((await call(h(), "GET", `${path}/emails`, 200)).items).toEqual([
      { ...first, address: "amt@bletchley.example" },
      second,
    ]);
    expect((await call(h(), "GET", `${path}/web-addresses`, 200)).items).toEqual([web]);
  });

  it("keeps an organization's external_id and enfore fields across a Genesys PUT", async () => {
    const org = await call(h(), "POST", `${ORG}/organization`, 201, {
      name: "Bletchley Park",
      external_id: "erp-bp",
      founded: "1938-08-15",
      external_organization_id: "refund-7",
    });
    const before = await genesys("GET", `/organizations/${org.id}`, 200);
    expect(before.externalIds).toBeUndefined();
    await genesys("PUT", `/organizations/${org.id}`, 200, { ...before, name: "Bletchley Park Trust" });
    expect(await call(h(), "GET", `${ORG}/organization/${org.id}`, 200)).toEqual({
      ...org,
      name: "Bletchley Park Trust",
    });
  });

  it("shows an organization's Genesys websites as its enfore web addresses, and the other way round", async () => {
    const org = await genesys("POST", "/organizations", 200, {
      name: "Web Org",
      websites: ["https://web.example"],
    });
    const path = `${ORG}/organization/${org.id}/web-addresses`;
    const [site] = (await call(h(), "GET", path, 200)).items;
    expect(site).toEqual({
      id: expect.any(String),
      type: "HOMEPAGE_OR_WEBSITE",
      url: "https://web.example",
      usage_context: "ORGANIZATION",
    });
    const blog = await call(h(), "POST", path, 201, {
      type: "ORGANIZATION_BLOG",
      url: "https://blog.web.example",
      usage_context: "ORGANIZATION",
    });
    const read = await genesys("GET", `/organizations/${org.id}`, 200);
    expect(read.websites).toEqual(["https://web.example", "https://blog.web.example"]);
    // A Genesys PUT of the list keeps the points of the urls it keeps.
    await genesys("PUT", `/organizations/${org.id}`, 200, {
      ...read,
      websites: ["https://blog.web.example"],
    });
    expect((await call(h(), "GET", path, 200)).items).toEqual([blog]);
  });

  it("keeps an explicit enfore name across a Genesys write of the names", async () => {
    const contact = await genesys("POST", "/contacts", 200, { firstName: "Margaret", lastName: "Hamilton" });
    const path = `${ORG}/individual/${contact.id}`;
    await call(h(), "PUT", path, 200, { name: "Maggie Hamilton" });
    const read = await genesys("GET", `/contacts/${contact.id}`, 200);
    expect(read).toMatchObject({ firstName: "Margaret", lastName: "Hamilton" });
    await genesys("PUT", `/contacts/${contact.id}`, 200, { ...read, lastName: "Hamilton-Heafield" });
    expect((await call(h(), "GET", path, 200)).name).toBe("Maggie Hamilton");
    // A name equal to the joined names is no explicit one: the next Genesys names show.
    await call(h(), "PUT", path, 200, { name: "Margaret Hamilton-Heafield" });
    const again = await genesys("GET", `/contacts/${contact.id}`, 200);
    await genesys("PUT", `/contacts/${contact.id}`, 200, { ...again, firstName: "Meg" });
    expect((await call(h(), "GET", path, 200)).name).toBe("Meg Hamilton-Heafield");
  });
});
