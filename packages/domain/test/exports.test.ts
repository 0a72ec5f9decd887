import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { text } from "node:stream/consumers";
import { and, divisions, eq, exportJobs, files, members } from "@switchboard/db";
import { describe, expect, it } from "vitest";
import {
  addNote,
  CONTACT_EXPORT_COLUMNS,
  type Context,
  changeSetsOf,
  createContact,
  createExport,
  createExternalSource,
  createOrganization,
  createRelationship,
  deleteContact,
  getExport,
  listExports,
  localFileStorage,
  NOTE_EXPORT_COLUMNS,
  ORGANIZATION_EXPORT_COLUMNS,
  openExportDownload,
  PERMISSIONS,
  RELATIONSHIP_EXPORT_COLUMNS,
  runExport,
  systemActor,
} from "../src";
import { rejection, withJobsAndFiles, withTestTenant } from "./helpers";

const tenant = withTestTenant();
const { storage, jobs, dir, admin, worker } = withJobsAndFiles(tenant, "exports");

const queuedFor = (exportId: string) => jobs().boss.findJobs("export", { data: { exportId } });

async function download(ctx: Context, id: string) {
  const file = await openExportDownload(ctx, id, storage);
  return { ...file, lines: (await text(file.stream)).trimEnd().split("\n") };
}

describe("exports service", () => {
  it("creates a RUNNING export, enqueues its job and records history", async () => {
    const t = tenant();
    const created = await createExport(admin(), { entityType: "contacts" });
    expect(created).toMatchObject({
      entityType: "contacts",
      status: "RUNNING",
      divisionIds: [],
      rowCount: null,
    });
    expect(await getExport(t.admin, created.id)).toEqual(created);

    const [job] = await queuedFor(created.id);
    expect(job?.data).toEqual({ tenantId: t.tenantId, exportId: created.id });
    const [history] = await changeSetsOf(t.admin, "export", created.id);
    expect(history).toMatchObject({ action: "create", actorName: "Test Admin" });
    expect(history!.changes).toContainEqual({ path: "status", old: null, new: "RUNNING" });
  });

  it("enqueues in the caller's transaction: a rollback leaves neither the row nor the job", async () => {
    const t = tenant();
    let exportId = "";
    const rolledBack = t.database.db.transaction(async (tx) => {
      exportId = (await createExport({ ...admin(), db: tx }, { entityType: "contacts" })).id;
      expect(await queuedFor(exportId)).toHaveLength(0); // not visible outside the transaction yet
      throw new Error("roll back");
    });
    await expect(rolledBack).rejects.toThrow("roll back");
    expect(exportId).not.toBe("");
    expect(await t.database.db.select().from(exportJobs).where(eq(exportJobs.id, exportId))).toEqual([]);
    expect(await queuedFor(exportId)).toEqual([]);
  });

  it("refuses actors without the export and contact permissions, and contexts without a queue", async () => {
    const t = tenant();
    const viewOnly = { ...t.as([PERMISSIONS.contactView, PERMISSIONS.exportView]), jobs: jobs() };
    expect((await rejection(createExport(viewOnly, { entityType: "contacts" }))).code).toBe("FORBIDDEN");
    const noContacts = { ...t.as([PERMISSIONS.exportAdd, PERMISSIONS.exportView]), jobs: jobs() };
    expect((await rejection(createExport(noContacts, { entityType: "contacts" }))).code).toBe("FORBIDDEN");
    expect((await rejection(listExports(noContacts, { entityType: "contacts" }))).code).toBe("FORBIDDEN");
    const addOnly = t.as([PERMISSIONS.exportAdd, PERMISSIONS.contactView]);
    expect((await rejection(listExports(addOnly, { entityType: "contacts" }))).code).toBe("FORBIDDEN");
    await expect(createExport(t.admin, { entityType: "contacts" })).rejects.toThrow(/ctx\.jobs/);
  });

  it("rejects unknown divisions and answers NOT_FOUND for unknown or malformed ids", async () => {
    const t = tenant();
    const missing = crypto.randomUUID();
    const error = await rejection(createExport(admin(), { entityType: "contacts", divisionIds: [missing] }));
    expect(error.code).toBe("VALIDATION");
    expect(error.issues).toEqual([{ path: "divisionIds.0", message: `division ${missing} does not exist` }]);
    for (const id of [missing, "not-an-id"]) {
      expect((await rejection(getExport(t.admin, id))).code).toBe("NOT_FOUND");
      expect((await rejection(openExportDownload(t.admin, id, storage))).code).toBe("NOT_FOUND");
    }
  });

  it("writes the CSV with the Genesys header, one row per live contact, phones in E.164", async () => {
    const t = tenant();
    const ada = await createContact(t.admin, {
      firstName: "Ada",
      lastName: "Lovelace",
      surveyOptOut: true,
      phones: [
        { type: "cell", display: "(201) 555-0100" },
        { type: "work", display: "030 901820", normalizationCountryCode: "DE" },
      ],
      emails: [{ type: "work", address: "ada@engine.example" }],
      addresses: [{ type: "home", city: "London", countryCode: "GB" }],
    });
    const grace = await createContact(t.admin, { firstName: "Grace", lastName: "Hopper" });
    const started = await createExport(admin(), { entityType: "contacts" });
    await expect(openExportDownload(t.admin, started.id, storage)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    const done = await runExport(worker(), started.id, storage);
    expect(done).toMatchObject({ status: "SUCCEEDED", rowCount: 2, error: null });
    expect(done.completedAt).toBeInstanceOf(Date);
    expect(await getExport(t.admin, started.id)).toEqual(done);

    const file = await download(t.admin, started.id);
    expect(file).toMatchObject({ contentType: "text/csv", fileName: `contacts-export-${started.id}.csv` });
    const [header, ...rows] = file.lines;
    expect(header).toBe(CONTACT_EXPORT_COLUMNS.join(","));
    const records = rows.map((r) =>
      Object.fromEntries(r.split(",").map((v, i) => [CONTACT_EXPORT_COLUMNS[i], v])),
    );
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      id: ada.id,
      firstName: "Ada",
      lastName: "Lovelace",
      cellPhone: "+12015550100",
      workPhone: "+4930901820",
      workEmail: "ada@engine.example",
      city: "London",
      countryCode: "GB",
      surveyOptOut: "true",
      createDate: ada.createdAt.toISOString(),
    });
    expect(records[1]).toMatchObject({ id: grace.id, firstName: "Grace", cellPhone: "", surveyOptOut: "" });
    expect(file.size).toBe(Buffer.byteLength(`${file.lines.join("\n")}\n`));

    const [finished] = await changeSetsOf(t.admin, "export", started.id);
    expect(finished).toMatchObject({ action: "update", actorKind: "system" });
    expect(finished!.changes).toContainEqual({ path: "status", old: "RUNNING", new: "SUCCEEDED" });
  });

  it("does nothing when run again after it succeeded", async () => {
    const t = tenant();
    const started = await createExport(admin(), { entityType: "contacts" });
    const first = await runExport(worker(), started.id, storage);
    await createContact(t.admin, { firstName: "Late", lastName: "Arrival" });
    const filesBefore = await t.database.db.select().from(files).where(eq(files.tenantId, t.tenantId));
    const historyBefore = await changeSetsOf(t.admin, "export", started.id);

    expect(await runExport(worker(), started.id, storage)).toEqual(first);
    expect(await t.database.db.select().from(files).where(eq(files.tenantId, t.tenantId))).toEqual(
      filesBefore,
    );
    expect(await changeSetsOf(t.admin, "export", started.id)).toEqual(historyBefore);
    expect((await download(t.admin, started.id)).lines).toHaveLength(first.rowCount! + 1);
  });

  it("exports only the divisions asked for", async () => {
    const t = tenant();
    const [sales] = await t.database.db
      .insert(divisions)
      .values({ tenantId: t.tenantId, name: "Sales" })
      .returning();
    const inSales = await createContact(t.admin, { firstName: "Sally", divisionId: sales!.id });
    const started = await createExport(admin(), { entityType: "contacts", divisionIds: [sales!.id] });
    expect(started.divisionIds).toEqual([sales!.id]);
    expect(await runExport(worker(), started.id, storage)).toMatchObject({
      status: "SUCCEEDED",
      rowCount: 1,
    });
    const [, row] = (await download(t.admin, started.id)).lines;
    expect(row?.startsWith(`${inSales.id},Sally,`)).toBe(true);

    const listed = await listExports(t.admin, { entityType: "contacts", divisionIds: [sales!.id] });
    expect(listed.entities.map((e) => e.id)).toEqual([started.id]);
  });

  it("keeps a division-limited caller's export inside its divisions", async () => {
    const t = tenant();
    const [east] = await t.database.db
      .insert(divisions)
      .values({ tenantId: t.tenantId, name: "East (export)" })
      .returning();
    const inEast = await createContact(t.admin, { firstName: "Eastern", divisionId: east!.id });
    await createContact(t.admin, { firstName: "Homebody" });
    const limited: Context = { ...admin(), actor: { ...admin().actor, divisionIds: new Set([east!.id]) } };
    const started = await createExport(limited, { entityType: "contacts" });
    expect(started.divisionIds).toEqual([east!.id]);
    await runExport(worker(), started.id, storage);
    const rows = (await download(t.admin, started.id)).lines.slice(1);
    expect(rows.map((r) => r.split(",")[0])).toEqual([inEast.id]);
    const refused = await rejection(
      createExport(limited, { entityType: "contacts", divisionIds: [t.homeDivisionId] }),
    );
    expect(refused.code).toBe("FORBIDDEN");
  });

  it("lets a division-limited caller read only exports inside its divisions", async () => {
    const t = tenant();
    const [west] = await t.database.db
      .insert(divisions)
      .values({ tenantId: t.tenantId, name: "West (export reading)" })
      .returning();
    await createContact(t.admin, { firstName: "Westerner", divisionId: west!.id });
    const limitedTo = (ids: string[]): Context => ({
      ...admin(),
      actor: { ...admin().actor, id: crypto.randomUUID(), divisionIds: new Set(ids) },
    });
    const homeOnly = limitedTo([t.homeDivisionId]);
    const everything = await createExport(admin(), { entityType: "contacts" });
    const westOnly = await createExport(admin(), { entityType: "contacts", divisionIds: [west!.id] });
    const both = await createExport(admin(), {
      entityType: "contacts",
      divisionIds: [west!.id, t.homeDivisionId],
    });
    const home = await createExport(limitedTo([t.homeDivisionId, west!.id]), {
      entityType: "contacts",
      divisionIds: [t.homeDivisionId],
    });
    for (const e of [everything, westOnly, both, home]) await runExport(worker(), e.id, storage);

    // Exports covering a division the caller cannot see are not found, whoever started them.
    for (const hidden of [everything, westOnly, both]) {
      expect((await rejection(getExport(homeOnly, hidden.id))).code).toBe("NOT_FOUND");
      expect((await rejection(openExportDownload(homeOnly, hidden.id, storage))).code).toBe("NOT_FOUND");
    }
    expect((await download(homeOnly, home.id)).lines.length).toBeGreaterThan(0);
    const seen = new Set<string>();
    let after: string | undefined;
    do {
      const page = await listExports(homeOnly, { entityType: "contacts", after, pageSize: 200 });
      for (const e of page.entities) seen.add(e.id);
      after = page.nextCursor ?? undefined;
    } while (after);
    expect(seen.has(home.id)).toBe(true);
    for (const hidden of [everything, westOnly, both]) expect(seen.has(hidden.id)).toBe(false);
    for (const e of await listExports(homeOnly, { pageSize: 200 }).then((p) => p.entities))
      expect(e.divisionIds).toEqual([t.homeDivisionId]);
    // A caller limited to no division reads none; the unlimited admin reads them all.
    expect((await listExports(limitedTo([]), { pageSize: 200 })).entities).toEqual([]);
    expect((await getExport(t.admin, westOnly.id)).id).toBe(westOnly.id);
  });

  it("writes cells a spreadsheet would run as formulas with a leading single quote", async () => {
    const t = tenant();
    const formula = '=HYPERLINK("http://evil.example","click")';
    const [sheet] = await t.database.db
      .insert(divisions)
      .values({ tenantId: t.tenantId, name: "Formulas (export)" })
      .returning();
    const contact = await createContact(t.admin, {
      firstName: formula,
      lastName: "@SUM(1,2)",
      divisionId: sheet!.id,
      phones: [{ type: "cell", display: "+1 212 555 0199" }],
    });
    const started = await createExport(admin(), { entityType: "contacts", divisionIds: [sheet!.id] });
    await runExport(worker(), started.id, storage);
    const [, row] = (await download(t.admin, started.id)).lines;
    expect(row).toContain(`${contact.id},"'=HYPERLINK(""http://evil.example"",""click"")",,"'@SUM(1,2)",`);
    expect(row).toContain(",+12125550199,");

    await addNote(t.admin, { type: "contact", id: contact.id }, { text: "+cmd|' /C calc'!A0" });
    const notes = await createExport(admin(), {
      entityType: "notes",
      queryConditions: { filters: { eq: { field: "DivisionId", value: sheet!.id } } },
    });
    await runExport(worker(), notes.id, storage);
    expect((await download(t.admin, notes.id)).lines[1]).toContain(`,'+cmd|' /C calc'!A0,`);
  });

  it("marks the export FAILED with the reason when the file cannot be written", async () => {
    const t = tenant();
    // A storage root that is a plain file: every write fails, as a full or unmounted disk would.
    const blocked = join(dir, "not-a-directory");
    await writeFile(blocked, "");
    const started = await createExport(admin(), { entityType: "contacts" });
    const failed = await runExport(worker(), started.id, localFileStorage(blocked));
    expect(failed).toMatchObject({ status: "FAILED", fileId: null, rowCount: null });
    expect(failed.error).toMatch(/ENOTDIR|EEXIST/);
    expect(failed.completedAt).toBeInstanceOf(Date);
    expect(await runExport(worker(), started.id, storage)).toEqual(failed);
    expect((await rejection(openExportDownload(t.admin, started.id, storage))).code).toBe("NOT_FOUND");
  });

  it("lists newest first and pages by cursor without skipping or repeating, ties included", async () => {
    const t = tenant();
    const { db } = t.database;
    const mine = new Set<string>();
    // Exports created in one transaction share created_at, so the id must break the tie.
    await db.transaction(async (tx) => {
      for (let i = 0; i < 4; i++)
        mine.add((await createExport({ ...admin(), db: tx }, { entityType: "contacts" })).id);
    });
    for (let i = 0; i < 3; i++) mine.add((await createExport(admin(), { entityType: "contacts" })).id);

    const expected = (
      await db
        .select({ id: exportJobs.id })
        .from(exportJobs)
        .where(and(eq(exportJobs.tenantId, t.tenantId), eq(exportJobs.entityType, "contacts")))
    ).length;
    for (const pageSize of [1, 3]) {
      const seen: string[] = [];
      let after: string | undefined;
      do {
        expect(seen.length).toBeLessThanOrEqual(expected); // a cursor that repeats would loop forever
        const page = await listExports(t.admin, { entityType: "contacts", pageSize, after });
        expect(page.entities.length).toBeLessThanOrEqual(pageSize);
        seen.push(...page.entities.map((e) => e.id));
        after = page.nextCursor ?? undefined;
      } while (after);
      expect(seen).toHaveLength(expected);
      expect(new Set(seen).size).toBe(expected);
      expect(seen.filter((id) => mine.has(id))).toHaveLength(mine.size);
      const all = await Promise.all(seen.map((id) => getExport(t.admin, id)));
      const order = all.map((e) => e.createdAt.getTime());
      expect(order).toEqual([...order].sort((a, b) => b - a));
    }
    const bad = await rejection(listExports(t.admin, { entityType: "contacts", after: "garbage" }));
    expect(bad.code).toBe("VALIDATION");
  });

  it("keeps tenants apart", async () => {
    const t = tenant();
    const started = await createExport(admin(), { entityType: "contacts" });
    const other = { ...t.admin, tenantId: crypto.randomUUID() };
    expect((await rejection(getExport(other, started.id))).code).toBe("NOT_FOUND");
    expect((await listExports(other, { entityType: "contacts" })).entities).toEqual([]);
    expect((await rejection(runExport({ ...other, actor: systemActor() }, started.id, storage))).code).toBe(
      "NOT_FOUND",
    );
  });
});

async function newDivision(name: string) {
  const t = tenant();
  const [division] = await t.database.db
    .insert(divisions)
    .values({ tenantId: t.tenantId, name: `${name} ${crypto.randomUUID()}` })
    .returning();
  return division!.id;
}

/** Runs the export as the worker does and answers the ids in the first column of its CSV. */
async function exportedIds(started: { id: string }) {
  const done = await runExport(worker(), started.id, storage);
  expect(done.status).toBe("SUCCEEDED");
  const [, ...rows] = (await download(tenant().admin, started.id)).lines;
  expect(done.rowCount).toBe(rows.length);
  return rows.map((r) => r.split(",")[0]);
}

describe("export queryConditions", () => {
  it("exports exactly the contacts the filter tree matches", async () => {
    const t = tenant();
    const division = await newDivision("Filtered");
    const source = await createExternalSource(t.admin, { name: `CRM ${crypto.randomUUID()}` });
    const org = await createOrganization(t.admin, { name: "Acme", divisionId: division });
    const make = (firstName: string, extra: Record<string, unknown> = {}, type?: "Ephemeral") =>
      createContact(t.admin, { firstName, divisionId: division, ...extra }, { type });
    const curated = await make("Curated");
    const ephemeral = await make("Ephemeral", {}, "Ephemeral");
    const atAcme = await make("AtAcme", { organizationId: org.id });
    const sourced = await make("Sourced", { externalIds: [{ sourceId: source.id, value: "crm-1" }] });
    const elsewhere = await createContact(t.admin, { firstName: "Elsewhere" });

    const run = async (filters: object, limit?: number) =>
      exportedIds(
        await createExport(admin(), {
          entityType: "contacts",
          divisionIds: [division],
          queryConditions: { filters: filters as never, limit },
        }),
      );

    expect(await run({ eq: { field: "ContactClassification", value: "Ephemeral" } })).toEqual([ephemeral.id]);
    expect(await run({ eq: { field: "ExternalOrganizationId", value: org.id } })).toEqual([atAcme.id]);
    expect(await run({ in: { field: "ExternalSourceId", values: [source.id] } })).toEqual([sourced.id]);
    // not: null-safe, so contacts without an organization are kept.
    expect(await run({ not: { eq: { field: "ExternalOrganizationId", value: org.id } } })).toEqual([
      curated.id,
      ephemeral.id,
      sourced.id,
    ]);
    expect(
      await run({
        or: [
          { eq: { field: "ContactClassification", value: "Ephemeral" } },
          {
            and: [
              { in: { field: "ExternalSourceId", values: [source.id] } },
              { gte: { field: "CreateDate", value: curated.createdAt.toISOString() } },
            ],
          },
        ],
      }),
    ).toEqual([ephemeral.id, sourced.id]);
    expect(await run({ lte: { field: "CreateDate", value: "2000-01-01" } })).toEqual([]);
    // The DivisionId field works without divisionIds too; the contact elsewhere is never in.
    const byField = await exportedIds(
      await createExport(admin(), {
        entityType: "contacts",
        queryConditions: { filters: { eq: { field: "DivisionId", value: division } } },
      }),
    );
    expect(byField).toEqual([curated.id, ephemeral.id, atAcme.id, sourced.id]);
    expect(byField).not.toContain(elsewhere.id);
    // limit: the first rows in export order.
    expect(await run({ eq: { field: "DivisionId", value: division } }, 2)).toEqual([
      curated.id,
      ephemeral.id,
    ]);
  });

  it("keeps the conditions on the export and refuses malformed ones with their paths", async () => {
    const queryConditions = {
      filters: { eq: { field: "ContactClassification", value: "Curated" } },
      limit: 10,
    };
    const started = await createExport(admin(), { entityType: "contacts", queryConditions });
    expect(started.queryConditions).toEqual(queryConditions);
    expect((await getExport(tenant().admin, started.id)).queryConditions).toEqual(queryConditions);

    const bad = await rejection(
      createExport(admin(), {
        entityType: "contacts",
        queryConditions: { filters: { in: { field: "SchemaId", values: ["nope"] } }, limit: 0 },
      }),
    );
    expect(bad.code).toBe("VALIDATION");
    expect(bad.issues.map((i) => i.path)).toEqual(["queryConditions.limit"]);
    const badValue = await rejection(
      createExport(admin(), {
        entityType: "contacts",
        queryConditions: { filters: { in: { field: "SchemaId", values: ["nope"] } } },
      }),
    );
    expect(badValue.issues).toEqual([
      { path: "queryConditions.filters.in.values.0", message: "must be an id (a uuid)" },
    ]);
  });
});

describe("organization, note and relationship exports", () => {
  it("exports organizations with their contact points, filtered by division", async () => {
    const t = tenant();
    const division = await newDivision("Orgs");
    const acme = await createOrganization(t.admin, {
      name: "Acme, Inc.",
      divisionId: division,
      phones: [{ type: "work", display: "+1 212 555 0100" }],
      websites: ["https://acme.example", "https://acme.test"],
    });
    await createOrganization(t.admin, { name: "Elsewhere Ltd" });
    const started = await createExport(admin(), { entityType: "organizations", divisionIds: [division] });
    await runExport(worker(), started.id, storage);
    const [header, row, ...rest] = (await download(t.admin, started.id)).lines;
    expect(header).toBe(ORGANIZATION_EXPORT_COLUMNS.join(","));
    expect(rest).toEqual([]);
    expect(row).toContain(`${acme.id},"Acme, Inc.",${division}`);
    expect(row).toContain("+12125550100");
    expect(row).toContain("https://acme.example;https://acme.test");
  });

  it("exports notes of live parents with their parent's division, filtered by entity type", async () => {
    const t = tenant();
    const division = await newDivision("Notes");
    const contact = await createContact(t.admin, { firstName: "Noted", divisionId: division });
    const org = await createOrganization(t.admin, { name: "Noted Org", divisionId: division });
    const onContact = await addNote(t.admin, { type: "contact", id: contact.id }, { text: "call back" });
    const onOrg = await addNote(t.admin, { type: "organization", id: org.id }, { text: "renewal, soon" });
    const all = await createExport(admin(), { entityType: "notes", divisionIds: [division] });
    expect(await exportedIds(all)).toEqual([onContact.id, onOrg.id]);
    const [header, first] = (await download(t.admin, all.id)).lines;
    expect(header).toBe(NOTE_EXPORT_COLUMNS.join(","));
    expect(first).toBe(
      [onContact.id, "contact", contact.id, division, "call back", onContact.createdById]
        .concat([onContact.createdAt.toISOString(), onContact.modifiedAt.toISOString()])
        .join(","),
    );
    const orgsOnly = await createExport(admin(), {
      entityType: "notes",
      divisionIds: [division],
      queryConditions: { filters: { eq: { field: "EntityType", value: "organization" } } },
    });
    expect(await exportedIds(orgsOnly)).toEqual([onOrg.id]);
    // A deleted contact's notes stay in the table (history) but are not exported.
    await deleteContact(t.admin, contact.id);
    expect(
      await exportedIds(await createExport(admin(), { entityType: "notes", divisionIds: [division] })),
    ).toEqual([onOrg.id]);
  });

  it("exports relationships with their organization's division, filtered by user", async () => {
    const t = tenant();
    const division = await newDivision("Relationships");
    const org = await createOrganization(t.admin, { name: "Related Org", divisionId: division });
    const [member] = await t.database.db.select().from(members);
    const rel = await createRelationship(t.admin, {
      organizationId: org.id,
      memberId: member!.id,
      relationship: "Account Manager",
    });
    const started = await createExport(admin(), {
      entityType: "relationships",
      queryConditions: {
        filters: {
          and: [
            { eq: { field: "DivisionId", value: division } },
            { eq: { field: "UserId", value: member!.id } },
          ],
        },
      },
    });
    expect(await exportedIds(started)).toEqual([rel.id]);
    const [header, row] = (await download(t.admin, started.id)).lines;
    expect(header).toBe(RELATIONSHIP_EXPORT_COLUMNS.join(","));
    expect(row?.startsWith(`${rel.id},${org.id},${member!.id},Account Manager,${division},`)).toBe(true);
  });

  it("needs the view permission of what each kind holds", async () => {
    const t = tenant();
    const contactsOnly = {
      ...t.as([PERMISSIONS.exportAdd, PERMISSIONS.exportView, PERMISSIONS.contactView]),
      jobs: jobs(),
    };
    for (const entityType of ["organizations", "notes", "relationships"] as const)
      expect((await rejection(createExport(contactsOnly, { entityType }))).code).toBe("FORBIDDEN");
    const orgs = await createExport(admin(), { entityType: "organizations" });
    expect((await rejection(getExport(contactsOnly, orgs.id))).code).toBe("FORBIDDEN");
    // Asked for by another kind's path, an export is not found.
    expect((await rejection(getExport(t.admin, orgs.id, "contacts"))).code).toBe("NOT_FOUND");
    // Listing every kind shows only the kinds the actor may view.
    const listed = await listExports(contactsOnly, { pageSize: 200 });
    expect(listed.entities.every((e) => e.entityType === "contacts")).toBe(true);
    const everything = await listExports(t.admin, { pageSize: 200 });
    expect(everything.entities.map((e) => e.id)).toContain(orgs.id);
  });
});
