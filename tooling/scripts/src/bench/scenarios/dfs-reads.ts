/**
 * DFS reads over contacts with their organizations (`loadOrganizations`), all addressed by number as DFS
 * clients do: a person's details (bound fields from the canonical contact and its points, the rest from its
 * DFS details document, and the pending flags), a legal entity's details, a person's external connections, and
 * the person found by an external connection (CRM id). DFS has no person list or search. The baseline does
 * each in one SQL statement building the same JSON.
 */
import { loadContacts, loadOrganizations } from "../dataset";
import { pick } from "../random";
import type { BaselineRequest, BaselineRoute, Operation, Scenario } from "../scenario";

const BASE = "/dfs/v1.0";

export const dfsReads: Scenario = {
  name: "dfs-reads",
  title: (options) =>
    `DFS reads over ${options.contacts.toLocaleString("en-US")} contacts, ${Math.ceil(options.contacts / 10).toLocaleString("en-US")} legal entities`,
  async prepare({ db, options, log }) {
    const tenant = await db.createTenant(`dfs-reads-${options.contacts}`);
    log(`loading ${options.contacts.toLocaleString("en-US")} contacts and their organizations`);
    await loadContacts(db.sql, tenant, options.contacts, options.seed);
    const data = await loadOrganizations(db.sql, tenant, Math.ceil(options.contacts / 10), options.seed);
    log(`loaded ${data.count.toLocaleString("en-US")} organizations in ${data.seconds.toFixed(1)} s`);
    const contactNumbers = data.contactSample.map((c) => c.number);
    const entityNumbers = data.sample.map((o) => o.number);
    // Contacts with a CRM id (`loadOrganizations` gives one to every third).
    const crmNumbers = contactNumbers.filter((n) => n % 3 === 0);
    const operations: Operation[] = [
      {
        name: "GET contact details (by number)",
        next: (random) => ({
          method: "GET",
          path: `${BASE}/contacts/${pick(random, contactNumbers)}/details`,
        }),
        fingerprint: (body) => {
          const b = body as { id?: number; details?: { personalInformation?: { lastName?: string } } };
          return `${b.id} ${b.details?.personalInformation?.lastName}`;
        },
      },
      {
        name: "GET legal entity details (by number)",
        next: (random) => ({
          method: "GET",
          path: `${BASE}/legalentities/${pick(random, entityNumbers)}/details`,
        }),
        fingerprint: (body) => {
          const b = body as { contactGroupId?: number; details?: { name?: string } };
          return `${b.contactGroupId} ${b.details?.name}`;
        },
      },
      {
        name: "GET contact external connections",
        next: (random) => ({
          method: "GET",
          path: `${BASE}/contacts/${pick(random, contactNumbers)}/external-connections`,
        }),
        fingerprint: (body) =>
          ((body as { connections?: { externalId?: string; system?: string }[] }).connections ?? [])
            .map((c) => `${c.system}:${c.externalId}`)
            .join(","),
      },
      {
        name: "GET contact by external connection",
        next: (random) => ({
          method: "GET",
          path: `${BASE}/contacts/external-connections/Salesforce/SF-C${String(pick(random, crmNumbers)).padStart(8, "0")}`,
        }),
        fingerprint: (body) => JSON.stringify(body),
      },
    ];
    return { tenant, operations };
  },
};

// ------------------------------------------------------------------------------------------- baseline

async function contactDetails({ sql, tenantId, params }: BaselineRequest) {
  const [row] = await sql`
    select c.number as id,
      exists (select 1 from change_requests r
              where r.tenant_id = c.tenant_id and r.contact_id = c.id and r.status = 1) as "hasPendingChangeRequest",
      exists (select 1 from pending_verifications v
              where v.tenant_id = c.tenant_id and v.contact_id = c.id and v.channel = 'Email') as "hasPendingEmail",
      exists (select 1 from pending_verifications v
              where v.tenant_id = c.tenant_id and v.contact_id = c.id and v.channel = 'Mobile') as "hasPendingMobile",
      coalesce(d.details, '{}') || jsonb_strip_nulls(jsonb_build_object(
        'personalInformation', coalesce(d.details -> 'personalInformation', '{}') || jsonb_strip_nulls(
          jsonb_build_object('salutation', c.salutation, 'title', c.title, 'firstName', c.first_name,
            'middleName', c.middle_name, 'lastName', c.last_name, 'displayName', c.display_name,
            'dateOfBirth', c.date_of_birth)),
        'communicationMethods', nullif(jsonb_strip_nulls(jsonb_build_object(
          'primaryEmail', (select p.details ->> 'address' from contact_points p
            where p.tenant_id = c.tenant_id and p.owner_kind = 'contact' and p.owner_id = c.id and p.kind = 'email'
            order by p.position limit 1),
          'primaryPhoneNumber', (select coalesce(p.details ->> 'e164', p.details ->> 'display') from contact_points p
            where p.tenant_id = c.tenant_id and p.owner_kind = 'contact' and p.owner_id = c.id and p.kind = 'phone'
              and p.type = 'cell'
            order by p.position limit 1))), '{}'),
        'addresses', (select jsonb_build_object('primaryAddress', jsonb_strip_nulls(jsonb_build_object(
            'street', p.details ->> 'address1', 'city', p.details ->> 'city',
            'postalCode', p.details ->> 'postalCode', 'countryCode', p.details ->> 'countryCode')))
          from contact_points p
          where p.tenant_id = c.tenant_id and p.owner_kind = 'contact' and p.owner_id = c.id and p.kind = 'address'
          order by p.position limit 1))) as details
    from contacts c
    left join dfs_details d on d.tenant_id = c.tenant_id and d.owner_kind = 'contact' and d.owner_id = c.id
    where c.tenant_id = ${tenantId} and c.number = ${Number(params[0])} and c.deleted_at is null`;
  return row ? { status: 200, body: row } : { status: 404, body: { code: "NotFound" } };
}

async function legalEntityDetails({ sql, tenantId, params }: BaselineRequest) {
  const [row] = await sql`
    select o.number as "contactGroupId",
      coalesce(d.details, '{}') || jsonb_build_object('name', o.name) as details
    from organizations o
    left join dfs_details d on d.tenant_id = o.tenant_id and d.owner_kind = 'organization' and d.owner_id = o.id
    where o.tenant_id = ${tenantId} and o.number = ${Number(params[0])} and o.deleted_at is null`;
  return row ? { status: 200, body: row } : { status: 404, body: { code: "NotFound" } };
}

async function externalConnections({ sql, tenantId, params }: BaselineRequest) {
  const [row] = await sql`
    select coalesce((
      select json_agg(json_build_object('externalId', e.value, 'system', s.name) order by e.position)
      from external_ids e join external_sources s on s.tenant_id = e.tenant_id and s.id = e.source_id
      where e.tenant_id = c.tenant_id and e.entity_type = 'contact' and e.entity_id = c.id
        and s.name not like 'enfore:%'
    ), '[]') as connections
    from contacts c
    where c.tenant_id = ${tenantId} and c.number = ${Number(params[0])} and c.deleted_at is null`;
  return row ? { status: 200, body: row } : { status: 404, body: { code: "NotFound" } };
}

async function byExternalConnection({ sql, tenantId, params }: BaselineRequest) {
  const [row] = await sql`
    select c.number as id, c.id as uid
    from external_ids e
    join external_sources s on s.tenant_id = e.tenant_id and s.id = e.source_id
    join contacts c on c.tenant_id = e.tenant_id and c.id = e.entity_id
    where e.tenant_id = ${tenantId} and lower(s.name) = lower(${decodeURIComponent(params[0] ?? "")})
      and e.value = ${decodeURIComponent(params[1] ?? "")} and e.entity_type = 'contact' and c.deleted_at is null`;
  return row ? { status: 200, body: row } : { status: 404, body: { code: "NotFound" } };
}

export const dfsReadsBaseline: BaselineRoute[] = [
  { method: "GET", path: /^\/dfs\/v1\.0\/contacts\/(\d+)\/details$/, handle: contactDetails },
  { method: "GET", path: /^\/dfs\/v1\.0\/legalentities\/(\d+)\/details$/, handle: legalEntityDetails },
  {
    method: "GET",
    path: /^\/dfs\/v1\.0\/contacts\/(\d+)\/external-connections$/,
    handle: externalConnections,
  },
  {
    method: "GET",
    path: /^\/dfs\/v1\.0\/contacts\/external-connections\/([^/]+)\/([^/]+)$/,
    handle: byExternalConnection,
  },
];
