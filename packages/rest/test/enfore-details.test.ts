import { PERMISSIONS } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { call, ORG } from "./enfore-helpers";
import { withRestHarness } from "./harness";

// Contact details (ops 7-26, 33-48, 74-93): one factory over individuals, organizations and PIs.
const harness = withRestHarness();
const h = () => harness();

const ADDRESS = {
  type: "OFFICE",
  full_address: "Unter den Linden 1, 10117 Berlin",
  recipient_name: "Grace Hopper",
  street_name: "Unter den Linden",
  street_number: "1",
  city: "Berlin",
  zip: "10117",
  country_code: "DE",
  description: "main office",
  usages: ["INVOICES", "SHIPPING"],
  usage_context: "PROFESSIONAL",
};
const EMAIL = {
  type: "WORK_EMAIL",
  address: "grace@navy.example",
  description: "work",
  usage_context: "PROFESSIONAL",
};
const PHONE = { type: "MOBILE", number: "+49 171 1234567", usages: ["SMS"], usage_context: "PERSONAL" };
const WEB = {
  type: "LINKEDIN_PROFILE",
  url: "https://linkedin.example/in/grace",
  usage_context: "PROFESSIONAL",
};

const KINDS = [
  ["addresses", ADDRESS, { ...ADDRESS, type: "RESIDENTIAL_HOME", full_address: "Home 2", city: "Bonn" }],
  [
    "emails",
    EMAIL,
    { ...EMAIL, type: "PERSONAL_EMAIL", address: "grace@home.example", usage_context: "PERSONAL" },
  ],
  ["phones", PHONE, { type: "DIRECT_LINE", number: "030 1234567", usage_context: "PROFESSIONAL" }],
  ["web-addresses", WEB, { type: "BLOG", url: "https://blog.example/grace", usage_context: "PERSONAL" }],
] as const;

async function owners() {
  const person = await call(h(), "POST", `${ORG}/individual`, 201, { name: "Grace Hopper" });
  const org = await call(h(), "POST", `${ORG}/organization`, 201, { name: "US Navy" });
  const pi = await call(h(), "POST", `${ORG}/individual/${person.id}/professional-identities`, 201, {
    organization_contact: org.id,
    is_active: true,
  });
  return {
    individual: `${ORG}/individual/${person.id}`,
    organization: `${ORG}/organization/${org.id}`,
    "professional identity": `${ORG}/individual/${person.id}/professional-identities/${pi.id}`,
  };
}

describe("enfore contact details", () => {
  it("adds, lists, reads, replaces (keeping the id) and deletes every kind for every owner", async () => {
    const paths = await owners();
    for (const [owner, base] of Object.entries(paths))
      for (const [segment, first, second] of KINDS) {
        const added = await call(h(), "POST", `${base}/${segment}`, 201, first);
        expect(added, `${owner} ${segment}`).toEqual({ id: added.id, ...first });
        expect(Object.keys(added).slice(1)).toEqual(Object.keys(first));
        const list = await call(h(), "GET", `${base}/${segment}`, 200);
        expect(list).toEqual({ items: [added], problems: [] });
        expect(await call(h(), "GET", `${base}/${segment}/${added.id}`, 200)).toEqual(added);
        const put = await call(h(), "PUT", `${base}/${segment}/${added.id}`, 200, second);
        expect(put).toEqual({ id: added.id, ...second });
        expect(await call(h(), "GET", `${base}/${segment}/${added.id}`, 200)).toEqual(put);
        if (owner === "professional identity") {
          // The seed has no DELETE of a PI's details.
          await call(h(), "DELETE", `${base}/${segment}/${added.id}`, 404);
          continue;
        }
        await call(h(), "DELETE", `${base}/${segment}/${added.id}`, 204);
        await call(h(), "GET", `${base}/${segment}/${added.id}`, 404);
        await call(h(), "DELETE", `${base}/${segment}/${added.id}`, 404);
      }
  });

  it("keeps several points of one type in order, and a point of one kind is not found under another", async () => {
    const { individual } = await owners();
    const a = await call(h(), "POST", `${individual}/emails`, 201, EMAIL);
    const b = await call(h(), "POST", `${individual}/emails`, 201, {
      ...EMAIL,
      address: "second@navy.example",
    });
    const list = await call(h(), "GET", `${individual}/emails`, 200);
    expect(list.items.map((i) => i.id)).toEqual([a.id, b.id]);
    await call(h(), "GET", `${individual}/phones/${a.id}`, 404);
    await call(h(), "PUT", `${individual}/phones/${a.id}`, 404, PHONE);
    await call(h(), "DELETE", `${individual}/phones/${a.id}`, 404);
    expect((await call(h(), "GET", `${individual}/emails`, 200)).items).toHaveLength(2);
  });

  it("refuses invalid details with 400", async () => {
    const { individual, organization } = await owners();
    for (const base of [individual, organization]) {
      await call(h(), "POST", `${base}/emails`, 400, { ...EMAIL, address: "not an email" });
      await call(h(), "POST", `${base}/emails`, 400, { ...EMAIL, type: "WORK" });
      await call(h(), "POST", `${base}/emails`, 400, { type: "WORK_EMAIL", address: "a@b.example" });
      await call(h(), "POST", `${base}/addresses`, 400, { ...ADDRESS, country_code: "XX" });
      await call(h(), "POST", `${base}/addresses`, 400, { ...ADDRESS, full_address: undefined });
      await call(h(), "POST", `${base}/phones`, 400, { ...PHONE, usages: ["FAX"] });
      await call(h(), "POST", `${base}/web-addresses`, 400, { ...WEB, url: "not a url" });
    }
  });

  it("answers 404 under an unknown, deleted or other-kind owner, and 403 without the permission", async () => {
    const { individual, organization } = await owners();
    const email = await call(h(), "POST", `${individual}/emails`, 201, EMAIL);
    await call(h(), "GET", `${ORG}/individual/${crypto.randomUUID()}/emails`, 404);
    await call(h(), "POST", `${ORG}/individual/${crypto.randomUUID()}/emails`, 404, EMAIL);
    // An individual's id under /organization is not found, and the other way round.
    await call(h(), "GET", `${individual.replace("/individual/", "/organization/")}/emails`, 404);
    await call(h(), "GET", `${organization.replace("/organization/", "/individual/")}/emails`, 404);
    await call(
      h(),
      "GET",
      `${ORG}/individual/${crypto.randomUUID()}/professional-identities/${crypto.randomUUID()}/emails`,
      404,
    );
    const viewer = await h().tokenFor([PERMISSIONS.contactView]);
    await call(h(), "GET", `${individual}/emails`, 200, undefined, viewer);
    await call(h(), "POST", `${individual}/emails`, 403, EMAIL, viewer);
    await call(h(), "PUT", `${individual}/emails/${email.id}`, 403, EMAIL, viewer);
    await call(h(), "DELETE", `${individual}/emails/${email.id}`, 403, undefined, viewer);
    await call(h(), "GET", `${organization}/emails`, 403, undefined, viewer);
    await call(h(), "DELETE", individual, 204);
    await call(h(), "GET", `${individual}/emails`, 404);
    await call(h(), "GET", `${individual}/emails/${email.id}`, 404);
    await call(h(), "POST", `${individual}/emails`, 404, EMAIL);
  });
});
