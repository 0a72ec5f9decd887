import { describe, expect, it } from "vitest";
import { apiError, json } from "./dfs-helpers-ext";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
type Item = { id: number; uid: string; label: string; key: string; customAttributes: string | null };
type Lookup = { items: Item[]; totalCount: number };

const lookup = async (listKey: string, body: unknown, query = "", headers: Record<string, string> = {}) =>
  json<Lookup>(
    await harness().request(`/dfs/v1.0/lists/${listKey}/lookup${query}`, {
      method: "POST",
      json: body,
      headers,
    }),
    200,
  );

describe("DFS lists (#46, #48)", () => {
  it("returns every list when none are named: countries, languages, salutations, contact types, states", async () => {
    const all = await json<{ items: { listKey: string; listItems: Item[] }[] }>(
      await harness().request("/dfs/v1.0/lists/items", { method: "POST", json: {} }),
      200,
    );
    expect(all.items.map((l) => l.listKey)).toEqual([
      "countries",
      "languages",
      "salutations",
      "contactTypes",
      "states",
    ]);
    const countries = all.items[0]!.listItems;
    expect(countries.length).toBeGreaterThan(240);
    expect(countries.find((c) => c.key === "CH")).toMatchObject({
      label: "Switzerland",
      customAttributes: null,
    });
    for (const item of all.items.flatMap((l) => l.listItems)) {
      expect(item.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(Object.keys(item)).toEqual(["id", "uid", "label", "key", "customAttributes"]);
    }
    const ids = all.items.flatMap((l) => l.listItems.map((i) => i.id));
    expect(new Set(ids).size).toBe(ids.length);
    // No body at all, and an empty listKeys, mean all lists too.
    const bare = await json<{ items: unknown[] }>(
      await harness().request("/dfs/v1.0/lists/items", { method: "POST" }),
      200,
    );
    expect(bare.items).toHaveLength(5);
    expect(
      (
        await json<{ items: unknown[] }>(
          await harness().request("/dfs/v1.0/lists/items", { method: "POST", json: { listKeys: [] } }),
          200,
        )
      ).items,
    ).toHaveLength(5);
  });

  it("returns the named lists, localized by language query or Accept-Language", async () => {
    const named = await json<{ items: { listKey: string; listItems: Item[] }[] }>(
      await harness().request("/dfs/v1.0/lists/items?language=de", {
        method: "POST",
        json: { listKeys: ["salutations", "contactTypes"] },
      }),
      200,
    );
    expect(named.items.map((l) => l.listKey)).toEqual(["salutations", "contactTypes"]);
    expect(named.items[0]!.listItems.map((i) => [i.key, i.label]).slice(0, 2)).toEqual([
      ["Mr", "Herr"],
      ["Mrs", "Frau"],
    ]);
    expect(named.items[1]!.listItems[0]).toMatchObject({ key: "Client", label: "Kunde" });
    const german = await lookup("countries", { filter: "schweiz" }, "", { "accept-language": "de-CH" });
    expect(german.items.map((i) => i.label)).toEqual(["Schweiz"]);
  });

  it("looks items up by label or key, ordered by label, top 10 by default, with the total before the limit", async () => {
    const land = await lookup("countries", { filter: "land" });
    expect(land.items).toHaveLength(10);
    expect(land.totalCount).toBeGreaterThan(10);
    const labels = land.items.map((i) => i.label);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, "en")));
    expect((await lookup("countries", { filter: "LAND", limit: 3 })).items).toHaveLength(3);
    expect((await lookup("countries", { filter: "de", limit: 50 })).items.map((i) => i.key)).toContain("DE");
    expect((await lookup("languages", { filter: "germ" })).items.map((i) => i.key)).toEqual(["de"]);
    expect((await lookup("countries", { filter: "zzzz" })).totalCount).toBe(0);
  });

  it("filters by hierarchy: the states of a country, and always includes includeId", async () => {
    const ch = (await lookup("countries", { filter: "Switzerland" })).items[0]!;
    const us = (await lookup("countries", { filter: "United States", limit: 1 })).items[0]!;
    const de = (await lookup("countries", { filter: "Germany" })).items[0]!;
    const cantons = await lookup("states", {
      isFilteredByHierarchy: true,
      hierarchyListItemId: ch.id,
      limit: 100,
    });
    expect(cantons.totalCount).toBe(26);
    expect(cantons.items.map((i) => i.label)).toContain("Zurich");
    expect(JSON.parse(cantons.items.find((i) => i.label === "Zurich")!.customAttributes!)).toEqual({
      countryCode: "CH",
      code: "ZH",
    });
    expect(
      (await lookup("states", { isFilteredByHierarchy: true, hierarchyListItemId: de.id, limit: 100 }))
        .totalCount,
    ).toBe(16);
    expect(
      (await lookup("states", { isFilteredByHierarchy: true, hierarchyListItemId: us.id, limit: 100 }))
        .totalCount,
    ).toBe(51);
    const genf = await lookup(
      "states",
      { filter: "gen", isFilteredByHierarchy: true, hierarchyListItemId: ch.id },
      "?language=de",
    );
    expect(genf.items.map((i) => i.label)).toEqual(["Genf"]);
    // Without isFilteredByHierarchy the parent is ignored.
    expect((await lookup("states", { hierarchyListItemId: ch.id, limit: 1000 })).totalCount).toBe(93);
    const zurich = cantons.items.find((i) => i.label === "Zurich")!;
    const withInclude = await lookup("states", { filter: "Bern", includeId: zurich.id });
    expect(withInclude.items.map((i) => i.label)).toEqual(["Bern", "Zurich"]);
    expect(withInclude.totalCount).toBe(1);
  });

  it("answers 404 for an unknown list, 400 for a malformed body, 401 without a token", async () => {
    const h = harness();
    await apiError(
      await h.request("/dfs/v1.0/lists/nope/lookup", { method: "POST", json: {} }),
      404,
      "NotFound",
    );
    await apiError(
      await h.request("/dfs/v1.0/lists/items", { method: "POST", json: { listKeys: ["countries", "nope"] } }),
      404,
      "NotFound",
    );
    await apiError(
      await h.request("/dfs/v1.0/lists/countries/lookup", { method: "POST", json: { limit: "ten" } }),
      400,
      "BadRequest",
    );
    await apiError(
      await h.request("/dfs/v1.0/lists/items", { method: "POST", json: { listKeys: "countries" } }),
      400,
      "BadRequest",
    );
    await apiError(
      await h.request("/dfs/v1.0/lists/items", { method: "POST", token: null }),
      401,
      "Unauthorized",
    );
  });
});
