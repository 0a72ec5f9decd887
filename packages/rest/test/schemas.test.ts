import { describe, expect, it } from "vitest";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const SCHEMAS = "/api/v2/externalcontacts/contacts/schemas";
const CONTACTS = "/api/v2/externalcontacts/contacts";
type Json = Record<string, unknown>;

const loyalty = {
  name: "Loyalty",
  jsonSchema: {
    type: "object",
    required: ["tier"],
    properties: {
      tier: { allOf: [{ $ref: "#/definitions/enum" }], title: "Tier", enum: ["gold", "silver"] },
      points: { allOf: [{ $ref: "#/definitions/integer" }], title: "Points", minimum: 0, maximum: 1000 },
    },
  },
};

describe("Genesys custom-field schemas", () => {
  it("creates version 1, updates to version 2 with 409 on a stale version, and lists versions", async () => {
    const h = harness();
    const created = (await (await h.request(SCHEMAS, { method: "POST", json: loyalty })).json()) as Json & {
      id: string;
    };
    expect(created).toMatchObject({
      name: "Loyalty",
      version: 1,
      appliesTo: ["CONTACT"],
      enabled: true,
      jsonSchema: loyalty.jsonSchema,
    });

    const stale = await h.request(`${SCHEMAS}/${created.id}`, {
      method: "PUT",
      json: { ...loyalty, version: 7 },
    });
    expect(stale.status).toBe(409);
    const noVersion = await h.request(`${SCHEMAS}/${created.id}`, { method: "PUT", json: loyalty });
    expect(noVersion.status).toBe(400);
    const v2 = await h.request(`${SCHEMAS}/${created.id}`, {
      method: "PUT",
      json: { ...loyalty, name: "Loyalty 2", version: 1 },
    });
    expect(v2.status).toBe(200);
    expect(await v2.json()).toMatchObject({ version: 2, name: "Loyalty 2" });

    const versions = (await (await h.request(`${SCHEMAS}/${created.id}/versions`)).json()) as {
      entities: Json[];
      total: number;
    };
    expect(versions.entities.map((v) => v.version)).toEqual([2, 1]);
    const v1 = (await (await h.request(`${SCHEMAS}/${created.id}/versions/1`)).json()) as Json;
    expect(v1).toMatchObject({ version: 1, name: "Loyalty" });
    expect((await h.request(`${SCHEMAS}/${created.id}/versions/9`)).status).toBe(404);
    const all = (await (await h.request(SCHEMAS)).json()) as { entities: Json[] };
    expect(all.entities.map((s) => s.id)).toContain(created.id);
  });

  it("validates custom fields of contacts written through the API against the exact version", async () => {
    const h = harness();
    const schema = (await (await h.request(SCHEMAS, { method: "POST", json: loyalty })).json()) as {
      id: string;
    };
    const ok = await h.request(CONTACTS, {
      method: "POST",
      json: {
        firstName: "Custom",
        schema: { id: schema.id, version: 1 },
        customFields: { tier: "gold", points: 10 },
      },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      schema: { id: schema.id, version: 1 },
      customFields: { tier: "gold", points: 10 },
    });

    const bad = await h.request(CONTACTS, {
      method: "POST",
      json: {
        firstName: "Bad",
        schema: { id: schema.id, version: 1 },
        customFields: { tier: "bronze", points: 5000, extra: 1 },
      },
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { details: { fieldName: string }[] };
    expect(body.details.map((d) => d.fieldName).sort()).toEqual([
      "customFields.extra",
      "customFields.points",
      "customFields.tier",
    ]);
  });

  it("refuses a bad schema document, naming the field", async () => {
    const bad = await harness().request(SCHEMAS, {
      method: "POST",
      json: {
        name: "Bad",
        jsonSchema: { properties: { level: { allOf: [{ $ref: "#/definitions/hologram" }] } } },
      },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { details: { fieldName: string }[] }).details[0]!.fieldName).toBe(
      "jsonSchema.properties.level.allOf",
    );
  });

  it("lists core types and limits, deletes contact schemas (204), and has no delete for organization schemas", async () => {
    const h = harness();
    const types = (await (await h.request(`${SCHEMAS}/coretypes`)).json()) as {
      entities: { name: string }[];
    };
    expect(types.entities.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        "text",
        "longtext",
        "url",
        "identifier",
        "enum",
        "date",
        "datetime",
        "integer",
        "number",
        "checkbox",
        "tag",
      ]),
    );
    expect(await (await h.request(`${SCHEMAS}/coretypes/tag`)).json()).toMatchObject({
      name: "tag",
      validationFields: ["minItems", "maxItems"],
    });
    expect((await h.request(`${SCHEMAS}/coretypes/nope`)).status).toBe(404);
    expect(await (await h.request(`${SCHEMAS}/limits`)).json()).toMatchObject({
      maxNumberOfFieldsPerSchema: 100,
    });

    const schema = (await (await h.request(SCHEMAS, { method: "POST", json: loyalty })).json()) as {
      id: string;
    };
    const removed = await h.request(`${SCHEMAS}/${schema.id}`, { method: "DELETE" });
    expect(removed.status).toBe(204);
    expect((await h.request(`${SCHEMAS}/${schema.id}`)).status).toBe(404);

    const orgSchema = (await (
      await h.request("/api/v2/externalcontacts/organizations/schemas", { method: "POST", json: loyalty })
    ).json()) as { id: string; appliesTo: string[] };
    expect(orgSchema.appliesTo).toEqual(["EXTERNAL_ORGANIZATION"]);
    expect(
      (
        await h.request(`/api/v2/externalcontacts/organizations/schemas/${orgSchema.id}`, {
          method: "DELETE",
        })
      ).status,
    ).toBe(404);
    const ORG_SCHEMAS = "/api/v2/externalcontacts/organizations/schemas";
    const orgV2 = await h.request(`${ORG_SCHEMAS}/${orgSchema.id}`, {
      method: "PUT",
      json: { ...loyalty, version: 1 },
    });
    expect(await orgV2.json()).toMatchObject({ version: 2, appliesTo: ["EXTERNAL_ORGANIZATION"] });
    const orgVersions = (await (await h.request(`${ORG_SCHEMAS}/${orgSchema.id}/versions`)).json()) as {
      total: number;
    };
    expect(orgVersions.total).toBe(2);
    expect(await (await h.request(`${ORG_SCHEMAS}/${orgSchema.id}/versions/1`)).json()).toMatchObject({
      version: 1,
    });
    expect(await (await h.request(ORG_SCHEMAS)).json()).toMatchObject({ total: 1 });
    expect((await h.request(`${ORG_SCHEMAS}/coretypes`)).status).toBe(200);
    expect((await h.request(`${ORG_SCHEMAS}/limits`)).status).toBe(200);
    // A contact schema is not an organization schema.
    expect((await h.request(`${ORG_SCHEMAS}/${schema.id}`)).status).toBe(404);
  });

  it("needs the custom fields permissions", async () => {
    const h = harness();
    const viewer = await h.tokenFor(["externalContacts:customFields:view"]);
    expect((await h.request(SCHEMAS, { token: viewer })).status).toBe(200);
    expect((await h.request(SCHEMAS, { method: "POST", json: loyalty, token: viewer })).status).toBe(403);
  });
});

describe("Genesys external sources", () => {
  const SOURCES = "/api/v2/externalcontacts/externalsources";

  it("creates, reads, updates, lists with a cursor and deletes; names are unique", async () => {
    const h = harness();
    const created = (await (
      await h.request(SOURCES, {
        method: "POST",
        json: { name: "CRM", linkConfiguration: { uriTemplate: "https://crm.example/{{externalId.value}}" } },
      })
    ).json()) as Json & { id: string };
    expect(created).toMatchObject({
      name: "CRM",
      active: true,
      linkConfiguration: { uriTemplate: "https://crm.example/{{externalId.value}}" },
    });
    expect((await h.request(SOURCES, { method: "POST", json: { name: "crm" } })).status).toBe(409);
    const updated = await h.request(`${SOURCES}/${created.id}`, {
      method: "PUT",
      json: { name: "CRM", active: false },
    });
    expect(await updated.json()).toMatchObject({ active: false });

    for (let i = 0; i < 11; i++) await h.request(SOURCES, { method: "POST", json: { name: `Source ${i}` } });
    const first = (await (await h.request(`${SOURCES}?limit=10`)).json()) as {
      entities: Json[];
      cursors?: { after: string };
      nextUri?: string;
    };
    expect(first.entities).toHaveLength(10);
    const second = (await (await h.request(first.nextUri!)).json()) as { entities: Json[]; nextUri?: string };
    expect(second.entities).toHaveLength(2);
    expect(second.nextUri).toBeUndefined();
    expect((await h.request(`${SOURCES}?limit=5`)).status).toBe(400);
    expect((await h.request(`${SOURCES}?cursor=forged`)).status).toBe(400);

    const removed = await h.request(`${SOURCES}/${created.id}`, { method: "DELETE" });
    expect(removed.status).toBe(200);
    expect((await h.request(`${SOURCES}/${created.id}`)).status).toBe(404);
  });

  it("gives contacts external ids from a source, unique per source", async () => {
    const h = harness();
    const source = (await (
      await h.request(SOURCES, {
        method: "POST",
        json: { name: "ERP", linkConfiguration: { uriTemplate: "https://erp.example/{{externalId.value}}" } },
      })
    ).json()) as { id: string };
    const body = { firstName: "Ext", externalIds: [{ externalSource: { id: source.id }, value: "E-1" }] };
    const created = (await (await h.request(CONTACTS, { method: "POST", json: body })).json()) as {
      externalIds: Json[];
    };
    expect(created.externalIds).toEqual([
      { externalSource: expect.objectContaining({ id: source.id, name: "ERP" }), value: "E-1" },
    ]);
    const duplicate = await h.request(CONTACTS, { method: "POST", json: body });
    expect(duplicate.status).toBe(409);
    expect(await duplicate.json()).toMatchObject({
      code: "conflict",
      details: [{ fieldName: "externalIds.0.value" }],
    });
  });
});
