/**
 * Bundles the worker into `dist/main.mjs` for production: the workspace packages ship TypeScript source,
 * and running them through tsx costs the process ~140 MB of memory for the transpiler and its caches.
 * Native addons stay external (resolved from this package's dependencies). The source map is written but
 * not loaded by default (it costs ~35 MB): `NODE_OPTIONS=--enable-source-maps` for TypeScript stack traces.
 * `npm start` runs it with a 160 MB old-space limit: jobs work in bounded batches, and without a limit V8
 * lets the heap grow far past what they keep (a 100k-row import peaked at 360 MB RSS, 276 MB with it).
 */
import { build } from "esbuild";

await build({
  entryPoints: ["src/main.ts"],
  outfile: "dist/main.mjs",
  bundle: true,
  platform: "node",
  target: "node22",
  format: "esm",
  sourcemap: true,
  external: ["@node-rs/argon2"],
  // Bundled CommonJS dependencies call `require`, which an ES module does not have.
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  logLevel: "warning",
});
