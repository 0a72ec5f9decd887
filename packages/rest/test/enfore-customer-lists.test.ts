import { ensureTenant, PERMISSIONS } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { call, ORG } from "./enfore-helpers";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const h = () => harness();

const PATH = `${ORG}/customer-lists`;

describe("enfore customer lists (ops 121-128)", () => {
  it("creates, lists, renames and deletes list meta data", async () => {
    const list = await call(h(), "POST", PATH, 201, { name: "Spring mailing" });
    expect(list).toEqual({ id: expect.any(String), name: "Spring mailing" });
    expect(await call(h(), "GET", `${PATH}/${list.id}`, 200)).toEqual(list);
    const all = await call(h(), "GET", PATH, 200);
    expect(all.problems).toEqual([]);
    expect(all.items).toContainEqual(list);
    expect(await call(h(), "PUT", `${PATH}/${list.id}`, 200, { name: "Summer mailing" })).toEqual({
      id: list.id,
      name: "Summer mailing",
    });
    for (const bad of [{}, { name: "" }, { name: "   " }, { name: 3 }]) {
      await call(h(), "POST", PATH, 400, bad);
      await call(h(), "PUT", `${PATH}/${list.id}`, 400, bad);
    }
    await call(h(), "DELETE", `${PATH}/${list.id}`, 204);
    await call(h(), "GET", `${PATH}/${list.id}`, 404);
    await call(h(), "PUT", `${PATH}/${list.id}`, 404, { name: "x" });
    await call(h(), "DELETE", `${PATH}/${list.id}`, 404);
    await call(h(), "GET", `${PATH}/not-a-list/items`, 404);
  });

  it("adds refs once each, answering problems for those it could not add; pages items and problems together", async () => {
    const list = await call(h(), "POST", PATH, 201, { name: "Members" });
    const items = `${PATH}/${list.id}/items`;
    const ada = await call(h(), "POST", `${ORG}/individual`, 201, { name: "Ada Member" });
    const acme = await call(h(), "POST", `${ORG}/organization`, 201, { name: "Acme Member" });
    const gone = await call(h(), "POST", `${ORG}/individual`, 201, { name: "Gone Member" });
    await call(h(), "DELETE", `${ORG}/individual/${gone.id}`, 204);
    const missing = crypto.randomUUID();

    const added = await call(h(), "POST", items, 200, {
      items: [{ id: ada.id }, { id: acme.id }, { id: ada.id }, { id: gone.id }, { id: missing }],
    });
    expect(added.items).toEqual([{ id: ada.id }, { id: acme.id }]);
    expect(added.problems).toHaveLength(2);
    expect(added.problems).toEqual([
      expect.objectContaining({ title: "Not Found", detail: expect.stringContaining(gone.id) }),
      expect.objectContaining({ title: "Not Found", detail: expect.stringContaining(missing) }),
    ]);
    // Adding a member again is a no-op; it keeps its place.
    expect((await call(h(), "POST", items, 200, { items: [{ id: ada.id }] })).items).toEqual([
      { id: ada.id },
    ]);
    expect(await call(h(), "GET", items, 200)).toEqual({
      items: [{ id: ada.id }, { id: acme.id }],
      problems: [],
    });

    // A member deleted after it was added is a problem of the page; problems count toward limit and offset.
    const later = await call(h(), "POST", `${ORG}/individual`, 201, { name: "Later Member" });
    const last = await call(h(), "POST", `${ORG}/individual`, 201, { name: "Last Member" });
    await call(h(), "POST", items, 200, { items: [{ id: later.id }, { id: last.id }] });
    await call(h(), "DELETE", `${ORG}/individual/${later.id}`, 204);
    const page = await call(h(), "GET", `${items}?limit=2&offset=1`, 200);
    expect(page.items).toEqual([{ id: acme.id }]);
    expect(page.problems).toEqual([expect.objectContaining({ detail: expect.stringContaining(later.id) })]);
    expect(await call(h(), "GET", `${items}?limit=1&offset=3`, 200)).toEqual({
      items: [{ id: last.id }],
      problems: [],
    });
    expect(await call(h(), "GET", `${items}?offset=4`, 200)).toEqual({ items: [], problems: [] });
    for (const q of ["limit=0", "limit=5001", "offset=-1", "limit=x"])
      await call(h(), "GET", `${items}?${q}`, 400);

    await call(h(), "DELETE", `${items}/${ada.id}`, 204);
    await call(h(), "DELETE", `${items}/${ada.id}`, 404);
    await call(h(), "DELETE", `${items}/not-an-id`, 404);
    expect((await call(h(), "GET", items, 200)).items[0]).toEqual({ id: acme.id });
    for (const bad of [{}, { items: [{}] }, { items: [{ id: "" }] }, { items: "x" }])
      await call(h(), "POST", items, 400, bad);

    // Deleting the list deletes its items, not the contacts.
    await call(h(), "DELETE", `${PATH}/${list.id}`, 204);
    await call(h(), "GET", items, 404);
    await call(h(), "GET", `${ORG}/organization/${acme.id}`, 200);
  });

  it("keeps lists in their org: another tenant's list and contacts are not found; 403 without permissions", async () => {
    await ensureTenant(h().database.db, {
      slug: "lists-other",
      adminClientId: "lists-other-admin",
      adminClientSecret: "lists-other-secret",
    });
    const other = await h().issueToken({ clientId: "lists-other-admin", clientSecret: "lists-other-secret" });
    const theirList = await call(
      h(),
      "POST",
      "/enfore/org/lists-other/customer-lists",
      201,
      { name: "T" },
      other,
    );
    const theirContact = await call(
      h(),
      "POST",
      "/enfore/org/lists-other/individual",
      201,
      { name: "T" },
      other,
    );
    await call(h(), "GET", `${PATH}/${theirList.id}`, 404);
    await call(h(), "GET", `${PATH}/${theirList.id}/items`, 404);
    await call(h(), "POST", `${PATH}/${theirList.id}/items`, 404, { items: [] });
    const mine = await call(h(), "POST", PATH, 201, { name: "Mine" });
    const added = await call(h(), "POST", `${PATH}/${mine.id}/items`, 200, {
      items: [{ id: theirContact.id }],
    });
    expect(added.items).toEqual([]);
    expect(added.problems).toHaveLength(1);
    expect((await call(h(), "GET", PATH, 200)).items).not.toContainEqual(theirList);
    await call(h(), "GET", `/enfore/org/lists-other/customer-lists/${mine.id}`, 403);

    const viewer = await h().tokenFor([PERMISSIONS.customerListView]);
    await call(h(), "GET", PATH, 200, undefined, viewer);
    await call(h(), "GET", `${PATH}/${mine.id}/items`, 200, undefined, viewer);
    await call(h(), "POST", PATH, 403, { name: "x" }, viewer);
    await call(h(), "PUT", `${PATH}/${mine.id}`, 403, { name: "x" }, viewer);
    await call(h(), "DELETE", `${PATH}/${mine.id}`, 403, undefined, viewer);
    await call(h(), "POST", `${PATH}/${mine.id}/items`, 403, { items: [] }, viewer);
    await call(h(), "DELETE", `${PATH}/${mine.id}/items/${theirContact.id}`, 403, undefined, viewer);
    const none = await h().tokenFor([PERMISSIONS.contactView]);
    await call(h(), "GET", PATH, 403, undefined, none);
  });
});
