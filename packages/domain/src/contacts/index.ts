export * from "./batch";
export * from "./duplicate-dismissals";
export * from "./duplicates";
export * from "./journey";
export * from "./merge";
export * from "./model";
export * from "./rules";
export * from "./service";
