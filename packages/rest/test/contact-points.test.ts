import { addContactPoint, getContact, systemActor, updateContactPoint } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { withRestHarness } from "./harness";

// Genesys slots are views of the canonical contact points: a PUT touches only the points its slots show.
const harness = withRestHarness();
const BASE = "/api/v2/externalcontacts/contacts";
type Json = Record<string, unknown> & { id: string; version: number };

const system = () => ({
  db: harness().database.db,
  tenantId: harness().tenantId,
  actor: systemActor("test"),
});

async function send(method: string, path: string, json: unknown): Promise<Json> {
  const response = await harness().request(path, { method, json });
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

describe("Genesys slots over contact points", () => {
  it("keeps a point's id across a PUT that changes it", async () => {
    const created = await send("POST", BASE, { lastName: "Stable", workEmail: "old@work.example" });
    const before = await getContact(system(), created.id);
    const put = await send("PUT", `${BASE}/${created.id}`, {
      lastName: "Stable",
      workEmail: "new@work.example",
      version: created.version,
    });
    expect(put.workEmail).toBe("new@work.example");
    const after = await getContact(system(), created.id);
    expect(after.emails).toMatchObject([{ id: before.emails[0]!.id, address: "new@work.example" }]);
  });

  it("keeps the points, vendor types, usages and descriptions a PUT does not show", async () => {
    const created = await send("POST", BASE, {
      lastName: "Rich",
      workEmail: "first@work.example",
      cellPhone: { display: "+44 20 7946 0958" },
    });
    const owner = { kind: "contact" as const, id: created.id };
    const before = await getContact(system(), created.id);
    const cell = before.phones[0]!;
    // Details only other dialects show, on a point a slot shows and on points no slot shows.
    await updateContactPoint(system(), owner, cell.id, {
      kind: "phone",
      type: "cell",
      display: cell.userInput,
      vendorType: "WORK_MOBILE",
      usages: ["SMS"],
      description: "on call",
    });
    const second = await addContactPoint(system(), owner, {
      kind: "email",
      type: "work",
      address: "second@work.example",
      vendorType: "WORK_EMAIL",
      description: "alias",
    });
    const fax = await addContactPoint(system(), owner, {
      kind: "phone",
      type: "fax",
      display: "+44 20 7946 0000",
    });
    const web = await addContactPoint(system(), owner, {
      kind: "web",
      type: "profile",
      url: "https://social.example/rich",
    });
    const current = (await (await harness().request(`${BASE}/${created.id}`)).json()) as Json;

    const put = await send("PUT", `${BASE}/${created.id}`, {
      lastName: "Rich",
      workEmail: "first@work.example",
      cellPhone: { display: "+44 20 7946 0959" },
      version: current.version,
    });
    expect(put.workEmail).toBe("first@work.example");

    const after = await getContact(system(), created.id);
    // Two work emails survive: the slot shows the first, the second is kept as it was.
    expect(after.emails).toMatchObject([
      { id: before.emails[0]!.id, address: "first@work.example" },
      { id: second.id, address: "second@work.example", vendorType: "WORK_EMAIL", description: "alias" },
    ]);
    expect(after.phones).toMatchObject([
      {
        id: cell.id,
        e164: "+442079460959",
        vendorType: "WORK_MOBILE",
        usages: ["SMS"],
        description: "on call",
      },
      { id: fax.id, type: "fax" },
    ]);
    expect(after.webAddresses).toMatchObject([{ id: web.id, url: "https://social.example/rich" }]);
  });

  it("clears only the point a cleared slot showed", async () => {
    const created = await send("POST", BASE, { lastName: "Clear", workEmail: "a@work.example" });
    const second = await addContactPoint(
      system(),
      { kind: "contact", id: created.id },
      { kind: "email", type: "work", address: "b@work.example" },
    );
    const current = (await (await harness().request(`${BASE}/${created.id}`)).json()) as Json;
    const put = await send("PUT", `${BASE}/${created.id}`, { lastName: "Clear", version: current.version });
    // The second work email is now the first of its type, so the slot shows it.
    expect(put.workEmail).toBe("b@work.example");
    expect((await getContact(system(), created.id)).emails.map((e) => e.id)).toEqual([second.id]);
  });

  it("a PATCH of one slot keeps every point's id", async () => {
    const created = await send("POST", BASE, {
      lastName: "Patch",
      workEmail: "p@work.example",
      homePhone: { display: "+44 20 7946 0001" },
    });
    const before = await getContact(system(), created.id);
    const response = await harness().request(`${BASE}/${created.id}`, {
      method: "PATCH",
      json: { changes: [{ field: "$.workEmail", action: "Update", value: "q@work.example" }] },
    });
    expect(response.status).toBe(200);
    const after = await getContact(system(), created.id);
    expect(after.emails).toMatchObject([{ id: before.emails[0]!.id, address: "q@work.example" }]);
    expect(after.phones[0]!.id).toBe(before.phones[0]!.id);
  });
});
