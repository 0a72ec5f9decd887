import { describe, expect, it } from "vitest";
import {
  createContact,
  createExternalSource,
  createOrganization,
  deleteExternalSource,
  getContact,
  getExternalSource,
  listExternalSources,
  PERMISSIONS,
  updateContact,
  updateExternalSource,
} from "../src";
import { externalIdLink } from "../src/external-sources/rules";
import { CURSOR_TTL_MS, decodeCursor, encodeCursor } from "../src/shared/cursor";
import { failure, withTestTenant } from "./helpers";

const tenant = withTestTenant();

describe("external source rules", () => {
  it("fills the uri template with the encoded id", () => {
    expect(externalIdLink("https://crm.example/c/{{externalId.value}}?x=1", "a b/c")).toBe(
      "https://crm.example/c/a%20b%2Fc?x=1",
    );
    expect(externalIdLink(null, "x")).toBeNull();
  });

  it("round-trips cursors, rejects forged ones and expires them after 24 hours", () => {
    expect(decodeCursor(encodeCursor(42))).toEqual({ ok: true, after: 42 });
    expect(decodeCursor("not-a-cursor")).toEqual({ ok: false, reason: "invalid" });
    const old = encodeCursor(42, Date.now() - CURSOR_TTL_MS - 1000);
    expect(decodeCursor(old)).toEqual({ ok: false, reason: "expired" });
  });
});

describe("external sources", () => {
  it("creates with a unique name regardless of case, updates and lists by prefix with a cursor", async () => {
    const t = tenant();
    const crm = await createExternalSource(t.admin, {
      name: " Salesforce ",
      uriTemplate: "https://sf.example/{{externalId.value}}",
    });
    expect(crm).toMatchObject({ name: "Salesforce", active: true });
    expect((await failure(createExternalSource(t.admin, { name: "SALESFORCE" })))!.code).toBe("CONFLICT");
    expect(
      (await failure(createExternalSource(t.admin, { name: "Bad", uriTemplate: "ftp://x" })))!.issues[0]!
        .path,
    ).toBe("uriTemplate");

    const updated = await updateExternalSource(t.admin, crm.id, { name: "Salesforce EU", active: false });
    expect(updated).toMatchObject({ name: "Salesforce EU", active: false, uriTemplate: null });

    for (let i = 0; i < 12; i++)
      await createExternalSource(t.admin, { name: `Sales ${String(i).padStart(2, "0")}` });
    const first = await listExternalSources(t.admin, { name: "sales", limit: 10 });
    expect(first.entities).toHaveLength(10);
    const second = await listExternalSources(t.admin, {
      name: "sales",
      limit: 10,
      cursor: first.nextCursor!,
    });
    expect(second.entities).toHaveLength(3);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.entities, ...second.entities].map((s) => s.id)).size).toBe(13);
    expect((await listExternalSources(t.admin, { active: false })).entities.map((s) => s.id)).toEqual([
      crm.id,
    ]);
    expect((await failure(listExternalSources(t.admin, { cursor: "garbage" })))!.code).toBe("VALIDATION");
  });

  it("gives contacts external ids with links; a value identifies one record per source", async () => {
    const t = tenant();
    const erp = await createExternalSource(t.admin, {
      name: "ERP",
      uriTemplate: "https://erp.example/p/{{externalId.value}}",
    });
    const c = await createContact(t.admin, {
      firstName: "Ext",
      externalIds: [{ sourceId: erp.id, value: "P-1" }],
    });
    expect(c.externalIds).toEqual([
      {
        sourceId: erp.id,
        value: "P-1",
        source: expect.objectContaining({ name: "ERP" }),
        link: "https://erp.example/p/P-1",
      },
    ]);
    // The contact can keep its own id on update; another record cannot take it.
    await updateContact(t.admin, c.id, {
      firstName: "Ext 2",
      externalIds: [{ sourceId: erp.id, value: "P-1" }],
    });
    const clash = await failure(
      createContact(t.admin, { firstName: "Dup", externalIds: [{ sourceId: erp.id, value: "P-1" }] }),
    );
    expect(clash!.code).toBe("CONFLICT");
    expect(clash!.issues[0]).toMatchObject({ path: "externalIds.0.value" });
    const orgClash = await failure(
      createOrganization(t.admin, { name: "Dup", externalIds: [{ sourceId: erp.id, value: "P-1" }] }),
    );
    expect(orgClash!.code).toBe("CONFLICT");

    const unknown = await failure(
      createContact(t.admin, {
        firstName: "U",
        externalIds: [{ sourceId: crypto.randomUUID(), value: "1" }],
      }),
    );
    expect(unknown!.issues[0]!.path).toBe("externalIds.0.sourceId");
    const tooMany = Array.from({ length: 11 }, (_, i) => ({ sourceId: erp.id, value: `v${i}` }));
    expect(
      (await failure(createContact(t.admin, { firstName: "M", externalIds: tooMany })))!.issues[0]!.path,
    ).toBe("externalIds");
  });

  it("keeps records editable after their source is deleted", async () => {
    const t = tenant();
    const old = await createExternalSource(t.admin, { name: "Legacy" });
    const c = await createContact(t.admin, {
      firstName: "Kept",
      externalIds: [{ sourceId: old.id, value: "L-1" }],
    });
    await deleteExternalSource(t.admin, old.id);
    expect((await failure(getExternalSource(t.admin, old.id)))!.code).toBe("NOT_FOUND");
    const read = await getContact(t.admin, c.id);
    expect(read.externalIds).toEqual([{ sourceId: old.id, value: "L-1", source: null, link: null }]);
    const echoed = await updateContact(t.admin, c.id, {
      firstName: "Kept 1",
      externalIds: [{ sourceId: old.id, value: "L-1" }],
    });
    expect(echoed.externalIds).toHaveLength(1);
    const edited = await updateContact(t.admin, c.id, { firstName: "Kept 2" });
    expect(edited.externalIds).toEqual([]);
  });

  it("lets contact readers view sources but only source editors change them", async () => {
    const t = tenant();
    const s = await createExternalSource(t.admin, { name: "Visible" });
    expect((await getExternalSource(t.as([PERMISSIONS.contactView]), s.id)).name).toBe("Visible");
    expect((await failure(getExternalSource(t.as([]), s.id)))!.code).toBe("FORBIDDEN");
    expect(
      (await failure(updateExternalSource(t.as([PERMISSIONS.contactView]), s.id, { name: "x" })))!.code,
    ).toBe("FORBIDDEN");
  });
});
