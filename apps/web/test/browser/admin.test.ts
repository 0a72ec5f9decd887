import { join } from "node:path";
import { ensureTenant } from "@switchboard/domain";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MEMBER, withWebServer } from "../server";
import { available, launchChromium, screenshots, signIn } from "./chromium";

/** Form controls with no accessible name: every input, select and textarea must have a label. */
const unlabelled = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement>("input, select, textarea")]
      .filter((el) => el.type !== "hidden")
      .filter(
        (el) => !(el.labels?.length || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby")),
      )
      .map((el) => el.outerHTML.slice(0, 120)),
  );

describe.skipIf(!available)("the admin pages in Chromium", () => {
  const server = withWebServer();
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, server().url);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("creates a role with permission checkboxes, refusing a duplicate name on the field", async () => {
    await page.getByRole("link", { name: "Roles" }).click();
    await page.getByRole("heading", { name: "Roles", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Create role" }).click();
    await expect.poll(() => page.locator("#role-name-error").textContent()).toBe("a name is required");

    await page.getByLabel("Role name").fill("Admin");
    await page.getByRole("button", { name: "Create role" }).click();
    await expect.poll(() => page.locator("#role-name-error").textContent()).toContain("already exists");

    await page.getByLabel("Role name").fill("Support agents");
    // Exact labels: "Contacts: view" is also the start of "Contacts: viewAll".
    await page.getByLabel("Contacts: view", { exact: true }).check();
    // Keyboard: the edit checkbox, next after add, is reached with Tab and ticked with Space.
    await page.getByLabel("Contacts: add", { exact: true }).focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space");
    expect(await page.getByLabel("Contacts: edit").isChecked()).toBe(true);
    await page.getByLabel("All Organizations permissions").check();
    expect(await page.getByLabel("Organizations: delete").isChecked()).toBe(true);
    await page.screenshot({ path: join(screenshots, "admin-role-form.png"), fullPage: true });
    await page.getByRole("button", { name: "Create role" }).click();
    const row = page.getByRole("row", { name: /Support agents/ });
    await row.getByText("9 permissions").waitFor();
    expect(await unlabelled(page)).toEqual([]);
  });

  it("adds a member with that role, who signs in and sees only what the role allows", async () => {
    await page.getByRole("link", { name: "Members" }).click();
    await page.getByRole("heading", { name: "Members", level: 1 }).waitFor();
    await page.getByLabel("Name", { exact: true }).fill("Grace Hopper");
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByLabel("Initial password").fill("short");
    await page.getByRole("button", { name: "Add member" }).click();
    await expect
      .poll(() => page.locator("#member-email-error").textContent())
      .toBe("must be an email address");
    expect(await page.locator("#member-password-error").textContent()).toBe("must be at least 10 characters");
    expect(await page.getByLabel("Email").getAttribute("aria-invalid")).toBe("true");
    await page.screenshot({ path: join(screenshots, "admin-member-errors.png"), fullPage: true });

    await page.getByLabel("Email").fill(MEMBER.email);
    await page.getByLabel("Initial password").fill("a long password");
    await page.getByRole("button", { name: "Add member" }).click();
    await expect.poll(() => page.locator("#member-email-error").textContent()).toBe("is already in use");

    await page.getByLabel("Email").fill("grace@example.com");
    await page.getByLabel("Support agents").check();
    await page.getByRole("button", { name: "Add member" }).click();
    await page.getByText("grace@example.com can now sign in").waitFor();
    const row = page.getByRole("row", { name: /Grace Hopper/ });
    await row.getByRole("cell", { name: "Support agents" }).waitFor();
    await page.screenshot({ path: join(screenshots, "admin-members.png"), fullPage: true });

    const graces = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(graces, server().url, { email: "grace@example.com", password: "a long password" });
    const nav = graces.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Organizations" }).waitFor();
    expect(await nav.getByRole("link", { name: "Members" }).count()).toBe(0);
    await graces.goto(`${server().url}/admin/members`);
    await graces.getByRole("alert").getByText("Missing permission admin:member:manage").waitFor();
    await graces.close();

    // Changing her roles to none; the role can then be deleted.
    await row.getByRole("button", { name: "Change roles of Grace Hopper" }).click();
    await row.getByLabel("Support agents").uncheck();
    await row.getByRole("button", { name: "Save roles" }).click();
    await row.getByText("none").waitFor();
    await page.getByRole("link", { name: "Roles" }).click();
    const role = page.getByRole("row", { name: /Support agents/ });
    await role.getByRole("cell", { name: "0", exact: true }).waitFor();
    await role.getByRole("button", { name: "Delete role Support agents" }).click();
    await expect.poll(() => role.count()).toBe(0);
    expect(
      await page
        .getByRole("row", { name: /Admin/ })
        .getByRole("button", { name: /Delete/ })
        .isDisabled(),
    ).toBe(true);
  });

  it("removes a member after a confirmation step", async () => {
    await page.getByRole("link", { name: "Members" }).click();
    const row = page.getByRole("row", { name: /Grace Hopper/ });
    await row.getByRole("button", { name: "Remove Grace Hopper" }).click();
    await row.getByRole("button", { name: "Confirm removal of Grace Hopper" }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect(
      await page
        .getByRole("row", { name: /Administrator/ })
        .getByRole("button", { name: /Remove/ })
        .count(),
    ).toBe(0);
  });

  it("creates, renames (keyboard only) and deletes a division; Home cannot be deleted", async () => {
    await page.getByRole("link", { name: "Divisions" }).click();
    await page.getByRole("heading", { name: "Divisions", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Create division" }).click();
    await expect.poll(() => page.locator("#division-name-error").textContent()).toBe("a name is required");
    await page.getByLabel("Division name").fill("EMEA");
    await page.keyboard.press("Enter");
    const row = page.getByRole("row", { name: /EMEA/ });
    await row.waitFor();

    await row.getByRole("button", { name: "Rename EMEA" }).focus();
    await page.keyboard.press("Enter");
    // Focus moved into the rename field.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toMatch(/^rename-/);
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("Europe");
    await page.keyboard.press("Enter");
    const renamed = page.getByRole("row", { name: /Europe/ });
    await renamed.waitFor();
    await page.screenshot({ path: join(screenshots, "admin-divisions.png"), fullPage: true });
    expect(await unlabelled(page)).toEqual([]);

    expect(await page.getByRole("button", { name: "Delete Home" }).isDisabled()).toBe(true);
    await renamed.getByRole("button", { name: "Delete Europe" }).click();
    await expect.poll(() => renamed.count()).toBe(0);
  });

  it("limits a role to a division", async () => {
    await page.getByRole("link", { name: "Divisions" }).click();
    await page.getByLabel("Division name").fill("Nordics");
    await page.getByRole("button", { name: "Create division" }).click();
    await page.getByRole("row", { name: /Nordics/ }).waitFor();

    await page.getByRole("link", { name: "Roles" }).click();
    await page.getByLabel("Role name").fill("Nordic agents");
    await page.getByLabel("Contacts: view", { exact: true }).check();
    await page.getByLabel("Only these divisions").check();
    await page.getByLabel("Division Nordics").check();
    await page.getByRole("button", { name: "Create role" }).click();
    const row = page.getByRole("row", { name: /Nordic agents/ });
    await row.getByRole("cell", { name: "Nordics", exact: true }).waitFor();
    expect(
      await page
        .getByRole("row", { name: /^Admin/ })
        .getByRole("cell", { name: "all" })
        .count(),
    ).toBe(1);

    await row.getByRole("button", { name: "Edit role Nordic agents" }).click();
    expect(await page.getByLabel("Division Nordics").isChecked()).toBe(true);
    await page.getByLabel("Every division").check();
    await page.getByRole("button", { name: "Save role" }).click();
    await row.getByRole("cell", { name: "all", exact: true }).waitFor();
    await page.screenshot({ path: join(screenshots, "admin-roles.png"), fullPage: true });
  });

  it("marks the current section in the navigation and offers a skip link to keyboard users", async () => {
    await page.goto(`${server().url}/admin/roles`);
    const nav = page.getByRole("navigation", { name: "Main" });
    expect(await nav.getByRole("link", { name: "Roles" }).getAttribute("aria-current")).toBe("page");
    expect(await nav.getByRole("link", { name: "Members" }).getAttribute("aria-current")).toBeNull();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
    await page.keyboard.press("Enter");
    // Following the link changes the URL's hash a moment after the key press (seen under CI load).
    await page.waitForURL((url) => url.hash === "#main");
  });

  it("changes the roles of an API client", async () => {
    await page.getByRole("link", { name: "API clients" }).click();
    await page.getByRole("heading", { name: "API clients" }).waitFor();
    await page.getByLabel("Name").fill("Partner feed");
    await page.getByRole("button", { name: "Create client" }).click();
    await page.getByTestId("client-secret").waitFor();
    const row = page.getByRole("row", { name: /Partner feed/ });
    await row.getByText("none").waitFor();
    await row.getByRole("button", { name: "Change roles" }).click();
    await row.getByLabel("Nordic agents").check();
    await row.getByRole("button", { name: "Save roles" }).click();
    await row.getByRole("cell", { name: "Nordic agents" }).waitFor();
    expect(await unlabelled(page)).toEqual([]);
  });

  // Last: afterwards the staff email and password are valid in two tenants.
  it("asks for the organization when the email and password are valid in two tenants (issue 19)", async () => {
    await ensureTenant(server().database.db, {
      slug: "sister-org",
      adminEmail: MEMBER.email,
      adminPassword: MEMBER.password,
    });
    const other = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await other.goto(`${server().url}/sign-in`);
    await other.getByLabel("Email").fill(MEMBER.email);
    await other.getByLabel("Password").fill(MEMBER.password);
    await other.getByRole("button", { name: "Sign in" }).click();
    await other.getByRole("alert").getByText("Enter the organization to sign in to.").waitFor();
    const organization = other.getByLabel("Organization");
    expect(await organization.getAttribute("aria-invalid")).toBe("true");
    expect(await other.getByLabel("Email").inputValue()).toBe(MEMBER.email);
    expect(await unlabelled(other)).toEqual([]);
    await other.screenshot({ path: join(screenshots, "sign-in-organization.png"), fullPage: true });

    await organization.fill("web");
    await other.getByLabel("Password").fill(MEMBER.password);
    await other.getByRole("button", { name: "Sign in" }).click();
    await other.getByRole("heading", { name: "Contacts" }).waitFor();
    await other.close();
  });
});
