/**
 * Reads over a loaded contact store: one contact by id, and keyword search (`q`) with a page of 20.
 * The baseline does each in one SQL statement: the contact with its contact points as JSON, and the same
 * trigram `LIKE` search (same terms, same order) with the total in a window count.
 */
import { likePattern, searchTermsOf } from "@switchboard/domain";
import { loadContacts } from "../dataset";
import { pick } from "../random";
import type { BaselineRequest, BaselineRoute, Operation, Scenario } from "../scenario";

const BASE = "/api/v2/externalcontacts/contacts";

interface Page {
  entities?: { id?: string }[];
  total?: number;
}

export const contactReads: Scenario = {
  name: "contact-reads",
  perStoreSize: true,
  title: (options) => `Contact reads over ${options.contacts.toLocaleString("en-US")} contacts`,
  async prepare({ db, options, log }) {
    const tenant = await db.createTenant(`reads-${options.contacts}`);
    log(`loading ${options.contacts.toLocaleString("en-US")} contacts`);
    const data = await loadContacts(db.sql, tenant, options.contacts, options.seed);
    log(
      `loaded ${data.count.toLocaleString("en-US")} contacts in ${data.seconds.toFixed(1)} s; ${data.searchTerms.length} search terms`,
    );
    const ids = data.sampleIds;
    const terms = data.searchTerms;
    const get: Operation = {
      name: "GET contact by id",
      next: (random) => ({ method: "GET", path: `${BASE}/${pick(random, ids)}` }),
      fingerprint: (body) => String((body as { id?: string }).id),
    };
    const search: Operation = {
      name: "GET contacts?q= (search, pageSize 20)",
      next: (random) => ({
        method: "GET",
        path: `${BASE}?q=${encodeURIComponent(pick(random, terms))}&pageSize=20`,
      }),
      fingerprint: (body) => {
        const page = body as Page;
        return `${page.total} ${(page.entities ?? []).map((e) => e.id).join(",")}`;
      },
    };
    // The latency a caller sees with the machine to itself: p95 of one search at a time.
    const searchAlone: Operation = {
      ...search,
      name: "GET contacts?q= (search, one request at a time)",
      concurrency: 1,
    };
    return { tenant, operations: [get, search, searchAlone] };
  },
};

// ------------------------------------------------------------------------------------------- baseline

async function getContact({ sql, tenantId, params }: BaselineRequest) {
  const [row] = await sql`
    select c.id, c.number, c.version, c.type, c.division_id, c.first_name, c.middle_name, c.last_name,
      c.salutation, c.title, c.display_name, c.organization_id, c.extensions, c.created_at, c.modified_at,
      coalesce((
        select json_agg(json_build_object('kind', p.kind, 'type', p.type, 'value', p.value, 'details', p.details)
          order by p.kind, p.position)
        from contact_points p
        where p.tenant_id = c.tenant_id and p.owner_kind = 'contact' and p.owner_id = c.id
      ), '[]') as contact_points
    from contacts c
    where c.tenant_id = ${tenantId} and c.id = ${params[0] ?? ""} and c.deleted_at is null`;
  return row ? { status: 200, body: row } : { status: 404, body: { message: "not found" } };
}

async function searchContacts({ sql, tenantId, url }: BaselineRequest) {
  const pageSize = Math.min(1000, Math.max(1, Number(url.searchParams.get("pageSize") ?? 20) || 20));
  const pageNumber = Math.max(1, Number(url.searchParams.get("pageNumber") ?? 1) || 1);
  let filter = sql`c.tenant_id = ${tenantId} and c.deleted_at is null`;
  for (const term of searchTermsOf(url.searchParams.get("q") ?? undefined))
    filter = sql`${filter} and c.search_text like ${likePattern(term)}`;
  const rows = await sql`
    select c.id, c.number, c.version, c.type, c.division_id, c.first_name, c.middle_name, c.last_name,
      c.salutation, c.title, c.display_name, c.organization_id, c.extensions, c.created_at, c.modified_at,
      coalesce((
        select json_agg(json_build_object('kind', p.kind, 'type', p.type, 'value', p.value, 'details', p.details)
          order by p.kind, p.position)
        from contact_points p
        where p.tenant_id = c.tenant_id and p.owner_kind = 'contact' and p.owner_id = c.id
      ), '[]') as contact_points,
      count(*) over ()::int as total
    from contacts c
    where ${filter}
    order by c.last_name, c.first_name, c.id
    limit ${pageSize} offset ${(pageNumber - 1) * pageSize}`;
  const total = rows[0]?.total ?? 0;
  for (const row of rows) delete row.total;
  return { status: 200, body: { entities: rows, pageSize, pageNumber, total } };
}

export const contactReadsBaseline: BaselineRoute[] = [
  { method: "GET", path: /^\/api\/v2\/externalcontacts\/contacts\/([0-9a-fA-F-]{36})$/, handle: getContact },
  { method: "GET", path: /^\/api\/v2\/externalcontacts\/contacts$/, handle: searchContacts },
];
