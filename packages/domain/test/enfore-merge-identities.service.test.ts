import { describe, expect, it } from "vitest";
import {
  addContactPoint,
  createContact,
  createOrganization,
  createProfessionalIdentity,
  getContact,
  listOrganizationProfessionalIdentities,
  listProfessionalIdentities,
  mergeContacts,
  professionalIdentityPoints,
} from "../src";
import { withTestTenant } from "./helpers";

// A merge moves the merged-away contacts' professional identities (with their own contact points) to the
// surviving contact, so enfore reads them under it and organizations keep them as representatives.
const tenant = withTestTenant();

describe("contact merge and professional identities", () => {
  it("moves every input's PIs to the merged contact, one primary at the employer", async () => {
    const t = tenant();
    const [acme, globex] = await Promise.all(
      ["Acme", "Globex"].map((name) => createOrganization(t.admin, { name })),
    );
    const ada = await createContact(t.admin, { firstName: "Ada", lastName: "Lovelace" });
    const twin = await createContact(t.admin, { firstName: "Ada", lastName: "Lovelace" });
    const atAcme = await createProfessionalIdentity(t.admin, ada.id, {
      organizationId: acme!.id,
      jobTitle: "Engineer",
    });
    const work = await addContactPoint(
      t.admin,
      { kind: "identity", contactId: ada.id, id: atAcme.id },
      {
        kind: "email",
        type: "work",
        address: "ada@acme.example",
      },
    );
    const atGlobex = await createProfessionalIdentity(t.admin, twin.id, {
      organizationId: globex!.id,
      jobTitle: "Advisor",
    });
    const merged = await mergeContacts(t.admin, { contactIds: [ada.id, twin.id] });

    const moved = await listProfessionalIdentities(t.admin, merged.id);
    expect(moved.map((p) => [p.id, p.organizationId, p.jobTitle])).toEqual(
      expect.arrayContaining([
        [atAcme.id, acme!.id, "Engineer"],
        [atGlobex.id, globex!.id, "Advisor"],
      ]),
    );
    expect(moved).toHaveLength(2);
    // One primary: the PI at the merged contact's employer.
    const employer = (await getContact(t.admin, merged.id)).organizationId;
    expect(moved.filter((p) => p.isPrimary).map((p) => p.organizationId)).toEqual([employer]);
    expect(employer).not.toBeNull();
    expect((await professionalIdentityPoints(t.admin, merged.id, atAcme.id)).emails.map((e) => e.id)).toEqual(
      [work.id],
    );
    expect(
      (await listOrganizationProfessionalIdentities(t.admin, globex!.id)).map((p) => p.contactId),
    ).toEqual([merged.id]);
  });
});
