import { describe, expect, it } from "vitest";
import {
  createContact,
  createOrganization,
  createSchema,
  deleteSchema,
  getContact,
  getSchema,
  getSchemaVersion,
  listCoreTypes,
  listSchemas,
  listSchemaVersions,
  PERMISSIONS,
  updateContact,
  updateSchema,
} from "../src";
import { failure, withTestTenant } from "./helpers";

const tenant = withTestTenant();
const text = (maxLength: number) => ({ allOf: [{ $ref: "#/definitions/text" }], title: "Text", maxLength });

describe("data schemas", () => {
  it("creates version 1 and saves each update as a new immutable version", async () => {
    const t = tenant();
    const created = await createSchema(t.admin, "contact", {
      name: "Loyalty",
      jsonSchema: { properties: { level: text(10) } },
    });
    expect(created).toMatchObject({
      version: 1,
      enabled: true,
      appliesTo: "contact",
      createdByName: "Test Admin",
    });
    const v2 = await updateSchema(t.admin, "contact", created.id, {
      version: 1,
      name: "Loyalty",
      jsonSchema: { properties: { level: text(20), notes: text(50) } },
    });
    expect(v2.version).toBe(2);
    expect((await getSchema(t.admin, "contact", created.id)).version).toBe(2);
    expect((await getSchemaVersion(t.admin, "contact", created.id, 1)).jsonSchema).toEqual(
      created.jsonSchema,
    );
    expect((await listSchemaVersions(t.admin, "contact", created.id)).map((s) => s.version)).toEqual([2, 1]);
    expect((await listSchemas(t.admin, "contact")).map((s) => s.id)).toContain(created.id);
    expect(await listSchemas(t.admin, "organization")).toEqual([]);

    const stale = await failure(
      updateSchema(t.admin, "contact", created.id, { version: 1, name: "x", jsonSchema: {} }),
    );
    expect(stale!.code).toBe("CONFLICT");
  });

  it("refuses a bad document with the field paths", async () => {
    const t = tenant();
    const error = await failure(
      createSchema(t.admin, "contact", { name: "Bad", jsonSchema: { properties: { code: text(5000) } } }),
    );
    expect(error!.issues).toEqual([
      { path: "jsonSchema.properties.code.maxLength", message: "must be between 1 and 100" },
    ]);
  });

  it("validates contact custom fields against the exact version they name", async () => {
    const t = tenant();
    const schema = await createSchema(t.admin, "contact", {
      name: "Tiers",
      jsonSchema: { properties: { level: text(5) } },
    });
    const c = await createContact(t.admin, {
      firstName: "Custom",
      schemaId: schema.id,
      schemaVersion: 1,
      customFields: { level: "gold" },
    });
    expect((await getContact(t.admin, c.id)).customFields).toEqual({ level: "gold" });

    const tooLong = await failure(
      createContact(t.admin, {
        firstName: "X",
        schemaId: schema.id,
        schemaVersion: 1,
        customFields: { level: "platinum" },
      }),
    );
    expect(tooLong!.issues.map((i) => i.path)).toEqual(["customFields.level"]);

    // Version 2 allows longer values; the old record still validates against version 1.
    await updateSchema(t.admin, "contact", schema.id, {
      version: 1,
      name: "Tiers",
      jsonSchema: { properties: { level: text(20) } },
    });
    await updateContact(t.admin, c.id, {
      firstName: "Custom II",
      schemaId: schema.id,
      schemaVersion: 1,
      customFields: { level: "gold" },
    });
    const upgraded = await updateContact(t.admin, c.id, {
      firstName: "Custom II",
      schemaId: schema.id,
      schemaVersion: 2,
      customFields: { level: "platinum" },
    });
    expect(upgraded.schemaVersion).toBe(2);
    expect(
      (await failure(createContact(t.admin, { firstName: "X", schemaId: schema.id, schemaVersion: 9 })))!
        .issues[0]!.path,
    ).toBe("schemaVersion");
  });

  it("does not let a contact schema be used for organizations, nor a disabled schema be assigned", async () => {
    const t = tenant();
    const schema = await createSchema(t.admin, "contact", {
      name: "Person only",
      enabled: false,
      jsonSchema: { properties: {} },
    });
    const org = await failure(
      createOrganization(t.admin, { name: "O", schemaId: schema.id, schemaVersion: 1 }),
    );
    expect(org!.issues[0]!.path).toBe("schemaId");
    const disabled = await failure(
      createContact(t.admin, { firstName: "D", schemaId: schema.id, schemaVersion: 1 }),
    );
    expect(disabled!.issues[0]!.message).toMatch(/disabled/);
  });

  it("deletes contact schemas and checks permissions", async () => {
    const t = tenant();
    const schema = await createSchema(t.admin, "contact", { name: "Temp", jsonSchema: {} });
    const viewer = t.as([PERMISSIONS.customFieldsView]);
    expect(listCoreTypes(viewer).map((c) => c.name)).toContain("tag");
    expect((await failure(createSchema(viewer, "contact", { name: "x", jsonSchema: {} })))!.code).toBe(
      "FORBIDDEN",
    );
    expect((await failure(deleteSchema(viewer, "contact", schema.id)))!.code).toBe("FORBIDDEN");
    await deleteSchema(t.admin, "contact", schema.id);
    expect((await failure(getSchema(t.admin, "contact", schema.id)))!.code).toBe("NOT_FOUND");
  });
});
