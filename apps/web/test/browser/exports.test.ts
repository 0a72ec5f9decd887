import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { divisions } from "@switchboard/db";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withWebServer } from "../server";
import { available, launchChromium, screenshots, signIn } from "./chromium";

const API = "/api/v2/externalcontacts";

describe.skipIf(!available)("the exports page in Chromium", () => {
  const server = withWebServer({ worker: true });
  let browser: Browser;
  let page: Page;
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${server().url}${API}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${await server().token()}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { id: string };
  };

  beforeAll(async () => {
    browser = await launchChromium();
    // Downloads are kept so the test can read the file the link delivered.
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("starts a contacts export, follows it to Ready without a reload, and downloads the CSV", async () => {
    const ada = await post("/contacts", { firstName: "Ada", lastName: "Lovelace" });
    await signIn(page, server().url);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Exports" }).click();
    await page.getByRole("heading", { name: "Exports" }).waitFor();
    await page.getByText("No exports yet.").waitFor();
    await page.getByLabel("What to export").selectOption("contacts");
    await page.getByRole("button", { name: "Start export" }).click();

    const rows = page.getByRole("table", { name: "Exports" }).locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(1);
    // The worker finishes it; the list polls while it runs, so Ready shows up on the same page.
    await rows.first().getByRole("status").getByText("Ready").waitFor({ timeout: 30_000 });
    await expect.poll(() => rows.first().locator("td").nth(3).textContent()).toBe("1");
    await page.screenshot({ path: join(screenshots, "exports.png") });

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      rows
        .first()
        .getByRole("link", { name: /Download CSV/ })
        .click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^contacts-export-.+\.csv$/);
    const csv = await readFile((await download.path())!, "utf8");
    const [header, row] = csv.trimEnd().split("\n");
    expect(header?.startsWith("id,firstName,middleName,lastName")).toBe(true);
    expect(row?.startsWith(`${ada.id},Ada,,Lovelace`)).toBe(true);
  });

  it("exports organizations of one division only", async () => {
    const [sales] = await server()
      .database.db.insert(divisions)
      .values({ tenantId: (await server().database.db.select().from(divisions))[0]!.tenantId, name: "Sales" })
      .returning();
    const inSales = await post("/organizations", { name: "Sales Org", division: { id: sales!.id } });
    await post("/organizations", { name: "Home Org" });

    await page.reload();
    await page.getByLabel("What to export").selectOption("organizations");
    await page.getByLabel("Division").selectOption({ label: "Sales" });
    await page.getByRole("button", { name: "Start export" }).click();
    const rows = page.getByRole("table", { name: "Exports" }).locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(2);
    const newest = rows.first();
    await expect.poll(() => newest.locator("td").first().textContent()).toBe("Organizations");
    await expect.poll(() => newest.locator("td").nth(1).textContent()).toBe("Sales");
    await newest.getByRole("status").getByText("Ready").waitFor({ timeout: 30_000 });

    // The download link also answers a plain request carrying the session cookie, and nothing without it.
    const href = await newest.getByRole("link", { name: /Download CSV/ }).getAttribute("href");
    const anonymous = await fetch(`${server().url}${href}`);
    expect(anonymous.status).toBe(401);
    const cookie = await server().signIn();
    const csv = await (await fetch(`${server().url}${href}`, { headers: { cookie } })).text();
    const [, ...lines] = csv.trimEnd().split("\n");
    expect(lines.map((l) => l.split(",")[0])).toEqual([inSales.id]);
  });
});
