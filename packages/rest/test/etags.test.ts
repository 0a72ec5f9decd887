/**
 * Optimistic concurrency over HTTP: every Genesys record read by id answers an `ETag`, and a PUT, PATCH or
 * DELETE sending `If-Match` with an ETag that is no longer current is 412 with the Genesys ErrorBody, so two
 * clients that read the same record and write it back at the same time never silently lose a write.
 */
import { members } from "@switchboard/db";
import { describe, expect, it } from "vitest";
import { OPERATIONS, openApiDocument } from "./genesys-operations";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const API = "/api/v2/externalcontacts";
type Json = Record<string, unknown> & { id: string };

async function ok(response: Response | Promise<Response>): Promise<Response> {
  const r = await response;
  if (r.status !== 200) expect(`${r.status} ${await r.text()}`).toBe("200");
  return r;
}
const post = async (path: string, json: unknown) =>
  (await (await ok(harness().request(`${API}${path}`, { method: "POST", json }))).json()) as Json;

interface Kind {
  name: string;
  /** Creates a record; its path. */
  create(): Promise<string>;
  /** A full PUT body, distinct per writer. */
  put(who: string): unknown;
  /** A PATCH body, or none where Genesys has no PATCH. */
  patch?(who: string): unknown;
  /** The field a writer's name ends up in, to tell whose write is stored. */
  written(body: Json): unknown;
}

let organizationId: string | undefined;
const organization = async () => {
  organizationId ??= (await post("/organizations", { name: "ETag Org" })).id;
  return organizationId;
};
const memberId = async () => {
  const [member] = await harness().database.db.select().from(members);
  return member!.id;
};

const KINDS: Kind[] = [
  {
    name: "contact note",
    async create() {
      const contact = await post("/contacts", { firstName: "Noted", lastName: "Contact" });
      const note = await post(`/contacts/${contact.id}/notes`, { noteText: "first" });
      return `/contacts/${contact.id}/notes/${note.id}`;
    },
    put: (who) => ({ noteText: `by ${who}` }),
    patch: (who) => ({ changes: [{ field: "$.noteText", action: "Update", value: `by ${who}` }] }),
    written: (body) => body.noteText,
  },
  {
    name: "organization note",
    async create() {
      const note = await post(`/organizations/${await organization()}/notes`, { noteText: "first" });
      return `/organizations/${await organization()}/notes/${note.id}`;
    },
    put: (who) => ({ noteText: `by ${who}` }),
    patch: (who) => ({ changes: [{ field: "$.noteText", action: "Update", value: `by ${who}` }] }),
    written: (body) => body.noteText,
  },
  {
    name: "relationship",
    async create() {
      const created = await post("/relationships", {
        user: { id: await memberId() },
        externalOrganization: { id: await organization() },
        relationship: "first",
      });
      return `/relationships/${created.id}`;
    },
    put: () => {
      throw new Error("set in the test (needs the ids)");
    },
    patch: (who) => ({ changes: [{ field: "$.relationship", action: "Update", value: `by ${who}` }] }),
    written: (body) => body.relationship,
  },
  {
    name: "external source",
    async create() {
      const created = await post("/externalsources", { name: `Source ${crypto.randomUUID()}`, active: true });
      return `/externalsources/${created.id}`;
    },
    put: (who) => ({ name: `Source by ${who} ${crypto.randomUUID()}`, active: true }),
    written: (body) => String(body.name).split(" ").slice(0, 3).join(" "),
  },
  {
    name: "contact",
    async create() {
      return `/contacts/${(await post("/contacts", { firstName: "Tagged", lastName: "first" })).id}`;
    },
    put: (who) => ({ firstName: "Tagged", lastName: `by ${who}` }),
    patch: (who) => ({ changes: [{ field: "$.lastName", action: "Update", value: `by ${who}` }] }),
    written: (body) => body.lastName,
  },
  {
    name: "organization",
    async create() {
      return `/organizations/${(await post("/organizations", { name: `Tagged ${crypto.randomUUID()}` })).id}`;
    },
    put: (who) => ({ name: `by ${who}` }),
    patch: (who) => ({ changes: [{ field: "$.name", action: "Update", value: `by ${who}` }] }),
    written: (body) => body.name,
  },
];

/** The relationship's PUT needs its references: the full Genesys model each time. */
async function putBody(kind: Kind, who: string): Promise<unknown> {
  if (kind.name !== "relationship") return kind.put(who);
  return {
    user: { id: await memberId() },
    externalOrganization: { id: await organization() },
    relationship: `by ${who}`,
  };
}

const strongTag = /^"[^"]+"$/;

describe("ETag and If-Match on Genesys records", () => {
  for (const kind of KINDS) {
    it(`${kind.name}: GET answers a strong ETag; of two concurrent read-then-write clients one wins, the other gets 412`, async () => {
      const h = harness();
      const path = `${API}${await kind.create()}`;

      // Both clients read the record and get the same validator.
      const [readA, readB] = await Promise.all([ok(h.request(path)), ok(h.request(path))]);
      const etag = readA.headers.get("etag");
      expect(etag).toMatch(strongTag);
      expect(readB.headers.get("etag")).toBe(etag);

      // A copy that is still current need not be sent again, where the representation is the row alone.
      const revalidated = await h.request(path, { headers: { "if-none-match": etag! } });
      if (kind.name === "contact" || kind.name === "organization") expect(revalidated.status).toBe(200);
      else {
        expect(revalidated.status).toBe(304);
        expect(revalidated.headers.get("etag")).toBe(etag);
        expect(await revalidated.text()).toBe("");
      }

      // Both write back at once with If-Match: exactly one wins.
      const [a, b] = await Promise.all(
        ["A", "B"].map(async (who) =>
          h.request(path, { method: "PUT", json: await putBody(kind, who), headers: { "if-match": etag! } }),
        ),
      );
      expect([a!.status, b!.status].sort()).toEqual([200, 412]);
      const [winner, loser] = a!.status === 200 ? [a!, b!] : [b!, a!];
      const won = (await winner.json()) as Json;
      expect(await loser.json()).toMatchObject({
        status: 412,
        code: "precondition.failed",
        message: expect.stringContaining("If-Match"),
        errors: [],
        details: [{ fieldName: "If-Match" }],
      });

      // Nothing lost silently: the stored record is the winner's, with a new ETag the winner was told.
      const now = await ok(h.request(path));
      const current = now.headers.get("etag");
      expect((await h.request(path, { headers: { "if-none-match": etag! } })).status).toBe(200);
      expect(current).toMatch(strongTag);
      expect(current).not.toBe(etag);
      expect(winner.headers.get("etag")).toBe(current);
      expect(kind.written((await now.json()) as Json)).toBe(kind.written(won));

      // The loser reads again and retries with the current ETag: it goes through.
      const retried = await ok(
        h.request(path, {
          method: "PUT",
          json: await putBody(kind, "B2"),
          headers: { "if-match": current! },
        }),
      );
      const afterRetry = retried.headers.get("etag");
      expect(afterRetry).not.toBe(current);

      // PATCH honours it too; a stale tag, a weak tag and a tag of another format never match.
      if (kind.patch) {
        for (const tag of [current!, `W/${afterRetry}`, '"nonsense"'])
          expect(
            (await h.request(path, { method: "PATCH", json: kind.patch("C"), headers: { "if-match": tag } }))
              .status,
          ).toBe(412);
        const patched = await ok(
          h.request(path, { method: "PATCH", json: kind.patch("C"), headers: { "if-match": afterRetry! } }),
        );
        expect(kind.written((await patched.json()) as Json)).toBe("by C");
      }

      // Without If-Match, or with `*`, a write proceeds as before.
      await ok(h.request(path, { method: "PUT", json: await putBody(kind, "D") }));
      const starred = await ok(
        h.request(path, { method: "PUT", json: await putBody(kind, "E"), headers: { "if-match": "*" } }),
      );
      expect(kind.written((await starred.json()) as Json)).toBe(
        kind.written({ id: "", ...((await putBody(kind, "E")) as object) }),
      );

      // DELETE with a stale ETag is refused and the record stays; with the current one it goes.
      const stale = await h.request(path, { method: "DELETE", headers: { "if-match": etag! } });
      expect(stale.status).toBe(412);
      const latest = (await ok(h.request(path))).headers.get("etag")!;
      await ok(h.request(path, { method: "DELETE", headers: { "if-match": latest } }));
      expect((await h.request(path)).status).toBe(404);
    });
  }

  it("If-Match naming several tags is a 400 that says to send one", async () => {
    const h = harness();
    const path = `${API}${await KINDS[0]!.create()}`;
    const etag = (await ok(h.request(path))).headers.get("etag")!;
    const response = await h.request(path, {
      method: "PUT",
      json: { noteText: "two tags" },
      headers: { "if-match": `${etag}, "other"` },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: 400, details: [{ fieldName: "If-Match" }] });
  });

  it("a contact PUT whose body version and If-Match disagree is 409 and writes nothing", async () => {
    const h = harness();
    const path = `${API}${await KINDS[4]!.create()}`;
    const read = await ok(h.request(path));
    const etag = read.headers.get("etag")!;
    const { version } = (await read.json()) as { version: number };
    expect(etag).toBe(`"${version}"`);
    const response = await h.request(path, {
      method: "PUT",
      json: { firstName: "Tagged", lastName: "disagreeing", version: version + 1 },
      headers: { "if-match": etag },
    });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ status: 409, details: [{ fieldName: "version" }] });
    expect((await ok(h.request(path))).headers.get("etag")).toBe(etag);
  });

  it("the OpenAPI document lists 412 and the If-Match parameter exactly where they are honoured, 429 with Retry-After everywhere", async () => {
    type Op = {
      parameters?: { name: string; in: string }[];
      responses: Record<string, { headers?: object }>;
    };
    const paths = (openApiDocument() as unknown as { paths: Record<string, Record<string, Op>> }).paths;
    const tagged = OPERATIONS.filter((op) => paths[op.path]![op.method]!.responses["412"]);
    expect(tagged.map((op) => `${op.method} ${op.path}`).sort()).toEqual(
      [
        "/contacts/{contactId}",
        "/contacts/{contactId}/notes/{noteId}",
        "/organizations/{externalOrganizationId}",
        "/organizations/{externalOrganizationId}/notes/{noteId}",
        "/relationships/{relationshipId}",
        "/externalsources/{externalSourceId}",
      ]
        .flatMap((p) => ["put", "patch", "delete"].map((m) => ({ m, p: `${API}${p}` })))
        .filter(({ m, p }) => OPERATIONS.some((op) => op.method === m && op.path === p))
        .map(({ m, p }) => `${m} ${p}`)
        .sort(),
    );
    for (const op of OPERATIONS) {
      const documented = paths[op.path]![op.method]!;
      expect(documented.responses["429"]?.headers, op.operationId).toHaveProperty("Retry-After");
      expect((documented.parameters ?? []).some((p) => p.name === "If-Match" && p.in === "header")).toBe(
        tagged.includes(op),
      );
    }
    // 409 where a write can conflict (a stale body version, a clashing value), not on reads or deletes.
    const conflicts = (method: string, path: string) =>
      Boolean(paths[`${API}${path}`]![method]!.responses["409"]);
    expect(conflicts("put", "/contacts/{contactId}")).toBe(true);
    expect(conflicts("post", "/externalsources")).toBe(true);
    expect(conflicts("get", "/contacts/{contactId}")).toBe(false);
    expect(conflicts("post", "/bulk/contacts")).toBe(false);
    expect(conflicts("delete", "/relationships/{relationshipId}")).toBe(false);
    // Every documented 412 is real: a wrong If-Match on that operation is answered 412 (checked above per kind).
    expect(tagged.length).toBeGreaterThanOrEqual(16);
  });
});
