export * from "./model";
export * from "./service";
