import { describe, expect, it } from "vitest";
import { useMigrationDatabase } from "./migration-database";

// Migration 0026 on a database holding contacts with an employer, then the trigger that keeps each contact's
// employer column and its primary professional identity (PI) in step for every writer.
const BEFORE = "0025_record_numbers";

const { sql, migrateUpTo } = useMigrationDatabase("pis");

type Pi = { contact: string; organization: string; active: boolean; primary: boolean };

describe("professional identities migration", () => {
  let tenant = "";
  let division = "";
  const orgs: Record<string, string> = {};
  const people: Record<string, string> = {};
  const pisOf = (name: string) =>
    sql<
      Pi[]
    >`select c.first_name as contact, o.name as organization, p.is_active as active, p.is_primary as primary
      from professional_identities p
      join contacts c on c.tenant_id = p.tenant_id and c.id = p.contact_id
      join organizations o on o.tenant_id = p.tenant_id and o.id = p.organization_id
      where p.tenant_id = ${tenant} and c.first_name = ${name} order by p.number`;

  it("gives every contact with an employer a primary active PI there, and no one else a PI", async () => {
    await migrateUpTo(BEFORE);
    tenant = (
      await sql<{ id: string }[]>`insert into tenants (name, slug) values ('A', 'a') returning id`
    )[0]!.id;
    division = (
      await sql<{ id: string }[]>`
        insert into divisions (tenant_id, name, is_home) values (${tenant}, 'Home', true) returning id`
    )[0]!.id;
    for (const name of ["Acme", "Globex"]) {
      const [o] = await sql<{ id: string }[]>`
        insert into organizations (tenant_id, division_id, name) values (${tenant}, ${division}, ${name}) returning id`;
      orgs[name] = o!.id;
    }
    const person = async (name: string, org: string | null, deleted = false) => {
      const [c] = await sql<{ id: string }[]>`
        insert into contacts (tenant_id, division_id, first_name, organization_id, deleted_at)
        values (${tenant}, ${division}, ${name}, ${org}, ${deleted ? new Date() : null}) returning id`;
      people[name] = c!.id;
    };
    await person("ada", orgs.Acme!);
    await person("bob", null);
    await person("cy", orgs.Globex!, true);

    await migrateUpTo();

    expect(await pisOf("ada")).toEqual([
      { contact: "ada", organization: "Acme", active: true, primary: true },
    ]);
    expect(await pisOf("bob")).toEqual([]);
    // A soft-deleted contact keeps its employer as a PI: enfore reads deleted records.
    expect(await pisOf("cy")).toEqual([
      { contact: "cy", organization: "Globex", active: true, primary: true },
    ]);
  });

  it("moves the primary PI with the employer column, whoever writes it", async () => {
    await sql`update contacts set organization_id = ${orgs.Globex!} where id = ${people.ada!}`;
    expect(await pisOf("ada")).toEqual([
      { contact: "ada", organization: "Acme", active: false, primary: false },
      { contact: "ada", organization: "Globex", active: true, primary: true },
    ]);
    await sql`update contacts set organization_id = null where id = ${people.ada!}`;
    expect(await pisOf("ada")).toEqual([
      { contact: "ada", organization: "Acme", active: false, primary: false },
      { contact: "ada", organization: "Globex", active: false, primary: true },
    ]);
    // Back to a former employer: its PI is reactivated, not duplicated.
    await sql`update contacts set organization_id = ${orgs.Acme!} where id = ${people.ada!}`;
    expect(await pisOf("ada")).toEqual([
      { contact: "ada", organization: "Acme", active: true, primary: true },
      { contact: "ada", organization: "Globex", active: false, primary: false },
    ]);
    await sql`insert into contacts (tenant_id, division_id, first_name, organization_id)
      values (${tenant}, ${division}, 'dee', ${orgs.Globex!})`;
    expect(await pisOf("dee")).toEqual([
      { contact: "dee", organization: "Globex", active: true, primary: true },
    ]);
  });

  it("records when a PI became active and inactive", async () => {
    const [pi] = await sql<{ activation: Date | null; deactivation: Date | null }[]>`
      select activation_date as activation, deactivation_date as deactivation from professional_identities
      where tenant_id = ${tenant} and contact_id = ${people.ada!} and organization_id = ${orgs.Globex!}`;
    expect(pi!.activation).toBeInstanceOf(Date);
    expect(pi!.deactivation).toBeInstanceOf(Date);
  });

  it("follows one statement that writes many contacts' employers (migration 0029: per statement)", async () => {
    const names = ["e1", "e2", "e3"];
    await sql`insert into contacts (tenant_id, division_id, first_name, organization_id)
      select ${tenant}, ${division}, n, ${orgs.Acme!}::uuid from unnest(${names}::text[]) n`;
    await sql`update contacts set organization_id = case first_name when 'e1' then ${orgs.Globex!}::uuid end
      where tenant_id = ${tenant} and first_name in ('e1', 'e2')`;
    expect(await pisOf("e1")).toEqual([
      { contact: "e1", organization: "Acme", active: false, primary: false },
      { contact: "e1", organization: "Globex", active: true, primary: true },
    ]);
    expect(await pisOf("e2")).toEqual([
      { contact: "e2", organization: "Acme", active: false, primary: true },
    ]);
    expect(await pisOf("e3")).toEqual([{ contact: "e3", organization: "Acme", active: true, primary: true }]);
  });
});
