import { members } from "@switchboard/db";
import { describe, expect, it } from "vitest";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const API = "/api/v2/externalcontacts";
type Json = Record<string, unknown> & { id: string };

async function post(path: string, body: unknown): Promise<Json> {
  const response = await harness().request(`${API}${path}`, { method: "POST", json: body });
  expect(response.status, path).toBe(200);
  return (await response.json()) as Json;
}

const acme = {
  name: "Acme Corp",
  companyType: "Customer",
  industry: "Manufacturing",
  address: { address1: "1 Road", city: "Springfield", countryCode: "US" },
  phoneNumber: { display: "+1 212 555 0100" },
  faxNumber: { display: "+1 212 555 0101" },
  employeeCount: 250,
  revenue: 1000000,
  tags: ["key"],
  websites: ["https://acme.example"],
  tickers: [{ symbol: "ACME", exchange: "NYSE" }],
  twitterId: { screenName: "acme" },
  externalSystemUrl: "https://crm.example/acme",
};

describe("Genesys external organizations", () => {
  it("creates, reads back every field, updates, searches and deletes", async () => {
    const created = await post("/organizations", acme);
    expect(created).toMatchObject({
      ...acme,
      phoneNumber: { e164: "+12125550100" },
      faxNumber: { e164: "+12125550101" },
    });
    const read = (await (await harness().request(`${API}/organizations/${created.id}`)).json()) as Json;
    expect(read).toEqual(created);

    const updated = await harness().request(`${API}/organizations/${created.id}`, {
      method: "PUT",
      json: { ...acme, industry: "Robotics" },
    });
    expect(await updated.json()).toMatchObject({ industry: "Robotics" });

    const found = (await (
      await harness().request(`${API}/organizations?q=acme&sortOrder=name:asc`)
    ).json()) as { entities: Json[]; total: number };
    expect(found.entities.map((o) => o.id)).toContain(created.id);

    expect((await harness().request(`${API}/organizations/${created.id}`, { method: "DELETE" })).status).toBe(
      200,
    );
    expect((await harness().request(`${API}/organizations/${created.id}`)).status).toBe(404);
  });

  it("requires a name and lists the contacts of an organization", async () => {
    expect(
      (await harness().request(`${API}/organizations`, { method: "POST", json: { industry: "x" } })).status,
    ).toBe(400);
    const org = await post("/organizations", { name: "Initech" });
    const peter = await post("/contacts", { firstName: "Peter", externalOrganization: { id: org.id } });
    await post("/contacts", { firstName: "Milton" });
    const listing = (await (await harness().request(`${API}/organizations/${org.id}/contacts`)).json()) as {
      entities: Json[];
      total: number;
    };
    expect(listing.entities.map((c) => c.id)).toEqual([peter.id]);
    const expanded = (await (
      await harness().request(`${API}/contacts/${peter.id}?expand=externalOrganization`)
    ).json()) as { externalOrganization: { name: string } };
    expect(expanded.externalOrganization.name).toBe("Initech");
    expect((await harness().request(`${API}/organizations/${crypto.randomUUID()}/contacts`)).status).toBe(
      404,
    );
  });

  it("needs the organization permissions", async () => {
    const viewer = await harness().tokenFor(["externalContacts:externalOrganization:view"]);
    expect((await harness().request(`${API}/organizations`, { token: viewer })).status).toBe(200);
    expect(
      (
        await harness().request(`${API}/organizations`, {
          method: "POST",
          json: { name: "x" },
          token: viewer,
        })
      ).status,
    ).toBe(403);
    const legacy = await harness().tokenFor(["relate:externalOrganization:view"]);
    expect((await harness().request(`${API}/organizations`, { token: legacy })).status).toBe(200);
  });
});

describe("Genesys notes", () => {
  it("adds, pages, sorts, edits and deletes notes on contacts and organizations", async () => {
    const contact = await post("/contacts", { firstName: "Noted" });
    const first = await post(`/contacts/${contact.id}/notes`, { noteText: "first" });
    const second = await post(`/contacts/${contact.id}/notes`, { noteText: "second" });
    expect(first).toMatchObject({
      entityId: contact.id,
      entityType: "contact",
      noteText: "first",
      selfUri: `${API}/contacts/${contact.id}/notes/${first.id}`,
    });

    const page = (await (
      await harness().request(`${API}/contacts/${contact.id}/notes?pageSize=1&sortOrder=createDate:asc`)
    ).json()) as { entities: Json[]; total: number; nextUri?: string };
    expect(page.total).toBe(2);
    expect(page.entities.map((n) => n.id)).toEqual([first.id]);
    expect(page.nextUri).toBeDefined();
    const newest = (await (await harness().request(`${API}/contacts/${contact.id}/notes`)).json()) as {
      entities: Json[];
    };
    expect(newest.entities[0]!.id).toBe(second.id);

    const edited = await harness().request(`${API}/contacts/${contact.id}/notes/${first.id}`, {
      method: "PUT",
      json: { noteText: "first, edited" },
    });
    expect(await edited.json()).toMatchObject({ noteText: "first, edited" });
    expect(
      (await harness().request(`${API}/contacts/${contact.id}/notes/${first.id}`, { method: "DELETE" }))
        .status,
    ).toBe(200);
    expect((await harness().request(`${API}/contacts/${contact.id}/notes/${first.id}`)).status).toBe(404);

    const org = await post("/organizations", { name: "Noted Org" });
    const orgNote = await post(`/organizations/${org.id}/notes`, { noteText: "org note" });
    expect(orgNote).toMatchObject({ entityType: "organization", entityId: org.id });
  });

  it("refuses empty notes, unknown parents and missing permissions", async () => {
    const contact = await post("/contacts", { firstName: "Strict" });
    expect(
      (
        await harness().request(`${API}/contacts/${contact.id}/notes`, {
          method: "POST",
          json: { noteText: "" },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await harness().request(`${API}/contacts/${crypto.randomUUID()}/notes`, {
          method: "POST",
          json: { noteText: "x" },
        })
      ).status,
    ).toBe(404);
    const viewer = await harness().tokenFor(["externalContacts:contact:view"]);
    expect(
      (
        await harness().request(`${API}/contacts/${contact.id}/notes`, {
          method: "POST",
          json: { noteText: "x" },
          token: viewer,
        })
      ).status,
    ).toBe(403);
  });
});

describe("Genesys relationships", () => {
  it("links a user to an organization, lists per organization, updates and deletes", async () => {
    const org = await post("/organizations", { name: "Related" });
    const [member] = await harness().database.db.select().from(members);
    const rel = await post("/relationships", {
      user: { id: member!.id },
      externalOrganization: { id: org.id },
      relationship: "Account Manager",
    });
    expect(rel).toMatchObject({
      relationship: "Account Manager",
      user: { id: member!.id },
      externalOrganization: { id: org.id },
    });
    expect(await (await harness().request(`${API}/relationships/${rel.id}`)).json()).toEqual(rel);

    const put = await harness().request(`${API}/relationships/${rel.id}`, {
      method: "PUT",
      json: { user: { id: member!.id }, externalOrganization: { id: org.id }, relationship: "Sponsor" },
    });
    expect(await put.json()).toMatchObject({ relationship: "Sponsor" });
    const listing = (await (
      await harness().request(`${API}/organizations/${org.id}/relationships?sortOrder=relationship:asc`)
    ).json()) as { entities: Json[] };
    expect(listing.entities.map((r) => r.id)).toEqual([rel.id]);

    expect(
      (
        await harness().request(`${API}/relationships`, {
          method: "POST",
          json: {
            user: { id: crypto.randomUUID() },
            externalOrganization: { id: org.id },
            relationship: "x",
          },
        })
      ).status,
    ).toBe(400);
    expect((await harness().request(`${API}/relationships/${rel.id}`, { method: "DELETE" })).status).toBe(
      200,
    );
    expect((await harness().request(`${API}/relationships/${rel.id}`)).status).toBe(404);
  });
});
