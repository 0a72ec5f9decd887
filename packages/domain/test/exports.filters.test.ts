import type { SQL } from "@switchboard/db";
import { describe, expect, it } from "vitest";
import { DomainError } from "../src";
import { exportFilterSql, exportWhere } from "../src/exports/filters";
import type { ExportFilter } from "../src/exports/model";

const DIVISION = "11111111-1111-4111-8111-111111111111";
const SOURCE = "22222222-2222-4222-8222-222222222222";

/** The statement text and parameters PostgreSQL would receive (drizzle's renderer, no database). */
function render(where: SQL | undefined) {
  if (!where) return { sql: "", params: [] };
  return where.toQuery({
    casing: { getColumnCasing: (column: { name: string }) => column.name },
    escapeName: (name: string) => `"${name}"`,
    escapeParam: (i: number) => `$${i + 1}`,
    escapeString: (s: string) => `'${s}'`,
  } as never);
}

function issuesOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("VALIDATION");
    return (error as DomainError).issues;
  }
  throw new Error("expected a validation error");
}

describe("export filter translation", () => {
  it("compares a field with eq and in, casting ids and numbers", () => {
    expect(
      render(exportFilterSql("contacts", { eq: { field: "DivisionId", value: DIVISION } }, "f")),
    ).toEqual({
      sql: `"contacts"."division_id" = $1::uuid`,
      params: [DIVISION],
      typings: expect.anything(),
    });
    const inList = render(
      exportFilterSql("contacts", { in: { field: "SchemaVersion", values: ["1", "2"] } }, "f"),
    );
    expect(inList.sql).toBe(`"contacts"."schema_version" in ($1::int, $2::int)`);
    expect(inList.params).toEqual([1, 2]);
  });

  it("compares dates with lte and gte", () => {
    const q = render(
      exportFilterSql(
        "organizations",
        {
          and: [
            { gte: { field: "CreateDate", value: "2024-01-01" } },
            { lte: { field: "ModifyDate", value: "2024-06-30T23:59:59Z" } },
          ],
        },
        "f",
      ),
    );
    expect(q.sql).toBe(
      `("organizations"."created_at" >= $1::timestamptz and "organizations"."modified_at" <= $2::timestamptz)`,
    );
    expect(q.params).toEqual(["2024-01-01", "2024-06-30T23:59:59Z"]);
  });

  it("nests and, or and a null-safe not", () => {
    const filter: ExportFilter = {
      or: [
        { eq: { field: "ContactClassification", value: "Curated" } },
        { not: { eq: { field: "SchemaId", value: SOURCE } } },
      ],
    };
    expect(render(exportFilterSql("contacts", filter, "f")).sql).toBe(
      `("contacts"."type" = $1 or (("contacts"."schema_id" = $2::uuid) is not true))`,
    );
  });

  it("matches a contact's external source through its external ids", () => {
    const q = render(
      exportFilterSql("contacts", { in: { field: "ExternalSourceId", values: [SOURCE] } }, "f"),
    );
    expect(q.sql).toContain(`exists (select 1 from "external_ids"`);
    expect(q.sql).toContain(`"external_ids"."entity_id" = "contacts"."id"`);
    expect(q.sql).toContain(`"external_ids"."source_id" in ($1::uuid)`);
  });

  it("reads a note's and a relationship's division from its live parent", () => {
    const note = render(exportFilterSql("notes", { eq: { field: "DivisionId", value: DIVISION } }, "f")).sql;
    expect(note).toMatch(
      /^\(case when "notes"."entity_type" = 'contact' then \(select "contacts"."division_id"/,
    );
    expect(note).toContain(`"contacts"."deleted_at" is null`);
    const rel = render(exportFilterSql("relationships", { eq: { field: "UserId", value: DIVISION } }, "f"));
    expect(rel.sql).toBe(`"relationships"."member_id" = $1::uuid`);
    const entity = render(
      exportFilterSql("notes", { eq: { field: "EntityType", value: "Organization" } }, "f"),
    );
    expect(entity.params).toEqual(["organization"]);
  });

  it("joins the export's divisions and filters, or gives no clause for neither", () => {
    expect(exportWhere("contacts", { divisionIds: [] })).toBeUndefined();
    const both = render(
      exportWhere("contacts", {
        divisionIds: [DIVISION],
        filters: { eq: { field: "ContactClassification", value: "Ephemeral" } },
      }),
    );
    expect(both.sql).toBe(`("contacts"."division_id" in ($1::uuid) and "contacts"."type" = $2)`);
  });

  it("names every malformed condition at its path", () => {
    const issues = issuesOf(() =>
      exportFilterSql(
        "contacts",
        {
          and: [
            { eq: { field: "FirstName", value: "Ada" } },
            { eq: { field: "DivisionId", value: "sales" } },
            { in: { field: "ContactClassification", values: ["Curated", "Vip"] } },
            { lte: { field: "DivisionId", value: DIVISION } },
            { gte: { field: "CreateDate", value: "yesterday" } },
            { eq: { field: "SchemaVersion", value: "1.5" } },
            {},
            { eq: { field: "SchemaId", value: SOURCE }, not: { eq: { field: "SchemaId", value: SOURCE } } },
          ],
        },
        "queryConditions.filters",
      ),
    );
    const at = "queryConditions.filters.and";
    expect(issues.map((i) => i.path)).toEqual([
      `${at}.0.eq.field`,
      `${at}.1.eq.value`,
      `${at}.2.in.values.1`,
      `${at}.3.lte.field`,
      `${at}.4.gte.value`,
      `${at}.5.eq.value`,
      `${at}.6`,
      `${at}.7`,
    ]);
    expect(issues[0]!.message).toContain("use one of DivisionId, ContactClassification");
    expect(issues[2]!.message).toBe("must be one of Curated, Ephemeral, Identified");
    expect(issues[3]!.message).toContain("use one of CreateDate, ModifyDate");
    expect(issues[7]!.message).toMatch(/one operator per filter/);
  });

  it("knows each kind's own fields", () => {
    expect(
      issuesOf(() =>
        exportFilterSql("organizations", { eq: { field: "ContactClassification", value: "x" } }, "f"),
      ),
    ).toEqual([
      { path: "f.eq.field", message: expect.stringContaining("DivisionId, SchemaId, SchemaVersion") },
    ]);
    expect(
      issuesOf(() =>
        exportFilterSql("relationships", { eq: { field: "EntityType", value: "contact" } }, "f"),
      ),
    ).toHaveLength(1);
    expect(() =>
      exportFilterSql("notes", { eq: { field: "EntityType", value: "contact" } }, "f"),
    ).not.toThrow();
  });

  it("bounds the depth of the tree", () => {
    let deep: ExportFilter = { eq: { field: "DivisionId", value: DIVISION } };
    for (let i = 0; i < 12; i++) deep = { not: deep };
    expect(issuesOf(() => exportFilterSql("contacts", deep, "f"))[0]!.message).toMatch(/deeper than 10/);
  });
});
