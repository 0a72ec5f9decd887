export * from "./in-turn";
export * from "./queue";
