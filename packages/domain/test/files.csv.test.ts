import { describe, expect, it } from "vitest";
import { csvSafeCell, csvText } from "../src";

describe("CSV cells a spreadsheet will not run (OWASP CSV injection)", () => {
  it("prefixes a single quote to cells starting with = + - @ tab or carriage return", () => {
    for (const cell of [
      '=HYPERLINK("http://evil.example","click")',
      "+cmd|' /C calc'!A0",
      "-2+3+cmd|' /C calc'!A0",
      "@SUM(1,2)",
      "\t=1+1",
      "\r=1+1",
      "=1",
    ])
      expect(csvSafeCell(cell), JSON.stringify(cell)).toBe(`'${cell}`);
  });

  it("leaves other text and plain numbers (E.164 phones, negative amounts) as they are", () => {
    for (const cell of [
      "",
      "Ada",
      "a=b",
      "+12125550199",
      "+1 (212) 555-0199",
      "-42",
      "-3.5",
      "2026-01-01T00:00:00Z",
    ])
      expect(csvSafeCell(cell), JSON.stringify(cell)).toBe(cell);
  });

  it("writes records with every cell made safe, quoting as CSV needs", () => {
    expect(
      csvText([
        ["id", "name"],
        [1, '=HYPERLINK("x")'],
        [2, null],
      ]),
    ).toBe(`id,name\n1,"'=HYPERLINK(""x"")"\n2,\n`);
  });
});
