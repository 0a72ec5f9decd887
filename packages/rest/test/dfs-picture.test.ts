import { sql } from "@switchboard/db";
import { PERMISSIONS, PLACEHOLDER_PICTURE_PNG } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { apiError, genesysContact, json } from "./dfs-helpers-ext";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const DFS = "/dfs/v1.0/contacts";
// A 1×1 PNG and a 1×1 JPEG header.
const PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]).toString("base64");

type Picture = { imageContentBase64: string; isDefaultImage: boolean };
const picture = async (number: number) =>
  json<Picture>(await harness().request(`${DFS}/${number}/profile-picture`), 200);

describe("DFS profile picture (#10-#12)", () => {
  it("shows a placeholder until a picture is stored, the picture after, and the placeholder after delete", async () => {
    const h = harness();
    const { id, number } = await genesysContact(h, { firstName: "Pic" });
    const placeholder = await picture(number);
    expect(placeholder).toEqual({ imageContentBase64: PLACEHOLDER_PICTURE_PNG, isDefaultImage: true });
    expect(Buffer.from(placeholder.imageContentBase64, "base64").subarray(1, 4).toString()).toBe("PNG");

    const path = `${DFS}/${number}/profile-picture`;
    expect((await h.request(path, { method: "PUT", json: { imageContentBase64: PNG } })).status).toBe(204);
    expect(await picture(number)).toEqual({ imageContentBase64: PNG, isDefaultImage: false });
    // POST is the same operation; a new picture replaces the old one rather than piling up.
    expect((await h.request(path, { method: "POST", json: { imageContentBase64: JPEG } })).status).toBe(204);
    expect(await picture(number)).toEqual({ imageContentBase64: JPEG, isDefaultImage: false });
    const images = (await h.database.db.execute(
      sql`select count(*)::int as n from profile_images where owner_id = ${id}`,
    )) as unknown as { n: number }[];
    expect(images[0]!.n).toBe(1);

    expect((await h.request(path, { method: "DELETE" })).status).toBe(204);
    expect(await picture(number)).toEqual({
      imageContentBase64: PLACEHOLDER_PICTURE_PNG,
      isDefaultImage: true,
    });
    // Deleting when there is none is fine.
    expect((await h.request(path, { method: "DELETE" })).status).toBe(204);
  });

  it("answers 400 for a missing, non-base64 or non-image payload; 404 for an unknown contact; 403 without rights", async () => {
    const h = harness();
    const { number } = await genesysContact(h, { firstName: "Bad Pic" });
    const path = `${DFS}/${number}/profile-picture`;
    await apiError(await h.request(path, { method: "PUT", json: {} }), 400, "BadRequest");
    await apiError(
      await h.request(path, { method: "PUT", json: { imageContentBase64: null } }),
      400,
      "BadRequest",
    );
    await apiError(
      await h.request(path, { method: "PUT", json: { imageContentBase64: "not base64!" } }),
      400,
      "BadRequest",
    );
    const text = Buffer.from("just some text").toString("base64");
    const message = await apiError(
      await h.request(path, { method: "PUT", json: { imageContentBase64: text } }),
      400,
      "BadRequest",
    );
    expect(message).toContain("imageContentBase64");
    await apiError(await h.request(`${DFS}/2000000000/profile-picture`), 404, "NotFound");
    await apiError(
      await h.request(`${DFS}/2000000000/profile-picture`, {
        method: "PUT",
        json: { imageContentBase64: PNG },
      }),
      404,
      "NotFound",
    );
    const viewer = await h.tokenFor([PERMISSIONS.contactView, PERMISSIONS.imageView]);
    expect((await h.request(path, { token: viewer })).status).toBe(200);
    await apiError(
      await h.request(path, { method: "PUT", json: { imageContentBase64: PNG }, token: viewer }),
      403,
      "Forbidden",
    );
    await apiError(await h.request(path, { method: "DELETE", token: viewer }), 403, "Forbidden");
    const noImages = await h.tokenFor([PERMISSIONS.contactView]);
    await apiError(await h.request(path, { token: noImages }), 403, "Forbidden");
  });
});
