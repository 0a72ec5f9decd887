import { describe, expect, it } from "vitest";
import { withSdk } from "./sdk-harness";

/**
 * The official Genesys Cloud JavaScript SDK, pointed at our server with `setGateway` and logged in with
 * `loginClientCredentialsGrant`, exactly as integrators do. If the SDK can drive it, so can they.
 */
const { api } = withSdk();

describe("the official Genesys SDK against Switchboard", () => {
  it("creates, reads, searches, updates and deletes contacts", async () => {
    const created = await api.postExternalcontactsContacts({
      firstName: "Sdk",
      lastName: "Person",
      workEmail: "sdk@example.org",
      cellPhone: { display: "+1 212 555 0166" },
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.cellPhone?.e164).toBe("+12125550166");
    const read = await api.getExternalcontactsContact(created.id!, { expand: ["division"] });
    expect(read.division?.name).toBe("Home");
    const listing = await api.getExternalcontactsContacts({ q: "sdk@example", pageSize: 10, pageNumber: 1 });
    expect(listing.entities?.map((c) => c.id)).toContain(created.id);
    const updated = await api.putExternalcontactsContact(created.id!, { ...read, title: "Integrator" });
    expect(updated.title).toBe("Integrator");
    await api.deleteExternalcontactsContact(created.id!);
    await expect(api.getExternalcontactsContact(created.id!)).rejects.toMatchObject({ status: 404 });
  });

  it("manages organizations and notes", async () => {
    const org = await api.postExternalcontactsOrganizations({ name: "Sdk Org", industry: "Software" });
    const contact = await api.postExternalcontactsContacts({
      firstName: "Member",
      externalOrganization: { id: org.id! } as never,
    });
    const members = await api.getExternalcontactsOrganizationContacts(org.id!, {});
    expect(members.entities?.map((c) => c.id)).toEqual([contact.id]);
    const note = await api.postExternalcontactsContactNotes(contact.id!, {
      noteText: "via the SDK",
    } as never);
    const notes = await api.getExternalcontactsContactNotes(contact.id!, {});
    expect(notes.entities?.map((n) => n.id)).toEqual([note.id]);
  });

  it("scans and bulk-adds", async () => {
    const bulk = await api.postExternalcontactsBulkContactsAdd({
      entities: [{ firstName: "Bulk A" }, { firstName: "Bulk B" }],
    });
    expect(bulk.errorCount).toBe(0);
    const scan = await api.getExternalcontactsScanContacts({ limit: 10 });
    expect(scan.entities?.length).toBeGreaterThan(0);
  });
});
