export * from "./cleanup";
export * from "./csv";
export * from "./model";
export * from "./rules";
export * from "./run";
export * from "./service";
export * from "./write";
