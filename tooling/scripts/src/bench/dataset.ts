/**
 * Synthetic contacts: varied names (some accented), emails and phone numbers in the formats people type,
 * stored exactly as the domain stores them (normalized phones, `searchTextOf` search text, one
 * contact_points row per phone and email), loaded with COPY over two connections at once, then vacuumed
 * and analysed so the trigram index's pending list is merged and the planner has statistics.
 */
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import {
  foldText,
  normalizePhone,
  organizationSearchTextOf,
  type Phone,
  searchTextOf,
} from "@switchboard/domain";
import type postgres from "postgres";
import type { BenchTenant } from "./database";
import { pick, type Random, Reservoir, randomInt, seededRandom } from "./random";

// biome-ignore format: a compact list of names
const FIRST_NAMES = [
  "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
  "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Christopher", "Karen",
  "Charles", "Lisa", "Daniel", "Nancy", "Matthew", "Betty", "Anthony", "Margaret", "Mark", "Sandra",
  "Donald", "Ashley", "Steven", "Kimberly", "Andrew", "Emily", "Paul", "Donna", "Joshua", "Michelle",
  "Kenneth", "Carol", "Kevin", "Amanda", "Brian", "Melissa", "George", "Deborah", "Timothy", "Stephanie",
  "José", "María", "Luis", "Lucía", "Carmen", "Javier", "Sofía", "Andrés", "Inés", "Raúl",
  "François", "Amélie", "Hélène", "Jérôme", "Céline", "Benoît", "Zoé", "Noël", "Léa", "Théo",
  "Jürgen", "Jörg", "Björn", "Sören", "Günter", "Käthe", "Lars", "Ingrid", "Henrik", "Astrid",
  "Giulia", "Matteo", "Francesca", "Lorenzo", "Chiara", "Alessandro", "Aoife", "Siobhán", "Niamh", "Seán",
  "Priya", "Arjun", "Ananya", "Rahul", "Wei", "Mei", "Hiroshi", "Yuki", "Olusegun", "Chiamaka",
  "Fatima", "Omar", "Aisha", "Youssef", "Dmitri", "Olga", "Katarzyna", "Piotr", "Agnieszka", "Tomasz",
];

// Four letters or more: a shorter term has fewer than three trigrams and cannot use the index.
// biome-ignore format: a compact list of names
const LAST_NAMES = [
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
  "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
  "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young",
  "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams",
  "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Gomez", "Phillips",
  "Evans", "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes", "Stewart", "Morris",
  "Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper", "Peterson", "Bailey",
  "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson", "Watson", "Brooks",
  "Müller", "Schröder", "Schäfer", "Köhler", "Weiß", "Größmann", "Böhm", "Krüger", "Hoffmann", "Schneider",
  "Fischer", "Wagner", "Becker", "Zimmermann", "Lefèvre", "Dubois", "Moreau", "Girard", "Bérénger", "Fournier",
  "Lambert", "Rousseau", "Béranger", "Gauthier", "Mercier", "Ferrari", "Rossi", "Russo", "Bianchi", "Romano",
  "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "Costa", "Giordano", "Mancini",
  "O'Brien", "O'Connor", "McCarthy", "Sullivan", "Walsh", "Byrne", "Ryan", "O'Neill", "Doyle", "Kennedy",
  "Patel", "Sharma", "Gupta", "Singh", "Kumar", "Reddy", "Iyer", "Chatterjee", "Banerjee", "Mehta",
  "Chen", "Wang", "Zhang", "Huang", "Zhou", "Tanaka", "Suzuki", "Takahashi", "Watanabe", "Yamamoto",
  "Okafor", "Adeyemi", "Okonkwo", "Mensah", "Boateng", "Haddad", "Nasser", "Khalil", "Mansour", "Saleh",
  "Ivanov", "Petrov", "Smirnov", "Volkov", "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński",
  "Johansson", "Andersson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsen", "Hansen", "Jensen", "Nielsen",
  "Van der Berg", "De Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "De Boer", "Mulder", "Bos",
  "Da Silva", "Santos", "Oliveira", "Souza", "Pereira", "Ferreira", "Alves", "Ribeiro", "Carvalho", "Almeida",
];

const TITLES = [
  "Account Manager",
  "Sales Director",
  "Chief Technology Officer",
  "Procurement Lead",
  "Office Manager",
  "Customer Success Manager",
  "Head of Operations",
  "Software Engineer",
  "Marketing Coordinator",
  "Finance Controller",
];

const EMAIL_DOMAINS = [
  "gmail.com",
  "outlook.com",
  "yahoo.com",
  "icloud.com",
  "proton.me",
  "acme-corp.com",
  "globex.io",
  "initech.com",
  "umbrella.co.uk",
  "stark-industries.com",
  "wayne-enterprises.com",
  "contoso.com",
  "fabrikam.de",
  "northwind.fr",
  "tailspin.it",
];

// Real US area codes; exchanges 200–999 except N11 and 555.
// biome-ignore format: a compact list of codes
const US_AREA_CODES = [
  "212", "213", "303", "305", "312", "404", "415", "503", "512", "602", "617", "646",
  "702", "713", "718", "801", "808", "813", "858", "919", "206", "214", "267", "470",
];

const EMAIL_TYPES = ["work", "personal", "other"] as const;
const PHONE_TYPES = ["work", "cell", "home"] as const;

export interface GeneratedContact {
  id: string;
  firstName: string;
  lastName: string;
  title: string | null;
  emails: { type: (typeof EMAIL_TYPES)[number]; address: string }[];
  phones: Phone[];
}

const emailPart = (s: string) => foldText(s).replace(/[^a-z]/g, "");

function usPhone(random: Random): string {
  const area = pick(random, US_AREA_CODES);
  let exchange = randomInt(random, 200, 999);
  if (exchange % 100 === 11 || exchange === 555) exchange += 1;
  const line = String(randomInt(random, 0, 9999)).padStart(4, "0");
  // The formats people type.
  switch (randomInt(random, 0, 4)) {
    case 0:
      return `(${area}) ${exchange}-${line}`;
    case 1:
      return `+1 ${area} ${exchange} ${line}`;
    case 2:
      return `${area}.${exchange}.${line}`;
    case 3:
      return `${area}-${exchange}-${line}`;
    default:
      return `${area}${exchange}${line}`;
  }
}

function internationalPhone(random: Random): string {
  switch (randomInt(random, 0, 2)) {
    case 0:
      return `+44 20 7${randomInt(random, 100, 999)} ${String(randomInt(random, 0, 9999)).padStart(4, "0")}`;
    case 1:
      return `+49 30 ${randomInt(random, 2000000, 9999999)}`;
    default:
      return `+33 1 ${randomInt(random, 40, 79)} ${randomInt(random, 10, 99)} ${randomInt(random, 10, 99)} ${randomInt(random, 10, 99)}`;
  }
}

export function generateContact(random: Random, index: number): GeneratedContact {
  const firstName = pick(random, FIRST_NAMES);
  const lastName = pick(random, LAST_NAMES);
  const f = emailPart(firstName);
  const l = emailPart(lastName);
  const emails: GeneratedContact["emails"] = [];
  const emailCount = random() < 0.1 ? 0 : random() < 0.75 ? 1 : 2;
  for (let i = 0; i < emailCount; i++) {
    const domain = pick(random, EMAIL_DOMAINS);
    const local =
      random() < 0.5
        ? `${f}.${l}${random() < 0.6 ? index % 997 : ""}`
        : random() < 0.5
          ? `${f[0]}${l}${index % 89}`
          : `${l}.${f}${randomInt(random, 1, 99)}`;
    emails.push({ type: EMAIL_TYPES[i] ?? "other", address: `${local}@${domain}` });
  }
  const phones: Phone[] = [];
  const phoneCount = random() < 0.15 ? 0 : random() < 0.7 ? 1 : 2;
  for (let i = 0; i < phoneCount; i++) {
    const display = random() < 0.9 ? usPhone(random) : internationalPhone(random);
    phones.push(normalizePhone({ type: PHONE_TYPES[(i + index) % 3] ?? "work", display }));
  }
  return {
    id: randomUUIDFrom(random),
    firstName,
    lastName,
    title: random() < 0.4 ? pick(random, TITLES) : null,
    emails,
    phones,
  };
}

/** A v4-shaped uuid from the seeded source, so a seed gives the same ids every run. */
function randomUUIDFrom(random: Random): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join("");
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[Math.floor(random() * 4)]}${hex(3)}-${hex(12)}`;
}

// ------------------------------------------------------------------------------------------- COPY

/** COPY text format: backslash, tab, newline and carriage return escaped; null is \N. */
function field(value: string | number | null): string {
  if (value === null) return "\\N";
  return String(value).replace(/[\\\t\n\r]/g, (c) =>
    c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r",
  );
}
const line = (values: (string | number | null)[]) => `${values.map(field).join("\t")}\n`;

async function write(stream: Writable, chunk: string) {
  if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once("drain", () => resolve()));
}

export interface LoadedContacts {
  count: number;
  /** A uniform sample of existing contact ids. */
  sampleIds: string[];
  /** Realistic search terms, each matching at least one contact. */
  searchTerms: string[];
  seconds: number;
}

/**
 * Loads `count` contacts with their contact points into `tenant`. Rows are generated in the bench
 * process (phones normalized by the domain's own rule) and streamed with COPY, contacts and contact
 * points over two connections at once.
 */
export async function loadContacts(
  sql: postgres.Sql,
  tenant: BenchTenant,
  count: number,
  seed: number,
): Promise<LoadedContacts> {
  const started = performance.now();
  const random = seededRandom(seed);
  const sampling = seededRandom(seed ^ 0x5bd1e995);
  const ids = new Reservoir<string>(10_000, sampling);
  const lastNames = new Reservoir<string>(60, sampling);
  const fullNames = new Reservoir<string>(30, sampling);
  const emailTerms = new Reservoir<string>(60, sampling);
  const phoneTerms = new Reservoir<string>(60, sampling);

  const contactsCopy = await sql
    .unsafe(
      `copy contacts (tenant_id, id, division_id, type, first_name, last_name, title, search_text, has_email, has_phone) from stdin`,
    )
    .writable();
  const pointsCopy = await sql
    .unsafe(
      `copy contact_points (tenant_id, owner_kind, owner_id, kind, type, value, details, position) from stdin`,
    )
    .writable();
  const done = Promise.all([finished(contactsCopy), finished(pointsCopy)]);
  // A failed COPY ends its stream with an error; surface it instead of waiting for a drain that never comes.
  done.catch(() => {});

  const BATCH = 2_000;
  for (let start = 0; start < count; start += BATCH) {
    let contactLines = "";
    let pointLines = "";
    for (let index = start; index < Math.min(count, start + BATCH); index++) {
      const c = generateContact(random, index);
      const searchText = searchTextOf({
        firstName: c.firstName,
        middleName: null,
        lastName: c.lastName,
        displayName: null,
        title: c.title,
        emails: c.emails,
        phones: c.phones,
      });
      contactLines += line([
        tenant.tenantId,
        c.id,
        tenant.divisionId,
        "Curated",
        c.firstName,
        c.lastName,
        c.title,
        searchText,
        c.emails.length > 0 ? "t" : "f",
        c.phones.length > 0 ? "t" : "f",
      ]);
      c.phones.forEach((p, position) => {
        pointLines += line([
          tenant.tenantId,
          "contact",
          c.id,
          "phone",
          p.type,
          p.e164 ?? p.userInput,
          JSON.stringify(p),
          position,
        ]);
      });
      c.emails.forEach((e, position) => {
        pointLines += line([
          tenant.tenantId,
          "contact",
          c.id,
          "email",
          e.type,
          e.address.toLowerCase(),
          JSON.stringify({ address: e.address }),
          position,
        ]);
      });

      ids.offer(c.id);
      lastNames.offer(c.lastName);
      fullNames.offer(`${c.firstName} ${c.lastName}`);
      const email = c.emails[0]?.address;
      if (email) emailTerms.offer(email.slice(0, email.indexOf("@")));
      const e164 = c.phones[0]?.e164;
      // What a caller types: the last seven digits, or the full national number with separators.
      if (e164) phoneTerms.offer(random() < 0.5 ? e164.slice(-7) : (c.phones[0]?.userInput ?? e164));
    }
    await Promise.race([
      Promise.all([write(contactsCopy, contactLines), write(pointsCopy, pointLines)]),
      done,
    ]);
  }
  contactsCopy.end();
  pointsCopy.end();
  await done;

  // Merge the GIN pending list and collect statistics, as autovacuum would on a settled database.
  const session = await sql.reserve();
  try {
    await session.unsafe("set maintenance_work_mem = '512MB'");
    await session.unsafe("vacuum analyze contacts, contact_points");
  } finally {
    session.release();
  }

  const searchTerms = [
    ...new Set([
      ...lastNames.items.map((n) => n.toLowerCase()),
      ...fullNames.items,
      ...emailTerms.items,
      ...phoneTerms.items,
    ]),
  ];
  return {
    count,
    sampleIds: ids.items,
    searchTerms,
    seconds: (performance.now() - started) / 1000,
  };
}

// ------------------------------------------------------------------------------------------- organizations

// biome-ignore format: a compact list of words
const COMPANY_WORDS = [
  "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Contoso", "Fabrikam", "Northwind", "Tailspin",
  "Vandelay", "Hooli", "Soylent", "Cyberdyne", "Tyrell", "Wonka", "Gringotts", "Monarch", "Oscorp", "Aperture",
  "Blue Harbor", "Silverline", "Nordlicht", "Alpenrose", "Rheinwerk", "Bergmann", "Lindqvist", "Brightwater",
  "Sonnenfeld", "Kronberg", "Morgenstern", "Eisenhof", "Falkenberg", "Greenfield", "Redwood", "Ironbridge",
];
// biome-ignore format: a compact list of words
const COMPANY_KINDS = [
  "Logistics", "Consulting", "Software", "Pharma", "Foods", "Energy", "Retail", "Engineering", "Media", "Capital",
  "Textiles", "Robotics", "Analytics", "Insurance", "Hotels", "Bakery", "Brewing", "Optics", "Marine", "Health",
];
const COMPANY_FORMS = ["GmbH", "AG", "Inc.", "Ltd", "SA", "S.r.l.", "BV", "LLC", "KG", "plc"];
const INDUSTRIES = [
  "Retail",
  "Manufacturing",
  "Healthcare",
  "Finance",
  "Hospitality",
  "Technology",
  "Logistics",
];
const ORGANIZATION_TAGS = ["key-account", "partner", "prospect", "reseller", "supplier", "vip"];
// biome-ignore format: a compact list of places
const CITIES = [
  ["Zürich", "8001", "CH"], ["Bern", "3011", "CH"], ["Basel", "4051", "CH"], ["Berlin", "10115", "DE"],
  ["München", "80331", "DE"], ["Hamburg", "20095", "DE"], ["Köln", "50667", "DE"], ["Wien", "1010", "AT"],
  ["Paris", "75002", "FR"], ["Lyon", "69002", "FR"], ["Milano", "20121", "IT"], ["London", "EC1A 1BB", "GB"],
] as const;
const STREETS = ["Bahnhofstrasse", "Hauptstrasse", "Marktplatz", "Lindenweg", "Seestrasse", "Kirchgasse"];

export interface LoadedOrganizations {
  count: number;
  /** A uniform sample of organizations: uuid and number (the DFS legal-entity id). */
  sample: { id: string; number: number }[];
  /** A uniform sample of contacts: uuid and number (the DFS contact id). */
  contactSample: { id: string; number: number }[];
  /** Terms of organization names (each matches at least one organization). */
  searchTerms: string[];
  /** Contacts and organizations in the tenant, live ones (enfore pages read by offset over them). */
  contacts: number;
  seconds: number;
}

/**
 * Organizations over contacts already loaded (`loadContacts`), shaped as the dialects read them: each with a
 * phone, a web address and a postal address (contact points), an industry, tags and websites in its search
 * text as the domain computes it, an enfore `external_id` and, for half of them, a CRM id; the Genesys
 * `extensions.enfore` of some (founded). Then, set-based in SQL: seven in ten contacts get an employer (the
 * `contacts_employer_*` triggers make their primary professional identities, as a domain write would), some a
 * second, ended identity; job titles; enfore and CRM external ids on contacts; a postal address for half the
 * contacts and a DFS details document (the unbound fields) for four in ten.
 */
export async function loadOrganizations(
  sql: postgres.Sql,
  tenant: BenchTenant,
  count: number,
  seed: number,
): Promise<LoadedOrganizations> {
  const started = performance.now();
  const random = seededRandom(seed ^ 0x1b873593);
  const sampling = seededRandom(seed ^ 0x27d4eb2f);
  const nameTerms = new Reservoir<string>(60, sampling);
  const t = tenant.tenantId;

  const sources = Object.fromEntries(
    (
      await sql<{ id: string; name: string }[]>`
        insert into external_sources (tenant_id, name)
        values (${t}, 'enfore:individual'), (${t}, 'enfore:organization'), (${t}, 'Salesforce')
        returning id, name`
    ).map((s) => [s.name, s.id]),
  ) as Record<string, string>;
  const tagIds = await sql<{ id: string; name: string }[]>`
    insert into tags (tenant_id, name) select ${t}, unnest(${ORGANIZATION_TAGS}::text[]) returning id, name`;

  const organizationsCopy = await sql
    .unsafe(
      `copy organizations (tenant_id, id, division_id, name, industry, websites, extensions, search_text) from stdin`,
    )
    .writable();
  const pointsCopy = await sql
    .unsafe(
      `copy contact_points (tenant_id, owner_kind, owner_id, kind, type, value, details, position) from stdin`,
    )
    .writable();
  const done = Promise.all([finished(organizationsCopy), finished(pointsCopy)]);
  done.catch(() => {});
  let tagLines = "";
  const BATCH = 2_000;
  for (let start = 0; start < count; start += BATCH) {
    let organizationLines = "";
    let pointLines = "";
    for (let index = start; index < Math.min(count, start + BATCH); index++) {
      const id = randomUUIDFrom(random);
      const word = pick(random, COMPANY_WORDS);
      const name = `${word} ${pick(random, COMPANY_KINDS)} ${pick(random, COMPANY_FORMS)}`;
      const industry = random() < 0.8 ? pick(random, INDUSTRIES) : null;
      const domain = `${emailPart(word)}${index}.example.com`;
      const website = `https://www.${domain}`;
      const phone = normalizePhone({
        type: "work",
        display: random() < 0.7 ? usPhone(random) : internationalPhone(random),
      });
      const tags = ORGANIZATION_TAGS.filter(() => random() < 0.15);
      const [city, postalCode, countryCode] = pick(random, CITIES);
      const street = `${pick(random, STREETS)} ${randomInt(random, 1, 120)}`;
      const extensions =
        random() < 0.5 ? { enfore: { founded: `${randomInt(random, 1900, 2020)}-01-01` } } : {};
      organizationLines += line([
        t,
        id,
        tenant.divisionId,
        name,
        industry,
        `{"${website}"}`,
        JSON.stringify(extensions),
        organizationSearchTextOf({ name, industry, tags, websites: [website], phones: [phone] }),
      ]);
      pointLines += line([
        t,
        "organization",
        id,
        "phone",
        "work",
        phone.e164 ?? phone.userInput,
        JSON.stringify(phone),
        0,
      ]);
      pointLines += line([
        t,
        "organization",
        id,
        "web",
        "website",
        website,
        JSON.stringify({ url: website }),
        0,
      ]);
      pointLines += line([
        t,
        "organization",
        id,
        "address",
        "work",
        [street, postalCode, city, countryCode].join(", "),
        JSON.stringify({ address1: street, city, postalCode, countryCode }),
        0,
      ]);
      tags.forEach((tag, position) => {
        const tagId = tagIds.find((r) => r.name === tag)?.id;
        if (tagId) tagLines += line([t, "organization", id, tagId, position]);
      });
      nameTerms.offer(word.toLowerCase());
    }
    await Promise.race([
      Promise.all([write(organizationsCopy, organizationLines), write(pointsCopy, pointLines)]),
      done,
    ]);
  }
  organizationsCopy.end();
  pointsCopy.end();
  await done;
  const tagsCopy = await sql
    .unsafe(`copy tag_assignments (tenant_id, owner_kind, owner_id, tag_id, position) from stdin`)
    .writable();
  tagsCopy.end(tagLines);
  await finished(tagsCopy);

  // Employers: the statement trigger gives each its primary professional identity.
  await sql`
    with o as (select array_agg(id order by number) as ids, count(*)::int as n
               from organizations where tenant_id = ${t})
    update contacts c set organization_id = o.ids[1 + (c.number * 7919) % o.n]
    from o
    where c.tenant_id = ${t} and o.n > 0 and c.number % 10 < 7`;
  // A second, ended identity at another organization for one contact in ten.
  await sql`
    with o as (select array_agg(id order by number) as ids, count(*)::int as n
               from organizations where tenant_id = ${t})
    insert into professional_identities (tenant_id, contact_id, organization_id, is_active, is_primary,
      job_title, activation_date, deactivation_date)
    select c.tenant_id, c.id, o.ids[1 + (c.number * 104729 + 1) % o.n], false, false, 'Consultant',
      now() - interval '3 years', now() - interval '1 year'
    from contacts c, o
    where c.tenant_id = ${t} and o.n > 1 and c.number % 10 = 3`;
  await sql`
    update professional_identities set job_title = (${TITLES}::text[])[1 + number % ${TITLES.length}]
    where tenant_id = ${t} and is_primary and number % 3 <> 0`;
  // External ids as the dialects write them: enfore's reserved sources and a CRM.
  await sql`
    insert into external_ids (tenant_id, source_id, value, entity_type, entity_id, position)
    select tenant_id, ${sources["enfore:individual"]!}::uuid, 'IND-' || number, 'contact', id, 0
    from contacts where tenant_id = ${t} and number % 5 < 3
    union all
    select tenant_id, ${sources.Salesforce!}::uuid, 'SF-C' || lpad(number::text, 8, '0'), 'contact', id, 1
    from contacts where tenant_id = ${t} and number % 3 = 0
    union all
    select tenant_id, ${sources["enfore:organization"]!}::uuid, 'ORG-' || number, 'organization', id, 0
    from organizations where tenant_id = ${t}
    union all
    select tenant_id, ${sources.Salesforce!}::uuid, 'SF-O' || lpad(number::text, 8, '0'), 'organization', id, 1
    from organizations where tenant_id = ${t} and number % 2 = 0`;
  // A postal address for half the contacts, and the DFS details a DFS client keeps (unbound fields).
  await sql`
    insert into contact_points (tenant_id, owner_kind, owner_id, kind, type, value, details, position)
    select tenant_id, 'contact', id, 'address', 'home',
      'Seestrasse ' || (number % 90 + 1) || ', 8002, Zürich, CH',
      jsonb_build_object('address1', 'Seestrasse ' || (number % 90 + 1), 'postalCode', '8002', 'city', 'Zürich',
        'countryCode', 'CH'),
      0
    from contacts where tenant_id = ${t} and number % 2 = 0`;
  await sql`
    insert into dfs_details (tenant_id, owner_kind, owner_id, details, schema_version)
    select tenant_id, 'contact', id,
      jsonb_build_object(
        'personalInformation', jsonb_build_object('nationality', (array['CH','DE','AT','FR','IT'])[1 + number % 5]),
        'preferences', jsonb_build_object('language', (array['de','en','fr'])[1 + number % 3],
          'newsletter', number % 2 = 0)),
      1
    from contacts where tenant_id = ${t} and number % 5 < 2`;
  await sql`
    insert into dfs_details (tenant_id, owner_kind, owner_id, details, schema_version)
    select tenant_id, 'organization', id,
      jsonb_build_object('legalForm', (array['GmbH','AG','Inc.'])[1 + number % 3],
        'registrationNumber', 'CHE-' || lpad(number::text, 9, '0')),
      1
    from organizations where tenant_id = ${t} and number % 2 = 1`;

  const session = await sql.reserve();
  try {
    await session.unsafe("set maintenance_work_mem = '512MB'");
    await session.unsafe(
      "vacuum analyze organizations, contacts, contact_points, professional_identities, external_ids, tag_assignments, dfs_details",
    );
  } finally {
    session.release();
  }
  const sample = await sql<{ id: string; number: number }[]>`
    select id, number from organizations where tenant_id = ${t} and deleted_at is null
    order by md5(id::text || ${String(seed)}) limit 2000`;
  const contactSample = await sql<{ id: string; number: number }[]>`
    select id, number from contacts where tenant_id = ${t} and deleted_at is null and canonical_contact_id is null
    order by md5(id::text || ${String(seed)}) limit 2000`;
  const [{ live } = { live: 0 }] = await sql<{ live: number }[]>`
    select count(*)::int as live from contacts where tenant_id = ${t}`;
  return {
    count,
    sample: [...sample],
    contactSample: [...contactSample],
    searchTerms: [...new Set(nameTerms.items)],
    contacts: live,
    seconds: (performance.now() - started) / 1000,
  };
}
