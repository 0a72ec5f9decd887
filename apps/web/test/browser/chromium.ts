import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium; never a downloaded browser. Playwright gives each launch a fresh, empty profile. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Where the browser tests save screenshots of the main pages (git-ignored). */
export const screenshots = resolve(dirname(fileURLToPath(import.meta.url)), "../../test-results/screenshots");

/** Whether the browser tests can run here. In CI a missing browser is a failure, not a skip: .ci/run installs it. */
export const available = existsSync(CHROMIUM);
if (!available) {
  if (process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM}; the browser tests cannot run`);
  console.warn(
    `\n  SKIPPING browser tests: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)\n`,
  );
}

/** Headless Chromium for one test file, with the screenshots folder ready. */
export async function launchChromium(): Promise<Browser> {
  await mkdir(screenshots, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
