import {
  addNote,
  createApiClient,
  createContact,
  createOrganization,
  createRelationship,
  PERMISSIONS,
  saveDivision,
  saveRole,
  setRoleDivisions,
  systemActor,
} from "@switchboard/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const API = "/api/v2/externalcontacts";
type Json = Record<string, unknown> & { id: string };
interface Page {
  entities: Json[];
  selfUri: string;
  nextUri?: string;
  cursors?: { after: string };
}

/** One record of each kind in Home, and 12 contacts, an organization, a note and a relationship in North. */
const seeded = { north: [] as string[], home: [] as string[] };
let northOrg = "";
let northNote = "";
let northRelationship = "";

beforeAll(async () => {
  const h = harness();
  const system = { db: h.database.db, tenantId: h.tenantId, actor: systemActor("test") };
  const north = await saveDivision(system, { name: "North" });
  seeded.home.push((await createContact(system, { firstName: "View", lastName: "Home" })).id);
  for (let i = 0; i < 12; i++)
    seeded.north.push(
      (await createContact(system, { firstName: "View", lastName: `North ${i}`, divisionId: north.id })).id,
    );
  northOrg = (await createOrganization(system, { name: "North Ltd", divisionId: north.id })).id;
  northNote = (await addNote(system, { type: "contact", id: seeded.north[0]! }, { text: "north" })).id;
  const [member] = await h.database.db.query.members.findMany({ limit: 1 });
  northRelationship = (
    await createRelationship(system, {
      memberId: member!.id,
      organizationId: northOrg,
      relationship: "Owner",
    })
  ).id;
});

/** Every page of a scan, following `cursors.after`. */
async function scanAll(path: string, token?: string) {
  const h = harness();
  const ids: string[] = [];
  const pages: Page[] = [];
  let cursor: string | undefined;
  do {
    const response = await h.request(`${path}?limit=10${cursor ? `&cursor=${cursor}` : ""}`, { token });
    expect(response.status).toBe(200);
    const page = (await response.json()) as Page;
    pages.push(page);
    ids.push(...page.entities.map((e) => e.id));
    cursor = page.cursors?.after;
  } while (cursor);
  return { ids, pages };
}

describe("Genesys division views", () => {
  it("scan every division's contacts, organizations, notes and relationships with the viewAll permissions alone", async () => {
    const h = harness();
    const contactsViewer = await h.tokenFor([PERMISSIONS.contactViewAll]);
    const { ids, pages } = await scanAll(`${API}/scan/contacts/divisionviews/all`, contactsViewer);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining([...seeded.home, ...seeded.north]));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]!.selfUri).toBe(`${API}/scan/contacts/divisionviews/all?limit=10`);
    expect(pages[0]!.nextUri).toBe(
      `${API}/scan/contacts/divisionviews/all?limit=10&cursor=${pages[0]!.cursors!.after}`,
    );
    expect(pages.at(-1)!.nextUri).toBeUndefined();
    expect((await scanAll(`${API}/scan/notes/divisionviews/all`, contactsViewer)).ids).toContain(northNote);
    expect((await scanAll(`${API}/scan/relationships/divisionviews/all`, contactsViewer)).ids).toContain(
      northRelationship,
    );
    const orgViewer = await h.tokenFor([PERMISSIONS.organizationViewAll]);
    expect((await scanAll(`${API}/scan/organizations/divisionviews/all`, orgViewer)).ids).toContain(northOrg);
    const org = await h.request(`${API}/scan/organizations/divisionviews/all`, { token: orgViewer });
    expect(((await org.json()) as Page).entities.find((o) => o.id === northOrg)).toMatchObject({
      name: "North Ltd",
    });
  });

  it("bulk fetch contacts and organizations of every division with the search permissions, item by item", async () => {
    const h = harness();
    const missing = "00000000-0000-4000-8000-000000000000";
    const response = await h.request(`${API}/bulk/contacts/divisionviews`, {
      method: "POST",
      token: await h.tokenFor([PERMISSIONS.contactSearch]),
      json: { entities: [{ id: seeded.north[1] }, { id: missing }, { id: seeded.home[0] }] },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      results: { id: string; success: boolean; status: number; entity?: Json }[];
      errorCount: number;
      errorIndexes: number[];
    };
    expect(body.results.map((r) => [r.id, r.success, r.status])).toEqual([
      [seeded.north[1], true, 200],
      [missing, false, 404],
      [seeded.home[0], true, 200],
    ]);
    expect(body.results[0]!.entity).toMatchObject({ id: seeded.north[1], lastName: "North 1" });
    expect(body).toMatchObject({ errorCount: 1, errorIndexes: [1] });

    const orgs = await h.request(`${API}/bulk/organizations/divisionviews`, {
      method: "POST",
      token: await h.tokenFor([PERMISSIONS.organizationSearch]),
      json: { entities: [{ id: northOrg }] },
    });
    expect(((await orgs.json()) as { results: { entity: Json }[] }).results[0]!.entity).toMatchObject({
      id: northOrg,
      name: "North Ltd",
    });
    const tooMany = await h.request(`${API}/bulk/contacts/divisionviews`, {
      method: "POST",
      json: { entities: Array.from({ length: 101 }, () => ({ id: missing })) },
    });
    expect(tooMany.status).toBe(422);
  });

  it("refuse a caller whose roles are limited to some divisions, even with every permission", async () => {
    const h = harness();
    const system = { db: h.database.db, tenantId: h.tenantId, actor: systemActor("test") };
    const west = await saveDivision(system, { name: "West (views)" });
    const role = await saveRole(system, { name: "West everything", permissions: ["*"] });
    await setRoleDivisions(system, role.id, [west.id]);
    const token = await h.issueToken(
      await createApiClient(system, { name: "west views", roleIds: [role.id] }),
    );
    for (const kind of ["contacts", "organizations", "notes", "relationships"]) {
      const response = await h.request(`${API}/scan/${kind}/divisionviews/all`, { token });
      expect(response.status, kind).toBe(403);
      expect(await response.json()).toMatchObject({
        code: "missing.any.permissions",
        messageParams: { permissions: "access to every division" },
      });
    }
    for (const kind of ["contacts", "organizations"]) {
      const response = await h.request(`${API}/bulk/${kind}/divisionviews`, {
        method: "POST",
        token,
        json: { entities: [{ id: seeded.north[0] }] },
      });
      expect(response.status, kind).toBe(403);
      expect(await response.text()).not.toContain("North");
    }
    // Its ordinary scan still answers, with its own division's records only.
    const own = await h.request(`${API}/scan/contacts`, { token });
    expect(((await own.json()) as Page).entities).toEqual([]);
  });

  it("refuse callers without the view's permission, bad limits and forged cursors", async () => {
    const h = harness();
    const viewer = await h.tokenFor([PERMISSIONS.contactView, PERMISSIONS.organizationView]);
    for (const path of ["contacts", "notes", "relationships", "organizations"]) {
      const response = await h.request(`${API}/scan/${path}/divisionviews/all`, { token: viewer });
      expect(response.status, path).toBe(403);
      expect(((await response.json()) as { message: string }).message).toContain("viewAll");
    }
    const bulk = await h.request(`${API}/bulk/contacts/divisionviews`, {
      method: "POST",
      token: viewer,
      json: { entities: [] },
    });
    expect(bulk.status).toBe(403);
    for (const query of ["limit=5", "limit=201", "limit=ten", "cursor=forged"]) {
      const response = await h.request(`${API}/scan/contacts/divisionviews/all?${query}`);
      expect(response.status, query).toBe(400);
      expect(await response.json()).toMatchObject({ status: 400 });
    }
  });
});

describe("the division views in the OpenAPI document", () => {
  it("name their permissions and models, and list no 409 for the bulk reads", async () => {
    const document = (await (await harness().request(`${API}/openapi.json`, { token: null })).json()) as {
      paths: Record<string, Record<string, { description: string; responses: Record<string, unknown> }>>;
    };
    const scan = document.paths[`${API}/scan/contacts/divisionviews/all`]!.get!;
    expect(scan.description).toBe("Requires externalContacts:contact:viewAll");
    expect(JSON.stringify(scan.responses["200"])).toContain("CursorContactListing");
    for (const kind of ["contacts", "organizations"]) {
      const bulk = document.paths[`${API}/bulk/${kind}/divisionviews`]!.post!;
      expect(bulk.description).toContain(":search");
      expect(Object.keys(bulk.responses), kind).not.toContain("409");
    }
  });
});
