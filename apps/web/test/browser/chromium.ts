import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, CHROMIUM, chromiumAvailable, launchChromium as launch } from "@switchboard/browser";
import type { Page } from "playwright-core";
import { MEMBER } from "../server";

export { CHROMIUM };

/** Where the browser tests save screenshots of the main pages (git-ignored). */
export const screenshots = resolve(dirname(fileURLToPath(import.meta.url)), "../../test-results/screenshots");

/** Whether the browser tests can run here. In CI a missing browser is a failure, not a skip: .ci/run installs it. */
export const available = chromiumAvailable;
if (!available) {
  if (process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM}; the browser tests cannot run`);
  console.warn(
    `\n  SKIPPING browser tests: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)\n`,
  );
}

/** Headless Chromium for one test file (the shared launcher), with the screenshots folder ready. */
export async function launchChromium(): Promise<Browser> {
  await mkdir(screenshots, { recursive: true });
  return launch();
}

/** Signs in through the sign-in form, as `credentials` (the seeded member by default), and waits for the app. */
export async function signIn(page: Page, url: string, credentials = MEMBER) {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel("Email").fill(credentials.email);
  await page.getByLabel("Password").fill(credentials.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Contacts" }).waitFor();
}
