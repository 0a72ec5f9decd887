export * from "./export";
export * from "./fields";
export * from "./filter";
export * from "./filter-sql";
export * from "./json-entries";
export * from "./model";
export * from "./sync";
