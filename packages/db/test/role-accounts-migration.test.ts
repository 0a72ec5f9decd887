import { describe, expect, it } from "vitest";
import { useMigrationDatabase } from "./migration-database";

// Migration 0031 on a database holding roles: each owner's customer and alternative-payer roles share one debtor
// account number, each supplier gets a creditor account number, and tenants (old and new) have both sequences.
const BEFORE = "0030_record_number_sequences";

const { sql, migrateUpTo } = useMigrationDatabase("role_accounts");

describe("role account numbers migration", () => {
  it("numbers the roles held before it: one debtor account per owner, one creditor account per supplier", async () => {
    await migrateUpTo(BEFORE);
    const [t] = await sql<{ id: string }[]>`insert into tenants (name, slug) values ('a', 'a') returning id`;
    const tenant = t!.id;
    const [both, payer, supplier] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    for (const [owner, kind] of [
      [both, "customer"],
      [both, "alternativePayer"],
      [both, "supplier"],
      [payer, "alternativePayer"],
      [supplier, "supplier"],
    ] as const)
      await sql`insert into profile_roles (tenant_id, owner_kind, owner_id, kind, number, is_active, since)
        values (${tenant}, 'contact', ${owner}, ${kind}, 'n', true, '2020-01-01')`;

    await migrateUpTo();

    const rows = await sql<{ owner_id: string; kind: string; account_number: number }[]>`
      select owner_id, kind, account_number from profile_roles where tenant_id = ${tenant}`;
    const of = (owner: string, kind: string) =>
      rows.find((r) => r.owner_id === owner && r.kind === kind)!.account_number;
    expect(of(both, "customer")).toBe(of(both, "alternativePayer"));
    expect(new Set([of(both, "customer"), of(payer, "alternativePayer")])).toEqual(new Set([1, 2]));
    expect(new Set([of(both, "supplier"), of(supplier, "supplier")])).toEqual(new Set([1, 2]));
    const [next] = await sql<{ n: number }[]>`
      select allocate_record_numbers(${tenant}, 'debtorAccount', 1) as n`;
    expect(next!.n).toBe(3);
    const [n] = await sql<{ id: string }[]>`insert into tenants (name, slug) values ('b', 'b') returning id`;
    const [first] = await sql<{ n: number }[]>`
      select allocate_record_numbers(${n!.id}, 'creditorAccount', 1) as n`;
    expect(first!.n).toBe(1);
  });
});
