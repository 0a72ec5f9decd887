import { PERMISSIONS } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { call, ORG } from "./enfore-helpers";
import { withRestHarness } from "./harness";

// Professional identities (ops 27, 28, 30, 31) and the representatives organizations derive from them.
const harness = withRestHarness();
const h = () => harness();

describe("enfore professional identities", () => {
  it("adds, lists, reads and fully updates a PI; the organization lists it as a representative", async () => {
    const person = await call(h(), "POST", `${ORG}/individual`, 201, { name: "Ada Lovelace" });
    const org = await call(h(), "POST", `${ORG}/organization`, 201, { name: "Analytical Engines Ltd" });
    const base = `${ORG}/individual/${person.id}/professional-identities`;
    const pi = await call(h(), "POST", base, 201, {
      organization_contact: org.id,
      is_active: true,
      job_title: "Programmer",
    });
    expect(pi).toEqual({
      id: pi.id,
      organization_contact: org.id,
      is_active: true,
      job_title: "Programmer",
      departments: [],
      locations: [],
    });
    expect(await call(h(), "GET", base, 200)).toEqual({ items: [pi], problems: [] });
    expect(await call(h(), "GET", `${base}/${pi.id}`, 200)).toEqual(pi);
    const readOrg = await call(h(), "GET", `${ORG}/organization/${org.id}`, 200);
    expect(readOrg.representatives).toEqual([
      {
        professional_identity: { contact_id: person.id, professional_identity_id: pi.id },
        is_active: true,
        activation_date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      },
    ]);
    // Full update: the job title not sent is cleared, the organization stays.
    const ended = await call(h(), "PUT", `${base}/${pi.id}`, 200, { is_active: false });
    expect(ended).toEqual({ ...pi, is_active: false, job_title: undefined });
    const after = await call(h(), "GET", `${ORG}/organization/${org.id}`, 200);
    expect(after.representatives).toEqual([
      expect.objectContaining({ is_active: false, deactivation_date: expect.any(String) }),
    ]);
  });

  it("refuses bad PIs with 400 and unknown ones with 404", async () => {
    const person = await call(h(), "POST", `${ORG}/individual`, 201, { name: "Charles Babbage" });
    const org = await call(h(), "POST", `${ORG}/organization`, 201, { name: "Difference Engines" });
    const base = `${ORG}/individual/${person.id}/professional-identities`;
    await call(h(), "POST", base, 400, { organization_contact: crypto.randomUUID(), is_active: true });
    await call(h(), "POST", base, 400, { organization_contact: "not-an-org", is_active: true });
    await call(h(), "POST", base, 400, { organization_contact: org.id });
    await call(h(), "POST", base, 400, {
      organization_contact: org.id,
      is_active: true,
      departments: [{ contact_id: crypto.randomUUID(), department_id: crypto.randomUUID() }],
    });
    await call(h(), "POST", `${ORG}/individual/${crypto.randomUUID()}/professional-identities`, 404, {
      organization_contact: org.id,
      is_active: true,
    });
    await call(h(), "GET", `${base}/${crypto.randomUUID()}`, 404);
    await call(h(), "PUT", `${base}/${crypto.randomUUID()}`, 404, { is_active: true });
    const pi = await call(h(), "POST", base, 201, { organization_contact: org.id, is_active: true });
    await call(h(), "PUT", `${base}/${pi.id}`, 400, { job_title: "no is_active" });
    // Another person's PI is not found under this one.
    const other = await call(h(), "POST", `${ORG}/individual`, 201, { name: "Other Person" });
    await call(h(), "GET", `${ORG}/individual/${other.id}/professional-identities/${pi.id}`, 404);
    const viewer = await h().tokenFor([PERMISSIONS.contactView]);
    await call(h(), "GET", `${base}/${pi.id}`, 200, undefined, viewer);
    await call(h(), "PUT", `${base}/${pi.id}`, 403, { is_active: true }, viewer);
    await call(h(), "POST", base, 403, { organization_contact: org.id, is_active: true }, viewer);
  });
});
