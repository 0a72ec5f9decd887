import { PERMISSIONS } from "@switchboard/domain";
import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import type { AppRouter } from "../src/server/trpc/root";
import { withWebServer } from "./server";

const server = withWebServer();
/** The failure of a call: its tRPC code and field errors. */
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => {
      if (!(e instanceof TRPCClientError)) throw e;
      const data = (e as TRPCClientError<AppRouter>).data;
      return { code: data?.code, fieldErrors: data?.fieldErrors, message: e.message };
    },
  );

/** A 1×1 PNG, base64. */
const PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
/** The first bytes of a JPEG are enough for the server to tell its type. */
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]).toString("base64");

describe("enfore's additions to contacts and organizations, over tRPC", () => {
  it("gives a contact a customer role naming an alternative payer and its own addresses, and takes it away", async () => {
    const api = server().trpc(await server().signIn());
    const payer = await api.organizations.create.mutate({ name: "Payer GmbH" });
    const payerOwner = { kind: "organization" as const, id: payer.id };
    const person = await api.contacts.create.mutate({
      firstName: "Rosa",
      lastName: "Customer",
      addresses: [{ type: "home", address1: "1 Main St", city: "Springfield" }],
    });
    const owner = { kind: "contact" as const, id: person.id };
    const addressId = person.addresses[0]!.id;
    const role = {
      number: "C-77",
      isActive: true,
      isSuspended: false,
      since: "2025-02-01",
      creditLimit: { value: 1500.5, unit: "EUR" },
      alternativePayer: { id: payer.id },
      deliveryAndInvoicingConfigurations: [
        { limitations: { brandId: "north" }, invoiceAddressId: addressId, deliveryAddressId: addressId },
      ],
    };
    // The payer must hold the alternative-payer role first; the refusal names the field.
    expect(await failure(api.profile.putRole.mutate({ owner, kind: "customer", role }))).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { "alternativePayer.id": expect.stringContaining("alternative-payer role") },
    });
    await api.profile.putRole.mutate({
      owner: payerOwner,
      kind: "alternativePayer",
      role: { number: "AP-1", isActive: true, since: "2024-01-01" },
    });
    expect(await api.profile.alternativePayers.query()).toContainEqual({
      ...payerOwner,
      number: "AP-1",
      name: "Payer GmbH",
    });
    const saved = await api.profile.putRole.mutate({ owner, kind: "customer", role });
    expect(saved).toMatchObject(role);
    expect(await api.profile.roles.query({ owner })).toEqual([saved]);
    // The history of the contact records the role's fields.
    const [entry] = await api.contacts.history.query({ id: person.id });
    expect(entry!.changes).toContainEqual({ path: "roles.customer.number", old: null, new: "C-77" });

    // A field the kind does not allow is refused by the domain's schema, by path.
    expect(
      await failure(
        api.profile.putRole.mutate({
          owner,
          kind: "customer",
          role: { ...role, creditLimit: { value: 1, unit: "XXX" } },
        }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { "creditLimit.unit": expect.any(String) } });
    // The payer stays while a customer names it.
    expect(
      await failure(api.profile.deleteRole.mutate({ owner: payerOwner, kind: "alternativePayer" })),
    ).toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
    await api.profile.deleteRole.mutate({ owner, kind: "customer" });
    expect(await api.profile.roles.query({ owner })).toEqual([]);
  });

  it("adds, edits and deletes a person's professional identities; the organization lists its representatives", async () => {
    const api = server().trpc(await server().signIn());
    const org = await api.organizations.create.mutate({ name: "Widgets Inc" });
    const person = await api.contacts.create.mutate({ firstName: "Piet", lastName: "Worker" });
    const created = await api.professionalIdentities.create.mutate({
      contactId: person.id,
      identity: { organizationId: org.id, jobTitle: "Buyer", isActive: true },
    });
    expect(created).toMatchObject({
      organizationId: org.id,
      jobTitle: "Buyer",
      isActive: true,
      isPrimary: true,
    });
    // The primary active PI is the person's employer.
    expect((await api.contacts.get.query({ id: person.id })).organizationId).toBe(org.id);
    expect(await api.professionalIdentities.list.query({ contactId: person.id })).toMatchObject([
      { id: created.id, organizationName: "Widgets Inc" },
    ]);

    const updated = await api.professionalIdentities.update.mutate({
      contactId: person.id,
      id: created.id,
      identity: { jobTitle: "Head of purchasing", isActive: false, deactivationDate: "2026-01-31" },
    });
    expect(updated).toMatchObject({
      jobTitle: "Head of purchasing",
      isActive: false,
      organizationId: org.id,
    });
    expect(updated.deactivationDate?.toISOString().slice(0, 10)).toBe("2026-01-31");
    expect((await api.contacts.get.query({ id: person.id })).organizationId).toBeNull();
    expect(await api.professionalIdentities.representatives.query({ organizationId: org.id })).toMatchObject([
      { id: created.id, contactId: person.id, contactName: "Piet Worker", jobTitle: "Head of purchasing" },
    ]);
    expect(
      await failure(
        api.professionalIdentities.create.mutate({
          contactId: person.id,
          identity: { organizationId: "not-an-id" },
        }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { organizationId: expect.any(String) } });

    await api.professionalIdentities.delete.mutate({ contactId: person.id, id: created.id });
    expect(await api.professionalIdentities.list.query({ contactId: person.id })).toEqual([]);
    expect(await api.professionalIdentities.representatives.query({ organizationId: org.id })).toEqual([]);
  });

  it("tags and images of a contact and an organization", async () => {
    const api = server().trpc(await server().signIn());
    const org = await api.organizations.create.mutate({ name: "Tagged Org" });
    const owner = { kind: "organization" as const, id: org.id };
    const vip = await api.profile.addTag.mutate({ owner, name: "VIP" });
    await api.profile.addTag.mutate({ owner, name: "Wholesale" });
    expect((await api.profile.tags.query({ owner })).map((t) => t.name)).toEqual(["VIP", "Wholesale"]);
    // Tags are the Genesys organization's tags too, and the tenant's tags are reused by name.
    expect((await api.organizations.get.query({ id: org.id })).tags).toEqual(["VIP", "Wholesale"]);
    const person = await api.contacts.create.mutate({ firstName: "Tina", lastName: "Tagged" });
    const personOwner = { kind: "contact" as const, id: person.id };
    expect((await api.profile.addTag.mutate({ owner: personOwner, name: "VIP" })).id).toBe(vip.id);
    expect((await api.profile.tenantTags.query()).map((t) => t.name)).toEqual(
      expect.arrayContaining(["VIP", "Wholesale"]),
    );
    await api.profile.removeTag.mutate({ owner, tagId: vip.id });
    expect((await api.profile.tags.query({ owner })).map((t) => t.name)).toEqual(["Wholesale"]);
    expect(await failure(api.profile.addTag.mutate({ owner, name: " " }))).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { name: expect.any(String) },
    });

    const png = await api.profile.addImage.mutate({ owner: personOwner, data: PNG });
    const jpeg = await api.profile.addImage.mutate({ owner: personOwner, data: JPEG });
    // The newest image is the default one, listed first.
    expect(await api.profile.images.query({ owner: personOwner })).toMatchObject([
      { id: jpeg.id, contentType: "image/jpeg", isDefault: true },
      { id: png.id, contentType: "image/png", isDefault: false },
    ]);
    expect((await api.profile.image.query({ owner: personOwner, id: png.id })).data).toBe(PNG);
    expect(
      await failure(
        api.profile.addImage.mutate({ owner: personOwner, data: Buffer.from("GIF89a").toString("base64") }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { data: "must be a JPEG or PNG image" } });
    await api.profile.removeImage.mutate({ owner: personOwner, id: jpeg.id });
    expect(await api.profile.images.query({ owner: personOwner })).toMatchObject([
      { id: png.id, isDefault: true },
    ]);
  });

  it("creates, renames and deletes customer lists; adds and removes members, naming ids that are no record", async () => {
    const api = server().trpc(await server().signIn());
    const list = await api.customerLists.create.mutate({ name: "Spring mailing" });
    expect((await api.customerLists.list.query()).map((l) => l.name)).toContain("Spring mailing");
    await api.customerLists.rename.mutate({ id: list.id, name: "Spring campaign" });
    expect((await api.customerLists.get.query({ id: list.id })).name).toBe("Spring campaign");
    expect(await failure(api.customerLists.create.mutate({ name: "" }))).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { name: expect.any(String) },
    });

    const person = await api.contacts.create.mutate({ firstName: "Lisa", lastName: "Listed" });
    const org = await api.organizations.create.mutate({ name: "Listed Org" });
    const missing = "00000000-0000-4000-8000-000000000000";
    const added = await api.customerLists.addMembers.mutate({
      id: list.id,
      ids: [person.id, org.id, missing],
    });
    expect(added.problems.map((p) => p.id)).toEqual([missing]);
    expect(await api.customerLists.members.query({ id: list.id })).toEqual({
      items: [
        { kind: "contact", id: person.id, live: true, name: "Lisa Listed" },
        { kind: "organization", id: org.id, live: true, name: "Listed Org" },
      ],
      hasMore: false,
    });
    // A member deleted since it was added stays on the list, no longer live.
    await api.organizations.delete.mutate({ id: org.id });
    expect((await api.customerLists.members.query({ id: list.id })).items[1]).toMatchObject({
      id: org.id,
      live: false,
    });
    await api.customerLists.removeMember.mutate({ id: list.id, memberId: person.id });
    expect((await api.customerLists.members.query({ id: list.id })).items.map((m) => m.id)).toEqual([org.id]);

    await api.customerLists.delete.mutate({ id: list.id });
    expect(await failure(api.customerLists.get.query({ id: list.id }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a member whose role lacks the permissions, use case by use case", async () => {
    const admin = server().trpc(await server().signIn());
    const org = await admin.organizations.create.mutate({ name: "Guarded" });
    const owner = { kind: "organization" as const, id: org.id };
    const role = await admin.admin.saveRole.mutate({
      name: "Organization readers",
      permissions: [PERMISSIONS.organizationView, PERMISSIONS.contactView, PERMISSIONS.roleView],
    });
    await admin.admin.addMember.mutate({
      email: "org-reader@example.com",
      name: "Org Reader",
      password: "a long password",
      roleIds: [role.id],
    });
    const reader = server().trpc(
      await server().signIn({ email: "org-reader@example.com", password: "a long password" }),
    );
    expect(await reader.profile.roles.query({ owner })).toEqual([]);
    expect(
      await failure(
        reader.profile.putRole.mutate({
          owner,
          kind: "alternativePayer",
          role: { number: "AP-9", isActive: true, since: "2024-01-01" },
        }),
      ),
    ).toMatchObject({ code: "FORBIDDEN" });
    expect(await failure(reader.profile.tags.query({ owner }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await failure(reader.profile.addImage.mutate({ owner, data: PNG }))).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await failure(reader.customerLists.list.query())).toMatchObject({ code: "FORBIDDEN" });
    expect(await reader.professionalIdentities.representatives.query({ organizationId: org.id })).toEqual([]);
  });
});
