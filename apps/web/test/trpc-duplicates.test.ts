import { PERMISSIONS } from "@switchboard/domain";
import type { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import type { AppRouter } from "../src/server/trpc/root";
import { withWebServer } from "./server";

const server = withWebServer();
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as TRPCClientError<AppRouter>,
  );

describe("the contact list filters, duplicate suggestions and merge over tRPC", () => {
  it("filters the list by presence of a phone, type and division", async () => {
    const api = server().trpc(await server().signIn());
    const withPhone = await api.contacts.create.mutate({
      lastName: "Listfilter",
      phones: [{ type: "cell", display: "+1 202 555 0111" }],
    });
    const without = await api.contacts.create.mutate({ lastName: "Listfilter" });
    const ids = async (input: Parameters<typeof api.contacts.list.query>[0]) =>
      (await api.contacts.list.query({ q: "listfilter", ...input })).entities.map((c) => c.id).sort();

    expect(await ids({ hasPhone: true })).toEqual([withPhone.id]);
    expect(await ids({ hasPhone: false })).toEqual([without.id]);
    expect(await ids({ type: "Ephemeral" })).toEqual([]);
    const divisions = await api.contacts.divisions.query();
    const home = divisions.find((d) => d.isHome)!;
    expect(await ids({ divisionId: home.id })).toEqual([withPhone.id, without.id].sort());

    const invalid = await failure(api.contacts.list.query({ divisionId: "not-a-uuid" }));
    expect(invalid?.data?.code).toBe("BAD_REQUEST");
    expect(invalid?.data?.httpStatus).toBe(400);
  });

  it("suggests two contacts with one email as a group, and merges them with picked values", async () => {
    const api = server().trpc(await server().signIn());
    const a = await api.contacts.create.mutate({
      firstName: "Dorothy",
      lastName: "Vaughan",
      title: "Supervisor",
      emails: [{ type: "work", address: "dvaughan@nasa.example" }],
    });
    const b = await api.contacts.create.mutate({
      firstName: "Dot",
      lastName: "Vaughan",
      title: "Programmer",
      emails: [{ type: "work", address: "DVaughan@nasa.example" }],
    });
    const groups = await api.contacts.duplicates.query({});
    const group = groups.find((g) => g.contacts.some((c) => c.id === a.id));
    expect(group?.contacts.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
    expect(group?.reasons[0]).toEqual({ kind: "email", value: "dvaughan@nasa.example" });

    const survivor = await api.contacts.merge.mutate({
      contactIds: [a.id, b.id],
      valueOverride: { firstName: "Dorothy", title: "Programmer" },
    });
    expect(survivor).toMatchObject({ firstName: "Dorothy", lastName: "Vaughan", title: "Programmer" });
    expect(survivor.mergedFrom).toEqual([a.id, b.id]);
    expect((await api.contacts.get.query({ id: b.id })).id).toBe(survivor.id);
    expect((await api.contacts.list.query({ q: "vaughan" })).entities.map((c) => c.id)).toEqual([
      survivor.id,
    ]);
    expect((await api.contacts.duplicates.query({})).some((g) => g.contacts.some((c) => c.id === a.id))).toBe(
      false,
    );
  });

  it("marks contacts as not duplicates, lists the pair and undoes it; needs the merge permission and the divisions", async () => {
    const admin = server().trpc(await server().signIn());
    const a = await admin.contacts.create.mutate({
      firstName: "Gladys",
      lastName: "West",
      emails: [{ type: "work", address: "gwest@navy.example" }],
    });
    const b = await admin.contacts.create.mutate({
      firstName: "Clarence",
      lastName: "Ellis",
      emails: [{ type: "personal", address: "GWest@navy.example" }],
      phones: [{ type: "cell", display: "+1 540 555 0142" }],
    });
    const c = await admin.contacts.create.mutate({
      firstName: "Evelyn",
      lastName: "Boyd",
      phones: [{ type: "work", display: "+15405550142" }],
    });
    const groupOf = async (id: string) =>
      (await admin.contacts.duplicates.query({ limit: 100 }))
        .find((g) => g.contacts.some((x) => x.id === id))
        ?.contacts.map((x) => x.id)
        .sort();
    expect(await groupOf(a.id)).toEqual([a.id, b.id, c.id].sort());

    const { pairs } = await admin.contacts.dismissDuplicates.mutate({ contactIds: [a.id, b.id] });
    expect(pairs).toEqual([{ a: [a.id, b.id].sort()[0], b: [a.id, b.id].sort()[1] }]);
    // a leaves the group; b and c still share a phone.
    expect(await groupOf(a.id)).toBeUndefined();
    expect(await groupOf(b.id)).toEqual([b.id, c.id].sort());
    const [listed] = await admin.contacts.duplicateDismissals.query({});
    expect([listed?.a.id, listed?.b.id].sort()).toEqual([a.id, b.id].sort());
    expect(listed?.dismissedBy.kind).toBe("member");
    expect(listed?.dismissedAt).toBeInstanceOf(Date);

    // A member who may view and edit contacts but not merge them may look, not dismiss or undo.
    const role = await admin.admin.saveRole.mutate({
      name: "Editors (duplicates)",
      permissions: [PERMISSIONS.contactView, PERMISSIONS.contactEdit],
    });
    await admin.admin.addMember.mutate({
      email: "editor@example.com",
      name: "Editor",
      password: "a long password",
      roleIds: [role.id],
    });
    const editor = server().trpc(
      await server().signIn({ email: "editor@example.com", password: "a long password" }),
    );
    expect((await editor.contacts.duplicateDismissals.query({})).length).toBe(1);
    const refused = await failure(editor.contacts.dismissDuplicates.mutate({ contactIds: [b.id, c.id] }));
    expect(refused?.data?.code).toBe("FORBIDDEN");
    expect(refused?.data?.httpStatus).toBe(403);
    expect((await failure(editor.contacts.undoDuplicateDismissals.mutate({ pairs })))?.data?.code).toBe(
      "FORBIDDEN",
    );

    // A merger limited to one division cannot reach a contact outside it, nor see pairs with one.
    const west = await admin.admin.saveDivision.mutate({ name: "West (not duplicates)" });
    const mergers = await admin.admin.saveRole.mutate({
      name: "West mergers",
      permissions: [PERMISSIONS.contactView, PERMISSIONS.identityMerge],
      divisionIds: [west.id],
    });
    await admin.admin.addMember.mutate({
      email: "west@example.com",
      name: "West Merger",
      password: "a long password",
      roleIds: [mergers.id],
    });
    const scoped = server().trpc(
      await server().signIn({ email: "west@example.com", password: "a long password" }),
    );
    const inWest = await admin.contacts.create.mutate({ firstName: "Westerly", divisionId: west.id });
    const hidden = await failure(scoped.contacts.dismissDuplicates.mutate({ contactIds: [inWest.id, c.id] }));
    expect(hidden?.data?.code).toBe("NOT_FOUND");
    expect(await scoped.contacts.duplicateDismissals.query({})).toEqual([]);

    const one = await failure(admin.contacts.dismissDuplicates.mutate({ contactIds: [a.id] }));
    expect(one?.data?.httpStatus).toBe(400);

    // Undo: the three are one group again.
    expect((await admin.contacts.undoDuplicateDismissals.mutate({ pairs })).pairs).toEqual(pairs);
    expect(await groupOf(a.id)).toEqual([a.id, b.id, c.id].sort());
    expect(await admin.contacts.duplicateDismissals.query({})).toEqual([]);
  });

  it("merges with custom fields and the addresses picked from the second contact", async () => {
    const api = server().trpc(await server().signIn());
    const text = { allOf: [{ $ref: "#/definitions/text" }], title: "Text", maxLength: 20 };
    const schema = await api.schemas.create.mutate({
      target: "contact",
      schema: { name: "Mission roles", jsonSchema: { properties: { role: text, center: text } } },
    });
    const custom = (customFields: Record<string, string>) => ({
      schemaId: schema.id,
      schemaVersion: 1,
      customFields,
    });
    const a = await api.contacts.create.mutate({
      firstName: "Mary",
      lastName: "Winston",
      addresses: [{ type: "home", address1: "1 Langley Rd", city: "Hampton" }],
      ...custom({ role: "computer", center: "Langley" }),
    });
    const b = await api.contacts.create.mutate({
      firstName: "Mary W.",
      lastName: "Jackson",
      addresses: [{ type: "work", address1: "2 Mercury Blvd", city: "Hampton", state: "VA" }],
      ...custom({ role: "engineer" }),
    });
    const survivor = await api.contacts.merge.mutate({
      contactIds: [a.id, b.id],
      valueOverride: { addresses: b.addresses },
      customFieldOverrides: { role: "engineer", center: null },
    });
    expect(survivor.customFields).toEqual({ role: "engineer" });
    expect(survivor.addresses).toMatchObject([{ type: "work", address1: "2 Mercury Blvd", state: "VA" }]);
    expect(survivor.firstName).toBe("Mary");
  });

  it("refuses a merge of one contact, an invalid picked value, and out-of-range bounds", async () => {
    const api = server().trpc(await server().signIn());
    const a = await api.contacts.create.mutate({ firstName: "Mary" });
    const b = await api.contacts.create.mutate({ firstName: "Mary" });
    const one = await failure(api.contacts.merge.mutate({ contactIds: [a.id] }));
    expect(one?.data?.code).toBe("BAD_REQUEST");
    const invalid = await failure(
      api.contacts.merge.mutate({
        contactIds: [a.id, b.id],
        valueOverride: { emails: [{ type: "work", address: "not an email" }] },
      }),
    );
    expect(invalid?.data?.code).toBe("BAD_REQUEST");
    expect(invalid?.data?.fieldErrors).toHaveProperty(["emails.0.address"]);
    // Nothing was merged.
    expect((await api.contacts.get.query({ id: a.id })).id).toBe(a.id);
    const bounds = await failure(api.contacts.duplicates.query({ limit: 1000 }));
    expect(bounds?.data?.httpStatus).toBe(400);
  });

  it("answers 401 without a session", async () => {
    const response = await fetch(
      `${server().url}/api/trpc/contacts.duplicates?input=${encodeURIComponent('{"json":{}}')}`,
    );
    expect(response.status).toBe(401);
    const error = await failure(
      server()
        .trpc()
        .contacts.merge.mutate({ contactIds: ["a", "b"] }),
    );
    expect(error?.data?.code).toBe("UNAUTHORIZED");
  });
});
