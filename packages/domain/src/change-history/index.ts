export * from "./rules";
export * from "./service";
