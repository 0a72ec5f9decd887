export * from "./admin";
export * from "./permissions";
export * from "./rules";
export * from "./service";
