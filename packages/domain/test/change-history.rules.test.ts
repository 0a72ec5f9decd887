import { describe, expect, it } from "vitest";
import {
  applyChanges,
  type CanonicalState,
  detailsDiff,
  projectDetails,
  touchedPaths,
  touchesAny,
} from "../src";

const bindings = [
  { path: "personalInformation.lastName", canonical: "lastName" },
  { path: "communicationMethods.primaryEmail", canonical: "primaryEmail" },
  { path: "communicationMethods.primaryPhoneNumber", canonical: "primaryMobile" },
  { path: "addresses.primaryAddress.city", canonical: "primaryAddress.city" },
];

describe("change history projection", () => {
  it("projects the canonical state onto DFS paths: first email, first cell phone, first address, the document", () => {
    const state: CanonicalState = new Map();
    applyChanges(state, [
      { path: "lastName", old: null, new: "Hopper" },
      { path: "emails.0.address", old: null, new: "a@x.example" },
      { path: "emails.1.address", old: null, new: "b@x.example" },
      { path: "phones.0.type", old: null, new: "work" },
      { path: "phones.0.e164", old: null, new: "+41445550000" },
      { path: "phones.1.type", old: null, new: "cell" },
      { path: "phones.1.display", old: null, new: "079 555 12 34" },
      { path: "phones.1.e164", old: null, new: "+41795551234" },
      { path: "addresses.0.city", old: null, new: "Zurich" },
      { path: "dfsDetails.preferences.language", old: null, new: "de" },
      { path: "surveyOptOut", old: null, new: true },
    ]);
    expect(Object.fromEntries(projectDetails(state, bindings, "dfsDetails"))).toEqual({
      "personalInformation.lastName": "Hopper",
      "communicationMethods.primaryEmail": "a@x.example",
      "communicationMethods.primaryPhoneNumber": "+41795551234",
      "addresses.primaryAddress.city": "Zurich",
      "preferences.language": "de",
    });
  });

  it("diffs two projections as DFS strings, and a cleared value as null", () => {
    const before = new Map<string, unknown>([
      ["a", "x"],
      ["b", 1],
    ]);
    const after = new Map<string, unknown>([
      ["b", 2],
      ["c", true],
    ]);
    expect(detailsDiff(before, after)).toEqual([
      { path: "a", originalValue: "x", targetValue: null },
      { path: "b", originalValue: "1", targetValue: "2" },
      { path: "c", originalValue: null, targetValue: "true" },
    ]);
  });

  it("names the DFS paths of a change set whose values were removed", () => {
    expect(
      touchedPaths(
        [
          { path: "lastName", old: null, new: null },
          { path: "emails.0.address", old: null, new: null },
          { path: "emails.1.address", old: null, new: null },
          { path: "dfsDetails.preferences.language", old: null, new: null },
          { path: "title", old: null, new: null },
        ],
        bindings,
        "dfsDetails",
      ),
    ).toEqual(["communicationMethods.primaryEmail", "personalInformation.lastName", "preferences.language"]);
  });

  it("matches a paths filter on the path or one below it", () => {
    const changes = [{ path: "personalInformation.lastName", originalValue: null, targetValue: "x" }];
    expect(touchesAny(changes, ["personalInformation"])).toBe(true);
    expect(touchesAny(changes, ["personalInformation.lastName"])).toBe(true);
    expect(touchesAny(changes, ["personalInfo"])).toBe(false);
  });
});
