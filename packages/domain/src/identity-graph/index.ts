export * from "./clusters";
export * from "./scan";
export * from "./settings";
