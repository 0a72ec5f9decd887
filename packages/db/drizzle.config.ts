import { defineConfig } from "drizzle-kit";

// Only `generate` is used: migrations are SQL files committed under ./drizzle and applied by `migrate()`.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema/index.ts",
  out: "./drizzle",
});
