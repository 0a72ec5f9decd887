/**
 * Bundles server.ts into `dist/server.mjs` after `next build`, as the worker is bundled: the workspace packages
 * ship TypeScript source, and running them through tsx in production costs memory for the transpiler. Next.js
 * and the native argon2 addon stay external, resolved from this package's dependencies.
 */
import { build } from "esbuild";

await build({
  entryPoints: ["server.ts"],
  outfile: "dist/server.mjs",
  bundle: true,
  platform: "node",
  target: "node22",
  format: "esm",
  sourcemap: true,
  external: ["next", "@node-rs/argon2"],
  // Bundled CommonJS dependencies call `require`, which an ES module does not have.
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  logLevel: "warning",
});
