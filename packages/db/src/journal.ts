import journal from "../drizzle/meta/_journal.json";

/** How many migrations this build ships; a database with fewer applied is not ready (health check). */
export const MIGRATION_COUNT = journal.entries.length;
