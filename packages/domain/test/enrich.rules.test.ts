import { describe, expect, it } from "vitest";
import { combineFields, DomainError } from "../src";

const options = {
  writable: ["firstName", "lastName", "title", "address", "tags", "externalIds"],
  arrayLimits: { tags: 3 },
  itemKeys: { externalIds: (item: unknown) => (item as { value: string }).value },
};
const stored = {
  id: "x",
  firstName: "Ann",
  title: "Dr",
  address: { city: "Oslo", postalCode: "0150" },
  tags: ["a", "b"],
};

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error("expected a refusal");
}

describe("combineFields (enrich field rules)", () => {
  it("by default prefers what is sent, keeps what is stored where nothing (or null) is sent, and fills lists", () => {
    const result = combineFields(
      stored,
      { firstName: "Anna", title: null, lastName: "", address: { city: "Bergen" }, tags: ["b", "c", "d"] },
      undefined,
      options,
    );
    expect(result).toEqual({
      firstName: "Anna",
      title: "Dr",
      address: { city: "Bergen", postalCode: "0150" },
      // a and b stored, c sent: the limit of 3 is reached and d is left out.
      tags: ["a", "b", "c"],
    });
  });

  it("AlwaysUseProvided clears what is not sent; PreferExisting keeps what is stored", () => {
    const result = combineFields(
      stored,
      { firstName: "Anna", title: "Prof", address: { city: "Bergen" } },
      {
        defaultAction: "AlwaysUseProvided",
        rules: [
          { field: "$.title", action: "PreferExisting" },
          { field: "$.address.city", action: "PreferExisting" },
        ],
      },
      options,
    );
    // tags: Fill by default, whatever the field action.
    expect(result).toEqual({ firstName: "Anna", title: "Dr", address: { city: "Oslo" }, tags: ["a", "b"] });
  });

  it("a rule on a parent applies to its fields; the nearest rule wins", () => {
    const result = combineFields(
      stored,
      { address: { postalCode: "5003" } },
      {
        rules: [
          { field: "$.address", action: "AlwaysUseProvided" },
          { field: "$.address.postalCode", action: "PreferExisting" },
        ],
      },
      options,
    );
    expect(result.address).toEqual({ postalCode: "0150" });
  });

  it("Replace takes the sent list as one value; Extend refuses to pass the limit; items compare by their key", () => {
    expect(combineFields(stored, { tags: ["z"] }, { defaultArrayAction: "Replace" }, options).tags).toEqual([
      "z",
    ]);
    expect(combineFields(stored, {}, { defaultArrayAction: "Replace" }, options).tags).toEqual(["a", "b"]);
    expect(
      combineFields(
        { externalIds: [{ value: "1", source: { name: "CRM" } }] },
        { externalIds: [{ value: "1" }, { value: "2" }] },
        undefined,
        options,
      ).externalIds,
    ).toEqual([{ value: "1", source: { name: "CRM" } }, { value: "2" }]);
    const refused = refusal(() =>
      combineFields(
        stored,
        { tags: ["c", "d"] },
        { rules: [{ field: "$.tags", arrayAction: "Extend" }] },
        options,
      ),
    );
    expect(refused.issues[0]?.path).toBe("tags");
  });

  it("only writable fields come out, and a rule naming another field, twice the same field or no JSONPath is refused", () => {
    expect(combineFields(stored, { id: "y", firstName: "Anna" }, undefined, options)).not.toHaveProperty(
      "id",
    );
    expect(
      refusal(() =>
        combineFields(stored, {}, { rules: [{ field: "$.id", action: "PreferExisting" }] }, options),
      ).issues[0]?.path,
    ).toBe("fieldRules.rules.0.field");
    expect(
      refusal(() =>
        combineFields(
          stored,
          {},
          { rules: [{ field: "$.title" }, { field: "$.title", action: "PreferExisting" }] },
          options,
        ),
      ).issues[0]?.path,
    ).toBe("fieldRules.rules.1.field");
    expect(refusal(() => combineFields(stored, {}, { rules: [{ field: "title[0]" }] }, options)).code).toBe(
      "VALIDATION",
    );
  });

  it("leaves its inputs untouched", () => {
    const copy = structuredClone(stored);
    combineFields(stored, { tags: ["q"], address: { city: "Bergen" } }, undefined, options);
    expect(stored).toEqual(copy);
  });
});
