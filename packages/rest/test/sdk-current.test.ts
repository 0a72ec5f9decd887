import { describe, expect, it } from "vitest";
import { withSdk } from "./sdk-harness";

/**
 * The official Genesys SDK (262) on the operations added for the current SDK: PATCH, trustor links, journey
 * sessions, merge sets. Same setup as sdk.test.ts: `setGateway` + `loginClientCredentialsGrant`.
 */
const { api } = withSdk();

describe("the official Genesys SDK on the current-SDK operations", () => {
  it("patches a contact and its note", async () => {
    const contact = await api.postExternalcontactsContacts({ firstName: "Sdk", lastName: "Patch" });
    const patched = await api.patchExternalcontactsContact(contact.id!, {
      changes: [
        { field: "$.title", action: "Update", value: "Dr" as never },
        { field: "$.lastName", action: "UpdateIfEmpty", value: "Ignored" as never },
      ],
    });
    expect(patched).toMatchObject({ id: contact.id, title: "Dr", lastName: "Patch" });
    const note = await api.postExternalcontactsContactNotes(contact.id!, { noteText: "draft" } as never);
    const patchedNote = await api.patchExternalcontactsContactNote(contact.id!, note.id!, {
      changes: [{ field: "$.noteText", action: "Update", value: "final" as never }],
    });
    expect(patchedNote.noteText).toBe("final");
    await expect(
      api.patchExternalcontactsContact(contact.id!, {
        changes: [{ field: "$.id", action: "Update", value: "x" as never }],
      }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it("links and unlinks a trustor, and searches by it", async () => {
    const org = await api.postExternalcontactsOrganizations({ name: "Sdk Trusted" });
    const trustorId = crypto.randomUUID();
    const link = await api.putExternalcontactsOrganizationTrustorTrustorId(org.id!, trustorId);
    expect(link).toMatchObject({ externalOrganizationId: org.id, trustorOrgId: trustorId });
    const found = await api.getExternalcontactsOrganizations({
      trustorId: [trustorId],
      includeTrustors: true,
    });
    expect(found.entities?.map((o) => o.id)).toEqual([org.id]);
    expect(found.entities?.[0]?.trustor?.id).toBe(trustorId);
    await api.deleteExternalcontactsOrganizationTrustor(org.id!);
    const after = await api.getExternalcontactsOrganization(org.id!, { includeTrustors: true });
    expect(after.trustor).toBeUndefined();
  });

  it("lists journey sessions and reads merge sets", async () => {
    const a = await api.postExternalcontactsContacts({ firstName: "Sdk Merge A" });
    const b = await api.postExternalcontactsContacts({ firstName: "Sdk Merge B" });
    const sessions = await api.getExternalcontactsContactJourneySessions(a.id!, { pageSize: "10" });
    expect(sessions.entities).toEqual([]);
    const merged = await api.postExternalcontactsContactsMerge({ contactIds: [a.id!, b.id!] });
    const read = await api.getExternalcontactsContact(merged.id!, {});
    expect(read.mergeSet?.map((m) => m.id)).toEqual([merged.id, a.id, b.id]);
    expect(read.mergedFrom?.map((m) => m.id)).toEqual([a.id, b.id]);
  });
});
