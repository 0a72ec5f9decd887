import { describe, expect, it } from "vitest";
import { isUuid, newRecordId } from "../src/shared/ids";

describe("newRecordId", () => {
  it("makes distinct UUIDv7 ids that rise in the order they are made, across refills of its random words", () => {
    // 1,024 random words a refill, two or three an id: 5,000 ids draw on several refills.
    const ids = Array.from({ length: 5000 }, newRecordId);
    expect(ids.every((id) => isUuid(id) && id[14] === "7" && "89ab".includes(id[19]!))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it("starts with the time it was made", () => {
    const before = Date.now();
    const id = newRecordId();
    const millis = Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
    expect(millis).toBeGreaterThanOrEqual(before);
    expect(millis).toBeLessThanOrEqual(Date.now());
  });
});
