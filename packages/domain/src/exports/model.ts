import type { ExportJobRow } from "@switchboard/db";
import { z } from "zod";

/** Entity kinds an export can be started for (Genesys: contacts, organizations, notes, relationships). */
export const EXPORT_ENTITY_TYPES = ["contacts", "organizations", "notes", "relationships"] as const;
export type ExportEntityType = (typeof EXPORT_ENTITY_TYPES)[number];
export type ExportStatus = ExportJobRow["status"];

/** Genesys' default and ceiling for `queryConditions.limit`. */
export const EXPORT_ROW_LIMIT = 180_000_000;

const divisionIds = z.array(z.uuid()).max(50, "at most 50 divisions").optional();

/**
 * One node of an export's filter tree, as Genesys shapes it: a node holds exactly one of the operators.
 * Which fields each entity kind filters on, and what their values must look like, is checked when the
 * tree is translated (rules `exportFilterSql`), where the entity kind is known.
 */
export interface ExportFilter {
  eq?: { field: string; value: string };
  in?: { field: string; values: string[] };
  lte?: { field: string; value: string };
  gte?: { field: string; value: string };
  and?: ExportFilter[];
  or?: ExportFilter[];
  not?: ExportFilter;
}

/** Bounds a filter tree a caller could otherwise make arbitrarily deep (the root is level 1). */
export const EXPORT_FILTER_MAX_DEPTH = 10;

/**
 * The first node of a raw filter tree nested deeper than `EXPORT_FILTER_MAX_DEPTH`, found without recursion:
 * a validator walking the tree recursively would overflow the stack on a tree thousands of levels deep, so
 * this runs before it (see `boundedFilters`).
 */
export function filterTooDeep(filters: unknown): { path: (string | number)[]; message: string } | null {
  const stack: [unknown, (string | number)[], number][] = [[filters, [], 1]];
  while (stack.length) {
    const [node, path, depth] = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    if (depth > EXPORT_FILTER_MAX_DEPTH)
      return { path, message: `nests deeper than ${EXPORT_FILTER_MAX_DEPTH} levels` };
    const f = node as Record<string, unknown>;
    for (const op of ["and", "or"] as const) {
      const children = f[op];
      if (Array.isArray(children))
        for (const [i, child] of children.entries()) stack.push([child, [...path, op, i], depth + 1]);
    }
    if ("not" in f) stack.push([f.not, [...path, "not"], depth + 1]);
  }
  return null;
}

/** `queryConditions` with its filter tree's depth checked before `conditions` (recursive) validates it. */
export const boundedFilters = <S extends z.ZodType>(conditions: S) =>
  z.preprocess((value, ctx) => {
    const tooDeep = filterTooDeep((value as { filters?: unknown } | null)?.filters);
    if (tooDeep)
      ctx.addIssue({ code: "custom", path: ["filters", ...tooDeep.path], message: tooDeep.message });
    return value;
  }, conditions);

const fieldName = z.string().trim().min(1).max(100);
const fieldValue = z.string().max(200);
export const exportFilter: z.ZodType<ExportFilter> = z.lazy(() =>
  z.object({
    eq: z.object({ field: fieldName, value: fieldValue }).optional(),
    in: z
      .object({ field: fieldName, values: z.array(fieldValue).min(1, "needs at least one value").max(1000) })
      .optional(),
    lte: z.object({ field: fieldName, value: fieldValue }).optional(),
    gte: z.object({ field: fieldName, value: fieldValue }).optional(),
    and: z.array(exportFilter).min(1, "needs at least one filter").max(100).optional(),
    or: z.array(exportFilter).min(1, "needs at least one filter").max(100).optional(),
    not: exportFilter.optional(),
  }),
);

export const exportQueryConditions = boundedFilters(
  z.object({
    filters: exportFilter.optional(),
    limit: z
      .number()
      .int()
      .min(1, "must be at least 1")
      .max(EXPORT_ROW_LIMIT, `must be at most ${EXPORT_ROW_LIMIT}`)
      .optional(),
  }),
);
export type ExportQueryConditions = z.infer<typeof exportQueryConditions>;

export const createExportInput = z.object({
  entityType: z.enum(EXPORT_ENTITY_TYPES),
  /** Only entities in these divisions; absent or empty means every division. */
  divisionIds,
  /** Genesys `queryConditions`: a filter tree over the entity's fields, and a row limit. */
  queryConditions: exportQueryConditions.optional(),
});
export type CreateExportInput = z.input<typeof createExportInput>;

export const listExportsInput = z.object({
  /** One kind, or (absent) every kind the actor may view. */
  entityType: z.enum(EXPORT_ENTITY_TYPES).optional(),
  /** The `nextCursor` of the previous page. */
  after: z.string().trim().max(200).optional(),
  pageSize: z.number().int().min(1).max(200).default(25),
  /** Only exports that were asked for any of these divisions. */
  divisionIds,
});
export type ListExportsInput = z.input<typeof listExportsInput>;

/** An export as every dialect and the web app see it. */
export interface ExportJob {
  id: string;
  entityType: ExportEntityType;
  status: ExportStatus;
  /** The divisions asked for; empty means every division. */
  divisionIds: string[];
  /** The filters and limit asked for, as given; null when none. */
  queryConditions: ExportQueryConditions | null;
  rowCount: number | null;
  error: string | null;
  createdAt: Date;
  completedAt: Date | null;
  fileId: string | null;
  /** Who started it (Genesys `createdBy`). */
  createdBy: { kind: string; id: string };
}

export interface ExportPage {
  entities: ExportJob[];
  /** Pass as `after` for the next page; null on the last one. */
  nextCursor: string | null;
}
