import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MEMBER, withWebServer } from "../server";
import { available, launchChromium, screenshots } from "./chromium";

describe.skipIf(!available)("the web app in Chromium", () => {
  const server = withWebServer({ worker: true });
  let browser: Browser;
  let page: Page;
  let contactId: string;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("refuses a wrong password, then signs in", async () => {
    await page.goto(`${server().url}/contacts`);
    await expect.poll(() => new URL(page.url()).pathname).toBe("/sign-in");
    await page.getByLabel("Email").fill(MEMBER.email);
    await page.getByLabel("Password").fill("wrong password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("That email and password do not match.").waitFor();
    await page.getByLabel("Password").fill(MEMBER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Contacts" }).waitFor();
    await page.screenshot({ path: join(screenshots, "contacts-empty.png") });
  });

  it("creates a contact through the form and finds it by searching a phone in another format", async () => {
    await page.getByRole("link", { name: "New contact" }).click();
    await page.getByLabel("First name").fill("Dorothy");
    await page.getByLabel("Last name").fill("Vaughan");
    await page.getByLabel("Work email").fill("dorothy@nasa.example");
    await page.getByLabel("Mobile phone").fill("(757) 555-0142");
    await page.getByRole("button", { name: "Create contact" }).click();
    await page.getByRole("heading", { name: "Dorothy Vaughan" }).waitFor();
    contactId = new URL(page.url()).pathname.split("/").pop()!;

    await page.getByRole("link", { name: "Contacts" }).first().click();
    await page.getByLabel("Search contacts").fill("+1 757-555-0142");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("link", { name: "Dorothy Vaughan" }).waitFor();
    expect(new URL(page.url()).searchParams.get("q")).toBe("+1 757-555-0142");
    await page.screenshot({ path: join(screenshots, "contacts-search.png") });
  });

  it("serves the contact made in the browser through the Genesys API, and exports it as CSV through the worker", async () => {
    const headers = { authorization: `Bearer ${await server().token()}` };
    const api = `${server().url}/api/v2/externalcontacts/contacts`;
    const contact = (await (await fetch(`${api}/${contactId}`, { headers })).json()) as Record<
      string,
      unknown
    >;
    expect(contact).toMatchObject({
      id: contactId,
      firstName: "Dorothy",
      lastName: "Vaughan",
      workEmail: "dorothy@nasa.example",
    });
    expect(contact.cellPhone).toMatchObject({ e164: "+17575550142" });

    const started = await fetch(`${api}/exports`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: "{}",
    });
    expect(started.status).toBe(201);
    const { id } = (await started.json()) as { id: string };
    let job: { status: string; downloadUrl?: string } = { status: "RUNNING" };
    await expect
      .poll(
        async () => {
          job = (await (await fetch(`${api}/exports/${id}`, { headers })).json()) as typeof job;
          return job.status;
        },
        { timeout: 30_000, interval: 250 },
      )
      .toBe("SUCCEEDED");
    const csv = await (await fetch(job.downloadUrl!, { headers })).text();
    expect(csv).toContain(`${contactId},Dorothy,,Vaughan`);
  });

  it("shows a field error for an invalid edit, saves a valid one, and lists it in the history", async () => {
    await page.getByRole("link", { name: "Dorothy Vaughan" }).click();
    await page.getByRole("heading", { name: "Dorothy Vaughan" }).waitFor();
    await page.getByLabel("Work email").fill("not-an-email");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect.poll(() => page.locator("#workEmail-error").textContent()).toContain("valid email");
    await page.screenshot({ path: join(screenshots, "contact-validation.png") });

    await page.getByLabel("Work email").fill("dorothy.vaughan@nasa.example");
    await page.getByLabel("Title").fill("Mathematician");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByRole("cell", { name: "Mathematician" }).waitFor();
    await expect
      .poll(() => page.getByRole("cell", { name: "dorothy.vaughan@nasa.example" }).count())
      .toBeGreaterThan(0);
    await page.screenshot({ path: join(screenshots, "contact-history.png"), fullPage: true });
  });
  it("adds, edits and deletes a note on the contact", async () => {
    await page.goto(`${server().url}/contacts/${contactId}`);
    const notes = page.getByRole("list", { name: "Notes" });
    // Loaded in the browser, so the form is live: text typed before the page hydrates is not in its state.
    await notes.getByText("No notes yet.").waitFor();
    await page.getByLabel("Add a note").fill("Called about the launch window.");
    await page.getByRole("button", { name: "Add note" }).click();
    await notes.getByText("Called about the launch window.").waitFor();
    await notes.getByRole("button", { name: "Edit" }).click();
    await page.getByLabel("Edit note").fill("Called about the launch window; calls back Monday.");
    await page.getByRole("button", { name: "Save note" }).click();
    await notes.getByText("calls back Monday").waitFor();
    await page.screenshot({ path: join(screenshots, "contact-notes.png"), fullPage: true });
    await notes.getByRole("button", { name: "Delete" }).click();
    await notes.getByText("No notes yet.").waitFor();
  });

  it("shows a note added while the notes are still loading", async () => {
    // The first load of the notes is read before the note is written and answers after it: the list must not
    // keep that stale answer (TanStack reuses a first load in flight rather than refetching).
    let firstLoadRead!: () => void;
    const read = new Promise<void>((resolve) => (firstLoadRead = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let loads = 0;
    await page.route("**/api/trpc/**", async (route) => {
      if (!new URL(route.request().url()).pathname.includes("notes.list")) return route.fallback();
      loads += 1;
      if (loads > 1) {
        release();
        return route.fallback();
      }
      const stale = await route.fetch();
      firstLoadRead();
      await released;
      await route.fulfill({ response: stale });
    });
    try {
      await page.goto(`${server().url}/contacts/${contactId}`);
      await read; // asked for by the hydrated page, so the form is live
      await page.getByLabel("Add a note").fill("Left a voicemail.");
      const added = page.waitForResponse((r) => r.url().includes("notes.add"));
      await page.getByRole("button", { name: "Add note" }).click();
      await added;
      setTimeout(release, 1000);
      await page
        .getByRole("list", { name: "Notes" })
        .getByText("Left a voicemail.")
        .waitFor({ timeout: 10_000 });
      expect(loads).toBe(2);
    } finally {
      release();
      await page.unroute("**/api/trpc/**");
    }
  });

  it("builds a custom-field schema in the editor and fills it on a contact, validated by the schema", async () => {
    await page.getByRole("link", { name: "Custom fields" }).click();
    await page.getByRole("button", { name: "New contact schema" }).click();
    await page.getByLabel("Schema name").fill("Loyalty");
    await page.getByLabel("Field 1 name").fill("tier");
    await page.getByLabel("Field 1 title").fill("Tier");
    await page.getByLabel("Field 1 type").selectOption("enum");
    await page.getByLabel("Field 1 values").fill("gold, silver");
    await page.getByRole("button", { name: "Add field" }).click();
    await page.getByLabel("Field 2 name").fill("points");
    await page.getByLabel("Field 2 title").fill("Points");
    await page.getByLabel("Field 2 type").selectOption("integer");
    await page.getByLabel("Field 2 maximum").fill("100");
    await page.getByRole("button", { name: "Save schema" }).click();
    await page.getByText("Editing version 1").waitFor();
    await page.screenshot({ path: join(screenshots, "schema-editor.png"), fullPage: true });

    await page.goto(`${server().url}/contacts/${contactId}`);
    await page.getByLabel("Schema").selectOption({ label: "Loyalty (v1)" });
    await page.getByLabel("Tier").selectOption("gold");
    await page.getByLabel("Points", { exact: true }).fill("500");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect.poll(() => page.locator("#cf-points-error").textContent()).toContain("100");
    await page.getByLabel("Points", { exact: true }).fill("50");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByRole("cell", { name: "customFields.points" }).waitFor();

    const contact = (await (
      await fetch(`${server().url}/api/v2/externalcontacts/contacts/${contactId}`, {
        headers: { authorization: `Bearer ${await server().token()}` },
      })
    ).json()) as { schema: { version: number }; customFields: unknown };
    expect(contact.schema.version).toBe(1);
    expect(contact.customFields).toEqual({ tier: "gold", points: 50 });

    // The schema built in the browser also guards contacts written through the REST API.
    const schemaId = (contact.schema as unknown as { id: string }).id;
    const written = await fetch(`${server().url}/api/v2/externalcontacts/contacts`, {
      method: "POST",
      headers: { authorization: `Bearer ${await server().token()}`, "content-type": "application/json" },
      body: JSON.stringify({
        firstName: "Api",
        schema: { id: schemaId, version: 1 },
        customFields: { tier: "bronze" },
      }),
    });
    expect(written.status).toBe(400);
    expect(((await written.json()) as { details: { fieldName: string }[] }).details[0]!.fieldName).toBe(
      "customFields.tier",
    );
  });

  it("renders and validates an organization schema's custom fields in the organization form", async () => {
    await page.goto(`${server().url}/admin/schemas`);
    await page.getByRole("button", { name: "New organization schema" }).click();
    await page.getByLabel("Schema name").fill("Account");
    await page.getByLabel("Field 1 name").fill("segment");
    await page.getByLabel("Field 1 title").fill("Segment");
    await page.getByLabel("Field 1 type").selectOption("text");
    await page.getByLabel("Field 1 maxLength").fill("5");
    await page.getByRole("button", { name: "Save schema" }).click();
    await page.getByText("Editing version 1").waitFor();

    await page.getByRole("link", { name: "Organizations" }).click();
    await page.getByRole("link", { name: "New organization" }).click();
    await page.getByLabel("Name", { exact: true }).fill("Langley Research");
    await page.getByLabel("Schema").selectOption({ label: "Account (v1)" });
    await page.getByLabel("Segment").fill("government");
    await page.getByRole("button", { name: "Create organization" }).click();
    await expect.poll(() => page.locator("#cf-segment-error").textContent()).toContain("5");
    await page.getByLabel("Segment").fill("gov");
    await page.getByRole("button", { name: "Create organization" }).click();
    await page.getByRole("heading", { name: "Langley Research" }).waitFor();
    await page.screenshot({ path: join(screenshots, "organization.png"), fullPage: true });

    const id = new URL(page.url()).pathname.split("/").pop();
    const org = (await (
      await fetch(`${server().url}/api/v2/externalcontacts/organizations/${id}`, {
        headers: { authorization: `Bearer ${await server().token()}` },
      })
    ).json()) as { customFields: unknown };
    expect(org.customFields).toEqual({ segment: "gov" });
  });

  it("creates an API client whose secret, shown once, gets a token from /oauth/token", async () => {
    await page.getByRole("link", { name: "API clients" }).click();
    await page.getByRole("heading", { name: "API clients" }).waitFor();
    await page.getByLabel("Name").fill("Contact center");
    await page.getByLabel("Admin").check();
    await page.getByRole("button", { name: "Create client" }).click();
    const clientId = (await page.getByTestId("client-id").textContent())!;
    const clientSecret = (await page.getByTestId("client-secret").textContent())!;
    await page.screenshot({ path: join(screenshots, "api-clients.png") });

    const response = await fetch(`${server().url}/oauth/token`, {
      method: "POST",
      headers: { authorization: `Basic ${btoa(`${clientId}:${clientSecret}`)}` },
      body: new URLSearchParams({ grant_type: "client_credentials" }),
    });
    expect(response.status).toBe(200);
    const { access_token } = (await response.json()) as { access_token: string };
    const contacts = await fetch(`${server().url}/api/v2/externalcontacts/contacts?q=vaughan`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(((await contacts.json()) as { total: number }).total).toBe(1);

    // Revoking it ends the token at once.
    await page
      .getByRole("row", { name: /Contact center/ })
      .getByRole("button", { name: "Revoke" })
      .click();
    await page
      .getByRole("row", { name: /Contact center/ })
      .getByText("revoked")
      .waitFor();
    const refused = await fetch(`${server().url}/api/v2/externalcontacts/contacts`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(refused.status).toBe(401);
  });
});
