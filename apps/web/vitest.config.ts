import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["@switchboard/db/vitest-global-setup"],
    // Each file starts its own production server of the built app; run them one at a time.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
