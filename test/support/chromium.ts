/**
 * Real headless Chromium for the browser tests: Debian's package driven by playwright-core (never a
 * downloaded browser). `npm test` installs it first (scripts/setup.js); a test run without that step
 * fails naming the command.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";
import { SETUP_COMMAND } from "./setup.ts";

export const CHROMIUM = process.env.LIUZHI_CHROMIUM ?? "/usr/bin/chromium";
export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  throw new Error(`Chromium is missing (${CHROMIUM}). Install the suite's system tools with:
  ${SETUP_COMMAND}`);
}

/** Launches Chromium with a fresh profile (its --user-data-dir); close() also removes the profile. */
export async function launchChromium(
  options: { readonly args?: ReadonlyArray<string> } = {},
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
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
      ...(options.args ?? []),
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
