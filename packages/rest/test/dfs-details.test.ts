import { once } from "node:events";
import { createServer, type Server } from "node:net";
import { and, eq, notificationOutbox, pendingVerifications } from "@switchboard/db";
import { PERMISSIONS } from "@switchboard/domain";
import { describe, expect, it } from "vitest";
import { createDfsContact, dfsMember, expectApiError, json } from "./dfs-harness";
import { call, ORG } from "./enfore-helpers";
import { withRestHarness } from "./harness";

const harness = withRestHarness();
const API = "/api/v2/externalcontacts";
const details = (id: number) => `/dfs/v1.0/contacts/${id}/details`;

type DetailsResponse = {
  id: number;
  hasPendingChangeRequest: boolean;
  hasPendingEmail: boolean;
  hasPendingMobile: boolean;
  details: Record<string, Record<string, unknown>>;
};

/** The newest verification key the outbox holds for a contact (what staff would relay, or SMTP would send). */
async function lastKey(contactUuid: string) {
  const h = harness();
  const rows = await h.database.db
    .select()
    .from(notificationOutbox)
    .where(and(eq(notificationOutbox.tenantId, h.tenantId), eq(notificationOutbox.entityId, contactUuid)));
  const last = rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).at(-1)!;
  return { key: /\b(\d{6})\b/.exec(last.subject)![1]!, recipient: last.recipient, count: rows.length };
}

describe("DFS contact create and details (#22, #14-#16)", () => {
  it("creates a contact whose bound details are the canonical contact's, readable through Genesys", async () => {
    const h = harness();
    const created = await createDfsContact(h, {
      personalInformation: {
        firstName: "Grace",
        lastName: "Hopper",
        dateOfBirth: "1906-12-09",
        nationality: "US",
      },
      communicationMethods: { primaryEmail: "grace@example.com", primaryPhoneNumber: "+41 79 123 45 67" },
      addresses: {
        primaryAddress: { street: "Main 1", city: "Zurich", postalCode: "8000", countryCode: "CH" },
      },
    });
    expect(created.id).toEqual(expect.any(Number));
    expect(created.uId).toMatch(/^[0-9a-f-]{36}$/);
    const genesys = await json<Record<string, unknown>>(await h.request(`${API}/contacts/${created.uId}`));
    expect(genesys).toMatchObject({
      firstName: "Grace",
      lastName: "Hopper",
      personalEmail: "grace@example.com",
      cellPhone: { e164: "+41791234567" },
      address: { address1: "Main 1", city: "Zurich", postalCode: "8000", countryCode: "CH" },
    });
    const read = await json<DetailsResponse>(await h.request(details(created.id)));
    expect(read).toMatchObject({
      id: created.id,
      hasPendingChangeRequest: false,
      hasPendingEmail: false,
      hasPendingMobile: false,
      details: {
        personalInformation: {
          firstName: "Grace",
          lastName: "Hopper",
          dateOfBirth: "1906-12-09",
          nationality: "US",
        },
        communicationMethods: { primaryEmail: "grace@example.com", primaryPhoneNumber: "+41791234567" },
      },
    });
  });

  it("refuses details that do not match the schema with 400 naming each bad path", async () => {
    const h = harness();
    const bad = await h.request("/dfs/v1.0/contacts", {
      method: "POST",
      json: {
        contactTypeId: 1,
        details: {
          personalInformation: { dateOfBirth: "yesterday", shoeSize: 44 },
          preferences: { newsletter: "yes" },
        },
      },
    });
    const body = await expectApiError(bad, 400);
    expect(body.code).toBe("BadRequest");
    for (const path of [
      "personalInformation.dateOfBirth",
      "personalInformation.shoeSize",
      "preferences.newsletter",
    ])
      expect(body.message).toContain(`details.${path}`);
    await expectApiError(
      await h.request("/dfs/v1.0/contacts", { method: "POST", json: { details: {} } }),
      400,
    );
    const { id } = await createDfsContact(h, { personalInformation: { firstName: "Ada" } });
    const patch = await h.request(details(id), {
      method: "PATCH",
      json: { details: { personalInformation: { lastName: 7 } } },
    });
    expect((await expectApiError(patch, 400)).message).toContain("details.personalInformation.lastName");
  });

  it("answers 404 for an unknown contact and 403 without the permission", async () => {
    const h = harness();
    await expectApiError(await h.request(details(2_000_000)), 404);
    await expectApiError(
      await h.request(details(2_000_000), { method: "PATCH", json: { details: {} } }),
      404,
    );
    const viewer = await h.tokenFor([PERMISSIONS.contactView]);
    const { id } = await createDfsContact(h, { personalInformation: { firstName: "Ada" } });
    await expectApiError(
      await h.request(details(id), { method: "PATCH", token: viewer, json: { details: {} } }),
      403,
    );
  });

  it("PATCH merges and PUT replaces in full; an edit through DFS is seen through Genesys and Genesys edits through DFS", async () => {
    const h = harness();
    const { id, uId } = await createDfsContact(h, {
      personalInformation: { firstName: "Ada", lastName: "Byron", title: "Countess" },
      preferences: { language: "en" },
    });
    const patched = await json(
      await h.request(details(id), {
        method: "PATCH",
        json: { details: { personalInformation: { firstName: "Augusta" } } },
      }),
    );
    expect(patched).toEqual({ isApprovalRequired: false, hasPendingEmail: false, hasPendingMobile: false });
    const genesys = await json<Record<string, unknown>>(await h.request(`${API}/contacts/${uId}`));
    expect(genesys).toMatchObject({ firstName: "Augusta", lastName: "Byron", title: "Countess" });
    expect((await json<DetailsResponse>(await h.request(details(id)))).details.preferences).toEqual({
      language: "en",
    });

    await json(
      await h.request(details(id), {
        method: "PUT",
        json: { details: { personalInformation: { firstName: "Ada", lastName: "Byron" } } },
      }),
    );
    const after = await json<DetailsResponse>(await h.request(details(id)));
    expect(after.details).toEqual({ personalInformation: { firstName: "Ada", lastName: "Byron" } });
    expect(await json<Record<string, unknown>>(await h.request(`${API}/contacts/${uId}`))).not.toHaveProperty(
      "title",
    );

    await json(
      await h.request(`${API}/contacts/${uId}`, {
        method: "PUT",
        json: {
          ...(await json<Record<string, unknown>>(await h.request(`${API}/contacts/${uId}`))),
          firstName: "Lovelace",
        },
      }),
    );
    expect(
      (await json<DetailsResponse>(await h.request(details(id)))).details.personalInformation,
    ).toMatchObject({ firstName: "Lovelace" });
  });
});

describe("DFS details across dialects", () => {
  it("a DFS edit is seen through enfore, and an enfore edit through DFS", async () => {
    const h = harness();
    const { id, uId } = await createDfsContact(h, {
      personalInformation: { firstName: "Alan", lastName: "Turing" },
    });
    expect(await call(h, "GET", `${ORG}/individual/${uId}`, 200)).toMatchObject({ name: "Alan Turing" });
    await json(
      await h.request(details(id), {
        method: "PATCH",
        json: {
          details: { personalInformation: { displayName: "A. M. Turing", dateOfBirth: "1912-06-23" } },
        },
      }),
    );
    expect(await call(h, "GET", `${ORG}/individual/${uId}`, 200)).toMatchObject({
      name: "A. M. Turing",
      date_of_birth: "1912-06-23",
    });
    await call(h, "PUT", `${ORG}/individual/${uId}`, 200, {
      name: "Alan Mathison Turing",
      date_of_birth: "1912-06-23",
    });
    const read = await json<DetailsResponse>(await h.request(details(id)));
    expect(read.details.personalInformation).toMatchObject({
      displayName: "Alan Mathison Turing",
      dateOfBirth: "1912-06-23",
    });
  });
});

describe("DFS communication verification (#13, #25, #26)", () => {
  it("keeps a changed primary email pending until its key verifies it; the key is stored hashed", async () => {
    const h = harness();
    const member = await dfsMember(h);
    const { id, uId } = await createDfsContact(h, {
      communicationMethods: { primaryEmail: "old@example.com" },
    });
    const update = await json(
      await h.request(details(id), {
        method: "PATCH",
        token: member.token,
        json: { details: { communicationMethods: { primaryEmail: "new@example.com" } } },
      }),
    );
    expect(update).toEqual({ isApprovalRequired: false, hasPendingEmail: true, hasPendingMobile: false });
    const read = await json<DetailsResponse>(await h.request(details(id)));
    expect(read).toMatchObject({
      hasPendingEmail: true,
      details: { communicationMethods: { primaryEmail: "old@example.com" } },
    });
    const { key, recipient } = await lastKey(uId);
    expect(recipient).toBe("new@example.com");
    const [stored] = await h.database.db
      .select()
      .from(pendingVerifications)
      .where(eq(pendingVerifications.contactId, uId));
    expect(stored!.keyHash).not.toContain(key);
    expect(stored!.keyHash).toMatch(/^[0-9a-f]{64}$/);

    const verify = (k: string) =>
      h.request(`/dfs/v1.0/contacts/${id}/communication-verification/verify`, {
        method: "POST",
        json: { channel: "Email", key: k },
      });
    const wrong = key === "000000" ? "111111" : "000000";
    await expectApiError(await verify(wrong), 422, "KeyNoMatch");
    expect((await verify(key)).status).toBe(204);
    const verified = await json<DetailsResponse>(await h.request(details(id)));
    expect(verified).toMatchObject({
      hasPendingEmail: false,
      details: { communicationMethods: { primaryEmail: "new@example.com" } },
    });
    expect(
      (await json<Record<string, unknown>>(await h.request(`${API}/contacts/${uId}`))).personalEmail,
    ).toBe("new@example.com");
    // Nothing pending any more: the used key no longer verifies.
    await expectApiError(await verify(key), 422);
  });

  it("expires a key after 5 failed tries or past its expiry; resend issues a new key; discontinue drops the value", async () => {
    const h = harness();
    const { id, uId } = await createDfsContact(h, {});
    const mobile = { details: { communicationMethods: { primaryPhoneNumber: "+41 79 555 00 11" } } };
    expect(await json(await h.request(details(id), { method: "PATCH", json: mobile }))).toMatchObject({
      hasPendingMobile: true,
    });
    const verify = (k: string) =>
      h.request(`/dfs/v1.0/contacts/${id}/communication-verification/verify`, {
        method: "POST",
        json: { channel: "Mobile", key: k },
      });
    const first = await lastKey(uId);
    const wrong = first.key === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) await expectApiError(await verify(wrong), 422, "KeyNoMatch");
    await expectApiError(await verify(first.key), 422, "KeyExpired");

    expect(
      (
        await h.request(`/dfs/v1.0/contacts/${id}/communication-verification/resend`, {
          method: "POST",
          json: { channel: "Mobile" },
        })
      ).status,
    ).toBe(204);
    const second = await lastKey(uId);
    expect(second.count).toBe(first.count + 1);
    await h.database.db
      .update(pendingVerifications)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(pendingVerifications.contactId, uId));
    await expectApiError(await verify(second.key), 422, "KeyExpired");

    await h.request(`/dfs/v1.0/contacts/${id}/communication-verification/resend`, {
      method: "POST",
      json: { channel: "Mobile" },
    });
    const third = await lastKey(uId);
    expect(
      (
        await h.request(`/dfs/v1.0/contacts/${id}/communication-verification/discontinue`, {
          method: "POST",
          json: { channel: "Mobile" },
        })
      ).status,
    ).toBe(204);
    await expectApiError(await verify(third.key), 422);
    const read = await json<DetailsResponse>(await h.request(details(id)));
    expect(read.hasPendingMobile).toBe(false);
    expect(read.details.communicationMethods).toBeUndefined();
    // Nothing pending: resend and discontinue are 422; a bad channel is 400.
    await expectApiError(
      await h.request(`/dfs/v1.0/contacts/${id}/communication-verification/resend`, {
        method: "POST",
        json: { channel: "Mobile" },
      }),
      422,
    );
    await expectApiError(
      await h.request(`/dfs/v1.0/contacts/${id}/communication-verification/discontinue`, {
        method: "POST",
        json: { channel: "Email" },
      }),
      422,
    );
    await expectApiError(
      await h.request(`/dfs/v1.0/contacts/${id}/communication-verification/verify`, {
        method: "POST",
        json: { channel: "Fax", key: "1" },
      }),
      400,
    );
  });
});

/** A minimal SMTP server (no TLS, no auth) that keeps what it receives: enough for nodemailer to deliver. */
async function smtpSink() {
  const mails: { to: string[]; data: string }[] = [];
  const server: Server = createServer((socket) => {
    let to: string[] = [];
    let data: string | null = null;
    let buffer = "";
    socket.write("220 sink ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (;;) {
        if (data !== null) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          mails.push({ to, data: data + buffer.slice(0, end) });
          buffer = buffer.slice(end + 5);
          data = null;
          to = [];
          socket.write("250 queued\r\n");
          continue;
        }
        const eol = buffer.indexOf("\r\n");
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250 sink\r\n");
        else if (verb === "RCPT") {
          to.push(/<([^>]*)>/.exec(line)?.[1] ?? "");
          socket.write("250 ok\r\n");
        } else if (verb === "DATA") {
          data = "";
          socket.write("354 go ahead\r\n");
        } else if (verb === "QUIT") {
          socket.end("221 bye\r\n");
          return;
        } else socket.write("250 ok\r\n");
      }
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  return { mails, url: `smtp://127.0.0.1:${port}`, close: () => server.close() };
}

describe("DFS verification keys by SMTP", () => {
  it("sends the key by SMTP when SWITCHBOARD_SMTP_URL is set and marks the outbox message sent", async () => {
    const h = harness();
    const sink = await smtpSink();
    process.env.SWITCHBOARD_SMTP_URL = sink.url;
    try {
      const { id, uId } = await createDfsContact(h, {});
      const change = { details: { communicationMethods: { primaryEmail: "smtp@example.com" } } };
      expect(await json(await h.request(details(id), { method: "PATCH", json: change }))).toMatchObject({
        hasPendingEmail: true,
      });
      const { key } = await lastKey(uId);
      expect(sink.mails).toHaveLength(1);
      expect(sink.mails[0]!.to).toEqual(["smtp@example.com"]);
      expect(sink.mails[0]!.data).toContain(key);
      const [message] = await h.database.db
        .select()
        .from(notificationOutbox)
        .where(eq(notificationOutbox.entityId, uId));
      expect(message!.sentAt).toBeInstanceOf(Date);
      expect(
        (
          await h.request(`/dfs/v1.0/contacts/${id}/communication-verification/verify`, {
            method: "POST",
            json: { channel: "Email", key },
          })
        ).status,
      ).toBe(204);
    } finally {
      delete process.env.SWITCHBOARD_SMTP_URL;
      sink.close();
    }
  });
});
