import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { eq, members } from "@switchboard/db";
import { createContact, searchContacts, systemActor } from "@switchboard/domain";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MEMBER, withWebServer } from "../server";
import { available, launchChromium, screenshots, signIn } from "./chromium";

// Headers as a spreadsheet exports them: the wizard suggests the contact fields from them.
const CSV = [
  "First Name,Surname,E-mail,Mobile,Notes",
  "Annie,Easley,annie@nasa.example,(216) 555-0101,first",
  "Grace,Hopper,grace@navy.example,,updates the existing contact",
  "Bad,Row,not-an-email,,invalid email",
  "Mae,Jemison,mae@nasa.example,+1 713 555 0199,",
].join("\n");

describe.skipIf(!available)("the CSV import wizard in Chromium", () => {
  // The worker runs the import job, as in production.
  const server = withWebServer({ worker: true });
  let browser: Browser;
  let page: Page;
  let ctx: Parameters<typeof searchContacts>[0];

  beforeAll(async () => {
    const db = server().database.db;
    const [admin] = await db.select().from(members).where(eq(members.email, MEMBER.email));
    ctx = { db, tenantId: admin!.tenantId, actor: systemActor("test") };
    await createContact(ctx, {
      firstName: "Grace",
      lastName: "Hopper",
      emails: [{ type: "work", address: "grace@navy.example" }],
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    await signIn(page, server().url);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("refuses a file that is not CSV at the upload step", async () => {
    await page.getByRole("link", { name: "Import" }).click();
    await page.getByRole("heading", { name: "Upload a CSV file" }).waitFor();
    // The limit the server applies (a million-row file is ~90 MB).
    await page.getByText(/up to 1 GB\./).waitFor();
    await page.getByLabel("CSV file").setInputFiles({
      name: "photo.png",
      mimeType: "image/png",
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
    });
    await page.getByRole("button", { name: "Upload" }).click();
    await expect.poll(() => page.locator("#import-file-error").textContent()).toContain("only CSV files");
  });

  it("uploads, suggests mappings, previews errors, runs with progress, and offers the error report", async () => {
    await page.getByLabel("CSV file").setInputFiles({
      name: "astronauts.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(CSV),
    });
    await page.getByRole("button", { name: "Upload" }).click();
    await page.getByRole("heading", { name: "Map columns" }).waitFor();
    await page.getByText("4 data rows").waitFor();
    // Suggested from the headers; "Notes" matches no contact field and is left out.
    await expect.poll(() => page.getByLabel("Field for column First Name").inputValue()).toBe("firstName");
    expect(await page.getByLabel("Field for column Surname").inputValue()).toBe("lastName");
    expect(await page.getByLabel("Field for column E-mail").inputValue()).toBe("workEmail");
    expect(await page.getByLabel("Field for column Mobile").inputValue()).toBe("cellPhone");
    expect(await page.getByLabel("Field for column Notes").inputValue()).toBe("");
    await page.screenshot({ path: join(screenshots, "import-map.png"), fullPage: true });

    // Mapping two columns to one field is refused before the preview.
    await page.getByLabel("Field for column Notes").selectOption("firstName");
    await page.getByRole("button", { name: "Preview" }).click();
    await page.getByRole("alert").getByText("firstName is mapped to more than one column").waitFor();
    await page.getByLabel("Field for column Notes").selectOption("");
    await page.getByRole("button", { name: "Preview" }).click();

    await page.getByRole("heading", { name: "Preview" }).waitFor();
    await page.getByText("1 of the first 4 rows have errors").waitFor();
    await page
      .getByRole("row", { name: /Bad/ })
      .getByText(/E-mail: /)
      .waitFor();
    await page.screenshot({ path: join(screenshots, "import-preview.png"), fullPage: true });

    await page.getByRole("button", { name: "Run import" }).click();
    await expect
      .poll(() => page.getByTestId("import-status").textContent(), { timeout: 30_000, interval: 250 })
      .toMatch(/Completed|Failed/);
    // A failed job says why; show it rather than only the status.
    const details = await page
      .getByTestId("import-details")
      .textContent({ timeout: 1000 })
      .catch(() => "");
    expect({ status: await page.getByTestId("import-status").textContent(), details }).toEqual({
      status: "Completed",
      details,
    });
    // Both phases complete: every row checked by the dry run, then every row imported (or refused).
    expect(
      await page.getByRole("progressbar", { name: "4 of 4 rows checked" }).getAttribute("aria-valuenow"),
    ).toBe("4");
    expect(
      await page.getByRole("progressbar", { name: "4 of 4 rows imported" }).getAttribute("aria-valuenow"),
    ).toBe("4");
    expect(await page.getByTestId("import-created").textContent()).toBe("2");
    expect(await page.getByTestId("import-updated").textContent()).toBe("1");
    expect(await page.getByTestId("import-failed").textContent()).toBe("1");
    await page.screenshot({ path: join(screenshots, "import-result.png"), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download error report" }).click(),
    ]);
    const report = await readFile((await download.path())!, "utf8");
    expect(report).toBe("row,field,message\n3,E-mail,must be a valid email address\n");

    const recent = page.getByRole("region", { name: "Recent imports" });
    const row = recent.getByRole("row", { name: /astronauts\.csv/ });
    await row.getByRole("cell", { name: "Completed" }).waitFor();
    expect(await row.getByRole("link", { name: /Error report/ }).getAttribute("href")).toMatch(
      /^\/imports\/[0-9a-f-]{36}\/errors$/,
    );

    const imported = await searchContacts(ctx, { q: "nasa.example" });
    expect(imported.entities.map((c) => c.lastName).sort()).toEqual(["Easley", "Jemison"]);
    expect(imported.entities.find((c) => c.lastName === "Easley")!.phones[0]!.e164).toBe("+12165550101");
    expect((await searchContacts(ctx, { q: "grace@navy.example" })).total).toBe(1);
  });
});
