import { describe, expect, it } from "vitest";
import {
  DFS_DEFAULT_SYSTEM,
  dfsSystemIssue,
  ENFORE_SOURCES,
  externalIdValueIssue,
  isRecordNumber,
  isReservedSourceName,
  MAX_RECORD_NUMBER,
  offsetPageInput,
} from "../src";

describe("record numbers", () => {
  it("are whole numbers from 1 to the int32 maximum", () => {
    for (const n of [1, 42, MAX_RECORD_NUMBER]) expect(isRecordNumber(n)).toBe(true);
    for (const n of [0, -1, 1.5, MAX_RECORD_NUMBER + 1, Number.NaN, "1", null])
      expect(isRecordNumber(n)).toBe(false);
  });
});

describe("offset paging", () => {
  it("defaults to 200 from 0, live records only", () => {
    expect(offsetPageInput.parse({})).toEqual({ limit: 200, offset: 0, includeDeleted: false });
  });

  it("takes a limit of 1..5000 and an offset from 0", () => {
    expect(offsetPageInput.safeParse({ limit: 5000, offset: 10_000 }).success).toBe(true);
    for (const bad of [{ limit: 0 }, { limit: 5001 }, { offset: -1 }, { offset: 0.5 }])
      expect(offsetPageInput.safeParse(bad).success).toBe(false);
  });
});

describe("external id source rules", () => {
  it("reserves the enfore: sources, in any letter case", () => {
    expect(isReservedSourceName(ENFORE_SOURCES.contact)).toBe(true);
    expect(isReservedSourceName(" Enfore:Organization")).toBe(true);
    expect(isReservedSourceName("enforement")).toBe(false);
    expect(isReservedSourceName(DFS_DEFAULT_SYSTEM)).toBe(false);
  });

  it("takes a DFS system by name: required, at most 200 characters, never reserved", () => {
    expect(dfsSystemIssue("CBS")).toBeNull();
    expect(dfsSystemIssue(" ")).toEqual({ path: "system", message: "a system is required" });
    expect(dfsSystemIssue("s".repeat(201))?.message).toBe("must be at most 200 characters");
    expect(dfsSystemIssue("enfore:individual")?.message).toBe("enfore:individual is a reserved source");
  });

  it("takes external id values of 1 to 256 characters", () => {
    expect(externalIdValueIssue("x".repeat(256))).toBeNull();
    expect(externalIdValueIssue("x".repeat(257), "externalId")).toEqual({
      path: "externalId",
      message: "must be at most 256 characters",
    });
    expect(externalIdValueIssue("  ")?.message).toBe("a value is required");
  });
});
