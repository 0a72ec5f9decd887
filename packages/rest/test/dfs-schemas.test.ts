import { PERMISSIONS } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { expectApiError, json } from "./dfs-harness";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const SCHEMA = "/dfs/v1.0/schemas/contact";

type SchemaResponse = {
  id: number;
  key: string;
  schema: string;
  jsonSchema: string;
  concurrencyToken: number;
};

describe("DFS schemas (#42-#45, #47)", () => {
  it("reads the default contact schema with its JSON schema and concurrency token", async () => {
    const body = await json<SchemaResponse>(await harness().request(SCHEMA));
    expect(body).toMatchObject({ id: 1, key: "contact", concurrencyToken: 1 });
    const definition = JSON.parse(body.schema) as {
      fields: { key: string; binding?: string; isApprovalRequired: boolean }[];
    };
    expect(definition.fields.find((f) => f.key === "personalInformation.lastName")).toMatchObject({
      binding: "lastName",
      isApprovalRequired: true,
    });
    const jsonSchema = JSON.parse(body.jsonSchema);
    expect(jsonSchema.properties.personalInformation.properties.dateOfBirth).toMatchObject({
      format: "date",
    });
    expect(
      JSON.parse(
        (await json<{ jsonSchema: string }>(await harness().request(`${SCHEMA}/json-schema`))).jsonSchema,
      ),
    ).toEqual(jsonSchema);
    const legal = await json<SchemaResponse>(await harness().request("/dfs/v1.0/schemas/legal-entity"));
    expect(legal).toMatchObject({ id: 2, key: "legal-entity", concurrencyToken: 1 });
  });

  it("answers 404 for an unknown schema key and 403 without the custom-fields permission", async () => {
    const h = harness();
    await expectApiError(await h.request("/dfs/v1.0/schemas/nope"), 404);
    await expectApiError(await h.request("/dfs/v1.0/schemas/nope/json-schema"), 404);
    const token = await h.tokenFor([PERMISSIONS.contactView]);
    await expectApiError(await h.request(SCHEMA, { token }), 403);
  });

  it("serves localized layout and field metadata, filtered by fieldKeys and layoutPathKey", async () => {
    const h = harness();
    const layout = await json<{
      fields: { key: string; label: string; fieldType: string; parentKey: string | null }[];
    }>(await h.request(`${SCHEMA}/layout-metadata?language=de`));
    expect(layout.fields).toContainEqual(
      expect.objectContaining({
        key: "addresses.primaryAddress",
        label: "Hauptadresse",
        fieldType: "FieldSet",
        parentKey: "addresses",
      }),
    );
    const all = await json<{ fields: { key: string }[] }>(
      await h.request(`${SCHEMA}/fields-metadata`, { method: "POST", json: {} }),
    );
    expect(all.fields.length).toBeGreaterThan(10);
    const some = await json<{ fields: Record<string, unknown>[] }>(
      await h.request(`${SCHEMA}/fields-metadata`, {
        method: "POST",
        headers: { "accept-language": "de" },
        json: {
          fieldKeys: ["communicationMethods.primaryEmail", "personalInformation.lastName"],
          layoutPathKey: "communicationMethods",
        },
      }),
    );
    expect(some.fields).toEqual([
      expect.objectContaining({
        key: "communicationMethods.primaryEmail",
        label: "E-Mail",
        fieldType: "Email",
        alias: "PrimaryEmail",
        isExportable: true,
        layoutPath: [{ key: "communicationMethods", label: "Kommunikation" }],
      }),
    ]);
  });

  it("updates the definition under its concurrency token: a stale token is 422, a bad definition 400", async () => {
    const h = harness();
    const current = await json<SchemaResponse>(await h.request(SCHEMA));
    const definition = JSON.parse(current.schema);
    definition.fields.push({
      key: "preferences.riskProfile",
      fieldType: "Number",
      isRequired: false,
      validations: { minValue: 1, maxValue: 5 },
    });
    const saved = await json<{ concurrencyToken: number }>(
      await h.request(SCHEMA, {
        method: "PUT",
        json: { schema: JSON.stringify(definition), concurrencyToken: current.concurrencyToken },
      }),
    );
    expect(saved.concurrencyToken).toBe(current.concurrencyToken + 1);
    const stale = await h.request(SCHEMA, {
      method: "PUT",
      json: { schema: JSON.stringify(definition), concurrencyToken: current.concurrencyToken },
    });
    await expectApiError(stale, 422);
    const after = await json<SchemaResponse>(await h.request(SCHEMA));
    expect(after.concurrencyToken).toBe(saved.concurrencyToken);
    expect(JSON.parse(after.jsonSchema).properties.preferences.properties.riskProfile).toMatchObject({
      minimum: 1,
      maximum: 5,
    });
    const bad = await h.request(SCHEMA, {
      method: "PUT",
      json: { schema: "{not json", concurrencyToken: after.concurrencyToken },
    });
    expect((await expectApiError(bad, 400)).message).toContain("schema");
    const unknownFlag = await h.request(SCHEMA, {
      method: "PUT",
      json: {
        schema: JSON.stringify({ fields: [{ key: "a", isFancy: true }] }),
        concurrencyToken: after.concurrencyToken,
      },
    });
    await expectApiError(unknownFlag, 400);
    const noToken = await h.request(SCHEMA, { method: "PUT", json: { schema: JSON.stringify(definition) } });
    await expectApiError(noToken, 400);
    const editor = await h.tokenFor([PERMISSIONS.customFieldsView]);
    await expectApiError(
      await h.request(SCHEMA, {
        method: "PUT",
        token: editor,
        json: { schema: JSON.stringify(definition), concurrencyToken: 9 },
      }),
      403,
    );
  });
});
