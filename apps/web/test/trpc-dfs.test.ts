import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import type { AppRouter } from "../src/server/trpc/root";
import { withWebServer } from "./server";

const server = withWebServer();
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => {
      if (!(e instanceof TRPCClientError)) throw e;
      const data = (e as TRPCClientError<AppRouter>).data;
      return { code: data?.code, fieldErrors: data?.fieldErrors, message: e.message };
    },
  );

let members = 0;
/** A second administrator, signed in over tRPC. */
async function anotherMember(name: string) {
  const admin = server().trpc(await server().signIn());
  const role = (await admin.admin.roles.query()).find((r) => r.permissions.includes("*"))!;
  const email = `member${++members}@example.com`;
  await admin.admin.addMember.mutate({ email, name, password: "a long password", roleIds: [role.id] });
  return server().trpc(await server().signIn({ email, password: "a long password" }));
}

describe("DFS in the web app, over tRPC: change requests, the outbox, details forms and schema flags", () => {
  it("queues a member's approval-required edit, refuses its initiator's review and applies another member's approval", async () => {
    const alice = server().trpc(await server().signIn());
    const bob = await anotherMember("Bob Reviewer");
    const contact = await alice.contacts.create.mutate({ firstName: "Anna", lastName: "Smith" });

    // The form reads the details with the schema's layout and metadata.
    const form = await alice.dfs.contactDetails.query({ id: contact.id });
    expect(form.details).toMatchObject({ personalInformation: { firstName: "Anna", lastName: "Smith" } });
    expect(form.layout.map((s) => s.key)).toContain("personalInformation");
    expect(form.fields.find((f) => f.key === "personalInformation.lastName")).toMatchObject({
      label: "Last name",
      isApprovalRequired: true,
      layoutPath: [{ key: "personalInformation", label: "Personal information" }],
    });

    // Alice changes the last name (approval required) and the first name (applies at once).
    const saved = await alice.dfs.updateContactDetails.mutate({
      id: contact.id,
      changes: { "personalInformation.lastName": "Jones", "personalInformation.firstName": "Anne" },
      comment: "married",
    });
    expect(saved).toMatchObject({ isApprovalRequired: true });
    expect((await alice.dfs.contactDetails.query({ id: contact.id })).details).toMatchObject({
      personalInformation: { firstName: "Anne", lastName: "Smith" },
    });

    const queue = await alice.dfs.pendingChangeRequests.query({ page: 1 });
    expect(queue.totalCount).toBe(1);
    const [request] = queue.results;
    expect(request).toMatchObject({
      mine: true,
      initiatorComment: "married",
      contact: { id: contact.id },
      details: expect.arrayContaining([
        {
          path: "personalInformation.lastName",
          originalValue: "Smith",
          targetValue: "Jones",
          isApprovalRequired: true,
          label: "Last name",
        },
      ]),
    });
    expect((await bob.dfs.pendingChangeRequests.query({ page: 1 })).results[0]!.mine).toBe(false);

    // While it waits, the form may change other fields but not the one it holds (refused on that field).
    expect(
      await failure(
        bob.dfs.updateContactDetails.mutate({
          id: contact.id,
          changes: { "personalInformation.lastName": "Brown" },
        }),
      ),
    ).toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      fieldErrors: { "details.personalInformation.lastName": "awaits approval" },
    });
    await bob.dfs.updateContactDetails.mutate({
      id: contact.id,
      changes: { "personalInformation.title": "Dr." },
    });

    // The initiator cannot review their own request: the domain refuses it.
    const review = { contactId: contact.id, number: request!.number, isApproved: true, comment: "ok" };
    expect(await failure(alice.dfs.review.mutate(review))).toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("initiator"),
    });
    await bob.dfs.review.mutate(review);
    expect((await alice.dfs.contactDetails.query({ id: contact.id })).details).toMatchObject({
      personalInformation: { lastName: "Jones" },
    });
    expect((await alice.contacts.get.query({ id: contact.id })).lastName).toBe("Jones");
    // The contact's history shows the approved change under its initiator, with the reviewer beside it.
    const history = await bob.contacts.history.query({ id: contact.id });
    const approved = history.find((h) => h.changes.some((c) => c.path === "lastName" && c.new === "Jones"));
    expect(approved).toMatchObject({
      actorName: expect.not.stringContaining("Bob"),
      reviewerName: "Bob Reviewer",
    });
    expect(approved!.actorKind).toBe("member");
    expect((await bob.dfs.pendingChangeRequests.query({ page: 1 })).totalCount).toBe(0);
    // Reviewed once: a second review is refused.
    expect(await failure(bob.dfs.review.mutate(review))).toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
  });

  it("rejects with a comment and changes nothing", async () => {
    const alice = server().trpc(await server().signIn());
    const bob = await anotherMember("Bob Rejecter");
    const contact = await alice.contacts.create.mutate({ firstName: "Rita", lastName: "Old" });
    await alice.dfs.updateContactDetails.mutate({
      id: contact.id,
      changes: { "personalInformation.lastName": "New" },
    });
    const [request] = (await bob.dfs.pendingChangeRequests.query({ page: 1 })).results.filter(
      (r) => r.contact.id === contact.id,
    );
    await bob.dfs.review.mutate({
      contactId: contact.id,
      number: request!.number,
      isApproved: false,
      comment: "no proof",
    });
    expect((await alice.contacts.get.query({ id: contact.id })).lastName).toBe("Old");
    expect((await alice.dfs.contactDetails.query({ id: contact.id })).hasPendingChangeRequest).toBe(false);
  });

  it("lists a changed e-mail's verification message in the outbox, and names a bad details value by path", async () => {
    const api = server().trpc(await server().signIn());
    const contact = await api.contacts.create.mutate({ firstName: "Vera", lastName: "Verify" });
    const saved = await api.dfs.updateContactDetails.mutate({
      id: contact.id,
      changes: { "communicationMethods.primaryEmail": "vera@example.com" },
    });
    expect(saved.hasPendingEmail).toBe(true);
    const [message] = (await api.dfs.outbox.query()).filter((m) => m.entityId === contact.id);
    expect(message).toMatchObject({
      channel: "email",
      recipient: "vera@example.com",
      sentAt: null,
      error: null,
      entityType: "contact",
    });
    expect(
      await failure(
        api.dfs.updateContactDetails.mutate({
          id: contact.id,
          changes: { "personalInformation.dateOfBirth": "not a date" },
        }),
      ),
    ).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { "details.personalInformation.dateOfBirth": expect.any(String) },
    });
  });

  it("saves schema field flags with the concurrency token and refuses a stale one", async () => {
    const api = server().trpc(await server().signIn());
    const read = await api.dfs.schema.query({ key: "contact" });
    const first = read.fields.find((f) => f.key === "personalInformation.firstName")!;
    expect(first).toMatchObject({ isApprovalRequired: false, isReadOnly: false });
    const fields = read.fields.map((f) =>
      f.key === first.key ? { ...f, isApprovalRequired: true, isHidden: true } : f,
    );
    const saved = await api.dfs.saveSchemaFlags.mutate({
      key: "contact",
      concurrencyToken: read.concurrencyToken,
      fields: fields.map(({ key, isApprovalRequired, isExportable, isHidden, isReadOnly }) => ({
        key,
        isApprovalRequired,
        isExportable,
        isHidden,
        isReadOnly,
      })),
    });
    expect(saved.concurrencyToken).toBe(read.concurrencyToken + 1);
    const again = await api.dfs.schema.query({ key: "contact" });
    expect(again.fields.find((f) => f.key === first.key)).toMatchObject({
      isApprovalRequired: true,
      isHidden: true,
      isExportable: first.isExportable,
      label: first.label,
    });
    // The rest of the field's definition (label, binding) is kept: the contact form still shows the name.
    expect(
      (
        await api.dfs.contactDetails.query({
          id: (await api.contacts.create.mutate({ firstName: "Kai" })).id,
        })
      ).details,
    ).toMatchObject({ personalInformation: { firstName: "Kai" } });
    expect(
      await failure(
        api.dfs.saveSchemaFlags.mutate({
          key: "contact",
          concurrencyToken: read.concurrencyToken,
          fields: [
            {
              key: first.key,
              isApprovalRequired: false,
              isExportable: true,
              isHidden: false,
              isReadOnly: false,
            },
          ],
        }),
      ),
    ).toMatchObject({ code: "UNPROCESSABLE_CONTENT", message: expect.stringContaining("concurrencyToken") });
    // Put it back for the other tests of this file (none follow, but keep the tenant as found).
    await api.dfs.saveSchemaFlags.mutate({
      key: "contact",
      concurrencyToken: saved.concurrencyToken,
      fields: [
        {
          key: first.key,
          isApprovalRequired: false,
          isExportable: first.isExportable,
          isHidden: false,
          isReadOnly: false,
        },
      ],
    });
  });
});
