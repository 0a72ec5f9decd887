/**
 * `npm run tenant -- create <slug> [--name "Acme Ltd"]` creates a tenant with its Home division, an Admin
 * role, an admin member and an admin API client, and prints their generated credentials once (only their
 * hashes are stored). The slug is the tenant's enfore `org-id`. `npm run tenant -- list` lists the tenants.
 * Uses DATABASE_URL, or the embedded PostgreSQL under the data dir (stop `npm start` first).
 */
import { parseArgs } from "node:util";
import { createDb } from "@switchboard/db";
import { createTenant, isDomainError, listTenants } from "@switchboard/domain";
import { dataDirFromEnv, openDatabase } from "./database";

// `npm run tenant -- …` arrives here as `tenant.ts -- …`: that first `--` is npm's, not an end of options.
const argv = process.argv.slice(2);
const { values: options, positionals } = parseArgs({
  args: argv[0] === "--" ? argv.slice(1) : argv,
  allowPositionals: true,
  options: { name: { type: "string" }, help: { type: "boolean", short: "h", default: false } },
});

const say = (line = "") => process.stderr.write(`${line}\n`);

function usage(): never {
  say('usage: npm run tenant -- create <slug> [--name "Display name"]');
  say("       npm run tenant -- list");
  say("The slug (lowercase letters, digits and dashes) is the tenant's enfore org-id.");
  process.exit(2);
}

async function main() {
  const [command, slug, ...rest] = positionals;
  if (options.help || rest.length > 0) usage();
  if (command !== "list" && !(command === "create" && slug)) usage();
  if (command === "list" && slug) usage();

  const database = await openDatabase(await dataDirFromEnv(), say);
  const { db, close } = createDb(database.url, { max: 1 });
  try {
    if (command === "list") {
      for (const tenant of await listTenants(db))
        console.log(`${tenant.slug}\t${tenant.name}\t${tenant.createdAt.toISOString()}`);
      return 0;
    }
    const created = await createTenant(db, { slug: slug!, name: options.name });
    const { adminEmail, adminPassword, clientId, clientSecret } = created.generated;
    console.log(`tenant ${created.slug} (${created.name}) created; enfore org-id: ${created.slug}`);
    console.log("generated credentials (shown once; only their hashes are stored):");
    console.log(`    web sign-in   ${adminEmail} / ${adminPassword}`);
    console.log(`    API client    id ${clientId}  secret ${clientSecret}`);
    return 0;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    say(`tenant: ${error.message}`);
    return 1;
  } finally {
    await close();
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
