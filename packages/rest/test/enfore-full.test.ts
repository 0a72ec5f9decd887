import {
  createDepartment,
  createLocation,
  createMembership,
  createPersonalRelationship,
  PERMISSIONS,
  systemActor,
} from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { call, ORG } from "./enfore-helpers";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const h = () => harness();
const system = () => ({ db: h().database.db, tenantId: h().tenantId, actor: systemActor("test") });

const email = (address: string) => ({ type: "WORK_EMAIL", address, usage_context: "PROFESSIONAL" });
const customer = { customer_id: "C-F", is_active: true, is_suspended: false, customer_since: "2024-01-01" };

describe("enfore /full views (ops 6, 29, 32, 73)", () => {
  it("reads an individual with its details, PIs with theirs, relationships and the roles it holds", async () => {
    const org = await call(h(), "POST", `${ORG}/organization`, 201, { name: "Full Org" });
    const person = await call(h(), "POST", `${ORG}/individual`, 201, { name: "Full Person" });
    const friend = await call(h(), "POST", `${ORG}/individual`, 201, { name: "Friend" });
    const own = await call(
      h(),
      "POST",
      `${ORG}/individual/${person.id}/emails`,
      201,
      email("me@example.com"),
    );
    const pi = await call(h(), "POST", `${ORG}/individual/${person.id}/professional-identities`, 201, {
      organization_contact: org.id,
      is_active: true,
      job_title: "Engineer",
    });
    const work = await call(
      h(),
      "POST",
      `${ORG}/individual/${person.id}/professional-identities/${pi.id}/emails`,
      201,
      email("me@work.example"),
    );
    const relation = await createPersonalRelationship(
      system(),
      { kind: "contact", id: person.id },
      {
        type: "FRIEND",
        relatedContactId: friend.id,
      },
    );
    const role = await call(h(), "PUT", `${ORG}/individual/${person.id}/roles/customer`, 200, customer);

    const full = await call(h(), "GET", `${ORG}/individual/${person.id}/full`, 200);
    const piFull = {
      professional_identity: await call(
        h(),
        "GET",
        `${ORG}/individual/${person.id}/professional-identities/${pi.id}`,
        200,
      ),
      addresses: [],
      emails: [work],
      phones: [],
      web_addresses: [],
    };
    expect(full).toEqual({
      individual_contact: await call(h(), "GET", `${ORG}/individual/${person.id}`, 200),
      addresses: [],
      emails: [own],
      phones: [],
      web_addresses: [],
      professional_identities: [piFull],
      personal_relationships: [{ id: relation.id, type: "FRIEND", individual_contact: friend.id }],
      customer_role: role,
    });
    expect(Object.keys(full)).toEqual([
      "individual_contact",
      "addresses",
      "emails",
      "phones",
      "web_addresses",
      "professional_identities",
      "personal_relationships",
      "customer_role",
    ]);

    expect(
      await call(h(), "GET", `${ORG}/individual/${person.id}/professional-identities/full`, 200),
    ).toEqual({
      items: [piFull],
      problems: [],
    });
    expect(
      await call(h(), "GET", `${ORG}/individual/${person.id}/professional-identities/${pi.id}/full`, 200),
    ).toEqual(piFull);
    await call(
      h(),
      "GET",
      `${ORG}/individual/${person.id}/professional-identities/${crypto.randomUUID()}/full`,
      404,
    );
    await call(h(), "GET", `${ORG}/individual/${friend.id}/professional-identities/${pi.id}/full`, 404);
    expect(
      await call(h(), "GET", `${ORG}/individual/${friend.id}/professional-identities/full`, 200),
    ).toEqual({
      items: [],
      problems: [],
    });
  });

  it("reads an organization with its details, departments, locations (leaders as PI refs), memberships and roles", async () => {
    const org = await call(h(), "POST", `${ORG}/organization`, 201, { name: "Structured Org" });
    const parent = await call(h(), "POST", `${ORG}/organization`, 201, { name: "Parent Org" });
    const person = await call(h(), "POST", `${ORG}/individual`, 201, { name: "Leader" });
    const pi = await call(h(), "POST", `${ORG}/individual/${person.id}/professional-identities`, 201, {
      organization_contact: org.id,
      is_active: true,
    });
    const owner = { kind: "organization" as const, id: org.id };
    const dept = await createDepartment(system(), owner, { name: "Sales", area: "SALES", code: "S1" });
    const loc = await createLocation(system(), owner, { name: "HQ", leaderIds: [pi.id], memberCount: 12 });
    const member = await createMembership(system(), owner, {
      type: "FRANCHISE",
      organizationId: parent.id,
      name: "Parent franchise",
    });
    const web = await call(h(), "POST", `${ORG}/organization/${org.id}/web-addresses`, 201, {
      type: "ORGANIZATION_WEBSITE",
      url: "https://structured.example",
      usage_context: "ORGANIZATION",
    });
    const supplier = await call(h(), "PUT", `${ORG}/organization/${org.id}/roles/supplier`, 200, {
      supplier_id: "S-F",
      is_active: true,
      supplier_since: "2020-01-01",
    });
    const payer = await call(h(), "PUT", `${ORG}/organization/${org.id}/roles/alternative-payer`, 200, {
      alternative_payer_id: "AP-F",
      is_active: true,
      since: "2020-01-01",
    });

    const full = await call(h(), "GET", `${ORG}/organization/${org.id}/full`, 200);
    expect(full).toEqual({
      organization_contact: await call(h(), "GET", `${ORG}/organization/${org.id}`, 200),
      addresses: [],
      emails: [],
      phones: [],
      web_addresses: [web],
      departments: [{ id: dept.id, name: "Sales", area: "SALES", code: "S1" }],
      locations: [
        {
          id: loc.id,
          name: "HQ",
          leaders: [{ contact_id: person.id, professional_identity_id: pi.id }],
          member_count: 12,
        },
      ],
      memberships: [
        { id: member.id, type: "FRANCHISE", organization_contact: parent.id, name: "Parent franchise" },
      ],
      supplier_role: supplier,
      alternative_payer_role: payer,
    });
    expect((full.organization_contact as { representatives: unknown[] }).representatives).toHaveLength(1);
  });

  it("404s deleted contacts and the other kind's ids; 403 without the permissions or for another org", async () => {
    const person = await call(h(), "POST", `${ORG}/individual`, 201, { name: "Full Gone" });
    const org = await call(h(), "POST", `${ORG}/organization`, 201, { name: "Full Gone Org" });
    await call(h(), "GET", `${ORG}/organization/${person.id}/full`, 404);
    await call(h(), "GET", `${ORG}/individual/${org.id}/full`, 404);
    await call(h(), "GET", `${ORG}/individual/${crypto.randomUUID()}/full`, 404);

    const contactsOnly = await h().tokenFor([PERMISSIONS.contactView]);
    await call(h(), "GET", `${ORG}/individual/${person.id}/full`, 403, undefined, contactsOnly);
    await call(
      h(),
      "GET",
      `${ORG}/individual/${person.id}/professional-identities/full`,
      200,
      undefined,
      contactsOnly,
    );
    await call(h(), "GET", `${ORG}/organization/${org.id}/full`, 403, undefined, contactsOnly);
    await call(h(), "GET", `/enfore/org/another-org/individual/${person.id}/full`, 403);

    await call(h(), "DELETE", `${ORG}/individual/${person.id}`, 204);
    await call(h(), "DELETE", `${ORG}/organization/${org.id}`, 204);
    await call(h(), "GET", `${ORG}/individual/${person.id}/full`, 404);
    await call(h(), "GET", `${ORG}/individual/${person.id}/professional-identities/full`, 404);
    await call(h(), "GET", `${ORG}/organization/${org.id}/full`, 404);
  });
});
