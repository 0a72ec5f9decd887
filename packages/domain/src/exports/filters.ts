import {
  and,
  contacts,
  externalIds,
  notes,
  organizations,
  relationships,
  type SQL,
  type SQLWrapper,
  sql,
} from "@switchboard/db";
import { z } from "zod";
import { CONTACT_TYPES } from "../contacts/model";
import { type FieldIssue, validationFailed } from "../shared/errors";
import { isUuid } from "../shared/ids";
import { EXPORT_FILTER_MAX_DEPTH, type ExportEntityType, type ExportFilter } from "./model";

// The translation of a Genesys export filter tree (eq, in, lte, gte, and, or, not) into a WHERE clause on
// the exported table. Pure: it builds SQL from the schema's columns and never touches a database.

/** What a field's values must look like, and how a value is cast for the comparison. */
type ValueKind = "id" | "classification" | "integer" | "entityType" | "date";

interface FilterField {
  kind: ValueKind;
  /** The compared expression, or for a many-valued field the test that any of its values is among `values`. */
  target: SQL | ((values: SQL[]) => SQL);
}

/** A note's or relationship's division is its parent's; a parent that is gone (or merged away) has none. */
const contactDivision = (tenant: SQL, id: SQL) =>
  sql`(select ${contacts.divisionId} from ${contacts} where ${contacts.tenantId} = ${tenant} and ${contacts.id} = ${id} and ${contacts.deletedAt} is null and ${contacts.canonicalContactId} is null)`;
const organizationDivision = (tenant: SQL, id: SQL) =>
  sql`(select ${organizations.divisionId} from ${organizations} where ${organizations.tenantId} = ${tenant} and ${organizations.id} = ${id} and ${organizations.deletedAt} is null)`;

export const noteDivision = sql`(case when ${notes.entityType} = 'contact' then ${contactDivision(sql`${notes.tenantId}`, sql`${notes.entityId}`)} else ${organizationDivision(sql`${notes.tenantId}`, sql`${notes.entityId}`)} end)`;
export const relationshipDivision = organizationDivision(
  sql`${relationships.tenantId}`,
  sql`${relationships.organizationId}`,
);

const dates = (created: SQLWrapper, modified: SQLWrapper): Record<string, FilterField> => ({
  CreateDate: { kind: "date", target: sql`${created}` },
  ModifyDate: { kind: "date", target: sql`${modified}` },
});

/** The fields each kind of export filters on (Genesys `*ExportFieldFilter` and `*ComparisonFieldFilter`). */
export const EXPORT_FILTER_FIELDS: Record<ExportEntityType, Record<string, FilterField>> = {
  contacts: {
    DivisionId: { kind: "id", target: sql`${contacts.divisionId}` },
    ContactClassification: { kind: "classification", target: sql`${contacts.type}` },
    ExternalOrganizationId: { kind: "id", target: sql`${contacts.organizationId}` },
    // A contact may carry ids from several sources: it matches when any of them is from one of the values.
    ExternalSourceId: {
      kind: "id",
      target: (values) =>
        sql`exists (select 1 from ${externalIds} where ${externalIds.tenantId} = ${contacts.tenantId} and ${externalIds.entityType} = 'contact' and ${externalIds.entityId} = ${contacts.id} and ${externalIds.sourceId} in ${values})`,
    },
    SchemaId: { kind: "id", target: sql`${contacts.schemaId}` },
    SchemaVersion: { kind: "integer", target: sql`${contacts.schemaVersion}` },
    ...dates(contacts.createdAt, contacts.modifiedAt),
  },
  organizations: {
    DivisionId: { kind: "id", target: sql`${organizations.divisionId}` },
    SchemaId: { kind: "id", target: sql`${organizations.schemaId}` },
    SchemaVersion: { kind: "integer", target: sql`${organizations.schemaVersion}` },
    ...dates(organizations.createdAt, organizations.modifiedAt),
  },
  notes: {
    DivisionId: { kind: "id", target: noteDivision },
    EntityType: { kind: "entityType", target: sql`${notes.entityType}` },
    ...dates(notes.createdAt, notes.modifiedAt),
  },
  relationships: {
    DivisionId: { kind: "id", target: relationshipDivision },
    UserId: { kind: "id", target: sql`${relationships.memberId}` },
    ...dates(relationships.createdAt, relationships.modifiedAt),
  },
};

const OPERATORS = ["eq", "in", "lte", "gte", "and", "or", "not"] as const;
/** Bounds a tree a caller could otherwise make arbitrarily large or deep. */
const MAX_DEPTH = EXPORT_FILTER_MAX_DEPTH;
const MAX_NODES = 500;

const isoDate = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

/** The value as a typed SQL parameter, or the reason it cannot be one. */
function paramOf(kind: ValueKind, raw: string): SQL | string {
  switch (kind) {
    case "id":
      return isUuid(raw) ? sql`${raw.toLowerCase()}::uuid` : "must be an id (a uuid)";
    case "classification":
      return (CONTACT_TYPES as readonly string[]).includes(raw)
        ? sql`${raw}`
        : `must be one of ${CONTACT_TYPES.join(", ")}`;
    case "integer":
      return /^\d{1,9}$/.test(raw) ? sql`${Number(raw)}::int` : "must be a whole number";
    case "entityType": {
      const value = raw.toLowerCase();
      return value === "contact" || value === "organization"
        ? sql`${value}`
        : "must be contact or organization";
    }
    case "date":
      return isoDate.safeParse(raw).success
        ? sql`${raw}::timestamptz`
        : "must be an ISO-8601 date or date-time with a time zone";
  }
}

/**
 * The WHERE clause for `filter` on an export of `entityType`, or a VALIDATION error listing every problem,
 * each at its path under `path` (the caller's own field names). `not` is null-safe: "not SchemaId = x" also
 * keeps the rows that have no schema, as a reader of the filter expects.
 */
export function exportFilterSql(entityType: ExportEntityType, filter: ExportFilter, path: string): SQL {
  const fields = EXPORT_FILTER_FIELDS[entityType];
  const issues: FieldIssue[] = [];
  let nodes = 0;

  function leaf(op: "eq" | "in" | "lte" | "gte", node: NonNullable<ExportFilter[typeof op]>, at: string) {
    const field = fields[node.field];
    const comparison = op === "lte" || op === "gte";
    if (!field || (field.kind === "date") !== comparison) {
      const allowed = Object.entries(fields)
        .filter(([, f]) => (f.kind === "date") === comparison)
        .map(([name]) => name);
      issues.push({
        path: `${at}.field`,
        message: `${entityType} exports cannot filter on ${node.field} with ${op}; use one of ${allowed.join(", ")}`,
      });
      return sql`false`;
    }
    const raws = "values" in node ? node.values : [node.value];
    const values: SQL[] = [];
    raws.forEach((raw, i) => {
      const value = paramOf(field.kind, raw);
      if (typeof value === "string")
        issues.push({ path: "values" in node ? `${at}.values.${i}` : `${at}.value`, message: value });
      else values.push(value);
    });
    if (values.length !== raws.length) return sql`false`;
    if (typeof field.target === "function") {
      if (comparison) throw new Error(`${node.field} cannot be compared`);
      return field.target(values);
    }
    if (op === "eq") return sql`${field.target} = ${values[0]}`;
    if (op === "in") return sql`${field.target} in ${values}`;
    return op === "lte" ? sql`${field.target} <= ${values[0]}` : sql`${field.target} >= ${values[0]}`;
  }

  function node(f: ExportFilter, at: string, depth: number): SQL {
    if (++nodes > MAX_NODES) {
      if (nodes === MAX_NODES + 1) issues.push({ path, message: `has more than ${MAX_NODES} filters` });
      return sql`false`;
    }
    if (depth > MAX_DEPTH) {
      issues.push({ path: at, message: `nests deeper than ${MAX_DEPTH} levels` });
      return sql`false`;
    }
    const present = OPERATORS.filter((op) => f[op] !== undefined);
    if (present.length !== 1) {
      issues.push({
        path: at,
        message:
          present.length === 0
            ? `needs one of ${OPERATORS.join(", ")}`
            : `holds ${present.join(" and ")}: one operator per filter, combine them with and/or`,
      });
      return sql`false`;
    }
    const op = present[0]!;
    switch (op) {
      case "and":
      case "or": {
        const parts = f[op]!.map((child, i) => node(child, `${at}.${op}.${i}`, depth + 1));
        return sql`(${sql.join(parts, op === "and" ? sql` and ` : sql` or `)})`;
      }
      case "not":
        return sql`((${node(f.not!, `${at}.not`, depth + 1)}) is not true)`;
      case "in":
        return leaf(op, f.in!, `${at}.in`);
      default:
        return leaf(op, f[op]!, `${at}.${op}`);
    }
  }

  const where = node(filter, path, 1);
  if (issues.length) throw validationFailed(issues);
  return where;
}

/** The export's whole row filter: its divisions (none = every division) and its filter tree. */
export function exportWhere(
  entityType: ExportEntityType,
  request: { divisionIds: string[]; filters?: ExportFilter },
): SQL | undefined {
  const parts: SQL[] = [];
  if (request.divisionIds.length)
    parts.push(
      exportFilterSql(
        entityType,
        { in: { field: "DivisionId", values: request.divisionIds } },
        "divisionIds",
      ),
    );
  if (request.filters) parts.push(exportFilterSql(entityType, request.filters, "queryConditions.filters"));
  return and(...parts);
}
