import { describe, expect, it } from "vitest";
import {
  addMember,
  createApiClient,
  createMember,
  issueAccessToken,
  listApiClients,
  listMembers,
  listRoles,
  PERMISSIONS,
  resolveAccessToken,
  revokeApiClient,
  rotateApiClientSecret,
  saveDivision,
  saveRole,
  setMemberActive,
  setPrincipalRoles,
  signInMember,
} from "../src";
import { failure, withTestTenant } from "./helpers";

const tenant = withTestTenant();

describe("access administration", () => {
  it("creates roles, assigns them, and the principal gets exactly those permissions", async () => {
    const t = tenant();
    const viewer = await saveRole(t.admin, { name: "Viewer", permissions: [PERMISSIONS.contactView] });
    expect((await failure(saveRole(t.admin, { name: "Viewer", permissions: [] })))!.code).toBe("CONFLICT");
    expect((await failure(saveRole(t.admin, { name: "Odd", permissions: ["do:anything:now"] })))!.code).toBe(
      "VALIDATION",
    );
    expect((await listRoles(t.admin)).map((r) => r.name)).toEqual(["Admin", "Viewer"]);

    const client = await createApiClient(t.admin, { name: "Reader", roleIds: [viewer.id] });
    const token = (await issueAccessToken(t.database.db, client)).accessToken;
    expect([...(await resolveAccessToken(t.database.db, token))!.actor.permissions]).toEqual([
      PERMISSIONS.contactView,
    ]);

    await saveRole(t.admin, {
      id: viewer.id,
      name: "Viewer",
      permissions: [PERMISSIONS.contactView, PERMISSIONS.contactEdit],
    });
    expect(
      (await resolveAccessToken(t.database.db, token))!.actor.permissions.has(PERMISSIONS.contactEdit),
    ).toBe(true);

    await setPrincipalRoles(t.admin, client.id, []);
    expect((await resolveAccessToken(t.database.db, token))!.actor.permissions.size).toBe(0);
    expect((await listApiClients(t.admin)).find((c) => c.id === client.id)!.roles).toEqual([]);
  });

  it("grants no more than the caller holds, through every operation that hands out roles or secrets", async () => {
    const t = tenant();
    // Issue 19: managing API clients alone was enough to make a client holding the Admin role (`*`).
    const clientManager = t.as([PERMISSIONS.apiClientsManage]);
    const escalated = await failure(
      createApiClient(clientManager, { name: "Escalated", roleIds: [t.adminRoleId] }),
    );
    expect(escalated).toMatchObject({
      code: "FORBIDDEN",
      message: `Missing permission ${PERMISSIONS.rolesManage}`,
    });
    expect((await listApiClients(t.admin)).map((c) => c.name)).not.toContain("Escalated");
    await createApiClient(clientManager, { name: "No roles", roleIds: [] });

    // With the roles permission too, still only roles whose permissions the caller holds itself.
    const limited = t.as([
      PERMISSIONS.apiClientsManage,
      PERMISSIONS.membersManage,
      PERMISSIONS.rolesManage,
      PERMISSIONS.contactView,
    ]);
    const viewers = await saveRole(limited, { name: "Viewers", permissions: ["relate:contact:view"] });
    const reader = await createApiClient(limited, { name: "Reader", roleIds: [viewers.id] });
    const admin = await createApiClient(t.admin, { name: "Full", roleIds: [t.adminRoleId] });
    const member = { email: "eve@example.com", name: "Eve", password: "long-enough-pw" };
    const attempts = {
      createApiClient: () => createApiClient(limited, { name: "Escalated", roleIds: [t.adminRoleId] }),
      createMember: () => createMember(limited, { ...member, roleIds: [t.adminRoleId] }),
      addMember: () => addMember(limited, { ...member, roleIds: [t.adminRoleId] }),
      setPrincipalRoles: () => setPrincipalRoles(limited, reader.id, [viewers.id, t.adminRoleId]),
      newRole: () => saveRole(limited, { name: "Editors", permissions: [PERMISSIONS.contactEdit] }),
      widenRole: () => saveRole(limited, { id: viewers.id, name: "Viewers", permissions: ["*"] }),
      // Rotating hands the caller the client's secret, so the client's powers too.
      rotateApiClientSecret: () => rotateApiClientSecret(limited, admin.id),
    };
    for (const [name, attempt] of Object.entries(attempts))
      expect({ name, code: (await failure(attempt()))?.code }).toEqual({ name, code: "FORBIDDEN" });
    expect((await listApiClients(t.admin)).find((c) => c.id === reader.id)!.roles).toEqual([
      { id: viewers.id, name: "Viewers" },
    ]);
    expect((await listRoles(t.admin)).find((r) => r.id === viewers.id)!.permissions).toEqual([
      "relate:contact:view",
    ]);
    expect(await failure(issueAccessToken(t.database.db, admin))).toBeNull();

    // What it holds it may grant, and a role it already sees on a principal it may keep there.
    await setPrincipalRoles(limited, admin.id, [t.adminRoleId, viewers.id]);
    await rotateApiClientSecret(limited, reader.id);
    expect((await failure(setPrincipalRoles(limited, reader.id, ["not-a-role"])))?.issues).toEqual([
      { path: "roleIds", message: "unknown role" },
    ]);
  });

  it("rotates a client secret: the old one stops working, the new one works", async () => {
    const t = tenant();
    const client = await createApiClient(t.admin, { name: "Rotating", roleIds: [] });
    const rotated = await rotateApiClientSecret(t.admin, client.id);
    expect(rotated.clientSecret).not.toBe(client.clientSecret);
    expect((await failure(issueAccessToken(t.database.db, client)))!.code).toBe("UNAUTHENTICATED");
    const { accessToken } = await issueAccessToken(t.database.db, rotated);
    // An id that is no uuid names no client (it used to reach SQL and fail there).
    expect((await failure(revokeApiClient(t.admin, "not-a-uuid")))?.code).toBe("NOT_FOUND");
    expect(await resolveAccessToken(t.database.db, accessToken)).toMatchObject({ actor: { id: client.id } });
  });

  it("deactivates members, who can then not sign in", async () => {
    const t = tenant();
    const m = await createMember(t.admin, {
      email: "temp@example.com",
      name: "Temp",
      password: "pw-123456",
      roleIds: [],
    });
    expect((await listMembers(t.admin)).map((x) => x.email)).toContain("temp@example.com");
    await setMemberActive(t.admin, m.id, false);
    expect(
      (await failure(signInMember(t.database.db, { email: "temp@example.com", password: "pw-123456" })))!
        .code,
    ).toBe("UNAUTHENTICATED");
  });

  it("manages divisions and refuses all of it without the admin permissions", async () => {
    const t = tenant();
    const emea = await saveDivision(t.admin, { name: "EMEA" });
    expect((await saveDivision(t.admin, { id: emea.id, name: "Europe" })).name).toBe("Europe");
    const plain = t.as([PERMISSIONS.contactView]);
    for (const attempt of [
      listRoles(plain),
      listMembers(plain),
      listApiClients(plain),
      saveDivision(plain, { name: "x" }),
    ])
      expect((await failure(attempt))!.code).toBe("FORBIDDEN");
  });
});
