import { defineConfig } from "vitest/config";

/** Benchmarks (`pnpm bench:dfs-sync`): measurements that take minutes, kept out of `npm test`. */
export default defineConfig({
  test: {
    include: ["bench/**/*.test.ts"],
    globalSetup: ["@switchboard/db/vitest-global-setup"],
    testTimeout: 3_600_000,
    hookTimeout: 120_000,
  },
});
