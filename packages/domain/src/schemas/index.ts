export * from "./core-types";
export * from "./model";
export * from "./rules";
export * from "./service";
