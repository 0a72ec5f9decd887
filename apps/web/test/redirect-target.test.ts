import { describe, expect, it } from "vitest";
import { redirectTarget } from "../src/server/redirect-target";

describe("the redirect target after sign-in", () => {
  it("keeps a path on this site, with its query and fragment", () => {
    for (const path of [
      "/",
      "/contacts",
      "/contacts?q=ada&sort=name:asc",
      "/admin/members#top",
      "/a/b%2F%2Fc",
    ])
      expect(redirectTarget(path)).toBe(path);
  });

  it("falls back to / for anything a browser could read as another site", () => {
    for (const next of [
      "//evil.example/phish",
      "/\\evil.example/phish",
      "\\\\evil.example",
      "/\\/evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/contacts\u0000",
      "https://evil.example/",
      "javascript:alert(1)",
      "evil.example",
      "",
      undefined,
      null,
      ["/contacts"],
      `/${"a".repeat(3000)}`,
    ])
      expect(redirectTarget(next), JSON.stringify(next)).toBe("/");
  });
});
