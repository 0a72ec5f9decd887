import { describe, expect, it } from "vitest";
import { findListItem, LIST_CATALOGUE, LIST_KEYS } from "../src";

describe("the list catalogue", () => {
  it("gives every item a unique int32 id and uid, and every list items", () => {
    const ids = LIST_CATALOGUE.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(LIST_CATALOGUE.map((i) => i.uid)).size).toBe(ids.length);
    for (const key of Object.values(LIST_KEYS))
      expect(LIST_CATALOGUE.filter((i) => i.listKey === key).length).toBeGreaterThan(3);
  });

  it("keeps ids stable: the first country, language and state keep theirs", () => {
    expect(findListItem("countries", { key: "AD" })?.id).toBe(1001);
    expect(findListItem("languages", { key: "en" })?.id).toBe(2001);
    expect(findListItem("states", { key: "CH-AG" })?.id).toBe(10001);
    expect(findListItem("countries", { key: "CH" })?.uid).toBe(
      findListItem("countries", { id: findListItem("countries", { key: "CH" })!.id })?.uid,
    );
  });

  it("puts the states of CH, DE and US under their country, labelled in English and German", () => {
    const country = (code: string) => findListItem("countries", { key: code })!;
    const states = (code: string) => LIST_CATALOGUE.filter((i) => i.parentId === country(code).id);
    expect(states("CH")).toHaveLength(26);
    expect(states("DE")).toHaveLength(16);
    expect(states("US")).toHaveLength(51);
    expect(findListItem("states", { key: "DE-BY" })?.labels).toEqual({ en: "Bavaria", de: "Bayern" });
    expect(country("DE").labels).toEqual({ en: "Germany", de: "Deutschland" });
  });
});
