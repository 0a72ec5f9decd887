import { describe, expect, it } from "vitest";
import {
  addImage,
  createPlaceholderCustomer,
  deletePlaceholderCustomer,
  getContactConfiguration,
  getPlaceholderCustomer,
  listImages,
  listPlaceholderCustomers,
  PERMISSIONS,
  putContactConfiguration,
  removeImage,
  updatePlaceholderCustomer,
} from "../src";
import { changeSetsOf } from "../src/history";
import { rejection, withTestTenant } from "./helpers";

const tenant = withTestTenant();

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString("base64");
const input = (customerId: string, externalId?: string) => ({
  customerId,
  externalId,
  name: `Walk-in ${customerId}`,
  isActive: true,
  customerSince: "2024-05-01",
  requiresFormalInvoice: false,
  trackRevenue: true,
});

describe("placeholder customers", () => {
  it("creates, replaces, lists in creation order and soft-deletes; ids unique among live ones (422)", async () => {
    const t = tenant();
    const a = await createPlaceholderCustomer(t.admin, input("PC-1", "ext-1"));
    expect(a).toMatchObject({ ...input("PC-1", "ext-1"), deleted: false });
    const b = await createPlaceholderCustomer(t.admin, input("PC-2"));
    for (const dup of [input("PC-1"), input("PC-3", "ext-1")]) {
      const e = await rejection(createPlaceholderCustomer(t.admin, dup));
      expect([e.code, e.reason]).toEqual(["UNPROCESSABLE", "DuplicatePlaceholderCustomer"]);
    }
    expect((await rejection(updatePlaceholderCustomer(t.admin, b.id, input("PC-1")))).code).toBe(
      "UNPROCESSABLE",
    );
    const replaced = await updatePlaceholderCustomer(t.admin, a.id, {
      ...input("PC-1"),
      trackRevenue: false,
    });
    expect(replaced.externalId).toBeNull();
    expect(replaced.trackRevenue).toBe(false);
    expect((await changeSetsOf(t.admin, "placeholderCustomer", a.id))[0]!.changes.map((c) => c.path)).toEqual(
      expect.arrayContaining(["externalId", "trackRevenue"]),
    );

    const page = await listPlaceholderCustomers(t.admin, { limit: 5000 });
    const ids = page.map((p) => p.id);
    expect(ids.indexOf(a.id)).toBeLessThan(ids.indexOf(b.id));
    expect((await listPlaceholderCustomers(t.admin, { limit: 1, offset: ids.indexOf(b.id) }))[0]!.id).toBe(
      b.id,
    );

    await deletePlaceholderCustomer(t.admin, a.id);
    expect(await getPlaceholderCustomer(t.admin, a.id)).toMatchObject({ id: a.id, deleted: true });
    expect(
      (await listPlaceholderCustomers(t.admin, { limit: 5000 })).find((p) => p.id === a.id)?.deleted,
    ).toBe(true);
    expect((await rejection(deletePlaceholderCustomer(t.admin, a.id))).code).toBe("NOT_FOUND");
    expect((await rejection(updatePlaceholderCustomer(t.admin, a.id, input("PC-9")))).code).toBe("NOT_FOUND");
    // A deleted one's customer id is free again.
    expect((await createPlaceholderCustomer(t.admin, input("PC-1", "ext-1"))).customerId).toBe("PC-1");

    expect((await rejection(getPlaceholderCustomer(t.admin, "nope"))).code).toBe("NOT_FOUND");
    expect((await rejection(listPlaceholderCustomers(t.admin, { limit: 0 }))).code).toBe("VALIDATION");
    const viewer = t.as([PERMISSIONS.placeholderCustomerView]);
    expect((await rejection(createPlaceholderCustomer(viewer, input("PC-7")))).code).toBe("FORBIDDEN");
    expect((await rejection(deletePlaceholderCustomer(viewer, b.id))).code).toBe("FORBIDDEN");
  });

  it("has images, newest first; a deleted one's images are not found", async () => {
    const t = tenant();
    const p = await createPlaceholderCustomer(t.admin, input(`PC-img-${crypto.randomUUID()}`));
    const owner = { kind: "placeholderCustomer" as const, id: p.id };
    const first = await addImage(t.admin, owner, { data: PNG });
    const second = await addImage(t.admin, owner, { data: PNG });
    expect((await listImages(t.admin, owner)).map((i) => i.id)).toEqual([second.id, first.id]);
    await removeImage(t.admin, owner, second.id);
    expect((await listImages(t.admin, owner)).map((i) => [i.id, i.isDefault])).toEqual([[first.id, true]]);
    await deletePlaceholderCustomer(t.admin, p.id);
    expect((await rejection(listImages(t.admin, owner))).code).toBe("NOT_FOUND");
  });
});

describe("contact configuration", () => {
  it("is the default until stored, is replaced whole, and refuses external management without workflows (422)", async () => {
    const t = tenant();
    expect(await getContactConfiguration(t.admin)).toEqual({ useExternalContactManagement: false });
    const e = await rejection(putContactConfiguration(t.admin, { useExternalContactManagement: true }));
    expect([e.code, e.reason]).toEqual(["UNPROCESSABLE", "NoUsableCustomWorkflows"]);
    const stored = await putContactConfiguration(t.admin, {
      useExternalContactManagement: true,
      customWorkflowConfig: { providerId: "crm", provideContactStartUrl: "https://crm.example/start" },
      apiAccessConfiguration: { url: "https://crm.example/api" },
    });
    expect(stored.apiAccessConfiguration).toEqual({
      url: "https://crm.example/api",
      timeoutInMillis: 2000,
      maxRetries: 3,
      retryIntervalInMillis: 250,
    });
    expect(await getContactConfiguration(t.admin)).toEqual(stored);
    expect(await putContactConfiguration(t.admin, { useExternalContactManagement: false })).toEqual({
      useExternalContactManagement: false,
    });
    expect(await getContactConfiguration(t.admin)).toEqual({ useExternalContactManagement: false });
    expect((await rejection(getContactConfiguration(t.as([PERMISSIONS.contactView])))).code).toBe(
      "FORBIDDEN",
    );
  });
});
