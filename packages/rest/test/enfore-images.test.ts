import { PERMISSIONS } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { call, ORG } from "./enfore-helpers";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const h = () => harness();

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString("base64");
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]).toString("base64");
const GIF = Buffer.from("GIF89a....").toString("base64");

const placeholder = {
  customer_id: "IMG-PC",
  name: "Pictured walk-in",
  is_active: true,
  customer_since: "2024-01-01",
  requires_formal_invoice: false,
  track_revenue: false,
};

describe("enfore images (ops 58-60, 103-105, 118-120)", () => {
  it("adds JPEG and PNG newest first (the first is the default) on individuals, organizations and placeholder customers", async () => {
    const person = await call(h(), "POST", `${ORG}/individual`, 201, { name: "Pictured" });
    const org = await call(h(), "POST", `${ORG}/organization`, 201, { name: "Pictured Org" });
    const pc = await call(h(), "POST", `${ORG}/placeholder-customers`, 201, placeholder);
    for (const base of [
      `${ORG}/individual/${person.id}/images`,
      `${ORG}/organization/${org.id}/images`,
      `${ORG}/placeholder-customers/${pc.id}/images`,
    ]) {
      expect(await call(h(), "GET", base, 200)).toEqual({ items: [] });
      const png = await call(h(), "POST", base, 200, { data: PNG });
      expect(Object.keys(png)).toEqual(["id"]);
      const jpeg = await call(h(), "POST", base, 200, { data: JPEG });
      expect(await call(h(), "GET", base, 200)).toEqual({ items: [{ id: jpeg.id }, { id: png.id }] });
      await call(h(), "DELETE", `${base}/${jpeg.id}`, 204);
      expect(await call(h(), "GET", base, 200)).toEqual({ items: [{ id: png.id }] });
      await call(h(), "DELETE", `${base}/${jpeg.id}`, 404);
      await call(h(), "DELETE", `${base}/nope`, 404);
      for (const bad of [{ data: GIF }, { data: "not base64!" }, { data: "" }, {}, { data: 5 }])
        await call(h(), "POST", base, 400, bad);
    }
    // An image of one owner is not another's.
    const theirs = await call(h(), "POST", `${ORG}/organization/${org.id}/images`, 200, { data: PNG });
    await call(h(), "DELETE", `${ORG}/individual/${person.id}/images/${theirs.id}`, 404);
  });

  it("takes an image of 12 MB and refuses a larger one with 400", async () => {
    const person = await call(h(), "POST", `${ORG}/individual`, 201, { name: "Large" });
    const base = `${ORG}/individual/${person.id}/images`;
    const twelve = Buffer.alloc(12 * 1024 * 1024);
    Buffer.from(PNG, "base64").copy(twelve);
    const added = await call(h(), "POST", base, 200, { data: twelve.toString("base64") });
    expect(await call(h(), "GET", base, 200)).toEqual({ items: [{ id: added.id }] });
    const over = Buffer.alloc(12 * 1024 * 1024 + 3);
    Buffer.from(PNG, "base64").copy(over);
    const problem = await call(h(), "POST", base, 400, { data: over.toString("base64") });
    expect(problem.title).toBe("Bad Request");
  }, 60_000);

  it("404s deleted owners and the other kind's ids; 403 without the image permissions", async () => {
    const person = await call(h(), "POST", `${ORG}/individual`, 201, { name: "Gone Pictured" });
    const pc = await call(h(), "POST", `${ORG}/placeholder-customers`, 201, {
      ...placeholder,
      customer_id: "IMG-2",
    });
    const image = await call(h(), "POST", `${ORG}/individual/${person.id}/images`, 200, { data: PNG });
    await call(h(), "GET", `${ORG}/organization/${person.id}/images`, 404);
    await call(h(), "GET", `${ORG}/placeholder-customers/${person.id}/images`, 404);

    const viewer = await h().tokenFor([PERMISSIONS.imageView]);
    await call(h(), "GET", `${ORG}/individual/${person.id}/images`, 200, undefined, viewer);
    await call(h(), "POST", `${ORG}/individual/${person.id}/images`, 403, { data: PNG }, viewer);
    await call(h(), "DELETE", `${ORG}/individual/${person.id}/images/${image.id}`, 403, undefined, viewer);
    const none = await h().tokenFor([PERMISSIONS.contactView]);
    await call(h(), "GET", `${ORG}/individual/${person.id}/images`, 403, undefined, none);
    await call(h(), "GET", `/enfore/org/another-org/individual/${person.id}/images`, 403);

    await call(h(), "DELETE", `${ORG}/individual/${person.id}`, 204);
    await call(h(), "GET", `${ORG}/individual/${person.id}/images`, 404);
    await call(h(), "POST", `${ORG}/individual/${person.id}/images`, 404, { data: PNG });
    await call(h(), "DELETE", `${ORG}/placeholder-customers/${pc.id}`, 204);
    await call(h(), "GET", `${ORG}/placeholder-customers/${pc.id}/images`, 404);
    await call(h(), "POST", `${ORG}/placeholder-customers/${pc.id}/images`, 404, { data: PNG });
  });
});
