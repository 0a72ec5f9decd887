import { expect } from "vitest";
import type { Harness } from "./harness";

/** The enfore base path of the harness's tenant (slug `rest`). */
export const ORG = "/enfore/org/rest";

export type Json = Record<string, unknown> & { id: string };

/** Calls the enfore API and expects `status`; answers the parsed body (null for an empty one). */
export async function call(
  h: Harness,
  method: string,
  path: string,
  status: number,
  json?: unknown,
  token?: string | null,
): Promise<Json & { items: Json[]; problems: unknown[] }> {
  const response = await h.request(path, { method, json, token });
  const text = await response.text();
  expect(response.status, `${method} ${path}: ${text}`).toBe(status);
  if (status >= 400) expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  return text ? JSON.parse(text) : (null as never);
}
