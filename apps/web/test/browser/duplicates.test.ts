import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withWebServer } from "../server";
import { available, launchChromium, screenshots, signIn } from "./chromium";

describe.skipIf(!available)("the contact list and merging duplicates in Chromium", () => {
  const server = withWebServer();
  let browser: Browser;
  let page: Page;
  const ids: Record<string, string> = {};

  /** Posts to the Genesys API, as an integration would; answers the created record's id. */
  async function post(path: string, body: Record<string, unknown>) {
    const response = await fetch(`${server().url}/api/v2/externalcontacts/${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${await server().token()}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { id: string }).id;
  }
  /** Seeds a contact through the Genesys API. */
  async function seed(name: string, body: Record<string, unknown>) {
    ids[name] = await post("contacts", body);
  }
  const text = (title: string) => ({ allOf: [{ $ref: "#/definitions/text" }], title, maxLength: 50 });

  const table = () => page.getByTestId("contact-table");
  const rowNames = () =>
    table()
      .locator("tbody tr td:first-child a")
      .evaluateAll((links) => links.map((a) => a.textContent));

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    // Two records of one person (same work email in another case, each with an address and custom
    // fields), and two others.
    const schema = {
      id: await post("contacts/schemas", {
        name: "Missions",
        jsonSchema: { type: "object", properties: { program: text("Program"), center: text("Center") } },
      }),
      version: 1,
    };
    await seed("katherine", {
      firstName: "Katherine",
      lastName: "Johnson",
      title: "Mathematician",
      workEmail: "kjohnson@nasa.example",
      address: { address1: "1 Langley Blvd", city: "Hampton", state: "VA", postalCode: "23681" },
      schema,
      customFields: { program: "Mercury" },
    });
    await seed("kat", {
      firstName: "Kat",
      lastName: "Johnson",
      title: "Research mathematician",
      workEmail: "KJohnson@NASA.example",
      cellPhone: { display: "+1 757 555 0100" },
      address: { address1: "2 Mercury Ave", city: "Newport News", state: "VA" },
      schema,
      customFields: { program: "Apollo", center: "Langley" },
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
    await signIn(page, server().url);
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
    // The custom field and the addresses of the contact in the second column (the defaults are the first's).
    const second = (await page.getByRole("columnheader").nth(2).textContent()) ?? "";
    const picked = second.includes("Katherine")
      ? { program: "Mercury", address: "1 Langley Blvd, Hampton, VA, 23681" }
      : { program: "Apollo", address: "2 Mercury Ave, Newport News, VA" };
    const program = page.getByRole("radio", { name: `Program: ${picked.program}`, exact: true });
    expect(await program.isChecked()).toBe(false);
    await program.check();
    const address = page.getByRole("radio", { name: `Addresses: Home: ${picked.address}`, exact: true });
    expect(await address.isChecked()).toBe(false);
    // By keyboard: focus the radio and select it with the space bar.
    await address.focus();
    await page.keyboard.press("Space");
    expect(await address.isChecked()).toBe(true);
    // Only Kat has a center: hers is kept.
    expect(await page.getByRole("radio", { name: "Center: Langley", exact: true }).isChecked()).toBe(true);
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
      customFields: { program: picked.program, center: "Langley" },
      address: { address1: picked.address.split(",")[0] },
    });
    // ...and its page shows them: the picked address and the custom fields in the form.
    await page.goto(`${server().url}/contacts/${survivorId}`);
    await page.getByRole("heading", { name: "Katherine Johnson" }).waitFor();
    const points = page.getByRole("region", { name: "Phones, emails and addresses" });
    await points.getByText(picked.address, { exact: true }).waitFor();
    expect(await points.getByText(/Langley Blvd|Mercury Ave/).count()).toBe(1);
    await expect.poll(() => page.getByLabel("Program").inputValue()).toBe(picked.program);
    expect(await page.getByLabel("Center").inputValue()).toBe("Langley");
    await page.screenshot({ path: join(screenshots, "merge-survivor-page.png"), fullPage: true });
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
  it("marks a group as not duplicates, undoes it right away, and from the list", async () => {
    // Two different people who share an office phone.
    await seed("vaughan", {
      firstName: "Dorothy",
      lastName: "Vaughan",
      workPhone: { display: "+1 757 555 0123" },
    });
    await seed("hoover", {
      firstName: "Dorothy",
      lastName: "Hoover",
      workPhone: { display: "+17575550123" },
    });
    await page.goto(`${server().url}/duplicates`);
    await page.getByRole("heading", { name: "Duplicates" }).waitFor();
    const groups = page.getByRole("list", { name: "Duplicate groups" }).getByRole("listitem");
    const group = groups.filter({ hasText: "Same phone +17575550123" });
    await group.waitFor();
    const dismissed = page.getByRole("table", { name: "Marked as not duplicates" });
    expect(await dismissed.count()).toBe(0);

    // By keyboard: the button is focusable and Enter presses it; focus then lands on Undo.
    await group.getByRole("button", { name: "Not duplicates" }).focus();
    await page.keyboard.press("Enter");
    await page
      .getByRole("status")
      .filter({
        hasText: /^Marked Dorothy (Vaughan|Hoover) and Dorothy (Hoover|Vaughan) as not duplicates\.$/,
      })
      .waitFor();
    await expect.poll(() => group.count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Undo");
    await dismissed.waitFor();
    expect(await dismissed.getByRole("row").filter({ hasText: "Dorothy Vaughan" }).count()).toBe(1);
    await page.screenshot({ path: join(screenshots, "duplicates-dismissed.png"), fullPage: true });

    // Undo right after: the group is suggested again, and nothing is marked.
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "are suggested again." }).waitFor();
    await group.waitFor();
    await expect.poll(() => dismissed.count()).toBe(0);

    // Dismissed again, it stays dismissed after a reload; the list's Undo brings it back.
    await group.getByRole("button", { name: "Not duplicates" }).click();
    await expect.poll(() => group.count()).toBe(0);
    await page.reload();
    await page.getByRole("heading", { name: "Duplicates" }).waitFor();
    await dismissed.waitFor();
    expect(await group.count()).toBe(0);
    const row = dismissed.getByRole("row").filter({ hasText: "Dorothy Hoover" });
    expect(await row.getByRole("link").allTextContents()).toEqual(
      expect.arrayContaining(["Dorothy Vaughan", "Dorothy Hoover"]),
    );
    await row.getByRole("button", { name: /^Undo: suggest Dorothy/ }).click();
    await group.waitFor();
    expect(await page.getByText("No contacts are marked as not duplicates.").count()).toBe(0);
    await page.getByRole("status").filter({ hasText: "are suggested again when they look alike." }).waitFor();

    // The contact's history records both.
    await page.goto(`${server().url}/contacts/${ids.vaughan}`);
    const history = page.getByRole("region", { name: "History" });
    await history.getByText("undismiss", { exact: true }).first().waitFor();
    expect(await history.getByText("dismiss", { exact: true }).count()).toBe(2);
    // The other contact is named, not shown as an id.
    expect(await history.getByRole("cell", { name: "Dorothy Hoover", exact: true }).count()).toBe(4);
  });
});
