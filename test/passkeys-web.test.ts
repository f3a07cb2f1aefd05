/**
 * Passkeys end to end: `liuzhi serve` as a process with a server audit key, Chromium with a virtual
 * authenticator (CDP WebAuthn domain). A reviewer signs in by typing, registers a passkey on the
 * account page, signs in with it, and approves a change by clicking Approve: the approval is signed
 * by the passkey over the change as proposed, and `liuzhi audit verify --public-key
 * --require-passkeys` accepts it. Without the passkey the same approval is refused, on the page's
 * form and on the command line.
 */
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WORDS } from "../src/server/editing/words.ts";
import { E2E_TIMEOUT, liuzhi, makeTempDir, removeDir } from "./helpers.ts";
import { launchChromium } from "./support/chromium.ts";
import {
  liuzhiWithInput,
  PASSWORD,
  type ServedEditing,
  serveWithAccounts,
  signInAs,
} from "./support/editing-server.ts";

const w = WORDS.en;
let dir: string;
let key: string;
let served: ServedEditing;
let base: string;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;

/** Proposes a new figure as `ed` through the JSON API; returns the change's id. */
async function propose(id: string, value: number): Promise<string> {
  const login = await fetch(`${base}/api/edit/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "ed", password: PASSWORD }),
  });
  const cookie = login.headers
    .getSetCookie()
    .find((c) => c.startsWith("lz_session="))!
    .split(";")[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const made = await fetch(`${base}/api/edit/changes`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
    body: JSON.stringify({
      table: "observations",
      action: "create",
      reason: "a new figure",
      row: {
        id,
        measure: "liuzhi_placements",
        jurisdiction: "CN-GX",
        period_start: "2025-01-01",
        period_end: "2025-06-30",
        period_label: "Jan - June 2025",
        value,
        qualifier: "exact",
        unit: "people",
        scope: "all",
        derivation: "published",
        source_id: "sd-2024-12-12",
      },
    }),
  });
  expect(made.status).toBe(201);
  return ((await made.json()) as { change: { id: string } }).change.id;
}

beforeAll(async () => {
  dir = makeTempDir();
  key = join(dir, "audit.key");
  expect((await liuzhi(["audit", "keygen", "--out", key], { cwd: dir })).status).toBe(0);
  [served, browser] = await Promise.all([
    serveWithAccounts(dir, { ed: "editor", rosa: "reviewer" }, { LIUZHI_AUDIT_KEY_FILE: key }),
    launchChromium(),
  ]);
  // WebAuthn needs a domain for its relying party: the same server, called by the name localhost.
  base = served.base.replace("127.0.0.1", "localhost");
  page = await browser.context.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}, 2 * E2E_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  removeDir(dir);
});

describe("passkeys on the editing pages", () => {
  it(
    "registers a passkey, signs in with it, and signs an approval with it; without it the approval is refused",
    async () => {
      const changeId = await propose("passkey-approved", 654);
      const other = await propose("passkey-cli", 655);

      // Sign in with the password, by typing; register a passkey on the account page.
      await signInAs(page, base, "rosa", { lang: "en", signIn: w.signIn, name: w.name, password: w.password });
      await page.getByRole("link", { name: w.passkeys }).click();
      // A wrong password adds nothing (a stolen session alone cannot get a passkey)…
      await page.getByLabel(w.password).fill("not the password at all");
      await page.getByRole("button", { name: w.addPasskey }).click();
      await expect.poll(() => page.locator("#passkey-status").textContent()).toMatch(/wrong password/);
      expect(await page.locator("main li").count()).toBe(0);
      // …the right one does.
      await page.getByLabel(w.password).fill(PASSWORD);
      await page.getByRole("button", { name: w.addPasskey }).click();
      await page.waitForURL(/\/edit\/account\?added=1$/);
      await expect(page.getByText(w.passkeyAdded)).toBeTruthy();
      expect(await page.locator("main li").count()).toBe(1);

      // Sign out, then in again with the passkey alone.
      await page.locator('header.top form[action="/edit/logout"] button').click();
      await page.waitForURL(/\/edit\/login/);
      await page.getByRole("button", { name: w.signInWithPasskey }).click();
      await page.waitForURL(`${base}/edit`);
      expect(await page.locator("header.top strong").textContent()).toBe("rosa");

      // The approve form without the passkey's signature (what a stolen session could send): refused.
      const { csrfToken } = (await (await page.request.get(`${base}/api/edit/session`)).json()) as {
        csrfToken: string;
      };
      const unsigned = await page.request.post(`${base}/edit/changes/${changeId}/approve`, {
        form: { csrf: csrfToken, reason: "" },
        maxRedirects: 0,
      });
      expect(unsigned.status()).toBe(403);
      expect(await unsigned.text()).toContain("has a passkey");

      // Approve on the review page: the script asks the authenticator to sign the change as proposed.
      await page.goto(`${base}/edit/changes/${changeId}`);
      await expect(page.getByText(w.approveWithPasskey)).toBeTruthy();
      await page.getByRole("button", { name: w.approve, exact: true }).click();
      await page.waitForSelector(".status-approved");
      expect(await page.locator("dd.status-approved").textContent()).toBe(w.status.approved);

      // The command line cannot approve for an account with a passkey.
      const cli = await liuzhiWithInput(
        ["review", "approve", other, "--as", "rosa", "--password-stdin", "--db", served.db],
        PASSWORD,
        { cwd: dir, env: served.env },
      );
      expect(cli.status).not.toBe(0);
      expect(cli.stderr).toMatch(/'rosa' has a passkey: approvals must be signed with it/);

      // The log holds the passkey's signature; verify checks it against the key as registered.
      const verified = await liuzhi(
        ["audit", "verify", "--public-key", `${key}.pub`, "--require-passkeys", "--db", served.db],
        { cwd: dir, env: served.env },
      );
      expect(verified.stderr).toBe("");
      expect(verified.status).toBe(0);
      expect(verified.stdout).toMatch(
        /Approvals: 1 signed by the reviewer's passkey, 0 by reviewers without a passkey/,
      );
    },
    3 * E2E_TIMEOUT,
  );
});
