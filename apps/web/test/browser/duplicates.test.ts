import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MEMBER, withWebServer } from "../server";
import { available, launchChromium, screenshots } from "./chromium";

describe.skipIf(!available)("the contact list and merging duplicates in Chromium", () => {
  const server = withWebServer();
  let browser: Browser;
  let page: Page;
  const ids: Record<string, string> = {};

  /** Seeds a contact through the Genesys API, as an integration would. */
  async function seed(name: string, body: Record<string, unknown>) {
    const response = await fetch(`${server().url}/api/v2/externalcontacts/contacts`, {
      method: "POST",
      headers: { authorization: `Bearer ${await server().token()}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    ids[name] = ((await response.json()) as { id: string }).id;
  }

  const table = () => page.getByTestId("contact-table");
  const rowNames = () =>
    table()
      .locator("tbody tr td:first-child a")
      .evaluateAll((links) => links.map((a) => a.textContent));

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    // Two records of one person (same work email in another case), and two others.
    await seed("katherine", {
      firstName: "Katherine",
      lastName: "Johnson",
      title: "Mathematician",
      workEmail: "kjohnson@nasa.example",
    });
    await seed("kat", {
      firstName: "Kat",
      lastName: "Johnson",
      title: "Research mathematician",
      workEmail: "KJohnson@NASA.example",
      cellPhone: { display: "+1 757 555 0100" },
    });
    await seed("mary", { firstName: "Mary", lastName: "Jackson", title: "Engineer" });
    await seed("christine", {
      firstName: "Christine",
      lastName: "Darden",
      personalEmail: "christine@nasa.example",
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("filters and sorts the list in the URL, and saves the view", async () => {
    await page.goto(`${server().url}/sign-in`);
    await page.getByLabel("Email").fill(MEMBER.email);
    await page.getByLabel("Password").fill(MEMBER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Contacts" }).waitFor();
    await page.getByText("4 contacts").waitFor();
    // Default order: last name, then first name.
    expect(await rowNames()).toEqual([
      "Christine Darden",
      "Mary Jackson",
      "Kat Johnson",
      "Katherine Johnson",
    ]);

    await page.getByRole("button", { name: "First name" }).click();
    await expect
      .poll(rowNames)
      .toEqual(["Christine Darden", "Kat Johnson", "Katherine Johnson", "Mary Jackson"]);
    await page.getByRole("button", { name: "First name" }).click();
    await expect
      .poll(rowNames)
      .toEqual(["Mary Jackson", "Katherine Johnson", "Kat Johnson", "Christine Darden"]);
    expect(await page.getByRole("columnheader", { name: "First name" }).getAttribute("aria-sort")).toBe(
      "descending",
    );

    await page.getByLabel("Email", { exact: true }).selectOption("yes");
    await expect.poll(rowNames).toEqual(["Katherine Johnson", "Kat Johnson", "Christine Darden"]);
    await page.getByLabel("Phone", { exact: true }).selectOption("no");
    await expect.poll(rowNames).toEqual(["Katherine Johnson", "Christine Darden"]);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({
      email: "yes",
      phone: "no",
      sort: "firstName",
      dir: "desc",
    });

    await page.getByRole("button", { name: "Save view" }).click();
    await page.getByLabel("View name").fill("Email, no phone");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.screenshot({ path: join(screenshots, "contacts-list-filtered.png") });

    // The view is a link: opening it elsewhere restores search, filters and sort.
    await page.goto(`${server().url}/contacts?q=johnson`);
    await expect.poll(rowNames).toEqual(["Kat Johnson", "Katherine Johnson"]);
    await page.getByRole("link", { name: "Email, no phone" }).click();
    await expect.poll(rowNames).toEqual(["Katherine Johnson", "Christine Darden"]);
    expect(await page.getByLabel("Email", { exact: true }).inputValue()).toBe("yes");

    // Back undoes a filter change.
    await page.getByLabel("Type").selectOption("Ephemeral");
    await page.getByText("No contacts found.").waitFor();
    await page.goBack();
    await expect.poll(rowNames).toEqual(["Katherine Johnson", "Christine Darden"]);

    // Sorting by keyboard: the headers are buttons (a contact without a title sorts last, first when descending).
    const title = page.getByRole("columnheader", { name: "Title" });
    await page.getByRole("button", { name: "Title" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => title.getAttribute("aria-sort")).toBe("ascending");
    expect(await rowNames()).toEqual(["Katherine Johnson", "Christine Darden"]);
    await page.keyboard.press("Enter");
    await expect.poll(() => title.getAttribute("aria-sort")).toBe("descending");
    await expect.poll(rowNames).toEqual(["Christine Darden", "Katherine Johnson"]);
  });

  it("merges two duplicates through the merge screen with picked values", async () => {
    await page.getByRole("link", { name: "Duplicates" }).click();
    await page.getByRole("heading", { name: "Duplicates" }).waitFor();
    const groups = page.getByRole("list", { name: "Duplicate groups" }).getByRole("listitem");
    const group = groups.filter({ hasText: "Same email kjohnson@nasa.example" });
    await group.waitFor();
    expect(await group.getByRole("checkbox").count()).toBe(2);
    await page.screenshot({ path: join(screenshots, "duplicates.png"), fullPage: true });
    await group.getByRole("button", { name: "Compare and merge" }).click();

    await page.getByRole("heading", { name: "Merge contacts" }).waitFor();
    // Defaults follow the first contact; pick the other's title and phone, keep Katherine's first name.
    await page.getByRole("radio", { name: "First name: Katherine", exact: true }).check();
    await page.getByRole("radio", { name: "Title: Research mathematician", exact: true }).check();
    await page.getByRole("radio", { name: "Work email: kjohnson@nasa.example", exact: true }).check();
    // Only Kat has a cell phone: it is picked by default, and the other column offers "(empty)".
    const cell = page.getByRole("radio", { name: /^Cell phone: \+1 757/ });
    expect(await cell.isChecked()).toBe(true);
    expect(await page.getByRole("radio", { name: "Cell phone: (empty)" }).count()).toBe(1);
    await page.screenshot({ path: join(screenshots, "merge-screen.png"), fullPage: true });
    await page.getByRole("button", { name: "Merge 2 contacts" }).click();

    await page.getByRole("heading", { name: "Merged 2 contacts into Katherine Johnson" }).waitFor();
    const survivor = page.getByRole("definition");
    expect(await survivor.allTextContents()).toEqual(
      expect.arrayContaining(["Katherine", "Johnson", "Research mathematician"]),
    );
    const href = await page.getByRole("link", { name: "Open Katherine Johnson" }).getAttribute("href");
    const survivorId = href!.split("/").pop()!;
    expect(survivorId).not.toBe(ids.katherine);
    expect(survivorId).not.toBe(ids.kat);
    await page.screenshot({ path: join(screenshots, "merge-survivor.png"), fullPage: true });

    // The survivor holds the picked values (read back through the Genesys API)...
    const read = await fetch(`${server().url}/api/v2/externalcontacts/contacts/${survivorId}`, {
      headers: { authorization: `Bearer ${await server().token()}` },
    });
    expect(await read.json()).toMatchObject({
      firstName: "Katherine",
      lastName: "Johnson",
      title: "Research mathematician",
      workEmail: "kjohnson@nasa.example",
      cellPhone: { e164: "+17575550100" },
    });
    // ...and search finds only it, not the merged records.
    await page.goto(`${server().url}/contacts?q=johnson`);
    await page.getByText("1 contact matching").waitFor();
    expect(await rowNames()).toEqual(["Katherine Johnson"]);
    expect(await table().getByRole("link", { name: "Katherine Johnson" }).getAttribute("href")).toBe(
      `/contacts/${survivorId}`,
    );
    await page.screenshot({ path: join(screenshots, "contacts-list.png") });

    // The pair is no longer suggested.
    await page.goto(`${server().url}/duplicates`);
    await page.getByRole("heading", { name: "Duplicates" }).waitFor();
    expect(await page.getByText("Same email kjohnson@nasa.example").count()).toBe(0);
  });
});
