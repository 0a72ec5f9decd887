import { describe, expect, it } from "vitest";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const API = "/api/v2/externalcontacts";
type Json = Record<string, unknown> & { id: string; version: number };

async function ok(response: Response | Promise<Response>): Promise<Json> {
  const r = await response;
  expect(r.status).toBe(200);
  return (await r.json()) as Json;
}

describe("Genesys PUT honours the record's version (no lost updates)", () => {
  for (const { kind, create, edit } of [
    {
      kind: "contacts",
      create: { firstName: "Racy", lastName: "Contact" },
      edit: (who: string) => ({ firstName: "Racy", lastName: who }),
    },
    {
      kind: "organizations",
      create: { name: "Racy Org" },
      edit: (who: string) => ({ name: `Racy Org ${who}` }),
    },
  ]) {
    it(`${kind}: of two writers that read the same version, the second gets 409; without version PUT still works`, async () => {
      const h = harness();
      const created = await ok(h.request(`${API}/${kind}`, { method: "POST", json: create }));
      const path = `${API}/${kind}/${created.id}`;
      const read = await ok(h.request(path));
      expect(read.version).toBe(created.version);

      // Both writers send the version they read, at the same time: exactly one wins.
      const [a, b] = await Promise.all(
        ["A", "B"].map((who) =>
          h.request(path, { method: "PUT", json: { ...edit(who), version: read.version } }),
        ),
      );
      expect([a!.status, b!.status].sort()).toEqual([200, 409]);
      const [winner, loser] = a!.status === 200 ? [a!, b!] : [b!, a!];
      const won = (await winner.json()) as Json;
      expect(won.version).toBe(read.version + 1);
      expect(await loser.json()).toMatchObject({ status: 409, code: "conflict", entityId: created.id });
      expect(await ok(h.request(path))).toEqual(won);

      // A stale version is refused however late it comes; the current one and none are accepted.
      const stale = await h.request(path, { method: "PUT", json: { ...edit("C"), version: read.version } });
      expect(stale.status).toBe(409);
      const current = await ok(
        h.request(path, { method: "PUT", json: { ...edit("D"), version: won.version } }),
      );
      expect(current.version).toBe(won.version + 1);
      const unversioned = await ok(h.request(path, { method: "PUT", json: edit("E") }));
      expect(unversioned.version).toBe(current.version + 1);

      // Bulk update: a stale item fails alone with 409.
      const bulk = await h.request(`${API}/bulk/${kind}/update`, {
        method: "POST",
        json: { entities: [{ ...edit("F"), id: created.id, version: current.version }] },
      });
      expect(bulk.status).toBe(200);
      expect(((await bulk.json()) as { results: { status: number }[] }).results[0]!.status).toBe(409);
    });
  }
});
