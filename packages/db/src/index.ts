// The surface apps and packages use: they import drizzle operators from here, never from drizzle-orm.
export * from "drizzle-orm";
export { alias, type PgColumn, type PgTable, PgTransaction, type SelectedFields } from "drizzle-orm/pg-core";
export type { Database, Executor } from "./client";
export { createDb, listen, preparedStatements } from "./client";
export { type CopyEncoder, copyBinary, copyEncoder, int4Field } from "./copy-binary";
export { insertMany } from "./insert-many";
export { MIGRATION_COUNT } from "./journal";
export { migrateDatabase } from "./migrate";
export * from "./schema";
