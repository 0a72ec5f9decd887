import { describe, expect, it } from "vitest";
import { applyPatch, DomainError, isEmptyValue } from "../src";

const rules = { writable: ["firstName", "address", "tags", "workEmail"] };
const doc = { id: "x", firstName: "Ann", address: { city: "Oslo" }, tags: ["a", "b"] };

function refused(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error("expected a refusal");
}

describe("applyPatch", () => {
  it("applies each action, leaving the input untouched", () => {
    const result = applyPatch(
      doc,
      {
        changes: [
          { field: "$.firstName", action: "UpdateIfEmpty", value: "Bob" },
          { field: "$.workEmail", action: "UpdateIfEmpty", value: "a@b.c" },
          { field: "$.address.city", action: "UpdateIfExists", value: "Bergen" },
          { field: "$.address.state", action: "UpdateIfExists", value: "never" },
          { field: "$.tags", action: "AppendToCollection", value: ["c"] },
        ],
      },
      rules,
    );
    expect(result).toEqual({
      id: "x",
      firstName: "Ann",
      workEmail: "a@b.c",
      address: { city: "Bergen" },
      tags: ["a", "b", "c"],
    });
    expect(doc.tags).toEqual(["a", "b"]);
    expect(
      applyPatch(
        doc,
        {
          changes: [
            { field: "$.firstName", action: "Remove" },
            { field: "$.tags", action: "RemoveFromCollection", value: "a" },
            { field: "$.address.city", action: "Update", value: "Rome" },
          ],
        },
        rules,
      ),
    ).toEqual({ id: "x", address: { city: "Rome" }, tags: ["b"] });
  });

  it("creates missing parents on update and ignores removals under them", () => {
    expect(
      applyPatch({}, { changes: [{ field: "$.address.city", action: "Update", value: "X" }] }, rules),
    ).toEqual({ address: { city: "X" } });
    expect(applyPatch({}, { changes: [{ field: "$.address.city", action: "Remove" }] }, rules)).toEqual({});
  });

  it("refuses bad paths, unknown or read-only fields, missing values and non-collections", () => {
    expect(
      refused(() => applyPatch(doc, { changes: [{ field: "firstName", action: "Update", value: 1 }] }, rules))
        .code,
    ).toBe("VALIDATION");
    expect(
      refused(() => applyPatch(doc, { changes: [{ field: "$.a[0]", action: "Update", value: 1 }] }, rules))
        .code,
    ).toBe("VALIDATION");
    const readOnly = refused(() =>
      applyPatch(doc, { changes: [{ field: "$.id", action: "Update", value: "y" }] }, rules),
    );
    expect(readOnly.issues).toEqual([{ path: "changes.0.field", message: "$.id cannot be patched" }]);
    expect(
      refused(() => applyPatch(doc, { changes: [{ field: "$.firstName", action: "Update" }] }, rules))
        .issues[0]?.message,
    ).toMatch(/needs a value/);
    expect(
      refused(() =>
        applyPatch(
          doc,
          { changes: [{ field: "$.firstName", action: "AppendToCollection", value: "x" }] },
          rules,
        ),
      ).code,
    ).toBe("VALIDATION");
    expect(
      refused(() =>
        applyPatch(
          doc,
          { changes: [{ field: "$.firstName", action: "Replace" as "Update", value: "x" }] },
          rules,
        ),
      ).code,
    ).toBe("VALIDATION");
  });

  it("refuses a field patched together with its parent (409)", () => {
    const error = refused(() =>
      applyPatch(
        doc,
        {
          changes: [
            { field: "$.address", action: "Update", value: {} },
            { field: "$.address.city", action: "Update", value: "X" },
          ],
        },
        rules,
      ),
    );
    expect(error.code).toBe("CONFLICT");
  });

  it("knows what empty means", () => {
    for (const v of [undefined, null, "", [], {}]) expect(isEmptyValue(v)).toBe(true);
    for (const v of [0, false, "x", [1], { a: 1 }]) expect(isEmptyValue(v)).toBe(false);
  });
});
