import { PERMISSIONS } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { apiError, genesysContact, json } from "./dfs-helpers-ext";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const DFS = "/dfs/v1.0/contacts";

const username = async (number: number) =>
  (await json<{ username: string | null }>(await harness().request(`${DFS}/${number}/username`), 200))
    .username;
const put = (number: number, body: unknown, token?: string) =>
  harness().request(`${DFS}/${number}/username`, { method: "PUT", json: body, token });

describe("DFS username (#20, #21)", () => {
  it("reads null until set, then the name as stored; null clears it", async () => {
    const { number } = await genesysContact(harness(), { firstName: "Shannon" });
    expect(await username(number)).toBeNull();
    expect((await put(number, { username: " shannon.crawford@additiv.com " })).status).toBe(204);
    expect(await username(number)).toBe("shannon.crawford@additiv.com");
    expect((await put(number, { username: "shannon.crawford@additiv.com" })).status).toBe(204);
    expect((await put(number, { username: null })).status).toBe(204);
    expect(await username(number)).toBeNull();
  });

  it("refuses a username another contact holds, regardless of case (422 UsernameNotUnique)", async () => {
    const h = harness();
    const first = await genesysContact(h, { firstName: "First" });
    const second = await genesysContact(h, { firstName: "Second" });
    expect((await put(first.number, { username: "Taken.Name" })).status).toBe(204);
    await apiError(
      await put(second.number, { username: "taken.name" }),
      422,
      "UnprocessableEntity",
      "UsernameNotUnique",
    );
    expect(await username(second.number)).toBeNull();
    // Once released, it can be taken.
    expect((await put(first.number, { username: "" })).status).toBe(204);
    expect((await put(second.number, { username: "taken.name" })).status).toBe(204);
  });

  it("lets exactly one of concurrent claims of one username win", async () => {
    const h = harness();
    const contacts = await Promise.all(
      Array.from({ length: 6 }, (_, i) => genesysContact(h, { firstName: `U${i}` })),
    );
    const statuses = await Promise.all(
      contacts.map((c) => put(c.number, { username: "race" }).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 204)).toHaveLength(1);
    expect(statuses.filter((s) => s === 422)).toHaveLength(5);
  });

  it("answers 400 for a bad body or a too-long name, 404 for an unknown contact, 401/403 without rights", async () => {
    const h = harness();
    const { number } = await genesysContact(h, { firstName: "Bad" });
    await apiError(await put(number, { username: 12 }), 400, "BadRequest");
    await apiError(await put(number, { username: "x".repeat(257) }), 400, "BadRequest");
    await apiError(await put(number, { username: "tab\there" }), 400, "BadRequest");
    await apiError(await put(2_000_000_000, { username: "nobody" }), 404, "NotFound");
    await apiError(await h.request(`${DFS}/2000000000/username`), 404, "NotFound");
    await apiError(await h.request(`${DFS}/${number}/username`, { token: null }), 401, "Unauthorized");
    const viewer = await h.tokenFor([PERMISSIONS.contactView]);
    await apiError(await put(number, { username: "v" }, viewer), 403, "Forbidden");
  });
});
