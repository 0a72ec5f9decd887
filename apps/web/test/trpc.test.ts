import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import type { AppRouter } from "../src/server/trpc/root";
import { withWebServer } from "./server";

const server = withWebServer();

describe("tRPC over HTTP with the typed client", () => {
  it("creates, finds, updates and reads the history of a contact as a signed-in member", async () => {
    const api = server().trpc(await server().signIn());
    expect((await api.session.me.query())?.member.email).toBe("staff@example.com");

    const created = await api.contacts.create.mutate({
      firstName: "Katherine",
      lastName: "Johnson",
      emails: [{ type: "work", address: "katherine@nasa.example" }],
      phones: [{ type: "cell", display: "(757) 555-0123" }],
    });
    expect(created.phones[0]?.e164).toBe("+17575550123");
    expect(created.createdAt).toBeInstanceOf(Date);

    const found = await api.contacts.list.query({ q: "johnson" });
    expect(found.entities.map((c) => c.id)).toContain(created.id);
    // The list page's rows: the columns the table shows, and the page without its count when asked.
    const rows = await api.contacts.listRows.query({ q: "johnson", withTotal: false });
    expect(rows.total).toBeNull();
    expect(rows.entities.find((r) => r.id === created.id)).toEqual({
      id: created.id,
      name: "Katherine Johnson",
      firstName: "Katherine",
      title: null,
      email: "katherine@nasa.example",
      phone: "+1 757 555 0123",
      type: "Curated",
      modifiedAt: created.modifiedAt.toISOString(),
    });
    // Consecutive pages read together are the pages read one by one.
    await Promise.all(
      ["Ames", "Bates", "Cole", "Dunn", "Eames"].map((lastName) =>
        api.contacts.create.mutate({ firstName: "Spanned", lastName }),
      ),
    );
    const page = (pageNumber: number, pageCount?: number) =>
      api.contacts.listRows
        .query({ q: "spanned", pageSize: 2, pageNumber, pageCount, withTotal: false })
        .then((p) => p.entities.map((r) => r.name));
    expect(await page(2, 2)).toEqual([...(await page(2)), ...(await page(3))]);
    expect(await page(2, 2)).toEqual(["Spanned Cole", "Spanned Dunn", "Spanned Eames"]);

    await api.contacts.update.mutate({
      id: created.id,
      expectedVersion: 1,
      contact: { firstName: "Katherine", lastName: "Johnson", title: "Mathematician" },
    });
    const history = await api.contacts.history.query({ id: created.id });
    expect(history[0]?.changes).toContainEqual({ path: "title", old: null, new: "Mathematician" });
  });

  it("returns field errors for invalid input and a conflict for a stale version", async () => {
    const api = server().trpc(await server().signIn());
    const invalid = await api.contacts.create
      .mutate({ firstName: "X", emails: [{ type: "work", address: "nope" }] })
      .catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(TRPCClientError);
    expect((invalid as TRPCClientError<AppRouter>).data?.fieldErrors).toHaveProperty(["emails.0.address"]);

    const created = await api.contacts.create.mutate({ firstName: "Versioned" });
    await api.contacts.update.mutate({
      id: created.id,
      expectedVersion: 1,
      contact: { firstName: "Versioned 2" },
    });
    const stale = await api.contacts.update
      .mutate({ id: created.id, expectedVersion: 1, contact: { firstName: "Lost" } })
      .catch((e: unknown) => e);
    expect((stale as TRPCClientError<AppRouter>).data?.code).toBe("CONFLICT");
  });

  it("refuses callers without a session", async () => {
    const error = await server()
      .trpc()
      .contacts.list.query({})
      .catch((e: unknown) => e);
    expect((error as TRPCClientError<AppRouter>).data?.code).toBe("UNAUTHORIZED");
    expect(await server().trpc().session.me.query()).toBeNull();
  });
});
