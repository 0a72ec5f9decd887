export * from "./csv";
export * from "./storage";
