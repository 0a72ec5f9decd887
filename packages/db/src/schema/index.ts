export * from "./access";
export * from "./contacts";
export * from "./data-schemas";
export * from "./external-sources";
export * from "./history";
export * from "./jobs";
export * from "./notes";
export * from "./tenancy";
