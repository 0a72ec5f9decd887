export * from "./batch";
export * from "./merge";
export * from "./model";
export * from "./rules";
export * from "./service";
