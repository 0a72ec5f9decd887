/**
 * Headless Chromium for whatever drives the web app in a browser: the browser tests (apps/web/test/browser)
 * and the benchmark's wizard scenario. Debian's Chromium, never a downloaded browser; Playwright gives each
 * launch a fresh, empty profile.
 */
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

export type { Browser, Download, Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Whether there is a browser to launch here (`apt-get install chromium`, or set `CHROMIUM_PATH`). */
export const chromiumAvailable = existsSync(CHROMIUM);

export function launchChromium(): Promise<Browser> {
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
