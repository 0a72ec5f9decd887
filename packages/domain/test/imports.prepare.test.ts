import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  type BatchSetup,
  columnsOf,
  DomainError,
  prepareBatch,
  prepareInProcess,
  revivePrepared,
  suggestMappings,
  systemActor,
  transferablePrepared,
} from "../src";

const headers = ["First Name", "Last Name", "Email", "Mobile"];
const plan = {
  mappings: suggestMappings(headers),
  matchingCriteria: ["Email" as const],
  mergeContacts: true,
  externalSourceId: null,
  importFields: [],
};
const setup: BatchSetup = { plan, columns: columnsOf(plan, headers), width: 4, divisionId: randomUUID() };
const creates = { tenantId: randomUUID(), actor: systemActor("worker"), reviewer: undefined };
const rows = [
  { rowNumber: 1, record: ["Ada", "Lovelace", "ada@example.com", "+44 20 7946 0018"] },
  { rowNumber: 2, record: ["Grace", "Hopper", "not an email", ""] },
  { rowNumber: 3, record: ["Edith", "Clarke", "", ""] },
];

describe("preparing an import batch", () => {
  it("checks each row, keys it for matching and encodes the contact it creates; in process or not, the same", async () => {
    const prepared = prepareBatch({ rows, setup, creates });
    expect(prepared).toMatchObject({ count: 3, lastRow: 3, failed: new Set([2]) });
    expect(prepared.errors).toEqual([{ rowNumber: 2, field: "Email", message: expect.any(String) }]);
    expect(prepared.candidates.map((c) => [c.rowNumber, c.keys])).toEqual([
      [1, ["email:ada@example.com"]],
      [3, []],
    ]);
    const ada = prepared.candidates[0]!.create as unknown as { encoded: Record<string, { text: string }> };
    // One line per row: the contact (its number comes with its batch's transaction), its two points, its history.
    expect(ada.encoded.contact!.text).toMatch(/^[0-9a-f-]{36}\t.*\tAda\t.*\tLovelace\t.*\n$/);
    expect(ada.encoded.points!.text.split("\n")).toHaveLength(3);
    expect(ada.encoded.points!.text).toContain("+442079460018");
    expect(ada.encoded.history!.text).toContain('"path":"firstName","old":null,"new":"Ada"');

    const sliced = await prepareInProcess({ rows, setup, creates });
    expect(sliced.errors).toEqual(prepared.errors);
    expect(sliced.candidates.map((c) => c.keys)).toEqual(prepared.candidates.map((c) => c.keys));
  });

  it("comes back whole from another thread: encoded rows with their columns, and domain errors as errors", () => {
    const prepared = prepareBatch({ rows, setup, creates });
    const encoded = prepared.candidates.map((c) =>
      structuredClone((c.create as { encoded: unknown }).encoded),
    );
    prepared.candidates.push({
      rowNumber: 4,
      patch: new Map(),
      keys: [],
      create: new DomainError("VALIDATION", "lastName: too long", [
        { path: "lastName", message: "too long" },
      ]),
    });

    // What a message between threads does: a structured clone, which keeps no class.
    const received = revivePrepared(structuredClone(transferablePrepared(prepared)));

    expect(received.candidates.slice(0, 2).map((c) => (c.create as { encoded: unknown }).encoded)).toEqual(
      encoded,
    );
    const error = received.candidates[2]!.create;
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "VALIDATION", issues: [{ path: "lastName", message: "too long" }] });
  });
});
