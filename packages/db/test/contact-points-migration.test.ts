import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { migrationsFolder } from "../src/migrate";

// The contact-point vendor fields migration on a database holding contact points from before it.
const MIGRATION = "contact_point_vendor_fields";

const serverUrl = inject("databaseServerUrl");
const name = `points_${Date.now().toString(36)}`;
const url = (() => {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
})();
let sql: postgres.Sql;
let earlier: string;

/** Applies the migrations up to and including `lastTag` (all of them when absent). */
async function migrateUpTo(lastTag?: string) {
  let folder = migrationsFolder;
  if (lastTag) {
    earlier = mkdtempSync(join(tmpdir(), "migrations-"));
    cpSync(migrationsFolder, earlier, { recursive: true });
    const path = join(earlier, "meta/_journal.json");
    const journal = JSON.parse(readFileSync(path, "utf8")) as { entries: { tag: string }[] };
    const last = journal.entries.findIndex((e) => e.tag === lastTag);
    expect(last).toBeGreaterThan(0);
    journal.entries = journal.entries.slice(0, last + 1);
    writeFileSync(path, JSON.stringify(journal));
    folder = earlier;
  }
  const client = postgres(url, { max: 1, onnotice: () => {} });
  await migrate(drizzle(client), { migrationsFolder: folder });
  await client.end({ timeout: 5 });
}

beforeAll(async () => {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end({ timeout: 5 });
  sql = postgres(url, { max: 2, onnotice: () => {} });
});
afterAll(async () => {
  await sql.end({ timeout: 5 });
  if (earlier) rmSync(earlier, { recursive: true, force: true });
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end({ timeout: 5 });
});

/** The tag of the migration just before this one. */
function tagBefore(): string {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, "meta/_journal.json"), "utf8")) as {
    entries: { tag: string }[];
  };
  const mine = journal.entries.findIndex((e) => e.tag.endsWith(MIGRATION));
  expect(mine).toBeGreaterThan(0);
  return journal.entries[mine - 1]!.tag;
}

describe("contact point vendor fields migration", () => {
  it("keeps every existing point with its id, and stores what it did not have before", async () => {
    await migrateUpTo(tagBefore());
    const [tenant] = await sql<
      { id: string }[]
    >`insert into tenants (name, slug) values ('A', 'a') returning id`;
    const [division] = await sql<{ id: string }[]>`
      insert into divisions (tenant_id, name, is_home) values (${tenant!.id}, 'Home', true) returning id`;
    const [contact] = await sql<{ id: string }[]>`
      insert into contacts (tenant_id, division_id, last_name) values (${tenant!.id}, ${division!.id}, 'Old') returning id`;
    const points = await sql<{ id: string; kind: string; value: string }[]>`
      insert into contact_points (tenant_id, owner_kind, owner_id, kind, type, value, details, position)
      values
        (${tenant!.id}, 'contact', ${contact!.id}, 'email', 'work', 'a@x.example', '{"address":"a@x.example"}', 0),
        (${tenant!.id}, 'contact', ${contact!.id}, 'email', 'work', 'b@x.example', '{"address":"b@x.example"}', 1),
        (${tenant!.id}, 'contact', ${contact!.id}, 'phone', 'cell', '+442079460958', '{}', 0)
      returning id, kind, value`;

    await migrateUpTo();

    const after = await sql<{ id: string; kind: string; value: string }[]>`
      select id, kind, value from contact_points where tenant_id = ${tenant!.id} order by kind, position`;
    expect(after).toEqual(
      [...points].sort((a, b) => a.kind.localeCompare(b.kind) || a.value.localeCompare(b.value)),
    );
    await sql`update contact_points set vendor_type = 'EMAIL_ALIAS', usage_context = 'PROFESSIONAL'
      where id = ${points[1]!.id}`;
    const [stored] =
      await sql`select vendor_type, usage_context from contact_points where id = ${points[1]!.id}`;
    expect(stored).toEqual({ vendor_type: "EMAIL_ALIAS", usage_context: "PROFESSIONAL" });
    await expect(
      sql`update contact_points set usage_context = 'WHATEVER' where id = ${points[0]!.id}`,
    ).rejects.toMatchObject({ constraint_name: "contact_points_usage_context_check" });
  });
});
