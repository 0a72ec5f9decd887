import { defineConfig } from "vitest/config";

export default defineConfig({
  // `~/` as in tsconfig.json, for tests that import the app's own modules (such as the tRPC router).
  resolve: { tsconfigPaths: true },
  test: {
    globalSetup: ["@switchboard/db/vitest-global-setup"],
    // Each file starts its own production server of the built app; run them one at a time.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
