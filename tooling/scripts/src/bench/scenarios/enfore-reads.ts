/**
 * enfore reads over contacts with their organizations (`loadOrganizations`): an individual contact (a
 * customer) by id, a page of the individual list, an organization contact by id (with its representatives)
 * and a page of the organization list. Pages are 50 entries at a random offset, in creation order, as enfore
 * integrators walk them. The baseline does each in one SQL statement: the record with its enfore `external_id`
 * (and an organization's representatives) as JSON.
 */
import type postgres from "postgres";
import { loadContacts, loadOrganizations } from "../dataset";
import { pick, randomInt } from "../random";
import type { BaselineRequest, BaselineRoute, Operation, Scenario } from "../scenario";

const PAGE = 50;

interface Listing {
  items?: { id?: string }[];
}

const idOf = (body: unknown) => String((body as { id?: string }).id);
const idsOf = (body: unknown) => ((body as Listing).items ?? []).map((i) => i.id).join(",");

export const enforeReads: Scenario = {
  name: "enfore-reads",
  title: (options) =>
    `enfore reads over ${options.contacts.toLocaleString("en-US")} contacts, ${Math.ceil(options.contacts / 10).toLocaleString("en-US")} organizations`,
  async prepare({ db, options, log }) {
    const tenant = await db.createTenant(`enfore-reads-${options.contacts}`);
    log(`loading ${options.contacts.toLocaleString("en-US")} contacts and their organizations`);
    await loadContacts(db.sql, tenant, options.contacts, options.seed);
    const data = await loadOrganizations(db.sql, tenant, Math.ceil(options.contacts / 10), options.seed);
    log(`loaded ${data.count.toLocaleString("en-US")} organizations in ${data.seconds.toFixed(1)} s`);
    const base = `/enfore/org/${tenant.slug}`;
    const contactIds = data.contactSample.map((c) => c.id);
    const organizationIds = data.sample.map((o) => o.id);
    const operations: Operation[] = [
      {
        name: "GET individual by id",
        next: (random) => ({ method: "GET", path: `${base}/individual/${pick(random, contactIds)}` }),
        fingerprint: idOf,
      },
      {
        name: `GET individual list (limit ${PAGE})`,
        next: (random) => ({
          method: "GET",
          path: `${base}/individual?limit=${PAGE}&offset=${randomInt(random, 0, Math.max(0, data.contacts - PAGE))}`,
        }),
        fingerprint: idsOf,
      },
      {
        name: "GET organization by id",
        next: (random) => ({ method: "GET", path: `${base}/organization/${pick(random, organizationIds)}` }),
        fingerprint: (body) => {
          const o = body as { id?: string; representatives?: unknown[] };
          return `${o.id} ${o.representatives?.length}`;
        },
      },
      {
        name: `GET organization list (limit ${PAGE})`,
        next: (random) => ({
          method: "GET",
          path: `${base}/organization?limit=${PAGE}&offset=${randomInt(random, 0, Math.max(0, data.count - PAGE))}`,
        }),
        fingerprint: idsOf,
      },
    ];
    return { tenant, operations };
  },
};

// ------------------------------------------------------------------------------------------- baseline

/** The record `r`'s id in enfore's reserved source. */
const enforeId = (sql: postgres.Sql, entityType: string, source: string) => sql`(
  select e.value from external_ids e join external_sources s on s.tenant_id = e.tenant_id and s.id = e.source_id
  where e.tenant_id = r.tenant_id and e.entity_type = ${entityType} and e.entity_id = r.id and s.name = ${source}
  limit 1)`;

const individualColumns = (sql: postgres.Sql) => sql`
  r.id, ${enforeId(sql, "contact", "enfore:individual")} as external_id,
  coalesce(r.display_name, nullif(concat_ws(' ', r.first_name, r.middle_name, r.last_name), '')) as name,
  r.date_of_birth, r.anniversary, r.deleted_at is not null as deleted`;

const organizationColumns = (sql: postgres.Sql) => sql`
  r.id, ${enforeId(sql, "organization", "enfore:organization")} as external_id, r.name,
  r.extensions -> 'enfore' as enfore, r.deleted_at is not null as deleted,
  coalesce((
    select json_agg(json_build_object(
      'professional_identity', json_build_object('contact_id', p.contact_id, 'professional_identity_id', p.id),
      'is_active', p.is_active, 'activation_date', p.activation_date, 'deactivation_date', p.deactivation_date)
      order by p.number)
    from professional_identities p join contacts c on c.tenant_id = p.tenant_id and c.id = p.contact_id
    where p.tenant_id = r.tenant_id and p.organization_id = r.id and c.deleted_at is null
  ), '[]') as representatives`;

function paging(url: URL) {
  const limit = Math.min(5000, Math.max(1, Number(url.searchParams.get("limit") ?? 200) || 200));
  const offset = Math.max(0, Number(url.searchParams.get("offset") ?? 0) || 0);
  return { limit, offset };
}

const one = (row: unknown) =>
  row ? { status: 200, body: row } : { status: 404, body: { title: "not found" } };

export const enforeReadsBaseline: BaselineRoute[] = [
  {
    method: "GET",
    path: /^\/enfore\/org\/[^/]+\/individual\/([0-9a-fA-F-]{36})$/,
    handle: async ({ sql, tenantId, params }: BaselineRequest) => {
      const [row] = await sql`
        select ${individualColumns(sql)} from contacts r
        where r.tenant_id = ${tenantId} and r.id = ${params[0] ?? ""}`;
      return one(row);
    },
  },
  {
    method: "GET",
    path: /^\/enfore\/org\/[^/]+\/individual$/,
    handle: async ({ sql, tenantId, url }: BaselineRequest) => {
      const { limit, offset } = paging(url);
      // The page's rows first, then their JSON: the skipped rows are not built.
      const items = await sql`
        select ${individualColumns(sql)}
        from (select * from contacts where tenant_id = ${tenantId} and canonical_contact_id is null
              order by number limit ${limit} offset ${offset}) r
        order by r.number`;
      return { status: 200, body: { items, problems: [] } };
    },
  },
  {
    method: "GET",
    path: /^\/enfore\/org\/[^/]+\/organization\/([0-9a-fA-F-]{36})$/,
    handle: async ({ sql, tenantId, params }: BaselineRequest) => {
      const [row] = await sql`
        select ${organizationColumns(sql)} from organizations r
        where r.tenant_id = ${tenantId} and r.id = ${params[0] ?? ""}`;
      return one(row);
    },
  },
  {
    method: "GET",
    path: /^\/enfore\/org\/[^/]+\/organization$/,
    handle: async ({ sql, tenantId, url }: BaselineRequest) => {
      const { limit, offset } = paging(url);
      const items = await sql`
        select ${organizationColumns(sql)}
        from (select * from organizations where tenant_id = ${tenantId}
              order by number limit ${limit} offset ${offset}) r
        order by r.number`;
      return { status: 200, body: { items, problems: [] } };
    },
  },
];
