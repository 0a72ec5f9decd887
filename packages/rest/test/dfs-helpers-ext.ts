import { addMember, type Context, getContact, saveRole, systemActor } from "@switchboard/domain";
import { expect } from "vitest";
import type { Harness } from "./harness";

/** Shared by the DFS connection, username, picture, anonymize, list and history tests. */
export const GENESYS = "/api/v2/externalcontacts";

export async function json<T = Record<string, unknown>>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return (text ? JSON.parse(text) : null) as T;
}

/** Asserts a DFS `ApiError` with this status, code and sub-code; answers its message. */
export async function apiError(response: Response, status: number, code: string, subCode = "NA") {
  const body = await json<Record<string, string>>(response, status);
  expect(body).toMatchObject({ code, subCode });
  expect(body.correlationId).toMatch(/^[0-9a-f]{32}$/);
  expect(response.headers.get("x-correlation-id")).toBe(body.correlationId);
  return body.message!;
}

export const systemOf = (h: Harness): Context => ({
  db: h.database.db,
  tenantId: h.tenantId,
  actor: systemActor("test"),
});

/** A contact created through Genesys: its uuid and its DFS number. */
export async function genesysContact(h: Harness, contact: Record<string, unknown>) {
  const created = await json<{ id: string }>(
    await h.request(`${GENESYS}/contacts`, { method: "POST", json: contact }),
    200,
  );
  const { number } = await getContact(systemOf(h), created.id);
  return { id: created.id, number };
}

/** A member with `permissions` and a bearer token from the password grant. */
export async function memberWith(h: Harness, name: string, permissions: string[]) {
  const role = await saveRole(systemOf(h), { name: `role of ${name}`, permissions });
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}@members.example`;
  const member = await addMember(systemOf(h), { email, name, password: `pw-${name}-1`, roleIds: [role.id] });
  const response = await h.request("/oauth/token", {
    method: "POST",
    token: null,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "password",
      username: email,
      password: `pw-${name}-1`,
    }).toString(),
  });
  const { access_token } = await json<{ access_token: string }>(response, 200);
  return { id: member.id, token: access_token };
}
