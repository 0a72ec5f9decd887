export * from "./contact-details";
export * from "./defaults";
export * from "./model";
export * from "./rules";
export * from "./service";
