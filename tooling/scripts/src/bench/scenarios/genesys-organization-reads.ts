/**
 * Genesys external organization reads over organizations with contacts (`loadOrganizations`): one by id, and
 * keyword search (`q`, a word of the name) with a page of 20. The baseline does each in one SQL statement: the
 * organization with its contact points, external ids (with their source) and tags as JSON, and the same trigram
 * `LIKE` search (same terms, same order: name, then id) with the total in a window count.
 */
import { likePattern, searchTermsOf } from "@switchboard/domain";
import type postgres from "postgres";
import { loadContacts, loadOrganizations } from "../dataset";
import { pick } from "../random";
import type { BaselineRequest, BaselineRoute, Operation, Scenario } from "../scenario";

const BASE = "/api/v2/externalcontacts/organizations";

interface Page {
  entities?: { id?: string }[];
  total?: number;
}

export const genesysOrganizationReads: Scenario = {
  name: "genesys-organization-reads",
  title: (options) =>
    `Genesys organization reads over ${Math.ceil(options.contacts / 10).toLocaleString("en-US")} organizations, ${options.contacts.toLocaleString("en-US")} contacts`,
  async prepare({ db, options, log }) {
    const tenant = await db.createTenant(`org-reads-${options.contacts}`);
    log(`loading ${options.contacts.toLocaleString("en-US")} contacts and their organizations`);
    await loadContacts(db.sql, tenant, options.contacts, options.seed);
    const data = await loadOrganizations(db.sql, tenant, Math.ceil(options.contacts / 10), options.seed);
    log(`loaded ${data.count.toLocaleString("en-US")} organizations in ${data.seconds.toFixed(1)} s`);
    const ids = data.sample.map((o) => o.id);
    const get: Operation = {
      name: "GET organization by id",
      next: (random) => ({ method: "GET", path: `${BASE}/${pick(random, ids)}` }),
      fingerprint: (body) => String((body as { id?: string }).id),
    };
    const search: Operation = {
      name: "GET organizations?q= (search, pageSize 20)",
      next: (random) => ({
        method: "GET",
        path: `${BASE}?q=${encodeURIComponent(pick(random, data.searchTerms))}&pageSize=20`,
      }),
      fingerprint: (body) => {
        const page = body as Page;
        return `${page.total} ${(page.entities ?? []).map((e) => e.id).join(",")}`;
      },
    };
    return { tenant, operations: [get, search] };
  },
};

// ------------------------------------------------------------------------------------------- baseline

/** The organization columns the wire shows, with its points, external ids and tags, as one row. */
const organizationJson = (sql: postgres.Sql) => sql`
  o.id, o.number, o.version, o.division_id, o.name, o.company_type, o.industry, o.employee_count, o.revenue,
  o.websites, o.tickers, o.external_system_url, o.extensions, o.trustor_org_id, o.created_at, o.modified_at,
  coalesce((
    select json_agg(json_build_object('id', p.id, 'kind', p.kind, 'type', p.type, 'details', p.details,
      'usages', p.usages, 'description', p.description, 'vendorType', p.vendor_type,
      'usageContext', p.usage_context) order by p.kind, p.position)
    from contact_points p
    where p.tenant_id = o.tenant_id and p.owner_kind = 'organization' and p.owner_id = o.id
  ), '[]') as contact_points,
  coalesce((
    select json_agg(json_build_object('id', e.value, 'source', json_build_object('id', s.id, 'name', s.name))
      order by e.position)
    from external_ids e join external_sources s on s.tenant_id = e.tenant_id and s.id = e.source_id
    where e.tenant_id = o.tenant_id and e.entity_type = 'organization' and e.entity_id = o.id
  ), '[]') as external_ids,
  coalesce((
    select json_agg(t.name order by a.position)
    from tag_assignments a join tags t on t.tenant_id = a.tenant_id and t.id = a.tag_id
    where a.tenant_id = o.tenant_id and a.owner_kind = 'organization' and a.owner_id = o.id
  ), '[]') as tags`;

async function getOrganization({ sql, tenantId, params }: BaselineRequest) {
  const [row] = await sql`
    select ${organizationJson(sql)}
    from organizations o
    where o.tenant_id = ${tenantId} and o.id = ${params[0] ?? ""} and o.deleted_at is null`;
  return row ? { status: 200, body: row } : { status: 404, body: { message: "not found" } };
}

async function searchOrganizations({ sql, tenantId, url }: BaselineRequest) {
  const pageSize = Math.min(200, Math.max(1, Number(url.searchParams.get("pageSize") ?? 20) || 20));
  const pageNumber = Math.max(1, Number(url.searchParams.get("pageNumber") ?? 1) || 1);
  let filter = sql`o.tenant_id = ${tenantId} and o.deleted_at is null`;
  for (const term of searchTermsOf(url.searchParams.get("q") ?? undefined))
    filter = sql`${filter} and o.search_text like ${likePattern(term)}`;
  const rows = await sql`
    select ${organizationJson(sql)}, count(*) over ()::int as total
    from organizations o
    where ${filter}
    order by o.name, o.id
    limit ${pageSize} offset ${(pageNumber - 1) * pageSize}`;
  const total = rows[0]?.total ?? 0;
  for (const row of rows) delete row.total;
  return { status: 200, body: { entities: rows, pageSize, pageNumber, total } };
}

export const genesysOrganizationReadsBaseline: BaselineRoute[] = [
  {
    method: "GET",
    path: /^\/api\/v2\/externalcontacts\/organizations\/([0-9a-fA-F-]{36})$/,
    handle: getOrganization,
  },
  { method: "GET", path: /^\/api\/v2\/externalcontacts\/organizations$/, handle: searchOrganizations },
];
