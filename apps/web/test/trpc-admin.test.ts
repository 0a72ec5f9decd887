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
      return {
        code: data?.code,
        httpStatus: data?.httpStatus,
        fieldErrors: data?.fieldErrors,
        message: e.message,
      };
    },
  );

describe("admin, contact-details and organization procedures over HTTP", () => {
  it("adds a member with a role; field errors for bad input; the member gets exactly the role's rights", async () => {
    const admin = server().trpc(await server().signIn());
    expect(
      await failure(admin.admin.addMember.mutate({ email: "x", name: "", password: "short" })),
    ).toMatchObject({
      code: "BAD_REQUEST",
      httpStatus: 400,
      fieldErrors: {
        email: "must be an email address",
        name: "a name is required",
        password: "must be at least 10 characters",
      },
    });
    // The role and its divisions are saved together: an unknown division leaves no role behind.
    expect(
      await failure(
        admin.admin.saveRole.mutate({
          name: "Scoped",
          permissions: [],
          divisionIds: ["9d5e1a4c-5b1e-4f7e-8a8e-2f1c3b4d5e6f"],
        }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { divisionIds: "unknown division" } });
    expect((await admin.admin.roleSummaries.query()).map((r) => r.name)).not.toContain("Scoped");
    const role = await admin.admin.saveRole.mutate({
      name: "Readers",
      permissions: [PERMISSIONS.contactView],
    });
    expect(await failure(admin.admin.saveRole.mutate({ name: "Readers", permissions: [] }))).toMatchObject({
      code: "CONFLICT",
      httpStatus: 409,
    });
    expect(
      await failure(admin.admin.saveRole.mutate({ name: "Odd", permissions: ["do:anything:now"] })),
    ).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { permissions: "unknown permission do:anything:now" },
    });

    const { id } = await admin.admin.addMember.mutate({
      email: "reader@example.com",
      name: "Reader",
      password: "a long password",
      roleIds: [role.id],
    });
    expect(
      await failure(
        admin.admin.addMember.mutate({
          email: "READER@example.com",
          name: "Again",
          password: "a long password",
        }),
      ),
    ).toMatchObject({ code: "CONFLICT", fieldErrors: { email: "is already in use" } });
    const members = await admin.admin.members.query();
    expect(members.find((m) => m.id === id)).toMatchObject({
      email: "reader@example.com",
      roles: [{ name: "Readers" }],
    });

    const reader = server().trpc(
      await server().signIn({ email: "reader@example.com", password: "a long password" }),
    );
    expect((await reader.contacts.list.query({})).total).toBeGreaterThanOrEqual(0);
    expect(await failure(reader.admin.members.query())).toMatchObject({ code: "FORBIDDEN", httpStatus: 403 });
    expect(await failure(reader.admin.divisions.query())).toMatchObject({ code: "FORBIDDEN" });
    expect(await failure(reader.contacts.create.mutate({ firstName: "Nope" }))).toMatchObject({
      code: "FORBIDDEN",
    });

    // A role in use cannot go; once nobody holds it, it can.
    expect(await failure(admin.admin.deleteRole.mutate({ id: role.id }))).toMatchObject({ code: "CONFLICT" });
    await admin.admin.setMemberRoles.mutate({ id, roleIds: [] });
    expect((await admin.admin.roleSummaries.query()).find((r) => r.id === role.id)?.holders).toBe(0);
    await admin.admin.deleteRole.mutate({ id: role.id });
    await admin.admin.removeMember.mutate({ id });
    expect(await failure(admin.admin.removeMember.mutate({ id }))).toMatchObject({
      code: "NOT_FOUND",
      httpStatus: 404,
    });
  });

  it("a member who manages API clients cannot make one holding more than they hold (issue 19)", async () => {
    const admin = server().trpc(await server().signIn());
    const adminRole = (await admin.admin.roles.query()).find((r) => r.name === "Admin")!;
    const role = await admin.admin.saveRole.mutate({
      name: "Client managers",
      permissions: [PERMISSIONS.apiClientsManage],
    });
    const credentials = { email: "clients@example.com", password: "a long password" };
    await admin.admin.addMember.mutate({ ...credentials, name: "Client Manager", roleIds: [role.id] });
    const manager = server().trpc(await server().signIn(credentials));

    expect(
      await failure(manager.admin.createApiClient.mutate({ name: "Escalated", roleIds: [adminRole.id] })),
    ).toMatchObject({ code: "FORBIDDEN", httpStatus: 403 });
    expect((await manager.admin.apiClients.query()).map((c) => c.name)).not.toContain("Escalated");
    // Nor by rotating the secret of a client that holds the Admin role.
    const full = (await admin.admin.apiClients.query()).find((c) =>
      c.roles.some((r) => r.id === adminRole.id),
    )!;
    expect(await failure(manager.admin.rotateApiClientSecret.mutate({ id: full.id }))).toMatchObject({
      code: "FORBIDDEN",
    });
    // A client without roles it may still make.
    expect(await manager.admin.createApiClient.mutate({ name: "Plain", roleIds: [] })).toMatchObject({
      name: "Plain",
    });
  });

  it("answers bad input with 400 or 404, and never sends SQL, bind values or hashes", async () => {
    const cookie = await server().signIn();
    const call = async (procedure: string, input: unknown) => {
      const response = await fetch(`${server().url}/api/trpc/${procedure}`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ json: input }),
      });
      return { status: response.status, body: await response.text() };
    };
    const nul = await call("admin.addMember", {
      email: "nul@example.com",
      name: "Nu\u0000ll",
      password: "a long password",
      roleIds: [],
    });
    expect(nul.status).toBe(400);
    expect(nul.body).toContain("NUL");
    const revoke = await call("admin.revokeApiClient", { id: "not-a-uuid" });
    expect(revoke.status).toBe(404);
    for (const { body } of [nul, revoke]) {
      expect(body).not.toMatch(/insert into|update "|select |\$argon2|stack/i);
    }
  });

  it("creates, renames and deletes a division; a division with contacts and Home stay", async () => {
    const admin = server().trpc(await server().signIn());
    expect(await failure(admin.admin.saveDivision.mutate({ name: "  " }))).toMatchObject({
      fieldErrors: { name: "a name is required" },
    });
    const division = await admin.admin.saveDivision.mutate({ name: "LATAM" });
    await admin.admin.saveDivision.mutate({ id: division.id, name: "Latin America" });
    await admin.contacts.create.mutate({ firstName: "Filed", divisionId: division.id });
    const listed = (await admin.admin.divisions.query()).find((d) => d.id === division.id);
    expect(listed).toMatchObject({ name: "Latin America", contacts: 1, organizations: 0, isHome: false });
    expect(await failure(admin.admin.deleteDivision.mutate({ id: division.id }))).toMatchObject({
      code: "CONFLICT",
    });
    const home = (await admin.admin.divisions.query()).find((d) => d.isHome)!;
    expect(await failure(admin.admin.deleteDivision.mutate({ id: home.id }))).toMatchObject({
      code: "CONFLICT",
    });
    const empty = await admin.admin.saveDivision.mutate({ name: "Empty" });
    await admin.admin.deleteDivision.mutate({ id: empty.id });
    expect((await admin.admin.divisions.query()).map((d) => d.id)).not.toContain(empty.id);
  });

  it("claims identifiers (a clash names the holder on the value field) and edits organization relationships", async () => {
    const api = server().trpc(await server().signIn());
    const a = await api.contacts.create.mutate({ firstName: "Holder" });
    const b = await api.contacts.create.mutate({ firstName: "Claimant" });
    const claimed = await api.contactDetails.claimIdentifier.mutate({
      id: a.id,
      identifier: { type: "Phone", value: "+1 (757) 555-0100" },
    });
    expect(claimed).toMatchObject({ type: "Phone", value: "+17575550100", contactId: a.id });
    expect(
      await failure(
        api.contactDetails.claimIdentifier.mutate({
          id: b.id,
          identifier: { type: "Phone", value: "+17575550100" },
        }),
      ),
    ).toMatchObject({ code: "CONFLICT", fieldErrors: { "identifier.value": `claimed by contact ${a.id}` } });
    expect(
      await failure(
        api.contactDetails.claimIdentifier.mutate({ id: b.id, identifier: { type: "Email", value: " " } }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { "identifier.value": "a value is required" } });
    expect((await api.contactDetails.identifiers.query({ id: a.id })).map((i) => i.value)).toEqual([
      "+17575550100",
    ]);
    await api.contactDetails.releaseIdentifier.mutate({
      id: a.id,
      identifier: { type: "Phone", value: "+17575550100" },
    });
    expect(await api.contactDetails.identifiers.query({ id: a.id })).toEqual([]);
    expect(await api.contactDetails.merge.query({ id: a.id })).toBeNull();

    const org = await api.organizations.create.mutate({ name: "Relations Inc" });
    const me = (await api.session.me.query())!.member;
    expect(
      await failure(
        api.organizations.addRelationship.mutate({ organizationId: org.id, memberId: "", relationship: "" }),
      ),
    ).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { memberId: "must be a user id", relationship: "a relationship is required" },
    });
    const rel = await api.organizations.addRelationship.mutate({
      organizationId: org.id,
      memberId: me.id,
      relationship: "Owner",
    });
    expect((await api.organizations.relationships.query({ id: org.id })).entities).toEqual([
      expect.objectContaining({ id: rel.id, relationship: "Owner", memberName: me.name }),
    ]);
    await api.organizations.removeRelationship.mutate({ id: rel.id });
    expect((await api.organizations.relationships.query({ id: org.id })).total).toBe(0);
  });
});
