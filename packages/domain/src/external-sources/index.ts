export * from "./enfore";
export * from "./model";
export * from "./rules";
export * from "./service";
