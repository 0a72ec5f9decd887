import { describe, expect, it } from "vitest";
import { normalizePhone } from "../src/contact-points/rules";
import { contactInput } from "../src/contacts/model";
import { foldText, likePattern, searchTermsOf, searchTextOf } from "../src/contacts/rules";
import { changesOf, createdValues, creation, diff, flatten, storedChanges } from "../src/history/rules";

describe("normalizePhone", () => {
  it("rewrites a parseable number to international format and keeps the raw input", () => {
    const p = normalizePhone({ type: "cell", display: "(201) 555-0123" });
    expect(p).toMatchObject({
      e164: "+12015550123",
      display: "+1 201 555 0123",
      countryCode: "US",
      userInput: "(201) 555-0123",
    });
  });

  it("uses normalizationCountryCode for numbers without a country prefix", () => {
    const p = normalizePhone({ type: "work", display: "030 901820", normalizationCountryCode: "DE" });
    expect(p.e164).toBe("+4930901820");
    expect(p.countryCode).toBe("DE");
  });

  it("keeps an unparseable number as given, without e164", () => {
    const p = normalizePhone({ type: "home", display: "call reception" });
    expect(p).toMatchObject({
      display: "call reception",
      e164: null,
      countryCode: null,
      userInput: "call reception",
    });
  });
});

describe("search text", () => {
  it("folds case and accents", () => {
    expect(foldText("  José   ÅSTRÖM ")).toBe("jose astrom");
  });

  it("folds plain ASCII as it folds any text: its two diacritics go too", () => {
    const decomposed = (s: string) =>
      s
        .normalize("NFD")
        .replace(/\p{Diacritic}/gu, "")
        .toLowerCase()
        .replace(/\s+/g, " ")
        .trim();
    const ascii = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)).join("");
    expect(foldText(ascii)).toBe(decomposed(ascii));
    expect(foldText("O'Brien^2 `x`  Smith\t")).toBe("o'brien2 x smith");
  });

  it("holds names, emails and phone digits", () => {
    const text = searchTextOf({
      firstName: "Zoë",
      middleName: null,
      lastName: "Müller",
      displayName: null,
      title: null,
      emails: [
        {
          id: "",
          vendorType: null,
          usageContext: null,
          usages: [],
          description: null,
          type: "work",
          address: "Zoe@Example.com",
        },
      ],
      phones: [normalizePhone({ type: "cell", display: "+44 20 7946 0958" })],
    });
    expect(text).toContain("zoe muller");
    expect(text).toContain("zoe@example.com");
    expect(text).toContain("442079460958");
  });

  it("holds each phone's digits once: typed digits inside the E.164 ones add nothing a search could find", () => {
    const text = searchTextOf({
      firstName: "Ann",
      middleName: null,
      lastName: "Lee",
      displayName: null,
      title: "Agent 007",
      emails: [],
      phones: [
        normalizePhone({ type: "cell", display: "+1 503 226 7348" }),
        normalizePhone({ type: "work", display: "312-261-8634" }),
        normalizePhone({ type: "home", display: "+44 (0)20 7946 0958" }),
      ],
    });
    // The national digits are part of the E.164 ones; "4402079460958" (typed with the trunk 0) is not.
    expect(text).toBe("ann lee agent 007 15032267348 13122618634 442079460958 4402079460958");
  });

  it("turns a phone-like query into its digits", () => {
    expect(searchTermsOf("(201) 555-0123")).toEqual(["2015550123"]);
    expect(searchTermsOf("Jose  Müller")).toEqual(["jose", "muller"]);
    expect(searchTermsOf("")).toEqual([]);
  });

  it("escapes LIKE wildcards", () => {
    expect(likePattern("50%_off")).toBe("%50\\%\\_off%");
  });
});

describe("history diff", () => {
  it("lists changed, added and removed leaves by dotted path", () => {
    const before = { firstName: "Ann", phones: [{ e164: "+1" }], title: "Dr" };
    const after = { firstName: "Anne", phones: [{ e164: "+1" }, { e164: "+2" }], title: null };
    expect(diff(before, after)).toEqual([
      { path: "firstName", old: "Ann", new: "Anne" },
      { path: "phones.1.e164", old: null, new: "+2" },
      { path: "title", old: "Dr", new: null },
    ]);
  });

  it("ignores the given paths and reports nothing for equal records", () => {
    expect(diff({ a: 1, version: 1 }, { a: 1, version: 2 }, ["version"])).toEqual([]);
    expect(flatten({ d: new Date("2020-01-01T00:00:00Z") }).get("d")).toBe("2020-01-01T00:00:00.000Z");
  });
});

describe("history of a created record", () => {
  const created = {
    id: "c1",
    version: 1,
    firstName: "Zoë",
    title: null,
    phones: Array.from({ length: 12 }, (_, i) => ({ id: `p${i}`, e164: `+1${i}`, usages: [] })),
    address: { city: "Berlin", lines: ["a", "b"], note: undefined },
    customFields: { "shoe size": 44, vip: false, tags: {} },
    createdAt: new Date("2020-01-01T00:00:00Z"),
  };

  it("lists every leaf as new, in path order, without the ignored paths", () => {
    expect(creation(created, ["id", "version", "address.lines"]).slice(0, 6)).toEqual([
      { path: "address.city", old: null, new: "Berlin" },
      { path: "createdAt", old: null, new: "2020-01-01T00:00:00.000Z" },
      { path: "customFields.shoe size", old: null, new: 44 },
      { path: "customFields.vip", old: null, new: false },
      { path: "firstName", old: null, new: "Zoë" },
      { path: "phones.0.e164", old: null, new: "+10" },
    ]);
  });

  it("is what diff finds between any record and it, less what that record had", () => {
    const ignore = ["id", "version"];
    const fromOther = diff({ gone: 1 }, created, ignore).filter((c) => c.path !== "gone");
    expect(creation(created, ignore)).toEqual(fromOther);
    expect(diff({}, created, ignore)).toEqual(fromOther);
    expect(fromOther.map((c) => c.path)).toContain("phones.10.e164"); // "phones.10" sorts before "phones.2"
  });

  it("names every field of a record with more field names than paths are kept for", () => {
    // Paths are made once and kept, up to 10,000 of them: custom fields past that are named all the same.
    const customFields = Object.fromEntries(Array.from({ length: 12_000 }, (_, i) => [`field ${i}`, i]));
    const changes = creation({ customFields });
    expect(changes).toHaveLength(12_000);
    expect(changes.find((c) => c.path === "customFields.field 11999")).toEqual({
      path: "customFields.field 11999",
      old: null,
      new: 11_999,
    });
    expect(diff({ customFields }, { customFields: { ...customFields, "field 11999": 0 } })).toEqual([
      { path: "customFields.field 11999", old: 11_999, new: 0 },
    ]);
  });
});

describe("stored history", () => {
  it("stores a creation's values by path, and reads them back as the same changes in path order", () => {
    const changes = creation({
      phones: Array.from({ length: 11 }, (_, i) => ({ e164: `+1${i}` })),
      lastName: "Ng",
    });
    const stored = storedChanges("create", changes);
    expect(stored).toEqual(Object.fromEntries(changes.map((c) => [c.path, c.new])));
    expect(Array.isArray(stored)).toBe(false);
    // jsonb keeps an object's keys shortest first: "phones.10.e164" comes back after "phones.9.e164".
    const fromJsonb = Object.fromEntries(Object.entries(stored).sort(([a], [b]) => a.length - b.length));
    expect(changesOf(fromJsonb)).toEqual(changes);
  });

  it("builds a creation's stored values directly, as storing its list of changes would", () => {
    const record = {
      lastName: "Ng",
      emails: [{ id: "e1", address: "ng@example.com" }],
      createdAt: new Date("2026-01-02T03:04:05Z"),
      version: 1,
    };
    const kept = creation(record, ["version"]).filter((c) => !c.path.endsWith(".id"));
    expect(createdValues(record, ["version"], (path) => path.endsWith(".id"))).toEqual(
      storedChanges("create", kept),
    );
    expect(createdValues({})).toEqual({});
  });

  it("stores every other change set as its list of changes", () => {
    const update = diff({ lastName: "Ng" }, { lastName: "Ngo", title: "Dr" });
    expect(storedChanges("update", update)).toBe(update);
    expect(changesOf(update)).toBe(update);
    // A "create" that replaced values (none does today) keeps them.
    expect(storedChanges("create", update)).toBe(update);
    expect(changesOf(storedChanges("create", []))).toEqual([]);
  });
});

describe("history of empty collections", () => {
  it("treats an empty list like an absent one", () => {
    expect(diff({}, { phones: [], extensions: {} })).toEqual([]);
    expect(diff({ phones: [{ e164: "+1" }] }, { phones: [] })).toEqual([
      { path: "phones.0.e164", old: "+1", new: null },
    ]);
  });
});

describe("text an index holds whole", () => {
  // 1,000 characters, 3,000 bytes of UTF-8 that do not compress: more than a btree index entry holds.
  const wide = Array.from({ length: 1000 }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7919) % 0x5000)));
  const issuesOf = (input: unknown) => {
    const parsed = contactInput.safeParse(input);
    return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };

  it("is refused past its bytes of UTF-8, in names, title, web addresses and full addresses", () => {
    expect(
      issuesOf({
        firstName: wide.slice(0, 434).join(""),
        title: wide.join(""),
        webAddresses: [{ type: "website", url: wide.join("") }],
        addresses: [{ type: "home", fullAddress: wide.join("") }],
      }),
    ).toEqual([
      "firstName: must be at most 1300 bytes of UTF-8",
      "title: must be at most 2600 bytes of UTF-8",
      "addresses.0.fullAddress: must be at most 2600 bytes of UTF-8",
      "webAddresses.0.url: must be at most 2600 bytes of UTF-8",
    ]);
  });

  it("is taken up to its bytes, and 1,000 characters of ASCII always", () => {
    expect(
      issuesOf({
        firstName: wide.slice(0, 433).join(""),
        lastName: "x".repeat(1000),
        title: wide.slice(0, 866).join(""),
        webAddresses: [{ type: "website", url: `https://${"x".repeat(990)}` }],
        addresses: [{ type: "home", fullAddress: "x".repeat(1000) }],
      }),
    ).toEqual([]);
  });
});
