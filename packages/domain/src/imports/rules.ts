import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { normalizeEmail, normalizePhone } from "../contact-points/rules";
import type { Contact, ContactInput, ValidContactInput } from "../contacts/model";
import type { CsvMapping, ImportJobPlan } from "./model";

// ------------------------------------------------------------------------------------------- target fields

const TEXT_FIELDS = [
  "firstName",
  "middleName",
  "lastName",
  "salutation",
  "title",
  "externalSystemUrl",
] as const;
const PHONE_FIELDS = {
  workPhone: "work",
  cellPhone: "cell",
  homePhone: "home",
  otherPhone: "other",
} as const;
const EMAIL_FIELDS = { workEmail: "work", personalEmail: "personal", otherEmail: "other" } as const;
const ADDRESS_FIELDS = ["address1", "address2", "city", "state", "postalCode", "countryCode"] as const;

/**
 * The fields a CSV column can map to, named as on a Genesys `ExternalContact`; plus `externalId` (a value in
 * the import settings' external source) and `customFields.<name>` for any custom field.
 */
export const IMPORT_TARGET_FIELDS = [
  ...TEXT_FIELDS,
  "surveyOptOut",
  ...Object.keys(PHONE_FIELDS),
  ...Object.keys(EMAIL_FIELDS),
  ...ADDRESS_FIELDS.map((f) => `address.${f}`),
  "externalId",
  "externalOrganization.id",
  "schemaId",
  "schemaVersion",
] as const;

/** The canonical name of a target field, or null when nothing can be imported into it. */
export function normalizeTarget(target: string): string | null {
  const t = target.trim();
  if ((IMPORT_TARGET_FIELDS as readonly string[]).includes(t)) return t;
  if (/^customFields\.[A-Za-z0-9_-]+$/.test(t)) return t;
  const phone = /^(workPhone|cellPhone|homePhone|otherPhone)\.display$/.exec(t);
  if (phone) return phone[1]!;
  if ((ADDRESS_FIELDS as readonly string[]).includes(t)) return `address.${t}`;
  if (t === "externalOrganizationId") return "externalOrganization.id";
  return null;
}

/** Header spellings seen in the wild, squashed (lower case, letters and digits only), per target. */
const HEADER_SYNONYMS: Record<string, string[]> = {
  firstName: ["firstname", "first", "givenname", "forename", "prenom", "vorname"],
  middleName: ["middlename", "middle", "middleinitial"],
  lastName: ["lastname", "last", "surname", "familyname", "nachname", "nom"],
  salutation: ["salutation", "prefix", "anrede"],
  title: ["title", "jobtitle", "position", "role"],
  externalSystemUrl: ["externalsystemurl", "url", "crmurl", "link"],
  surveyOptOut: ["surveyoptout", "optout"],
  workPhone: ["workphone", "phone", "phonenumber", "telephone", "tel", "businessphone", "officephone"],
  cellPhone: ["cellphone", "mobile", "mobilephone", "cell", "handy", "mobilenumber"],
  homePhone: ["homephone", "privatephone"],
  otherPhone: ["otherphone"],
  workEmail: ["workemail", "email", "emailaddress", "mail", "businessemail", "emailwork"],
  personalEmail: ["personalemail", "privateemail", "homeemail"],
  otherEmail: ["otheremail"],
  "address.address1": ["address1", "address", "street", "streetaddress", "addressline1"],
  "address.address2": ["address2", "addressline2"],
  "address.city": ["city", "town", "ort"],
  "address.state": ["state", "region", "province", "county"],
  "address.postalCode": ["postalcode", "zip", "zipcode", "postcode", "plz"],
  "address.countryCode": ["countrycode", "country"],
  // Not a bare "id": in our own exports that is the contact's id, which no import can write.
  externalId: ["externalid", "crmid", "customerid", "externalidvalue", "externalref", "sourceid"],
};
const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/**
 * Suggested mappings for a file's headers: a header that names a target (`workEmail`, `address.city`,
 * `customFields.tier`) maps to it; otherwise a known synonym ("E-mail", "Zip", "Surname") does. Each
 * target is suggested once, for the first header that claims it; headers with no match are left out.
 */
export function suggestMappings(headers: string[]): CsvMapping[] {
  const taken = new Set<string>();
  const out: CsvMapping[] = [];
  for (const header of headers) {
    const direct = normalizeTarget(header);
    const target =
      direct ??
      Object.entries(HEADER_SYNONYMS).find(([, names]) => names.includes(squash(header)))?.[0] ??
      null;
    if (!target || taken.has(target)) continue;
    taken.add(target);
    out.push({ sourceField: header, targetField: target });
  }
  return out;
}

/** Mapping problems that make a job or preview meaningless: unknown targets, columns the file lacks. */
export function mappingIssues(mappings: CsvMapping[], headers?: string[]) {
  const issues: { path: string; message: string }[] = [];
  const targets = new Set<string>();
  mappings.forEach((m, i) => {
    const target = normalizeTarget(m.targetField);
    if (!target)
      issues.push({
        path: `mappings.${i}.targetField`,
        message: `${m.targetField} is not an importable field`,
      });
    else if (targets.has(target))
      issues.push({ path: `mappings.${i}.targetField`, message: `${m.targetField} is mapped twice` });
    if (target) targets.add(target);
    if (headers && !headers.includes(m.sourceField))
      issues.push({ path: `mappings.${i}.sourceField`, message: `the file has no column ${m.sourceField}` });
  });
  return issues;
}

// ------------------------------------------------------------------------------------------- file checks

const DELIMITERS = [",", ";", "\t", "|"] as const;

/** Counts `delimiter` in `line` outside double quotes. */
function countOutsideQuotes(line: string, delimiter: string): number {
  let inQuotes = false;
  let n = 0;
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === delimiter) n++;
  }
  return n;
}

/**
 * The field separator of a CSV from its first lines: the candidate (`,` `;` tab `|`) that occurs in the
 * header, preferring the one whose count is the same on the following lines, then the most frequent.
 * `found` is false when no candidate occurs in the header (a one-column file or not a CSV at all).
 */
export function detectDelimiter(sample: string): { delimiter: string; found: boolean } {
  const lines = sample
    .split(/\r?\n/)
    .filter((l) => l.length > 0)
    .slice(0, 20);
  const header = lines[0] ?? "";
  let best: { delimiter: string; score: number } = { delimiter: ",", score: 0 };
  for (const d of DELIMITERS) {
    const count = countOutsideQuotes(header, d);
    if (count === 0) continue;
    // A sample may end mid-line: the last line is left out of the consistency check.
    const rest = lines.slice(1, -1);
    const consistent = rest.filter((l) => countOutsideQuotes(l, d) === count).length;
    const score = count + consistent * 1000;
    if (score > best.score) best = { delimiter: d, score };
  }
  return { delimiter: best.delimiter, found: best.score > 0 };
}

/** Why the first bytes of a file show it is not text CSV (a spreadsheet, a PDF, an image, ...), or null. */
export function binaryReason(head: Uint8Array): string | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04))
    return "the file is a ZIP archive (an .xlsx workbook?), not CSV; save it as CSV first";
  if (starts(0xd0, 0xcf, 0x11, 0xe0))
    return "the file is an Excel .xls workbook, not CSV; save it as CSV first";
  if (starts(0x25, 0x50, 0x44, 0x46)) return "the file is a PDF, not CSV";
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) return "the file is UTF-16 encoded; save it as UTF-8 CSV";
  if (head.subarray(0, 8192).includes(0)) return "the file contains binary data, not CSV text";
  return null;
}

/** Whether a file name is acceptable for a CSV upload (no name is fine: the content decides). */
export function csvFileNameIssue(fileName: string | null | undefined): string | null {
  if (!fileName) return null;
  return /\.(csv|txt|tsv)$/i.test(fileName) ? null : `${fileName} is not a .csv file`;
}

// ------------------------------------------------------------------------------------------- tokens

/** An upload token names its tenant (the URL is called without a bearer token) plus a random secret. */
export function newUploadToken(tenantId: string): { token: string; hash: string } {
  const secret = randomBytes(32).toString("base64url");
  return { token: `${Buffer.from(tenantId).toString("base64url")}.${secret}`, hash: hashSecret(secret) };
}

export function parseUploadToken(token: string): { tenantId: string; secret: string } | null {
  const [tenant, secret, extra] = token.split(".");
  if (!tenant || !secret || extra !== undefined) return null;
  const tenantId = Buffer.from(tenant, "base64url").toString("utf8");
  return /^[0-9a-f-]{36}$/i.test(tenantId) ? { tenantId, secret } : null;
}

export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

export function secretMatches(secret: string, hash: string): boolean {
  const a = Buffer.from(hashSecret(secret), "hex");
  const b = Buffer.from(hash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

// ------------------------------------------------------------------------------------------- rows

/** A row as field → value; null is an empty cell (Upsert clears the field, Merge leaves it). */
export type RowPatch = Map<string, string | null>;

/** Which targets an import writes: the mapped ones, less those the import settings exclude. */
export function plannedTargets(plan: Pick<ImportJobPlan, "mappings" | "importFields">) {
  const excluded = new Set(plan.importFields.filter((f) => !f.included).map((f) => f.name));
  return plan.mappings.flatMap((m) => {
    const target = normalizeTarget(m.targetField);
    if (!target || excluded.has(target) || excluded.has(target.split(".")[0]!)) return [];
    return [{ source: m.sourceField, target }];
  });
}

/** A CSV record → a patch, by column position; cells are trimmed and blank ones are null. */
export function patchOf(record: string[], columns: { index: number; target: string }[]): RowPatch {
  const patch: RowPatch = new Map();
  for (const { index, target } of columns) {
    const value = record[index]?.trim() ?? "";
    patch.set(target, value === "" ? null : value);
  }
  return patch;
}

const TRUE = ["true", "yes", "y", "1"];
const FALSE = ["false", "no", "n", "0"];

/** Custom field values arrive as text; Genesys names them by core type (`age_integer`, `vip_boolean`). */
function customValue(name: string, value: string): unknown {
  if (/_(integer|number|decimal)$/.test(name) && value.trim() !== "" && !Number.isNaN(Number(value)))
    return Number(value);
  if (/_boolean$/.test(name)) {
    if (TRUE.includes(value.toLowerCase())) return true;
    if (FALSE.includes(value.toLowerCase())) return false;
  }
  if (/_tag$/.test(name))
    return value
      .split("|")
      .map((v) => v.trim())
      .filter(Boolean);
  return value;
}

type Mutable = ContactInput & {
  phones: NonNullable<ContactInput["phones"]>;
  emails: NonNullable<ContactInput["emails"]>;
  addresses: NonNullable<ContactInput["addresses"]>;
  externalIds: NonNullable<ContactInput["externalIds"]>;
};

/**
 * Writes a row's patch over `base` (an existing contact's input, or an empty one for a new contact).
 * `merge` keeps what the row leaves empty; otherwise (Upsert) an empty cell clears its field. Values the
 * model cannot take (a boolean that is not yes/no) are passed on as given so validation names them.
 */
export function applyRowPatch(
  base: ContactInput,
  patch: RowPatch,
  options: { merge: boolean; externalSourceId: string | null },
): ContactInput {
  const c: Mutable = {
    ...base,
    phones: [...(base.phones ?? [])],
    emails: [...(base.emails ?? [])],
    addresses: (base.addresses ?? []).map((a) => ({ ...a })),
    externalIds: [...(base.externalIds ?? [])],
    customFields: base.customFields ? { ...base.customFields } : base.customFields,
  };
  for (const [target, value] of patch) {
    if (value === null && options.merge) continue;
    const record = c as unknown as Record<string, unknown>;
    if ((TEXT_FIELDS as readonly string[]).includes(target)) record[target] = value;
    else if (target === "surveyOptOut") {
      const v = value?.toLowerCase();
      record.surveyOptOut =
        v === undefined ? null : TRUE.includes(v) ? true : FALSE.includes(v) ? false : value;
    } else if (target in PHONE_FIELDS) {
      const type = PHONE_FIELDS[target as keyof typeof PHONE_FIELDS];
      const i = c.phones.findIndex((p) => p.type === type);
      if (value === null) {
        if (i >= 0) c.phones.splice(i, 1);
      } else if (i >= 0) c.phones[i] = { ...c.phones[i]!, display: value };
      else c.phones.push({ type, display: value });
    } else if (target in EMAIL_FIELDS) {
      const type = EMAIL_FIELDS[target as keyof typeof EMAIL_FIELDS];
      const i = c.emails.findIndex((e) => e.type === type);
      if (value === null) {
        if (i >= 0) c.emails.splice(i, 1);
      } else if (i >= 0) c.emails[i] = { type, address: value };
      else c.emails.push({ type, address: value });
    } else if (target.startsWith("address.")) {
      const field = target.slice("address.".length) as (typeof ADDRESS_FIELDS)[number];
      if (!c.addresses[0]) {
        if (value === null) continue;
        c.addresses.push({ type: "home" });
      }
      c.addresses[0]![field] = value;
      if (ADDRESS_FIELDS.every((f) => !c.addresses[0]![f])) c.addresses.shift();
    } else if (target === "externalId") {
      if (!options.externalSourceId) continue;
      c.externalIds = c.externalIds.filter((e) => e.sourceId !== options.externalSourceId);
      if (value !== null) c.externalIds.push({ sourceId: options.externalSourceId, value });
    } else if (target === "externalOrganization.id") c.organizationId = value;
    else if (target === "schemaId") c.schemaId = value;
    else if (target === "schemaVersion")
      c.schemaVersion = value === null ? null : /^\d+$/.test(value) ? Number(value) : (value as never);
    else if (target.startsWith("customFields.")) {
      const name = target.slice("customFields.".length);
      const fields = { ...(c.customFields ?? {}) };
      if (value === null) delete fields[name];
      else fields[name] = customValue(name, value);
      c.customFields = Object.keys(fields).length ? fields : null;
    }
  }
  return c;
}

/**
 * What the contact rules (`contactInput`) make of a row's input that they accepted (in the job's dry run, or as
 * the import validated the row itself), without running them again: a row's cells are trimmed and blank ones
 * null already (`patchOf`), so what the rules add is their defaults and the usages of each phone and address.
 * Parsing each row twice was a third of preparing an import's batch. A test holds it to the rules' own output
 * for every field a column can map to.
 */
export function acceptedRowInput(input: ContactInput): ValidContactInput {
  return {
    ...input,
    phones: (input.phones ?? []).map((p) => ({ ...p, usages: [...new Set(p.usages ?? [])] })),
    emails: input.emails ?? [],
    addresses: (input.addresses ?? []).map((a) => ({
      ...a,
      type: a.type ?? "home",
      usages: [...new Set(a.usages ?? [])],
    })),
    webAddresses: input.webAddresses ?? [],
    externalIds: input.externalIds ?? [],
    extensions: input.extensions ?? {},
  } as ValidContactInput;
}

/** A stored contact as the input that would write it back unchanged (the base an update patches). */
export function contactToInput(c: Contact): ContactInput {
  return {
    divisionId: c.divisionId,
    firstName: c.firstName,
    middleName: c.middleName,
    lastName: c.lastName,
    salutation: c.salutation,
    title: c.title,
    displayName: c.displayName,
    dateOfBirth: c.dateOfBirth,
    anniversary: c.anniversary,
    organizationId: c.organizationId,
    surveyOptOut: c.surveyOptOut,
    externalSystemUrl: c.externalSystemUrl,
    phones: c.phones.map((p) => ({
      type: p.type,
      display: p.userInput || p.display,
      extension: p.extension,
      acceptsSms: p.acceptsSms,
      normalizationCountryCode: p.normalizationCountryCode,
    })),
    emails: c.emails.map((e) => ({ type: e.type, address: e.address })),
    addresses: c.addresses.map((a) => ({ ...a })),
    externalIds: c.externalIds.map((e) => ({ sourceId: e.sourceId, value: e.value })),
    schemaId: c.schemaId,
    schemaVersion: c.schemaVersion,
    customFields: c.customFields,
    extensions: c.extensions,
  };
}

/**
 * The keys a row can match an existing contact by, strongest first: its external id in the settings'
 * source, then, per `matchingCriteria` in order, its normalized emails and E.164 phone numbers.
 */
export function matchKeys(
  input: ContactInput,
  plan: Pick<ImportJobPlan, "matchingCriteria" | "externalSourceId">,
): string[] {
  const keys: string[] = [];
  const ext = input.externalIds?.find((e) => e.sourceId === plan.externalSourceId);
  if (ext) keys.push(`externalId:${ext.value.trim()}`);
  for (const criterion of plan.matchingCriteria) {
    if (criterion === "Email")
      for (const e of input.emails ?? []) keys.push(`email:${normalizeEmail(e.address)}`);
    if (criterion === "Phone")
      for (const p of input.phones ?? []) {
        const e164 = normalizePhone({ ...p, display: p.display.trim() }).e164;
        if (e164) keys.push(`phone:${e164}`);
      }
  }
  return keys;
}

/**
 * Names the CSV column behind a validation issue's canonical path (`emails.0.address` → the column mapped
 * to `workEmail`), so the error report speaks the file's language. Falls back to the target field name.
 */
export function issueColumn(path: string, input: ContactInput, mappings: CsvMapping[]): string {
  const [head, index, field] = path.split(".");
  let target = head ?? path;
  if (head === "phones") {
    const type = input.phones?.[Number(index)]?.type;
    target = Object.entries(PHONE_FIELDS).find(([, t]) => t === type)?.[0] ?? path;
  } else if (head === "emails") {
    const type = input.emails?.[Number(index)]?.type;
    target = Object.entries(EMAIL_FIELDS).find(([, t]) => t === type)?.[0] ?? path;
  } else if (head === "addresses") target = field ? `address.${field}` : "address.address1";
  else if (head === "externalIds") target = "externalId";
  else if (head === "customFields") target = index ? `customFields.${index}` : path;
  else if (head === "organizationId") target = "externalOrganization.id";
  const mapping = mappings.find((m) => normalizeTarget(m.targetField) === target);
  return mapping?.sourceField ?? target;
}

/** The header of the downloadable error report. */
export const ERROR_REPORT_COLUMNS = ["row", "field", "message"] as const;
