import { join } from "node:path";
import { eq, members } from "@switchboard/db";
import {
  type Context,
  claimIdentifier,
  createContact,
  createExternalSource,
  createOrganization,
  createRelationship,
  linkTrustor,
  mergeContacts,
  systemActor,
} from "@switchboard/domain";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MEMBER, withWebServer } from "../server";
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

describe.skipIf(!available)("contact and organization pages in Chromium", () => {
  const server = withWebServer();
  let browser: Browser;
  let page: Page;
  const seeded = {} as {
    adminId: string;
    organizationId: string;
    contactId: string;
    otherId: string;
    mergedId: string;
    mergedFrom: string[];
  };

  beforeAll(async () => {
    // The records are made through the domain, as the API would; the pages under test only read and edit them.
    const db = server().database.db;
    const [admin] = await db.select().from(members).where(eq(members.email, MEMBER.email));
    const ctx: Context = { db, tenantId: admin!.tenantId, actor: systemActor("test seed") };
    seeded.adminId = admin!.id;
    const crm = await createExternalSource(ctx, {
      name: "CRM",
      uriTemplate: "https://crm.example/contacts/{{externalId.value}}",
    });
    const org = await createOrganization(ctx, { name: "Acme Rockets", industry: "Aerospace" });
    seeded.organizationId = org.id;
    await linkTrustor(ctx, org.id, "7c2a1f7e-3f2b-4b8e-9a51-5d0f6b1c2a10");
    await createRelationship(ctx, {
      organizationId: org.id,
      memberId: admin!.id,
      relationship: "Account manager",
    });
    const mary = await createContact(ctx, {
      firstName: "Mary",
      lastName: "Jackson",
      title: "Engineer",
      organizationId: org.id,
      emails: [{ type: "work", address: "mary@acme.example" }],
      externalIds: [{ sourceId: crm.id, value: "C 42" }],
    });
    seeded.contactId = mary.id;
    const other = await createContact(ctx, { firstName: "Other", lastName: "Holder" });
    seeded.otherId = other.id;
    await claimIdentifier(ctx, other.id, { type: "Cookie", value: "held-elsewhere" });
    const a = await createContact(ctx, { firstName: "Dup", lastName: "Alpha" });
    const b = await createContact(ctx, { firstName: "Dup", lastName: "Beta" });
    const merged = await mergeContacts(ctx, { contactIds: [a.id, b.id] });
    seeded.mergedId = merged.id;
    seeded.mergedFrom = [a.id, b.id];
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, server().url);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows the contact's organization with its relationships, external ids with links, and contact points", async () => {
    await page.goto(`${server().url}/contacts/${seeded.contactId}`);
    await page.getByRole("heading", { name: "Mary Jackson" }).waitFor();
    const related = page.getByRole("complementary", { name: "Related records" });
    expect(await related.getByRole("link", { name: "Acme Rockets" }).getAttribute("href")).toBe(
      `/organizations/${seeded.organizationId}`,
    );
    await related.getByRole("list", { name: "Relationships" }).getByText("Account manager").waitFor();
    const externalId = related.getByRole("list", { name: "External ids" }).getByRole("link");
    expect(await externalId.getAttribute("href")).toBe("https://crm.example/contacts/C%2042");
    expect(await externalId.textContent()).toContain("C 42");
    await related.getByText("mary@acme.example").waitFor();
    expect(await unlabelled(page)).toEqual([]);
  });

  it("claims and releases identifiers; one held by another contact is refused on the value field", async () => {
    const identifiers = page.getByRole("list", { name: "Identifiers" });
    await identifiers.getByText("No identifiers claimed.").waitFor();
    await page.getByLabel("Identifier type").selectOption("Email");
    await page.getByLabel("Identifier value").fill("Mary.Jackson@Acme.example");
    await page.getByRole("button", { name: "Claim" }).click();
    // Stored normalized (lower-cased), and the timeline records the claim.
    await identifiers.getByText("mary.jackson@acme.example").waitFor();
    await page.getByRole("cell", { name: "identifiers.Email" }).first().waitFor();

    await page.getByLabel("Identifier type").selectOption("Cookie");
    await page.getByLabel("Identifier value").fill("held-elsewhere");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.locator("#identifier-value-error").textContent())
      .toBe(`claimed by contact ${seeded.otherId}`);
    expect(await page.getByLabel("Identifier value").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByRole("link", { name: "Open the contact holding it" }).getAttribute("href")).toBe(
      `/contacts/${seeded.otherId}`,
    );
    await page.screenshot({ path: join(screenshots, "contact-page.png"), fullPage: true });

    await identifiers.getByRole("button", { name: "Release Email mary.jackson@acme.example" }).click();
    await identifiers.getByText("No identifiers claimed.").waitFor();
  });

  it("changes the contact's organization with the search picker, by keyboard", async () => {
    await page.goto(`${server().url}/contacts/${seeded.contactId}`);
    const related = page.getByRole("complementary", { name: "Related records" });
    expect(await page.getByTestId("picked-organization").textContent()).toBe("Acme Rockets");
    await page.getByRole("button", { name: "Remove organization" }).click();
    await page.getByRole("button", { name: "Save changes" }).click();
    await related.getByText("Not linked to an organization.").waitFor();

    await page.getByRole("searchbox", { name: "Organization" }).fill("acme");
    const choice = page.getByRole("list", { name: "Matching organizations" }).getByRole("button", {
      name: "Acme Rockets",
    });
    await choice.focus();
    await page.keyboard.press("Enter");
    expect(await page.getByTestId("picked-organization").textContent()).toBe("Acme Rockets");
    await page.getByRole("button", { name: "Save changes" }).click();
    await related.getByRole("link", { name: "Acme Rockets" }).waitFor();
    await page.getByRole("cell", { name: "organizationId" }).first().waitFor();
    // The timeline names the organization and the division rather than showing their ids.
    const history = page.getByRole("region", { name: "History" });
    await history.getByRole("cell", { name: "Acme Rockets" }).first().waitFor();
    await history.getByRole("cell", { name: "Home", exact: true }).first().waitFor();
  });

  it("shows merge history both ways: merged from, and merged into with reads resolving to the canonical contact", async () => {
    await page.goto(`${server().url}/contacts/${seeded.mergedId}`);
    const mergedFrom = page.getByRole("list", { name: "Merged from" });
    await mergedFrom.getByRole("link", { name: "Dup Alpha" }).waitFor();
    await mergedFrom.getByRole("link", { name: "Dup Beta" }).waitFor();
    await page.getByText("3 contacts in this merge set.").waitFor();
    await page.getByRole("cell", { name: "mergedFrom" }).waitFor();
    await page.screenshot({ path: join(screenshots, "contact-merge-history.png"), fullPage: true });

    // Opening a merged-away contact lands on the canonical one, saying so.
    await page.goto(`${server().url}/contacts/${seeded.mergedFrom[0]}`);
    await page.getByRole("status").getByText("was merged into this one").waitFor();
    await page.getByRole("link", { name: "See it as it was" }).click();
    // The merged contact took Alpha's name, so wait for the stored record's own marks, not the heading.
    await page.getByText("reads of this contact resolve there").waitFor();
    expect(new URL(page.url()).searchParams.get("unresolved")).toBe("1");
    await page.getByRole("heading", { name: "Dup Alpha" }).waitFor();
    const canonical = page.getByRole("region", { name: "Merge history" }).getByRole("link").first();
    expect(await canonical.getAttribute("href")).toBe(`/contacts/${seeded.mergedId}`);
    expect(await page.getByRole("button", { name: "Save changes" }).count()).toBe(0);
  });

  it("shows the organization's contacts and trustor; adds a note; adds and removes a relationship", async () => {
    await page.goto(`${server().url}/organizations/${seeded.organizationId}`);
    await page.getByRole("heading", { name: "Acme Rockets", level: 1 }).waitFor();
    await page
      .getByRole("region", { name: "Contacts (1)" })
      .getByRole("link", { name: "Mary Jackson" })
      .waitFor();
    await page
      .getByRole("region", { name: "Trustor" })
      .getByText("7c2a1f7e-3f2b-4b8e-9a51-5d0f6b1c2a10")
      .waitFor();
    await page.getByText("trustor linked").waitFor();
    expect(await page.getByRole("link", { name: "Open in the contact list" }).getAttribute("href")).toBe(
      `/contacts?org=${seeded.organizationId}`,
    );

    await page.getByLabel("Add a note").fill("Renewal due in March.");
    await page.getByRole("button", { name: "Add note" }).click();
    await page.getByRole("list", { name: "Notes" }).getByText("Renewal due in March.").waitFor();

    const relationships = page.getByRole("region", { name: "Relationships" });
    await relationships.getByLabel("Relationship", { exact: true }).fill("Executive sponsor");
    await relationships.getByRole("button", { name: "Add relationship" }).click();
    await expect
      .poll(() => page.locator("#relationship-member-error").textContent())
      .toBe("must be a user id");
    await relationships.getByLabel("Member").selectOption({ label: "Administrator" });
    await relationships.getByRole("button", { name: "Add relationship" }).click();
    const list = relationships.getByRole("list", { name: "Relationships" });
    await list.getByText("Executive sponsor").waitFor();
    expect(await unlabelled(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, "organization-page.png"), fullPage: true });

    await list.getByRole("button", { name: "Remove Administrator as Executive sponsor" }).click();
    await expect.poll(() => list.getByText("Executive sponsor").count()).toBe(0);
    await list.getByText("Account manager").waitFor();
  });

  it("takes a screenshot of every main page, each with labelled controls", async () => {
    const pages = [
      "/contacts",
      "/organizations",
      "/contacts/new",
      "/organizations/new",
      "/admin/api-clients",
      "/admin/schemas",
      "/admin/members",
      "/admin/roles",
      "/admin/divisions",
      "/imports",
    ];
    for (const path of pages) {
      await page.goto(`${server().url}${path}`);
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      await page.screenshot({
        path: join(screenshots, `page${path.replaceAll("/", "-")}.png`),
        fullPage: true,
      });
      expect({ path, unlabelled: await unlabelled(page) }).toEqual({ path, unlabelled: [] });
    }
    // Pages other work owns: screenshots only.
    for (const path of ["/duplicates", "/exports"]) {
      const response = await page.goto(`${server().url}${path}`);
      if (!response?.ok()) continue;
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      await page.screenshot({
        path: join(screenshots, `page${path.replaceAll("/", "-")}.png`),
        fullPage: true,
      });
    }
  });
});
