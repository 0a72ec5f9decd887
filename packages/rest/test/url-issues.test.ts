import { describe, expect, it } from "vitest";
import { urlIssues } from "../src/http/request";

/** The URL check every dialect runs first: what it refuses, with and without percent-escapes to decode. */
describe("urlIssues", () => {
  const base = "http://localhost/api/v2/externalcontacts/contacts";

  it("passes a URL without escapes, and one whose escapes decode to text", () => {
    expect(urlIssues(`${base}/0b6f4c8e-2f1a-4c47-9a51-8a4b1f8f0c11?expand=division`)).toEqual([]);
    expect(urlIssues(`${base}?q=${encodeURIComponent("Béranger")}&pageSize=20`)).toEqual([]);
    expect(urlIssues(`${base}?q=${encodeURIComponent("(212) 555-0100")}`)).toEqual([]);
    // A query value that is not UTF-8 reads as U+FFFD.
    expect(urlIssues(`${base}?q=%ff`)).toEqual([]);
    // `%25` is a percent sign, and `%2500` the text "%00".
    expect(urlIssues(`${base}?q=%2500`)).toEqual([]);
  });

  it("names the query parameter, or the path, that holds U+0000", () => {
    const paths = (url: string) => urlIssues(url).map((i) => i.path);
    expect(paths(`${base}?pageSize=20&q=a%00b`)).toEqual(["q"]);
    expect(paths(`${base}?divisionIds=a&divisionIds=%00`)).toEqual(["divisionIds"]);
    expect(paths(`${base}?q=${encodeURIComponent("Béranger")}&x=%00`)).toEqual(["x"]);
    expect(urlIssues(`${base}/a%00b`)).toEqual([{ path: "path", message: "must not contain U+0000" }]);
  });

  it("refuses a path that is not percent-encoded UTF-8", () => {
    expect(urlIssues(`${base}/%ff%fe`)).toEqual([
      { path: "path", message: "is not valid percent-encoded UTF-8" },
    ]);
    expect(urlIssues(`${base}/%e2%82`)).toEqual([
      { path: "path", message: "is not valid percent-encoded UTF-8" },
    ]);
  });
});
