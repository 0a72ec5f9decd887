import { join } from "node:path";
import { eq, members } from "@switchboard/db";
import {
  type Context,
  createContact,
  createOrganization,
  putProfileRole,
  systemActor,
} from "@switchboard/domain";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT, MEMBER, withWebServer } from "../server";
import { available, launchChromium, screenshots, signIn } from "./chromium";

/** Form controls with no accessible name. */
const unlabelled = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement>("input, select, textarea")]
      .filter((el) => el.type !== "hidden")
      .filter(
        (el) => !(el.labels?.length || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby")),
      )
      .map((el) => el.outerHTML.slice(0, 120)),
  );

/** A 1×1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

describe.skipIf(!available)(
  "enfore's roles, professional identities, tags, images and customer lists in Chromium",
  () => {
    const server = withWebServer();
    let browser: Browser;
    let page: Page;
    let ctx: Context;
    const seeded = {} as { personId: string; addressId: string; orgId: string; payerId: string };

    beforeAll(async () => {
      const db = server().database.db;
      const [admin] = await db.select().from(members).where(eq(members.email, MEMBER.email));
      ctx = { db, tenantId: admin!.tenantId, actor: systemActor("test seed") };
      const org = await createOrganization(ctx, { name: "Nordwind Handel" });
      const payer = await createOrganization(ctx, { name: "Payer AG" });
      await putProfileRole(ctx, { kind: "organization", id: payer.id }, "alternativePayer", {
        number: "AP-1",
        isActive: true,
        since: "2024-01-01",
      });
      const person = await createContact(ctx, {
        firstName: "Greta",
        lastName: "Buyer",
        phones: [
          {
            type: "cell",
            display: "+49 151 2345678",
            vendorType: "PERSONAL_MOBILE",
            usages: ["SMS"],
            usageContext: "PERSONAL",
          },
        ],
        addresses: [
          {
            type: "work",
            vendorType: "WAREHOUSE",
            address1: "Hafenstr. 1",
            city: "Hamburg",
            usages: ["SHIPPING"],
          },
        ],
      });
      Object.assign(seeded, {
        personId: person.id,
        addressId: person.addresses[0]!.id,
        orgId: org.id,
        payerId: payer.id,
      });
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      await signIn(page, server().url);
    });
    afterAll(async () => {
      await browser?.close();
    });

    it("shows each contact point's type, usages and usage context", async () => {
      await page.goto(`${server().url}/contacts/${seeded.personId}`);
      await page.getByRole("heading", { name: "Greta Buyer" }).waitFor();
      const points = page.getByRole("list", { name: "Contact points" });
      const mobile = points.getByRole("listitem").filter({ hasText: "+49 151 2345678" });
      await mobile.getByText("PERSONAL_MOBILE").waitFor();
      await mobile.getByText("SMS").waitFor();
      await mobile.getByText("PERSONAL", { exact: true }).waitFor();
      const warehouse = points.getByRole("listitem").filter({ hasText: "Hafenstr. 1" });
      await warehouse.getByText("WAREHOUSE").waitFor();
      await warehouse.getByText("SHIPPING").waitFor();
    });

    it("gives the contact a customer role and a professional identity in the page; both read back through the enfore API", async () => {
      // The customer role: number, credit limit, alternative payer and a delivery and invoicing configuration.
      await page.getByRole("button", { name: "Add customer role" }).click();
      const form = page.getByRole("form", { name: "Customer role" });
      await form.getByLabel("Customer number").fill("K-100");
      await form.getByLabel("Customer since").fill("2025-03-01");
      await form.getByLabel("Credit limit", { exact: true }).fill("2500");
      await form.getByLabel("Credit limit currency").selectOption("CHF");
      await form.getByLabel("Alternative payer", { exact: true }).selectOption({ label: "Payer AG (AP-1)" });
      await form.getByRole("button", { name: "Add configuration" }).click();
      await form.getByLabel("Configuration 1 brand").fill("north");
      await form.getByLabel("Configuration 1 invoice address").selectOption(seeded.addressId);
      await form.getByLabel("Configuration 1 delivery address").selectOption(seeded.addressId);
      await form.getByRole("button", { name: "Save customer role" }).click();
      const role = page.getByRole("region", { name: "Customer role" });
      await role.getByTestId("customer-number").filter({ hasText: "K-100" }).waitFor();
      expect(await role.getByTestId("customer-credit-limit").textContent()).toBe("2500.00 CHF");
      expect(await role.getByTestId("customer-alternative-payer").textContent()).toBe("Payer AG");
      await role.getByText("Brand north").waitFor();

      // A professional identity at an organization picked by name, then edited.
      await page.getByRole("button", { name: "Add professional identity" }).click();
      const add = page.getByRole("form", { name: "New professional identity" });
      await add.getByRole("searchbox", { name: "Organization" }).fill("Nordwind");
      await add
        .getByRole("list", { name: "Matching organizations" })
        .getByRole("button", { name: "Nordwind Handel" })
        .click();
      await add.getByLabel("Job title").fill("Purchaser");
      await add.getByRole("button", { name: "Save professional identity" }).click();
      const identities = page.getByRole("list", { name: "Professional identities" });
      await identities.getByText("Purchaser").waitFor();
      await identities.getByRole("button", { name: "Edit professional identity at Nordwind Handel" }).click();
      const edit = page.getByRole("form", { name: "Edit the professional identity at Nordwind Handel" });
      await edit.getByLabel("Job title").fill("Head of purchasing");
      await edit.getByLabel("Active since").fill("2025-04-01");
      await edit.getByRole("button", { name: "Save professional identity" }).click();
      await identities.getByText("Head of purchasing").waitFor();
      await identities.getByText("2025-04-01").waitFor();
      // The primary PI is the employer: the page's organization panel follows.
      await page
        .getByRole("complementary", { name: "Related records" })
        .getByRole("link", { name: "Nordwind Handel" })
        .waitFor();
      expect(await unlabelled(page)).toEqual([]);
      await page.screenshot({ path: join(screenshots, "contact-enfore.png"), fullPage: true });

      // Read back outside the web app, through the enfore API (an org-scoped token for the tenant's slug) ...
      const authorize = await fetch(`${server().url}/enfore/auth/authorize/web`, {
        headers: { authorization: `Basic ${btoa(`${CLIENT.clientId}:${CLIENT.clientSecret}`)}` },
      });
      expect(authorize.status).toBe(200);
      const { accessToken } = (await authorize.json()) as { accessToken: string };
      const enfore = async (path: string) => {
        const response = await fetch(`${server().url}/enfore/org/web/individual/${seeded.personId}${path}`, {
          headers: { authorization: `Bearer ${accessToken}` },
        });
        expect(response.status).toBe(200);
        return response.json();
      };
      expect(await enfore("/roles/customer")).toMatchObject({
        customer_id: "K-100",
        is_active: true,
        is_suspended: false,
        customer_since: "2025-03-01",
        credit_limit: { value: 2500, unit: "CHF" },
        alternative_payer: { id: seeded.payerId },
        delivery_and_invoicing_configurations: [
          {
            limitations: { brand_id: "north" },
            invoice_address_id: seeded.addressId,
            delivery_address_id: seeded.addressId,
          },
        ],
      });
      expect(await enfore("/professional-identities")).toMatchObject({
        items: [{ organization_contact: seeded.orgId, is_active: true, job_title: "Head of purchasing" }],
      });
      // ... and the primary PI as the Genesys contact's externalOrganization.
      const response = await fetch(
        `${server().url}/api/v2/externalcontacts/contacts/${seeded.personId}?expand=externalOrganization`,
        { headers: { authorization: `Bearer ${await server().token()}` } },
      );
      expect(response.status).toBe(200);
      const genesys = (await response.json()) as { externalOrganization?: { id: string; name: string } };
      expect(genesys.externalOrganization).toMatchObject({ id: seeded.orgId, name: "Nordwind Handel" });
    });

    it("tags the contact and uploads images, the newest the default; a file that is no image is refused", async () => {
      await page.getByLabel("Tag", { exact: true }).fill("VIP");
      await page.getByRole("button", { name: "Add tag" }).click();
      await page.getByRole("list", { name: "Tags" }).getByText("VIP").waitFor();

      const upload = page.getByLabel(/Upload an image/);
      await upload.setInputFiles({ name: "face.png", mimeType: "image/png", buffer: PNG });
      const images = page.getByRole("list", { name: "Images" });
      await images.getByRole("img", { name: "Image 1 (default)" }).waitFor();
      await upload.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
      await page.getByRole("alert").filter({ hasText: "notes.txt is not a JPEG or PNG image" }).waitFor();
      expect(await images.getByRole("listitem").count()).toBe(1);
      await images.getByRole("button", { name: "Remove image 1" }).click();
      await images.getByText("No images.").waitFor();
    });

    it("shows the organization's representatives from the professional identities at it", async () => {
      await page.goto(`${server().url}/organizations/${seeded.orgId}`);
      const representatives = page.getByRole("list", { name: "Representatives" });
      await representatives.getByRole("link", { name: "Greta Buyer" }).waitFor();
      await representatives.getByText("Head of purchasing").waitFor();
      await page.screenshot({ path: join(screenshots, "organization-enfore.png"), fullPage: true });
    });

    it("creates, renames and deletes a customer list and changes its members", async () => {
      await page.goto(`${server().url}/contacts`);
      await page
        .getByRole("navigation", { name: "Main" })
        .getByRole("link", { name: "Customer lists" })
        .click();
      await page.getByRole("heading", { name: "Customer lists" }).waitFor();
      await page.getByLabel("New list name").fill("Spring campaign");
      await page.getByRole("button", { name: "Create list" }).click();
      const lists = page.getByRole("list", { name: "Customer lists" });
      await lists.getByRole("link", { name: "Spring campaign" }).click();
      await page.getByRole("heading", { name: "Spring campaign" }).waitFor();

      await page.getByLabel("Search by name").fill("Greta");
      await page
        .getByRole("list", { name: "Matches" })
        .getByRole("button", { name: "Add Greta Buyer" })
        .click();
      await page.getByLabel("Add a").selectOption("organization");
      await page.getByLabel("Search by name").fill("Payer");
      await page.getByRole("list", { name: "Matches" }).getByRole("button", { name: "Add Payer AG" }).click();
      const listMembers = page.getByRole("list", { name: "Members" });
      await listMembers.getByRole("link", { name: "Payer AG" }).waitFor();
      await listMembers.getByRole("link", { name: "Greta Buyer" }).waitFor();
      expect(await unlabelled(page)).toEqual([]);
      await page.screenshot({ path: join(screenshots, "customer-list.png"), fullPage: true });
      await listMembers.getByRole("button", { name: "Remove Greta Buyer from the list" }).click();
      await listMembers.getByRole("link", { name: "Greta Buyer" }).waitFor({ state: "detached" });
      expect(await listMembers.getByRole("listitem").count()).toBe(1);

      await page.getByRole("link", { name: "Customer lists" }).first().click();
      await lists.getByRole("button", { name: "Rename Spring campaign" }).click();
      await page.getByLabel("Name of Spring campaign").fill("Autumn campaign");
      await page.getByRole("button", { name: "Save name" }).click();
      await lists.getByRole("link", { name: "Autumn campaign" }).waitFor();
      page.once("dialog", (dialog) => void dialog.accept());
      await lists.getByRole("button", { name: "Delete Autumn campaign" }).click();
      await lists.getByText("No customer lists yet.").waitFor();
    });
  },
);
