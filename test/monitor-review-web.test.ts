/**
 * The reviewer's page for a draft the monitor filed, in real Chromium against `liuzhi serve` as a
 * process: signed in through the form, the reviewer sees the sentence highlighted in the archived
 * copy beside the review form, the capture's hash and the confidence, and approves the draft.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../src/accounts/index.ts";
import { openLedger } from "../src/ledger/index.ts";
import { type Change, listChanges } from "../src/review/index.ts";
import { BIN, cliEnv, E2E_TIMEOUT, liuzhi, makeTempDir, removeDir, serverAddress } from "./helpers.ts";
import { launchChromium } from "./support/chromium.ts";
import { type MonitorSite, PROVINCE_PATH, startMonitorSite } from "./support/monitor-server.ts";

let dir: string;
let db: string;
let store: string;
let site: MonitorSite;
let server: ChildProcess;
let base: string;
let drafts: Change[];
const PASSWORD = "rosa's long password";
const SENTENCE =
  "2024年上半年，全省纪检监察机关共处置问题线索2.9万件，立案1.2万件，处分9,863人（其中党纪处分8,120人），留置473人。";

beforeAll(async () => {
  dir = makeTempDir();
  db = join(dir, "review.sqlite");
  store = join(dir, "captures");
  site = await startMonitorSite();
  const list = join(dir, "watch-list.csv");
  writeFileSync(
    list,
    `id,url,kind,publisher,publisher_zh,jurisdiction,every_days,link_pattern,note\ntest-yunnan,${site.url(PROVINCE_PATH)},page,Yunnan Provincial Commission for Discipline Inspection,云南省纪委监委,CN-YN,7,,\n`,
  );
  const { db: handle } = await openLedger({ kind: "sqlite", file: db });
  await createUser(handle, { name: "rosa", role: "reviewer", password: PASSWORD, actor: "test" });
  await handle.destroy();
  const watched = await liuzhi(
    ["watch", "--list", list, "--store", store, "--db", db, "--delay", "0", "--allow-private-addresses"],
    { cwd: dir },
  );
  expect(watched.status, watched.stderr).toBe(0);
  const again = await openLedger({ kind: "sqlite", file: db });
  drafts = await listChanges(again.db);
  await again.db.destroy();
  mkdirSync(join(dir, "var"), { recursive: true });
  server = spawn(process.execPath, [BIN, "serve", "--port", "0", "--db", db, "--store", store, "--no-dashboard"], {
    cwd: dir,
    env: cliEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  base = await serverAddress(server, 90_000);
}, 4 * E2E_TIMEOUT);

afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  await site?.close();
  removeDir(dir);
});

describe("a monitor draft on the review page", () => {
  it(
    "shows the source sentence highlighted in the archived copy beside the form, and the reviewer approves it",
    async () => {
      const figure = drafts.find((c) => c.row.measure === "liuzhi_placements")!;
      const source = drafts.find((c) => c.table === "sources")!;
      expect(figure).toBeDefined();
      const browser = await launchChromium();
      try {
        const page = await browser.context.newPage();
        await page.goto(`${base}/edit/login`);
        await page.getByLabel("Name").fill("rosa");
        await page.getByLabel("Password").fill(PASSWORD);
        await page.getByRole("button", { name: "Sign in", exact: true }).click();
        await page.waitForURL(`${base}/edit`);

        await page.goto(`${base}/edit/changes/${figure.id}`);
        const evidence = page.getByRole("region", { name: "Evidence" });
        await expect(evidence.getByRole("heading", { name: "Read by the monitor" }).isVisible()).resolves.toBe(true);
        const mark = page.locator("mark#source-sentence");
        expect(await mark.textContent()).toBe(SENTENCE);
        // The archived copy around it: the page's own paragraphs, from the capture store.
        expect(await evidence.locator(".archived").first().textContent()).toContain(
          "其中，昆明市纪检监察机关留置96人。",
        );
        expect(await evidence.textContent()).toContain(
          String(figure.meta?.capture && (figure.meta.capture as { warc_sha256: string }).warc_sha256),
        );
        expect(await evidence.textContent()).toMatch(/Confidence0\.\d+: '留置' names the figure/);
        // Beside the form: the evidence to the left of the review buttons on a wide screen.
        const approve = page.getByRole("button", { name: "Approve and publish" });
        const [markBox, buttonBox] = [await mark.boundingBox(), await approve.boundingBox()];
        expect(markBox!.x + markBox!.width).toBeLessThanOrEqual(buttonBox!.x + 1);
        await page.screenshot({ path: join("test-output", "monitor-review-1366.png"), fullPage: true });

        // The figure cites a draft source: approving it first is refused with the reason shown.
        await approve.click();
        await expect(page.getByText(/still a draft: approve that source first/).isVisible()).resolves.toBe(true);
        await page.goto(`${base}/edit/changes/${source.id}`);
        await page.getByRole("button", { name: "Approve and publish" }).click();
        await page.goto(`${base}/edit/changes/${figure.id}`);
        await page.getByRole("button", { name: "Approve and publish" }).click();
        await page.waitForURL(`${base}/edit/changes/${figure.id}`);
        expect(await page.locator(".status-approved").first().textContent()).toBe("approved");
        const published = (await (await fetch(`${base}/api/observations`)).json()) as Array<{
          id: string;
          value: number;
        }>;
        expect(published.find((o) => o.id === figure.targetId)?.value).toBe(473);

        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto(`${base}/edit/changes/${figure.id}`);
        await page.screenshot({ path: join("test-output", "monitor-review-390.png"), fullPage: true });
      } finally {
        await browser.close();
      }
    },
    4 * E2E_TIMEOUT,
  );
});
