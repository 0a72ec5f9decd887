import { describe, expect, it } from "vitest";
import { hashToken } from "../src/access/rules";

describe("token hashing", () => {
  it("is SHA-256 in lowercase hex, so the hashes already stored keep matching their tokens", () => {
    // FIPS 180-2 test vectors.
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hashToken("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    // A token is hashed as UTF-8.
    expect(hashToken("é")).toBe(hashToken("\u00e9"));
    expect(hashToken("é")).not.toBe(hashToken("e\u0301"));
  });
});
