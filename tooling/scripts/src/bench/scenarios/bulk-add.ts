/**
 * Bulk add: `POST /bulk/contacts/add` with 100 contacts a request (a name, a title, a work email and a cell
 * phone in the formats people type). The baseline stores the same contacts with the plain SQL a hand-written
 * loader would use: one multi-row INSERT of the contacts and one of their contact points, in a transaction.
 * The ratio of requests per second is the ratio of contacts per second.
 */
import { searchTextOf } from "@switchboard/domain";
import { generateContact } from "../dataset";
import type { Random } from "../random";
import type { BaselineRequest, BaselineRoute, Operation, Scenario } from "../scenario";

const PATH = "/api/v2/externalcontacts/bulk/contacts/add";
export const BULK_BATCH = 100;

interface WireContact {
  firstName: string;
  lastName: string;
  title?: string;
  workEmail?: string;
  cellPhone?: { display: string };
}

/** A new contact as a Genesys client sends it (also the load check's creates and replacements). */
export function wireContact(random: Random, index: number): WireContact {
  const c = generateContact(random, index);
  return {
    firstName: c.firstName,
    lastName: c.lastName,
    ...(c.title ? { title: c.title } : {}),
    ...(c.emails[0] ? { workEmail: c.emails[0].address } : {}),
    ...(c.phones[0] ? { cellPhone: { display: c.phones[0].userInput } } : {}),
  };
}

export const bulkAdd: Scenario = {
  name: "bulk-add",
  title: () => `Bulk add, ${BULK_BATCH} contacts per request`,
  async prepare({ db }) {
    const tenant = await db.createTenant("bulk");
    let index = 0;
    const add: Operation = {
      name: `POST bulk/contacts/add (${BULK_BATCH} contacts)`,
      unitsPerRequest: BULK_BATCH,
      unit: "contacts",
      next: (random) => ({
        method: "POST",
        path: PATH,
        contentType: "application/json",
        body: JSON.stringify({
          entities: Array.from({ length: BULK_BATCH }, () => wireContact(random, index++)),
        }),
      }),
      // Both must have stored every contact of the batch.
      fingerprint: (body) => {
        const b = body as { results?: { success: boolean }[]; created?: number };
        return String(b.created ?? b.results?.filter((r) => r.success).length);
      },
    };
    return { tenant, operations: [add] };
  },
};

// ------------------------------------------------------------------------------------------- baseline

/** The tenant's Home division, looked up once per tenant (a loader would know it). */
const homeDivisions = new Map<string, Promise<string>>();
function homeDivision({ sql, tenantId }: BaselineRequest): Promise<string> {
  let id = homeDivisions.get(tenantId);
  if (!id) {
    id = sql`select id from divisions where tenant_id = ${tenantId} and is_home`.then((r) =>
      String(r[0]?.id),
    );
    homeDivisions.set(tenantId, id);
  }
  return id;
}

async function insertContacts(request: BaselineRequest) {
  const { sql, tenantId, body } = request;
  const { entities } = JSON.parse(body.toString()) as { entities: WireContact[] };
  const divisionId = await homeDivision(request);
  const created = await sql.begin(async (tx) => {
    const rows = entities.map((c) => ({
      tenant_id: tenantId,
      division_id: divisionId,
      first_name: c.firstName,
      last_name: c.lastName,
      title: c.title ?? null,
      search_text: searchTextOf({
        firstName: c.firstName,
        middleName: null,
        lastName: c.lastName,
        displayName: null,
        title: c.title ?? null,
        emails: c.workEmail ? [{ type: "work" as const, address: c.workEmail }] : [],
        phones: [],
      }),
    }));
    const ids = await tx`insert into contacts ${tx(rows)} returning id`;
    const points = entities.flatMap((c, i) =>
      [
        ...(c.workEmail
          ? [
              {
                kind: "email",
                type: "work",
                value: c.workEmail.toLowerCase(),
                details: { address: c.workEmail },
              },
            ]
          : []),
        ...(c.cellPhone
          ? [{ kind: "phone", type: "cell", value: c.cellPhone.display, details: c.cellPhone }]
          : []),
      ].map((p, position) => ({
        tenant_id: tenantId,
        owner_kind: "contact",
        owner_id: ids[i]!.id,
        kind: p.kind,
        type: p.type,
        value: p.value,
        details: tx.json(p.details),
        position,
      })),
    );
    if (points.length) await tx`insert into contact_points ${tx(points)}`;
    return ids.length;
  });
  return { status: 200, body: { created } };
}

export const bulkAddBaseline: BaselineRoute[] = [
  { method: "POST", path: /^\/api\/v2\/externalcontacts\/bulk\/contacts\/add$/, handle: insertContacts },
];
