import { describe, expect, it } from "vitest";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const BASE = "/api/v2/externalcontacts/contacts";
type Json = Record<string, unknown> & { id: string };

async function create(body: unknown): Promise<Json> {
  const response = await harness().request(BASE, { method: "POST", json: body });
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

const fullContact = {
  firstName: " Grace ",
  middleName: "Brewster",
  lastName: "Hopper",
  salutation: "Rear Admiral",
  title: "Computer scientist",
  workPhone: { display: "(212) 555-0100", extension: 42, acceptsSMS: false },
  cellPhone: { display: "+44 20 7946 0958", acceptsSMS: true },
  homePhone: { display: "030 901820", normalizationCountryCode: "DE" },
  otherPhone: { display: "not a number" },
  workEmail: "grace@navy.example",
  personalEmail: "grace@home.example",
  otherEmail: "g@other.example",
  address: {
    address1: "1 Navy Way",
    address2: "Suite 9",
    city: "Arlington",
    state: "VA",
    postalCode: "22202",
    countryCode: "US",
  },
  twitterId: { screenName: "gracehopper", id: "12345" },
  lineId: { ids: [{ userId: "line-1" }], displayName: "Grace" },
  whatsAppId: { phoneNumber: { display: "+12125550100" }, displayName: "Grace" },
  facebookId: { ids: [{ scopedId: "fb-1" }], displayName: "Grace H" },
  instagramId: { ids: [{ scopedId: "ig-1" }], displayName: "grace" },
  appleOpaqueIds: [{ value: "apple-1" }],
  surveyOptOut: true,
  externalSystemUrl: "https://crm.example/grace",
};

describe("Genesys contacts", () => {
  it("creates a contact (200) and reads every written field back unchanged", async () => {
    const created = await create(fullContact);
    expect(created).toMatchObject({
      firstName: "Grace",
      lastName: "Hopper",
      type: "Curated",
      workEmail: "grace@navy.example",
      address: fullContact.address,
      twitterId: fullContact.twitterId,
      lineId: fullContact.lineId,
      whatsAppId: fullContact.whatsAppId,
      facebookId: fullContact.facebookId,
      instagramId: fullContact.instagramId,
      appleOpaqueIds: fullContact.appleOpaqueIds,
      surveyOptOut: true,
      externalSystemUrl: "https://crm.example/grace",
      selfUri: `${BASE}/${created.id}`,
    });
    expect(created.workPhone).toEqual({
      display: "+1 212 555 0100",
      extension: 42,
      acceptsSMS: false,
      userInput: "(212) 555-0100",
      e164: "+12125550100",
      countryCode: "US",
    });
    expect(created.homePhone).toMatchObject({ e164: "+4930901820", normalizationCountryCode: "DE" });
    expect(created.otherPhone).toEqual({ display: "not a number", userInput: "not a number" });
    expect(created.division).toMatchObject({ id: expect.any(String) });
    expect(Date.parse(created.createDate as string)).not.toBeNaN();

    const read = await harness().request(`${BASE}/${created.id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(created);

    // An SDK sends back what it read, read-only fields included: nothing changes.
    const echoed = await harness().request(`${BASE}/${created.id}`, { method: "PUT", json: created });
    expect(echoed.status).toBe(200);
    expect(await echoed.json()).toEqual(created);
  });

  it("replaces a contact with PUT and deletes it with 200 {}", async () => {
    const created = await create({ firstName: "Alan", lastName: "Turing", workEmail: "alan@example.org" });
    const put = await harness().request(`${BASE}/${created.id}`, {
      method: "PUT",
      json: { firstName: "Alan", lastName: "Turing", title: "Dr" },
    });
    expect(put.status).toBe(200);
    const updated = (await put.json()) as Json;
    expect(updated).toMatchObject({ title: "Dr" });
    expect(updated.workEmail).toBeUndefined();

    const removed = await harness().request(`${BASE}/${created.id}`, { method: "DELETE" });
    expect(removed.status).toBe(200);
    expect(await removed.json()).toEqual({});
    const gone = await harness().request(`${BASE}/${created.id}`);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ status: 404, code: "not.found" });
  });

  it("answers 400 with the bad fields named, for wire types and for domain rules", async () => {
    const typed = await harness().request(BASE, { method: "POST", json: { firstName: 42 } });
    expect(typed.status).toBe(400);
    const typedBody = (await typed.json()) as { code: string; details: { fieldName: string }[] };
    expect(typedBody.code).toBe("bad.request");
    expect(typedBody.details.map((d) => d.fieldName)).toEqual(["firstName"]);

    const rules = await harness().request(BASE, {
      method: "POST",
      json: { lastName: "x".repeat(1001), workEmail: "nope" },
    });
    expect(rules.status).toBe(400);
    const body = (await rules.json()) as { message: string; details: { fieldName: string }[] };
    // Named as the caller wrote them, not by the canonical model's paths.
    expect(body.details.map((d) => d.fieldName).sort()).toEqual(["lastName", "workEmail"]);
    expect(body.message).toContain("workEmail: must be a valid email");

    // Within Genesys' 1,000 characters, but 3,000 bytes that no index entry holds: refused here, not by PostgreSQL.
    const wide = Array.from({ length: 1000 }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7919) % 0x5000)));
    const indexed = await harness().request(BASE, {
      method: "POST",
      json: { lastName: wide.join(""), title: wide.join("") },
    });
    expect(indexed.status).toBe(400);
    const indexedBody = (await indexed.json()) as { message: string; details: { fieldName: string }[] };
    expect(indexedBody.details.map((d) => d.fieldName).sort()).toEqual(["lastName", "title"]);
    expect(indexedBody.message).toContain("lastName: must be at most 1300 bytes of UTF-8");
    const fits = await harness().request(BASE, {
      method: "POST",
      json: { lastName: wide.slice(0, 433).join(""), firstName: wide.slice(0, 433).join("") },
    });
    expect(fits.status).toBe(200);

    const phone = await harness().request(BASE, {
      method: "POST",
      json: { workEmail: "ok@example.org", personalEmail: "x@", cellPhone: { display: "1".repeat(513) } },
    });
    expect(phone.status).toBe(400);
    const phoneBody = (await phone.json()) as { details: { fieldName: string }[] };
    expect(phoneBody.details.map((d) => d.fieldName).sort()).toEqual(["cellPhone.display", "personalEmail"]);

    const malformed = await harness().request(BASE, {
      method: "POST",
      body: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(malformed.status).toBe(400);
  });

  it("answers 415 for a non-JSON body and 413 for an oversized one", async () => {
    const text = await harness().request(BASE, {
      method: "POST",
      body: "firstName=x",
      headers: { "content-type": "text/plain" },
    });
    expect(text.status).toBe(415);
    expect(await text.json()).toMatchObject({ status: 415, code: "unsupported.media.type" });
    const huge = await harness().request(BASE, {
      method: "POST",
      json: { firstName: "x".repeat(2 * 1024 * 1024) },
    });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ status: 413 });
  });

  it("answers 403 naming the missing permission", async () => {
    const viewer = await harness().tokenFor(["externalContacts:contact:view"]);
    const refused = await harness().request(BASE, {
      method: "POST",
      json: { firstName: "No" },
      token: viewer,
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      status: 403,
      code: "missing.any.permissions",
      messageParams: { permissions: "externalContacts:contact:add" },
    });
    expect((await harness().request(BASE, { token: viewer })).status).toBe(200);
  });

  it("searches by name, email and phone in another format, with page-number paging and sortOrder", async () => {
    for (const name of ["Pagewood-A", "Pagewood-B", "Pagewood-C"])
      await create({
        firstName: "Ada",
        lastName: name,
        workPhone: { display: "+1 415 555 0142" },
        workEmail: `${name}@pages.example`,
      });
    const first = await harness().request(`${BASE}?q=pagewood&pageSize=2&sortOrder=lastName:desc`);
    const page1 = (await first.json()) as {
      entities: Json[];
      total: number;
      pageCount: number;
      nextUri?: string;
      previousUri?: string;
      lastUri: string;
    };
    expect(page1.total).toBe(3);
    expect(page1.pageCount).toBe(2);
    expect(page1.entities.map((e) => e.lastName)).toEqual(["Pagewood-C", "Pagewood-B"]);
    expect(page1.previousUri).toBeUndefined();
    expect(page1.nextUri).toBe(`${BASE}?pageSize=2&pageNumber=2&q=pagewood&sortOrder=lastName%3Adesc`);
    const page2 = (await (await harness().request(page1.nextUri!)).json()) as {
      entities: Json[];
      nextUri?: string;
      previousUri?: string;
    };
    expect(page2.entities.map((e) => e.lastName)).toEqual(["Pagewood-A"]);
    expect(page2.nextUri).toBeUndefined();
    expect(page2.previousUri).toBeDefined();

    for (const q of ["PAGEWOOD-b@pages", "(415) 555-0142"]) {
      const found = (await (await harness().request(`${BASE}?q=${encodeURIComponent(q)}`)).json()) as {
        total: number;
      };
      expect(found.total, q).toBeGreaterThan(0);
    }
  });

  it("validates paging, sortOrder and expand parameters", async () => {
    for (const query of [
      "pageSize=200&pageNumber=6",
      "pageSize=0",
      "pageNumber=abc",
      "sortOrder=workEmail:asc",
      "sortOrder=lastName:sideways",
      "expand=everything",
    ]) {
      const response = await harness().request(`${BASE}?${query}`);
      expect(response.status, query).toBe(400);
    }
    const defaults = (await (await harness().request(BASE)).json()) as {
      pageSize: number;
      pageNumber: number;
    };
    expect(defaults).toMatchObject({ pageSize: 20, pageNumber: 1 });
    expect((await harness().request(`${BASE}?pageSize=1000&pageNumber=1`)).status).toBe(200);
  });

  it("expands the division with its name", async () => {
    const created = await create({ firstName: "Division", lastName: "Expanded" });
    const plain = (await (await harness().request(`${BASE}/${created.id}`)).json()) as {
      division: { name?: string };
    };
    expect(plain.division.name).toBeUndefined();
    const both = (await (
      await harness().request(`${BASE}/${created.id}?expand=division&expand=externalOrganization`)
    ).json()) as { division: { name?: string } };
    expect(both.division.name).toBe("Home");
    const listed = (await (
      await harness().request(`${BASE}?q=expanded&expand=division,externalDataSources`)
    ).json()) as { entities: { division: { name: string } }[] };
    expect(listed.entities[0]!.division.name).toBe("Home");
  });

  it("filters by divisionIds and answers 404 for unknown ids of any shape", async () => {
    const created = await create({ firstName: "Scoped", lastName: "Division" });
    const division = (created.division as { id: string }).id;
    const inHome = (await (await harness().request(`${BASE}?q=scoped&divisionIds=${division}`)).json()) as {
      total: number;
    };
    expect(inHome.total).toBe(1);
    const elsewhere = (await (
      await harness().request(`${BASE}?q=scoped&divisionIds=${crypto.randomUUID()}`)
    ).json()) as { total: number };
    expect(elsewhere.total).toBe(0);
    for (const id of [crypto.randomUUID(), "not-a-uuid"])
      expect((await harness().request(`${BASE}/${id}`)).status).toBe(404);
  });

  it("validates social handles by their Genesys models before they go to extensions", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ twitterId: { screenName: "not valid!" } }, "twitterId.screenName"],
      [{ twitterId: { name: "no id" } }, "twitterId"],
      [{ lineId: { ids: [{ userId: "a" }, { userId: "b" }] } }, "lineId.ids"],
      [{ facebookId: { displayName: "no ids" } }, "facebookId.ids"],
      [{ whatsAppId: { displayName: "no number" } }, "whatsAppId.phoneNumber"],
      [{ appleOpaqueIds: Array.from({ length: 11 }, (_, i) => ({ value: `a${i}` })) }, "appleOpaqueIds"],
    ];
    for (const [body, field] of cases) {
      const response = await harness().request(BASE, { method: "POST", json: { firstName: "S", ...body } });
      expect(response.status, field).toBe(400);
      const error = (await response.json()) as { details: { fieldName: string }[] };
      expect(
        error.details.map((d) => d.fieldName),
        field,
      ).toEqual([field]);
    }
  });

  it("lists in the exact ContactListing shape; page URIs keep expand and divisionIds", async () => {
    const one = await create({ firstName: "Solo", lastName: "Shapely" });
    const single = (await (await harness().request(`${BASE}?q=shapely`)).json()) as Record<string, unknown>;
    expect(Object.keys(single).sort()).toEqual(
      ["entities", "firstUri", "lastUri", "pageCount", "pageNumber", "pageSize", "selfUri", "total"].sort(),
    );
    expect(single).toMatchObject({
      pageSize: 20,
      pageNumber: 1,
      total: 1,
      pageCount: 1,
      firstUri: `${BASE}?pageSize=20&pageNumber=1&q=shapely`,
      selfUri: `${BASE}?pageSize=20&pageNumber=1&q=shapely`,
      lastUri: `${BASE}?pageSize=20&pageNumber=1&q=shapely`,
    });
    await create({ firstName: "Duo", lastName: "Shapely" });
    const division = (one.division as { id: string }).id;
    const paged = (await (
      await harness().request(`${BASE}?q=shapely&pageSize=1&expand=division&divisionIds=${division}`)
    ).json()) as { nextUri: string; entities: { division: { name?: string } }[] };
    expect(paged.nextUri).toBe(
      `${BASE}?pageSize=1&pageNumber=2&q=shapely&expand=division&divisionIds=${division}`,
    );
    const next = (await (await harness().request(paged.nextUri)).json()) as typeof paged;
    expect(next.entities[0]!.division.name).toBe("Home");
  });

  it("checks each operation's own permission; the legacy relate: spelling also grants it", async () => {
    const created = await create({ firstName: "Guarded" });
    const editor = await harness().tokenFor([
      "externalContacts:contact:view",
      "externalContacts:contact:edit",
    ]);
    const put = await harness().request(`${BASE}/${created.id}`, {
      method: "PUT",
      json: { firstName: "Guarded", title: "Edited" },
      token: editor,
    });
    expect(put.status).toBe(200);
    const remove = await harness().request(`${BASE}/${created.id}`, { method: "DELETE", token: editor });
    expect(remove.status).toBe(403);
    expect(await remove.json()).toMatchObject({
      messageParams: { permissions: "externalContacts:contact:delete" },
    });
    const nothing = await harness().tokenFor(["externalContacts:externalOrganization:view"]);
    expect((await harness().request(`${BASE}/${created.id}`, { token: nothing })).status).toBe(403);
    const legacy = await harness().tokenFor(["relate:contact:view"]);
    expect((await harness().request(`${BASE}/${created.id}`, { token: legacy })).status).toBe(200);
  });
});
