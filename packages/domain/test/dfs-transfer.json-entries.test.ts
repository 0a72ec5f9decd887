import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonFileError, jsonEntries } from "../src/dfs-transfer/json-entries";

async function read(chunks: (string | Uint8Array)[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const entry of jsonEntries(
    (async function* () {
      yield* chunks;
    })(),
  ))
    out.push(entry);
  return out;
}

/** `text` cut into pieces at the given positions (as a stream would deliver it). */
function cut(text: string, at: number[]): string[] {
  const points = [...new Set(at.map((n) => n % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const p of points) {
    pieces.push(text.slice(from, p));
    from = p;
  }
  pieces.push(text.slice(from));
  return pieces;
}

describe("jsonEntries", () => {
  it("reads a JSON array or an object's items, entry by entry", async () => {
    expect(await read(['[{"externalId":"a"}, {"externalId":"b,]}\\"", "x": [1,{}]}]'])).toEqual([
      { externalId: "a" },
      { externalId: 'b,]}"', x: [1, {}] },
    ]);
    expect(await read(['{"version": {"items": [9]}, "items": [{"e": 1}], "note": "items"}'])).toEqual([
      { e: 1 },
    ]);
    expect(await read(["\uFEFF [ ] \n"])).toEqual([]);
  });

  it("reads bytes split inside a multi-byte character", async () => {
    const bytes = new TextEncoder().encode('[{"n":"Zürich 😀"}]');
    const out = await read([bytes.slice(0, 8), bytes.slice(8, 15), bytes.slice(15)]);
    expect(out).toEqual([{ n: "Zürich 😀" }]);
  });

  it.each([
    ['{"a": 1}', 'no "items"'],
    ["[1,]", "empty entry"],
    ["[,1]", "empty entry"],
    ['[{"a": }]', "not valid JSON"],
    ["[1] x", "after the end"],
    ['[{"a": 1}', "ends before"],
    ["hello", "JSON array"],
    ["", "ends before"],
  ])("refuses %s", async (text, message) => {
    await expect(read([text])).rejects.toThrow(JsonFileError);
    await expect(read([text])).rejects.toThrow(message);
  });

  it("gives what JSON.parse gives, however the text is cut", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.jsonValue(), { maxLength: 6 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 5 }),
        async (entries, wrapped, at) => {
          const text = wrapped
            ? JSON.stringify({ before: entries, items: entries, after: "]" }, null, 1)
            : JSON.stringify(entries, null, 2);
          expect(await read(cut(text, at))).toEqual(JSON.parse(JSON.stringify(entries)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
