// Referenced by each package's vitest config as `globalSetup`: one PostgreSQL and one migrated template per run.
export { databaseGlobalSetup as default } from "./testing";
