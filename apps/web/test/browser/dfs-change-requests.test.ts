import { join } from "node:path";
import { eq, members } from "@switchboard/db";
import { addMember, type Context, listRoles, systemActor } from "@switchboard/domain";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MEMBER, withWebServer } from "../server";
import { available, launchChromium, screenshots, signIn } from "./chromium";

const BOB = { email: "bob@example.com", password: "bob's long password" };

describe.skipIf(!available)(
  "DFS change requests, the outbox, details form and schema flags in Chromium",
  () => {
    const server = withWebServer();
    let browser: Browser;
    let ctx: Context;
    const dfs = async (path: string, init: { method?: string; token?: string; json?: unknown } = {}) => {
      const response = await fetch(`${server().url}/dfs${path}`, {
        method: init.method ?? "GET",
        headers: {
          authorization: `Bearer ${init.token ?? (await server().token())}`,
          ...(init.json === undefined ? {} : { "content-type": "application/json" }),
        },
        body: init.json === undefined ? undefined : JSON.stringify(init.json),
      });
      const text = await response.text();
      expect(response.status, text).toBe(200);
      return text ? JSON.parse(text) : null;
    };
    /** A page signed in as `credentials`, in its own browser context (its own cookies). */
    const signedIn = async (credentials: { email: string; password: string }): Promise<Page> => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      await signIn(page, server().url, credentials);
      return page;
    };

    beforeAll(async () => {
      const db = server().database.db;
      const [admin] = await db.select().from(members).where(eq(members.email, MEMBER.email));
      ctx = { db, tenantId: admin!.tenantId, actor: systemActor("test seed") };
      const role = (await listRoles(ctx)).find((r) => r.permissions.includes("*"))!;
      await addMember(ctx, { ...BOB, name: "Bob Initiator", roleIds: [role.id] });
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it("a member's DFS edit waits in the review queue, its initiator cannot approve it, another member approves it in the web app and the DFS API reads the new value", async () => {
      // A contact created by an app through DFS.
      const contact = (await dfs("/v1.0/contacts", {
        method: "POST",
        json: {
          contactTypeId: 1,
          details: { personalInformation: { firstName: "Anna", lastName: "Smith" } },
        },
      })) as { id: number; uId: string };

      // Bob, a member, changes the last name (approval required) through the DFS API with his own token.
      const grant = await fetch(`${server().url}/oauth/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "password", username: BOB.email, password: BOB.password }),
      });
      expect(grant.status).toBe(200);
      const bobToken = ((await grant.json()) as { access_token: string }).access_token;
      expect(
        await dfs(`/v1.0/contacts/${contact.id}/details`, {
          method: "PATCH",
          token: bobToken,
          json: { details: { personalInformation: { lastName: "Jones" } }, comment: "married" },
        }),
      ).toMatchObject({ isApprovalRequired: true });
      const check = await dfs(`/v1.0/contacts/${contact.id}/pending-change-request/check`);
      expect(check.hasPendingChangeRequest).toBe(true);
      const number = check.changeRequest.id as number;

      // Bob sees his own request in the queue, with Approve and Reject disabled and the reason why.
      const bob = await signedIn(BOB);
      await bob
        .getByRole("navigation", { name: "Main" })
        .getByRole("link", { name: "Change requests" })
        .click();
      await bob.getByRole("heading", { name: "Change requests" }).waitFor();
      const own = bob.getByRole("listitem", { name: `Change request ${number}` });
      await own.getByText("You initiated this change request: another member must review it.").waitFor();
      expect(await own.getByRole("button", { name: "Approve" }).isDisabled()).toBe(true);
      expect(await own.getByRole("button", { name: "Reject" }).isDisabled()).toBe(true);
      await bob.context().close();

      // The staff member reviews it: old → new per field, then approves with a comment.
      const page = await signedIn(MEMBER);
      await page
        .getByRole("navigation", { name: "Main" })
        .getByRole("link", { name: "Change requests" })
        .click();
      const request = page.getByRole("listitem", { name: `Change request ${number}` });
      await request.getByText("by Bob Initiator").waitFor();
      await request.getByText("Comment: married").waitFor();
      const row = request.getByRole("row").filter({ hasText: "personalInformation.lastName" });
      expect((await row.getByRole("cell").allTextContents()).map((t) => t.trim())).toEqual([
        "Last namepersonalInformation.lastName",
        "Smith",
        "→ Jones",
        "yes",
      ]);
      await page.screenshot({ path: join(screenshots, "dfs-change-requests.png"), fullPage: true });
      await request.getByLabel("Review comment").fill("certificate seen");
      await request.getByRole("button", { name: "Approve" }).click();
      await page
        .getByRole("status")
        .filter({ hasText: `Change request ${number} approved.` })
        .waitFor();
      await page.getByText("Nothing waits for review.").waitFor();

      // The DFS API reads the new value, and the request as approved by the staff member with the comment.
      const read = await dfs(`/v1.0/contacts/${contact.id}/details`);
      expect(read).toMatchObject({
        hasPendingChangeRequest: false,
        details: { personalInformation: { firstName: "Anna", lastName: "Jones" } },
      });
      expect(await dfs(`/v1.0/contacts/${contact.id}/change-requests/${number}`)).toMatchObject({
        status: { id: 2 },
        reviewComment: "certificate seen",
        initiatorMember: { name: "Bob Initiator" },
      });

      // The contact page shows the DFS details as a form from the schema, with the approved value.
      await page.goto(`${server().url}/contacts/${contact.uId}`);
      await page.getByRole("button", { name: "Show the DFS details" }).click();
      const form = page.getByRole("form", { name: "DFS details" });
      await form.getByRole("group", { name: "Personal information" }).waitFor();
      expect(await form.getByLabel("Last name").inputValue()).toBe("Jones");
      await form.getByText("(needs approval)").first().waitFor();
      // Its history shows the approved change under its initiator, with who approved it.
      await page
        .getByText(/by Bob Initiator on .* UTC, approved by /)
        .first()
        .waitFor();
      await page.context().close();
    });

    it("a staff member's e-mail change in the contact page's DFS form sends a key that the outbox lists", async () => {
      const contact = (await dfs("/v1.0/contacts", {
        method: "POST",
        json: {
          contactTypeId: 1,
          details: { personalInformation: { firstName: "Vera", lastName: "Verify" } },
        },
      })) as { id: number; uId: string };
      const page = await signedIn(MEMBER);
      await page.goto(`${server().url}/contacts/${contact.uId}`);
      await page.getByRole("button", { name: "Show the DFS details" }).click();
      const form = page.getByRole("form", { name: "DFS details" });
      await form.getByLabel("E-mail").fill("vera@example.com");
      await form.getByRole("button", { name: "Save DFS details" }).click();
      await form
        .getByRole("status")
        .filter({ hasText: "The new e-mail address waits for verification." })
        .waitFor();

      await page
        .getByRole("navigation", { name: "Main" })
        .getByRole("link", { name: "Verification outbox" })
        .click();
      await page.getByRole("heading", { name: "Verification outbox" }).waitFor();
      const message = page.getByRole("row").filter({ hasText: "vera@example.com" });
      expect((await message.getByRole("cell").nth(1).textContent())?.trim()).toBe("E-mail");
      expect((await message.getByRole("cell").nth(3).textContent())?.trim()).toBe("In the outbox (not sent)");
      await message.getByText(/Your verification key: \S+/).waitFor();
      expect((await dfs(`/v1.0/contacts/${contact.id}/details`)).hasPendingEmail).toBe(true);
      await page.context().close();
    });

    it("toggles a field's approval flag in the schema editor; a second save from a stale version is refused", async () => {
      const page = await signedIn(MEMBER);
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "DFS schemas" }).click();
      const contactSchema = page.getByRole("region", { name: "Contact", exact: true });
      const flag = contactSchema.getByRole("checkbox", { name: "Needs approval: personalInformation.title" });
      expect(await flag.isChecked()).toBe(false);
      await flag.check();
      await contactSchema.getByRole("button", { name: "Save contact flags" }).click();
      await contactSchema
        .getByRole("status")
        .filter({ hasText: /Saved as version \d+\./ })
        .waitFor();
      const schema = await dfs("/v1.0/schemas/contact");
      const fields = JSON.parse(schema.schema).fields as { key: string; isApprovalRequired: boolean }[];
      expect(fields.find((f) => f.key === "personalInformation.title")?.isApprovalRequired).toBe(true);

      // Someone saves from another tab; this editor's token is stale now.
      const other = await signedIn(MEMBER);
      await other.goto(`${server().url}/admin/dfs-schemas`);
      const otherSchema = other.getByRole("region", { name: "Contact", exact: true });
      await otherSchema.getByRole("checkbox", { name: "Exportable: preferences.language" }).check();
      await otherSchema.getByRole("button", { name: "Save contact flags" }).click();
      await otherSchema.getByRole("status").waitFor();
      await other.context().close();
      await flag.uncheck();
      await contactSchema.getByRole("button", { name: "Save contact flags" }).click();
      await contactSchema.getByRole("alert").filter({ hasText: "changed since it was read" }).waitFor();
      await page.context().close();
    });
  },
);
