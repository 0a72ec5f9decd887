import { describe, expect, it } from "vitest";
import {
  addContactPoint,
  createOrganization,
  getOrganization,
  patchOrganization,
  searchOrganizations,
  updateContactPoint,
} from "../src";
import { withTestTenant } from "./helpers";

// An organization's `websites` (Genesys) are a view of its web contact points (enfore web addresses), not a
// column of their own: one list, written through either, read the same through both.
const tenant = withTestTenant();

describe("organization websites are its web contact points", () => {
  it("stores written websites as web points, free text included, and reads them back as websites", async () => {
    const t = tenant();
    const org = await createOrganization(t.admin, {
      name: "Web Co",
      websites: ["https://web.example", "web.example"],
    });
    expect(org.websites).toEqual(["https://web.example", "web.example"]);
    expect(org.webAddresses.map((w) => [w.type, w.url])).toEqual([
      ["website", "https://web.example"],
      ["website", "web.example"],
    ]);
    const found = await searchOrganizations(t.admin, { q: "web.example" });
    expect(found.entities.map((o) => o.id)).toContain(org.id);
  });

  it("shows a web point added through its own use case among the websites, and keeps it across other writes", async () => {
    const t = tenant();
    const org = await createOrganization(t.admin, { name: "Points Co" });
    const blog = await addContactPoint(
      t.admin,
      { kind: "organization", id: org.id },
      {
        kind: "web",
        type: "blog",
        vendorType: "ORGANIZATION_BLOG",
        url: "https://blog.points.example",
      },
    );
    expect((await getOrganization(t.admin, org.id)).websites).toEqual(["https://blog.points.example"]);
    await patchOrganization(t.admin, org.id, (current) => ({ ...current, industry: "Media" }));
    const { kind: _kind, ...stored } = blog;
    expect((await getOrganization(t.admin, org.id)).webAddresses).toEqual([stored]);
  });

  it("a websites write keeps the points of the urls it keeps (ids, vendor types) and drops the others", async () => {
    const t = tenant();
    const org = await createOrganization(t.admin, { name: "Mixed Co", websites: ["https://a.example"] });
    const a = org.webAddresses[0]!;
    const profile = await updateContactPoint(t.admin, { kind: "organization", id: org.id }, a.id, {
      kind: "web",
      type: "website",
      vendorType: "ORGANIZATION_WEBSITE",
      url: "https://a.example",
      description: "main site",
    });
    await addContactPoint(
      t.admin,
      { kind: "organization", id: org.id },
      {
        kind: "web",
        type: "profile",
        url: "https://b.example",
      },
    );
    // A Genesys write of the list: keeps a, drops b, adds c.
    const after = await patchOrganization(t.admin, org.id, (current) => ({
      ...current,
      websites: ["https://c.example", "https://a.example"],
    }));
    expect(after.websites).toEqual(["https://c.example", "https://a.example"]);
    expect(after.webAddresses).toEqual([
      expect.objectContaining({ type: "website", url: "https://c.example", vendorType: null }),
      (({ kind: _k, ...rest }) => rest)(profile),
    ]);
  });
});
