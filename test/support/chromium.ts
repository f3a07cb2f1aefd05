/**
 * Real headless Chromium for the browser tests: Debian's package driven by playwright-core (never a
 * downloaded browser). When /usr/bin/chromium is missing it is installed with apt-get (as root, as CI
 * runs); otherwise the tests fail with the exact command to run.
 */
import { execSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

export const CHROMIUM = process.env.LIUZHI_CHROMIUM ?? "/usr/bin/chromium";
export const INSTALL_CHROMIUM = "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium";

export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  if (process.getuid?.() === 0) {
    try {
      execSync(INSTALL_CHROMIUM, { stdio: "inherit", timeout: 600_000, shell: "/bin/sh" });
    } catch {
      // reported below
    }
    if (existsSync(CHROMIUM)) return CHROMIUM;
  }
  throw new Error(`Chromium is missing (${CHROMIUM}). Install it with:\n  ${INSTALL_CHROMIUM}`);
}

/** Launches Chromium with a fresh profile (its --user-data-dir); close() also removes the profile. */
export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const executablePath = ensureChromium();
  const profile = mkdtempSync(join(tmpdir(), "liuzhi-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
