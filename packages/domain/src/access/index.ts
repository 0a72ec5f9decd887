export * from "./admin";
export * from "./divisions";
export * from "./permissions";
export * from "./rules";
export * from "./service";
export * from "./tokens";
