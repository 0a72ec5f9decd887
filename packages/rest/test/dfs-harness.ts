import { addMember, PERMISSIONS, saveRole, systemActor } from "@switchboard/domain";
import { expect } from "vitest";
import type { Harness } from "./harness";

/** Permissions of a DFS member who reads and edits contacts. */
export const MEMBER_PERMISSIONS = [
  PERMISSIONS.contactView,
  PERMISSIONS.contactEdit,
  PERMISSIONS.contactAdd,
  PERMISSIONS.changeRequestReview,
];

let count = 0;
/** A member of the harness tenant with a token from the password grant (a DFS member caller). */
export async function dfsMember(h: Harness, permissions: string[] = MEMBER_PERMISSIONS) {
  const n = ++count;
  const system = { db: h.database.db, tenantId: h.tenantId, actor: systemActor("test") };
  const role = await saveRole(system, { name: `dfs member role ${n} ${Math.random()}`, permissions });
  const email = `dfs-member-${n}-${Math.random().toString(36).slice(2)}@example.com`;
  const { id } = await addMember(system, {
    email,
    name: `Member ${n}`,
    password: `password-${n}`,
    roleIds: [role.id],
  });
  const response = await h.request("/oauth/token", {
    method: "POST",
    token: null,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "password",
      username: email,
      password: `password-${n}`,
    }).toString(),
  });
  expect(response.status).toBe(200);
  const token = ((await response.json()) as { access_token: string }).access_token;
  return { id, name: `Member ${n}`, token };
}

/** Asserts an `ApiError` response and returns its body. */
export async function expectApiError(response: Response, status: number, subCode = "NA") {
  const body = (await response.json()) as {
    code: string;
    subCode: string;
    message: string;
    correlationId: string;
  };
  expect({ status: response.status, subCode: body.subCode, message: body.message }).toMatchObject({
    status,
    subCode,
  });
  expect(body.correlationId).toMatch(/^[0-9a-f]{32}$/);
  return body;
}

/** Creates a DFS contact (as the admin app) and returns its int id and uuid. */
export async function createDfsContact(h: Harness, details: Record<string, unknown>, token?: string) {
  const response = await h.request("/dfs/v1.0/contacts", {
    method: "POST",
    token,
    json: { contactTypeId: 1, details },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { id: number; uId: string; details: Record<string, unknown> };
}

export const json = async <T = Record<string, unknown>>(response: Response, status = 200): Promise<T> => {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return (text ? JSON.parse(text) : null) as T;
};
