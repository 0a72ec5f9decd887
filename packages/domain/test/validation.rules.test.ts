import { describe, expect, it } from "vitest";
import { NUL_MESSAGE, nulIssues } from "../src/shared/validation";

describe("nulIssues", () => {
  it("finds nothing in an input without U+0000, however it is nested", () => {
    expect(nulIssues({ a: "x", b: [1, "y", { c: null, d: ["z"] }], e: true })).toEqual([]);
    expect(nulIssues("plain")).toEqual([]);
  });

  it("names every string and key that holds U+0000, in document order", () => {
    expect(
      nulIssues({
        firstName: "Nu\u0000ll",
        emails: [{ address: "ok@example.com" }, { address: "bad\u0000@example.com" }],
        customFields: { "key\u0000": "v" },
      }),
    ).toEqual([
      { path: "firstName", message: NUL_MESSAGE },
      { path: "emails.1.address", message: NUL_MESSAGE },
      { path: "customFields.key\\u0000", message: NUL_MESSAGE },
    ]);
    expect(nulIssues(["\u0000"], ["items"])).toEqual([{ path: "items.0", message: NUL_MESSAGE }]);
  });

  it("walks any depth without overflowing the stack", () => {
    const nested = (depth: number, leaf: string) => {
      let value: unknown = leaf;
      for (let i = 0; i < depth; i++) value = [value];
      return value;
    };
    expect(nulIssues(nested(100_000, "end"))).toEqual([]);
    expect(nulIssues(nested(1_000, "end\u0000"))).toEqual([
      { path: Array.from({ length: 1_000 }, () => "0").join("."), message: NUL_MESSAGE },
    ]);
  });
});
