export { EXPORT_FILTER_FIELDS, exportFilterSql } from "./filters";
export * from "./model";
export * from "./rules";
export * from "./service";
