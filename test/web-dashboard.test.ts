/**
 * The dashboard in real headless Chromium: served by `liuzhi serve` as a process, and as the static
 * site `liuzhi build-site` writes, opened from its folder through a plain node:http static server.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureSources, defaultPolicy, HostGate } from "../src/capture/index.ts";
import { addCase, keyFromBytes } from "../src/cases/index.ts";
import type { Observation } from "../src/core/index.ts";
import { openLedger, readLedger } from "../src/ledger/index.ts";
import { monteCarlo, ratioTable } from "../src/methods/index.ts";
import { BIN, cliEnv, liuzhi, makeTempDir, ROOT, removeDir, serverAddress } from "./helpers.ts";
import { sampleCase } from "./support/cases.ts";
import { launchChromium } from "./support/chromium.ts";
import { startFixtureServer } from "./support/fixture-server.ts";
import { shippedLedger } from "./support/shipped-ledger.ts";

const SHOTS = join(ROOT, "test-output");
let dir: string;
let server: ChildProcess;
let base: string;
let staticServer: Server;
let staticBase: string;
let context: BrowserContext;
let closeBrowser: () => Promise<void>;
const ledger = shippedLedger();

const addressOf = (child: ChildProcess) => serverAddress(child);

/** A plain static file server: what any static host does, nothing more. */
function serveFolder(root: string): Promise<Server> {
  const types: Record<string, string> = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript",
    ".css": "text/css",
    ".json": "application/json",
  };
  const s = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    let file = join(root, path);
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      const body = readFileSync(file);
      res.writeHead(200, { "Content-Type": types[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  return new Promise((resolve) => s.listen(0, "127.0.0.1", () => resolve(s)));
}

/** Opens a page and collects console errors and uncaught exceptions. */
async function open(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForSelector("[data-figure], #ledger-table, .methods h2, #downloads", { timeout: 30_000 });
  return { page, errors };
}

const value = async (page: Page, name: string) =>
  Number(await page.getAttribute(`[data-figure="${name}"]`, "data-value"));

async function cliJson(args: string[]) {
  const result = await liuzhi([...args, "--format", "json", "--db", join(dir, "cli.sqlite")], { cwd: dir });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

const CAPTURED = "govcn-20190109-5356088";

/** A ledger with cases (7 + 2 in Heilongjiang, 6 in Yunnan, 1 nationwide) and one source captured from a loopback server; returns the store. */
async function siteWithCapturesAndCases(file: string, store: string): Promise<string> {
  const { db } = await openLedger({ kind: "sqlite", file });
  const fixtures = await startFixtureServer();
  try {
    const source = (await readLedger(db)).sources.find((s) => s.id === CAPTURED)!;
    const run = await captureSources([{ ...source, url: fixtures.url("/utf8") }], {
      store,
      concurrency: 1,
      policy: defaultPolicy({
        timeoutMs: 2_000,
        retries: 0,
        backoffMs: 10,
        gate: new HostGate(0),
        allowPrivateAddresses: true, // the fixture server is on loopback
      }),
    });
    expect(run.failed).toEqual([]);
    const key = keyFromBytes(Buffer.alloc(32, 7));
    const base = sampleCase();
    const cases: Array<[string, string]> = [
      ...Array.from({ length: 7 }, (): [string, string] => ["CN-HL", "2020-05-10"]),
      ["CN-HL", "2021-03-01"],
      ["CN-HL", "2021-04-01"],
      ...Array.from({ length: 6 }, (): [string, string] => ["CN-YN", "2018-06-01"]),
      ["CN", "2023-02-01"],
    ];
    for (const [jurisdiction, taken_on] of cases) {
      await addCase(
        { db, key, actor: "test" },
        sampleCase({
          detention: { ...base.detention, jurisdiction, taken_on },
          timeline: [{ date: taken_on, kind: "taken", source: "wife's account", confidence: "testimony" }],
        }),
      );
    }
  } finally {
    await fixtures.close();
    await db.destroy();
  }
  return store;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dir = makeTempDir();
  server = spawn(process.execPath, [BIN, "serve", "--port", "0", "--db", join(dir, "serve.sqlite")], {
    cwd: dir,
    env: cliEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const site = join(dir, "site");
  // The static site is built with a capture and a few documented cases (the served one has neither).
  const siteStore = await siteWithCapturesAndCases(join(dir, "site.sqlite"), join(dir, "site-captures"));
  const [address, built, browser] = await Promise.all([
    addressOf(server),
    liuzhi(
      ["build-site", "--out", site, "--db", join(dir, "site.sqlite"), "--store", siteStore, "--date", "2024-12-12"],
      { cwd: dir },
    ),
    launchChromium(),
  ]);
  base = address;
  expect(built.status, built.stderr).toBe(0);
  staticServer = await serveFolder(site);
  staticBase = `http://127.0.0.1:${(staticServer.address() as AddressInfo).port}`;
  context = browser.context;
  closeBrowser = browser.close;
}, 240_000);

afterAll(async () => {
  await closeBrowser?.();
  staticServer?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  removeDir(dir);
});

describe("dashboard", () => {
  it("loads with no console error and shows the headline figures the CLI prints", async () => {
    const { page, errors } = await open(`${base}/`);
    await page.screenshot({ path: join(SHOTS, "dashboard-overview.png"), fullPage: true });
    expect(errors).toEqual([]);
    const [estimate, floor, rates, uncertainty] = await Promise.all([
      cliJson(["estimate"]),
      cliJson(["floor"]),
      cliJson(["rates"]),
      cliJson(["uncertainty"]),
    ]);
    const last = rates.years.at(-1);
    expect(await value(page, "official")).toBe(last.placements);
    expect(await value(page, "official-per-day")).toBe(last.perDay);
    const adjusted = estimate.rows.find((r: { kind: string }) => r.kind === "adjusted-total");
    expect(await value(page, "total-cat3_4-low")).toBe(adjusted.cat3_4_10pct);
    expect(await value(page, "total-cat3_4-high")).toBe(adjusted.cat3_4_20pct);
    expect(await value(page, "total-cat4-low")).toBe(adjusted.cat4_10pct);
    expect(await value(page, "floor-strict")).toBe(floor.strict);
    expect(await value(page, "floor-published")).toBe(floor.asPublished);
    expect(await value(page, "held-low")).toBe(last.stock[0].heldOnAverageDay);
    expect(await value(page, "held-high")).toBe(last.stock.at(-1).heldOnAverageDay);
    const interval = page.locator('[data-figure="interval"]');
    expect(Number(await interval.getAttribute("data-p05"))).toBe(uncertainty.adjustedCumulative.p05);
    expect(Number(await interval.getAttribute("data-p95"))).toBe(uncertainty.adjustedCumulative.p95);
    // Every headline number is a link.
    for (const name of ["official", "total-low", "floor-strict", "floor-published", "held-low"]) {
      expect(await page.locator(`a:has([data-figure="${name}"])`).count(), name).toBe(1);
    }
    await page.close();
  });

  it("states the estimate on the December 2024 submission's basis, then and now, and category 4 alone apart", async () => {
    const { page, errors } = await open(`${base}/`);
    const [then, now] = await Promise.all([cliJson(["estimate", "--through", "2024-09-30"]), cliJson(["estimate"])]);
    const thenTotal = then.rows.find((r: { kind: string }) => r.kind === "total");
    const nowTotal = now.rows.find((r: { kind: string }) => r.kind === "adjusted-total");
    // Then: 92,300–184,600, categories 3+4 at 10–20%, as the submission printed it.
    expect([await value(page, "seed-low"), await value(page, "seed-high")]).toEqual([92_300, 184_600]);
    expect([thenTotal.cat3_4_10pct, thenTotal.cat3_4_20pct]).toEqual([92_300, 184_600]);
    // Now: the same basis on the current ledger, never mixed with category 4 alone.
    expect(await value(page, "total-low")).toBe(nowTotal.cat3_4_10pct);
    expect(await value(page, "total-high")).toBe(nowTotal.cat3_4_20pct);
    const card = page.locator(".card", { has: page.locator('[data-figure="total-low"]') });
    const text = (await card.textContent()) ?? "";
    expect(text).toContain("to September 2024");
    expect(text).toMatch(/Now, to \w+ \d{4}/);
    expect(await page.locator('[data-figure="other-basis"]').textContent()).toMatch(
      /^On another basis, not the submission's/,
    );
    expect(await value(page, "total-cat4-low")).toBe(nowTotal.cat4_10pct);
    // The transfers-based estimate stands beside the others, year by year, as `liuzhi triangulate` gives it.
    const tri = await cliJson(["triangulate"]);
    const withTransfers = (tri.years as Array<{ year: number; transfers: Array<{ placements: number }> }>).filter(
      (y) => y.transfers.length > 0,
    );
    expect(withTransfers.length).toBeGreaterThan(0);
    for (const y of withTransfers) {
      const cell = (await page.locator(`[data-transfers="${y.year}"]`).textContent()) ?? "";
      expect(cell, String(y.year)).toContain(y.transfers[0]!.placements.toLocaleString("en-US"));
    }
    // Extrapolated years (a January–September figure and no full-year one) are marked in the chart's
    // year labels and said under it; full years are not.
    const cat34 = ledger.observations.filter((o) => o.measure === "punished_cat3_4" && o.jurisdiction === "CN");
    const fullYear = (o: Observation) => o.period_start.endsWith("-01-01") && o.period_end.endsWith("-12-31");
    const years = [...new Set(cat34.map((o) => o.period_start.slice(0, 4)))];
    const partial = years.filter((y) => !cat34.some((o) => o.period_start.startsWith(y) && fullYear(o)));
    expect(partial.length).toBeGreaterThan(0);
    expect((await page.locator("[data-partial-years]").getAttribute("data-partial-years"))!.split(" ")).toEqual(
      partial,
    );
    expect(await page.locator("[data-partial-years]").textContent()).toContain("extended here to the full year");
    const ticks = await page.locator(".chart-host svg text").allTextContents();
    for (const y of years) expect(ticks, y).toContain(partial.includes(y) ? `${y}*` : y);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("opens each ledger row's evidence: the figure as stated, published or derived, quotation, source and a permanent link", async () => {
    const { page, errors } = await open(`${base}/?view=ledger`);
    const returns = ledger.observations.find((o) => o.id === "forced-returns-2014-2023")!;
    const row = page.locator('#ledger-table tr[data-id="forced-returns-2014-2023"]');
    // Recorded as "at least 12,000": never a bare 12,000.
    expect(await row.locator("td.num").textContent()).toBe("at least 12,000");
    await row.getByRole("button").click();
    const evidence = page.locator('tr[data-evidence="forced-returns-2014-2023"]');
    await evidence.waitFor();
    const shown = (await evidence.textContent()) ?? "";
    expect(shown).toContain(returns.quote!);
    expect(shown).toContain(returns.locator!);
    expect(shown).toContain("published");
    expect(shown).toContain("forced-returns-2014-2023");
    expect(new URL(page.url()).searchParams.get("row")).toBe("forced-returns-2014-2023");
    // A derived row says so, and from what.
    const derived = ledger.observations.find((o) => o.id === "punished-cat4-2018")!;
    const derivedRow = page.locator('#ledger-table tr[data-id="punished-cat4-2018"]');
    expect(await derivedRow.locator("td.num").textContent()).toContain("(derived)");
    await derivedRow.getByRole("button").click();
    const derivedEvidence = (await page.locator('tr[data-evidence="punished-cat4-2018"]').textContent()) ?? "";
    expect(derivedEvidence).toContain(`derived: ${derived.note}`);
    // The permanent link reopens the page at that row's evidence.
    const link = await page.locator('[data-permalink="punished-cat4-2018"]').getAttribute("href");
    const again = await open(new URL(link!, `${base}/`).href);
    await again.page.locator('tr[data-evidence="punished-cat4-2018"]').waitFor();
    expect(again.errors).toEqual([]);
    await again.page.close();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("recomputes the total in the browser when a what-if control moves, and keeps it in the URL", async () => {
    const { page, errors } = await open(`${base}/`);
    await page.locator("#ratio-high").fill("0.3");
    const expected = ratioTable(ledger, { ratios: [0.1, 0.3] }).rows.find((r) => r.kind === "adjusted-total")!;
    const cell = (column: string) => expected.cells.find((c) => c.column === column)!.value;
    await expect.poll(() => value(page, "total-cat3_4-high")).toBe(cell("cat3_4_30pct"));
    expect(await value(page, "total-high")).toBe(cell("cat3_4_30pct"));
    expect(new URL(page.url()).searchParams.get("ratio-range")).toBe("0.1,0.3");
    // The interval follows from the worker: the library's Monte Carlo at the page's 20,000 draws.
    const mc = monteCarlo(ledger, { draws: 20_000, seed: 1, inputs: { ratio: [0.1, 0.3] } }).adjustedCumulative;
    const interval = page.locator('[data-figure="interval"]:not([data-pending])');
    await expect.poll(() => interval.getAttribute("data-p95")).toBe(String(mc.p95));
    expect(Number(await interval.getAttribute("data-p05"))).toBe(mc.p05);
    expect(Number(await interval.getAttribute("data-median"))).toBe(mc.median);
    // Keyboard: the slider moves with the arrow keys.
    await page.locator("#ratio-high").focus();
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => page.locator("#ratio-high").inputValue()).toBe("0.29");
    await page.locator("#annualize").press("Space");
    const total = ratioTable(ledger, { ratios: [0.1, 0.29] }).rows.find((r) => r.kind === "total")!;
    await expect
      .poll(() => value(page, "total-cat3_4-high"))
      .toBe(total.cells.find((c) => c.column === "cat3_4_29pct")!.value);
    const times = await page.evaluate(() => window.__liuzhiWhatIfMs ?? []);
    expect(times.length).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, "dashboard-what-if.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("switches language and keeps it in the URL", async () => {
    const { page, errors } = await open(`${base}/?ratio-range=0.1,0.25`);
    await page.click("#lang-switch");
    await expect.poll(() => new URL(page.url()).searchParams.get("lang")).toBe("zh");
    expect(new URL(page.url()).searchParams.get("ratio-range")).toBe("0.1,0.25");
    expect(await page.textContent("h1")).toBe("留置监测");
    expect(await page.getAttribute("html", "lang")).toBe("zh-Hans");
    await page.reload();
    await page.waitForSelector("[data-figure]");
    expect(await page.textContent("h1")).toBe("留置监测");
    await page.screenshot({ path: join(SHOTS, "dashboard-zh.png"), fullPage: true });
    await page.click("#lang-switch");
    await expect.poll(() => page.textContent("h1")).toBe("Liuzhi Monitor");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("restores a shared URL: what-if values, ledger filters and sort", async () => {
    const { page } = await open(`${base}/?lang=zh&ratio-range=0.05,0.25&base=cat3_4&annualize=false`);
    expect(await page.locator("#ratio-low").inputValue()).toBe("0.05");
    expect(await page.locator("#annualize").isChecked()).toBe(false);
    const total = ratioTable(ledger, { ratios: [0.05, 0.25] }).rows.find((r) => r.kind === "total")!;
    expect(await value(page, "total-low")).toBe(total.cells.find((c) => c.column === "cat3_4_5pct")!.value);
    expect(await page.locator('[data-figure="total-cat4-low"]').count()).toBe(0);
    await page.close();

    const ledgerPage = await open(`${base}/?view=ledger&j=CN-YN&m=liuzhi_placements&sort=value&dir=desc`);
    const ids = await ledgerPage.page
      .locator("#ledger-table tbody tr")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-id")));
    expect(ids).toEqual(["appx1-22-cn-yn", "appx1-08-cn-yn"]);
    expect(await ledgerPage.page.locator("#f-jurisdiction").inputValue()).toBe("CN-YN");
    await ledgerPage.page.screenshot({ path: join(SHOTS, "dashboard-ledger.png"), fullPage: true });
    expect(ledgerPage.errors).toEqual([]);
    await ledgerPage.page.close();
  });

  it("links every ledger row to its source and filters to the figures in a floor", async () => {
    const { page } = await open(`${base}/?view=ledger&only=floor-strict`);
    const floor = await cliJson(["floor"]);
    const ids = await page
      .locator("#ledger-table tbody tr")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-id")));
    expect(ids.sort()).toEqual([...floor.strictUsed].sort());
    const links = await page.locator("#ledger-table tbody a[href^='http']").count();
    expect(links).toBeGreaterThan(0);
    await page.close();
  });

  it("shows no case coverage and no capture line when the server has neither", async () => {
    const { page } = await open(`${base}/`);
    expect(await page.locator("#case-coverage-table").count()).toBe(0);
    await page.goto(`${base}/?view=ledger`);
    await page.waitForSelector("#ledger-table");
    expect(await page.locator("#ledger-table .capture").count()).toBe(0);
    await page.close();
  });

  it("draws the tile map: reporting provinces coloured, the others marked as never published", async () => {
    const { page } = await open(`${base}/`);
    expect(await page.locator(".tiles [data-province]").count()).toBe(31);
    expect(Number(await page.getAttribute('[data-province="CN-YN"]', "data-rate"))).toBeGreaterThan(0);
    expect(await page.getAttribute('[data-province="CN-GD"]', "class")).toContain("tile-none");
    await page.close();
  });

  it("renders the methods page from docs/methods.md", async () => {
    const { page, errors } = await open(`${base}/?view=methods`);
    await page.waitForSelector(".methods h2");
    expect(await page.textContent(".methods")).toContain("Officially reported floor");
    await page.screenshot({ path: join(SHOTS, "dashboard-methods.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("has no serious or critical axe violation on any view", { timeout: 120_000 }, async () => {
    for (const query of ["", "?view=ledger", "?lang=zh", "?view=methods", "?view=downloads"]) {
      const { page } = await open(`${base}/${query}`);
      if (query.includes("methods")) await page.waitForSelector(".methods h2");
      const result = await new AxeBuilder({ page }).analyze();
      const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(
        bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
        query,
      ).toEqual([]);
      await page.close();
    }
  });
});

describe("static site (build-site)", () => {
  it("leaves out the footer's team sign-in, which only the served dashboard has (/edit exists there)", async () => {
    const editLinks = async (url: string) => {
      const { page, errors } = await open(url);
      expect(errors).toEqual([]);
      // The footer is drawn with the data: wait for its manifest line before counting links.
      await page.locator("footer p").first().waitFor();
      const hrefs = await page.locator("a[href^='/edit']").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      await page.close();
      return hrefs;
    };
    expect(await editLinks(`${base}/`)).toEqual(["/edit/lang?to=en&back=%2Fedit"]);
    expect(await editLinks(`${base}/?lang=zh`)).toEqual(["/edit/lang?to=zh&back=%2Fedit"]);
    expect(await editLinks(`${staticBase}/`)).toEqual([]);
    expect(await editLinks(`${staticBase}/?lang=zh`)).toEqual([]);
    const data = (await (await fetch(`${staticBase}/data/dashboard.json`)).json()) as Record<string, unknown>;
    expect(data.teamEditing).toBeUndefined();
  });

  it("works from its folder with a plain static server: figures, what-if, downloads", async () => {
    const { page, errors } = await open(`${staticBase}/`);
    expect(errors).toEqual([]);
    const floor = await cliJson(["floor"]);
    expect(await value(page, "floor-strict")).toBe(floor.strict);
    await page.locator("#ratio-high").fill("0.3");
    const expected = ratioTable(ledger, { ratios: [0.1, 0.3] }).rows.find((r) => r.kind === "adjusted-total")!;
    await expect
      .poll(() => value(page, "total-cat3_4-high"))
      .toBe(expected.cells.find((c) => c.column === "cat3_4_30pct")!.value);
    await page.goto(`${staticBase}/?view=downloads`);
    const hrefs = await page
      .locator("#main a[href^='downloads/']")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    // Every file of the data package, both citation files and the checksums are offered.
    expect(hrefs).toEqual(
      expect.arrayContaining([
        ...["datapackage.json", "sources.csv", "jurisdictions.csv", "observations.csv", "assumptions.csv"].map(
          (f) => `downloads/data-package/${f}`,
        ),
        "downloads/data-package/watch-list.csv",
        "downloads/data-package/legal-regimes.csv",
        "downloads/citations/sources.bib",
        "downloads/citations/sources.csl.json",
        "downloads/SHA256SUMS",
      ]),
    );
    for (const href of hrefs) {
      const response = await fetch(`${staticBase}/${href}`);
      expect(response.status, href!).toBe(200);
      await response.arrayBuffer();
    }
    // SHA256SUMS checks every download as sha256sum itself reads it, and names each file offered.
    const check = spawnSync("sha256sum", ["-c", "SHA256SUMS"], {
      cwd: join(dir, "site", "downloads"),
      encoding: "utf8",
    });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    const listed = check.stdout
      .trim()
      .split("\n")
      .map((l: string) => `downloads/${l.replace(/: OK$/, "")}`);
    expect(listed.sort()).toEqual(hrefs.filter((h) => h !== "downloads/SHA256SUMS").sort());
    await page.screenshot({ path: join(SHOTS, "static-downloads.png"), fullPage: true });
    await page.close();
  });

  it("shows the suppressed case coverage and 'captured on … (SHA-256 …)' beside the captured source", async () => {
    const { page, errors } = await open(`${staticBase}/`);
    expect(errors).toEqual([]);
    await page.locator("#case-coverage-table tbody tr").first().waitFor();
    const cells = await page
      .locator("#case-coverage-table tbody tr")
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent ?? "")));
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.find((c) => c[0] === "Heilongjiang" && c[1] === "2020")?.[2]).toBe("7");
    expect(cells.map((c) => c[2])).toContain("suppressed");
    for (const c of cells) if (c[2] !== "suppressed") expect(Number(c[2]!.replace(/,/g, ""))).toBeGreaterThanOrEqual(5);
    expect(await page.content()).not.toMatch(/王小明|Wang Xiaoming/);
    await page.screenshot({ path: join(SHOTS, "static-case-coverage.png"), fullPage: true });
    await page.goto(`${staticBase}/?view=ledger`);
    // The ledger is drawn after the data file loads: wait for its first capture note, then read them all.
    await page.locator("#ledger-table .capture").first().waitFor();
    const notes = await page.locator("#ledger-table .capture").allTextContents();
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) expect(note).toMatch(/^captured on \d{4}-\d{2}-\d{2} \(SHA-256 [0-9a-f]{16}…\)$/);
    await page.close();
  });
});
