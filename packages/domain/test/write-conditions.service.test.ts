/**
 * Writes conditional on the state the caller read (`expectedModifiedAt`, behind an HTTP ETag) for the records
 * that have no `version`: notes, relationships, external sources. The check runs inside the write's
 * transaction with the row locked, so of two writers that read the same state exactly one wins.
 */
import { members } from "@switchboard/db";
import { describe, expect, it } from "vitest";
import {
  addNote,
  createContact,
  createExternalSource,
  createOrganization,
  createRelationship,
  deleteExternalSource,
  deleteNote,
  deleteRelationship,
  getExternalSource,
  getNote,
  getRelationship,
  isStaleRecord,
  patchNote,
  patchRelationship,
  updateExternalSource,
  updateNote,
  updateRelationship,
} from "../src";
import { failure, withTestTenant } from "./helpers";

const tenant = withTestTenant();

interface Subject {
  read(): Promise<{ modifiedAt: Date }>;
  write(who: string, condition: { expectedModifiedAt?: Date }): Promise<{ modifiedAt: Date }>;
  remove(condition: { expectedModifiedAt?: Date }): Promise<void>;
}

async function subjects(): Promise<[string, Subject][]> {
  const t = tenant();
  const contact = await createContact(t.admin, { firstName: "Conditional" });
  const parent = { type: "contact" as const, id: contact.id };
  const note = await addNote(t.admin, parent, { text: "first" });
  const org = await createOrganization(t.admin, { name: `Conditional ${crypto.randomUUID()}` });
  const [member] = await t.admin.db.select().from(members);
  const relation = (relationship: string) => ({ memberId: member!.id, organizationId: org.id, relationship });
  const relationship = await createRelationship(t.admin, relation("first"));
  const source = await createExternalSource(t.admin, { name: `Conditional ${crypto.randomUUID()}` });
  return [
    [
      "note",
      {
        read: () => getNote(t.admin, parent, note.id),
        write: (who, condition) => updateNote(t.admin, parent, note.id, { text: who }, condition),
        remove: (condition) => deleteNote(t.admin, parent, note.id, condition),
      },
    ],
    [
      "note (patch)",
      {
        read: () => getNote(t.admin, parent, note.id),
        write: (who, condition) => patchNote(t.admin, parent, note.id, () => ({ text: who }), condition),
        remove: (condition) => deleteNote(t.admin, parent, note.id, condition),
      },
    ],
    [
      "relationship",
      {
        read: () => getRelationship(t.admin, relationship.id),
        write: (who, condition) => updateRelationship(t.admin, relationship.id, relation(who), condition),
        remove: (condition) => deleteRelationship(t.admin, relationship.id, condition),
      },
    ],
    [
      "relationship (patch)",
      {
        read: () => getRelationship(t.admin, relationship.id),
        write: (who, condition) =>
          patchRelationship(t.admin, relationship.id, () => relation(who), condition),
        remove: (condition) => deleteRelationship(t.admin, relationship.id, condition),
      },
    ],
    [
      "external source",
      {
        read: () => getExternalSource(t.admin, source.id),
        write: (who, condition) =>
          updateExternalSource(t.admin, source.id, { name: `${who} ${source.id}` }, condition),
        remove: (condition) => deleteExternalSource(t.admin, source.id, condition),
      },
    ],
  ];
}

describe("writes conditional on the modification time read", () => {
  it("of two concurrent writers that read the same state, one wins and the other is refused as stale", async () => {
    for (const [name, subject] of await subjects()) {
      const read = await subject.read();
      const results = await Promise.allSettled(
        ["A", "B"].map((who) => subject.write(`${name} ${who}`, { expectedModifiedAt: read.modifiedAt })),
      );
      const refused = results.filter((r) => r.status === "rejected");
      expect(refused, name).toHaveLength(1);
      const reason = (refused[0] as PromiseRejectedResult).reason;
      expect(isStaleRecord(reason), name).toBe(true);
      expect(reason.code).toBe("CONFLICT");
    }
  });

  it("every write moves the modification time forward, even within one millisecond", async () => {
    for (const [name, subject] of await subjects()) {
      let seen = (await subject.read()).modifiedAt.getTime();
      for (let i = 0; i < 20; i++) {
        // Back to back, many land in the same millisecond: each must still tell its state apart.
        const written = await subject.write(`${name} ${i}`, {});
        expect(written.modifiedAt.getTime(), name).toBeGreaterThan(seen);
        seen = written.modifiedAt.getTime();
      }
    }
  });

  it("a stale delete is refused and keeps the record; the current one deletes; none deletes as before", async () => {
    const all = new Map(await subjects());
    for (const subject of [all.get("note")!, all.get("relationship")!]) {
      const before = await subject.read();
      await subject.write("changed", {});
      expect(isStaleRecord(await failure(subject.remove({ expectedModifiedAt: before.modifiedAt })))).toBe(
        true,
      );
      const current = await subject.read();
      await subject.remove({ expectedModifiedAt: current.modifiedAt });
      expect((await failure(subject.read()))!.code).toBe("NOT_FOUND");
    }
    const source = all.get("external source")!;
    await source.remove({});
    expect((await failure(source.read()))!.code).toBe("NOT_FOUND");
  });
});
