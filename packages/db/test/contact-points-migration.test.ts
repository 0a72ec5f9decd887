import { describe, expect, it } from "vitest";
import { useMigrationDatabase } from "./migration-database";

// The contact-point vendor fields migration on a database holding contact points from before it.
const BEFORE = "0027_profile_tables";

const { sql, migrateUpTo } = useMigrationDatabase("points");

describe("contact point vendor fields migration", () => {
  it("keeps every existing point with its id, and stores what it did not have before", async () => {
    await migrateUpTo(BEFORE);
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
