import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ratioTable } from "../src/methods/index.ts";
import { ROOT } from "./helpers.ts";
import { type ServedDashboard, serveDashboard } from "./support/dashboard-server.ts";
import { shippedLedger } from "./support/shipped-ledger.ts";

const SHOTS = join(ROOT, "test-output");
const ledger = shippedLedger();
let served: ServedDashboard;
let base: string;
let context: BrowserContext;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  served = await serveDashboard();
  ({ base, context } = served);
}, 240_000);

afterAll(async () => {
  await served?.close();
});

async function open(path: string, width = 1366): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${base}${path}`);
  await page.waitForSelector('[data-figure="interval"]:not([data-pending])', { timeout: 60_000 });
  return page;
}

/** Every figure on the overview that a what-if input may move, read from the page. */
async function snapshot(page: Page) {
  await page.waitForSelector('[data-figure="interval"]:not([data-pending])', { timeout: 60_000 });
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    for (const el of Array.from(document.querySelectorAll("[data-figure]"))) {
      const name = el.getAttribute("data-figure")!;
      out[name] = ["data-value", "data-median", "data-p05", "data-p95"].map((a) => el.getAttribute(a) ?? "").join("|");
    }
    for (const el of Array.from(document.querySelectorAll("[data-band]"))) {
      out[`band ${el.getAttribute("data-band")}`] = `${el.getAttribute("data-low")}–${el.getAttribute("data-high")}`;
    }
    out.chartTitles = Array.from(document.querySelectorAll(".chart-host svg title"))
      .map((t) => t.textContent)
      .join("\n");
    return out;
  });
}

const changed = (before: Record<string, string>, after: Record<string, string>) =>
  Object.keys({ ...before, ...after })
    .filter((k) => before[k] !== after[k])
    .sort();

/** The chart, its table and the headline say the same: every band in the table is drawn with the same numbers. */
async function expectAgreement(page: Page, annualize: boolean) {
  const bands = await page.evaluate(() =>
    Array.from(document.querySelectorAll("[data-band]"))
      .filter((el) => el.getAttribute("data-low") !== null)
      .map((el) => ({
        key: el.getAttribute("data-band")!,
        low: Number(el.getAttribute("data-low")),
        high: Number(el.getAttribute("data-high")),
      })),
  );
  const titles = await page.evaluate(() =>
    Array.from(document.querySelectorAll(".chart-host svg title")).map((t) => t.textContent ?? ""),
  );
  expect(bands.length).toBeGreaterThan(0);
  const fmt = (v: number) => v.toLocaleString("en-US");
  for (const b of bands) {
    const year = b.key.split("/")[0]!;
    expect(
      titles.some((t) => t.startsWith(`${year} ·`) && t.endsWith(`: ${fmt(b.low)}–${fmt(b.high)}`)),
      `chart draws ${b.key} ${b.low}–${b.high}`,
    ).toBe(true);
  }
  // The headline's totals are the ratio table's, and the table's yearly bands add up to them within
  // the rounding of each band (at most 50 per year, from rounding to the hundred).
  for (const b of ["cat3_4", "cat4"]) {
    const total = await page.evaluate(
      (name) => document.querySelector(`[data-figure="${name}"]`)?.getAttribute("data-value") ?? null,
      `total-${b}-high`,
    );
    const highs = bands.filter((x) => x.key.endsWith(`/${b}`)).map((x) => x.high);
    // The headline always shows categories 3+4 (the submission's basis); category 4 alone only when chosen.
    if (b === "cat4") expect(total === null, "headline and table both show cat4 or neither").toBe(highs.length === 0);
    else expect(total, "the headline is on the submission's basis whatever the base").not.toBeNull();
    if (total !== null && highs.length > 0 && !annualize) {
      expect(Math.abs(highs.reduce((a, v) => a + v, 0) - Number(total))).toBeLessThanOrEqual(50 * highs.length);
    }
  }
}

describe("every what-if input moves every figure that depends on it", () => {
  it("ratio, base, durations and annualization each change their figures; chart, table and headline agree", async () => {
    const page = await open("/");
    const start = await snapshot(page);
    await expectAgreement(page, true);

    // The high end of the ratio: totals, interval, the ratio part of the held card, every band's high.
    await page.locator("#ratio-high").fill("0.3");
    await expect.poll(async () => (await snapshot(page))["total-high"]).not.toBe(start["total-high"]);
    const afterRatio = await snapshot(page);
    const moved = changed(start, afterRatio);
    for (const name of [
      "total-high",
      "total-cat3_4-high",
      "total-cat4-high",
      "interval",
      "held-ratio",
      "chartTitles",
    ]) {
      expect(moved, name).toContain(name);
    }
    expect(moved.filter((k) => k.startsWith("band ")).length).toBeGreaterThan(10);
    // Not moved: the official count, the floors, the official held figure.
    for (const name of ["official", "floor-strict", "floor-published", "held-low", "held-high", "seed-low"]) {
      expect(moved, name).not.toContain(name);
    }
    const table = ratioTable(ledger, { ratios: [0.1, 0.3] }).rows.find((r) => r.kind === "adjusted-total")!;
    expect(Number(afterRatio["total-cat3_4-high"]!.split("|")[0])).toBe(
      table.cells.find((c) => c.column === "cat3_4_30pct")!.value,
    );
    await expectAgreement(page, true);

    // The low end of the ratio.
    await page.locator("#ratio-low").fill("0.05");
    await expect.poll(async () => (await snapshot(page))["total-low"]).not.toBe(afterRatio["total-low"]);
    const afterLow = await snapshot(page);
    for (const name of ["total-low", "total-cat3_4-low", "interval", "held-ratio", "chartTitles"]) {
      expect(changed(afterRatio, afterLow), name).toContain(name);
    }

    // The base: category 4 alone moves the Monte Carlo and drops the categories 3+4 bands from the chart;
    // the headline stays on the December 2024 submission's basis (categories 3+4) whatever the base.
    await page.locator("#base").selectOption("cat4");
    await expect.poll(async () => (await snapshot(page)).interval).not.toBe(afterLow.interval);
    const afterBase = await snapshot(page);
    expect(changed(afterLow, afterBase)).toEqual(expect.arrayContaining(["interval", "held-ratio"]));
    expect(afterBase["total-cat3_4-high"]).toBe(afterLow["total-cat3_4-high"]);
    expect(afterBase["total-high"]).toBe(afterLow["total-high"]);
    expect(Object.keys(afterBase).some((k) => k.endsWith("/cat3_4"))).toBe(false);
    await expectAgreement(page, true);

    // Durations: the held card (both its figures) and nothing on the totals.
    await page.locator("#duration-high").fill("150");
    await expect.poll(async () => (await snapshot(page))["held-high"]).not.toBe(afterBase["held-high"]);
    const afterDuration = await snapshot(page);
    expect(changed(afterBase, afterDuration)).toEqual(expect.arrayContaining(["held-high", "held-ratio"]));
    expect(changed(afterBase, afterDuration)).not.toContain("total-high");
    await page.locator("#duration-low").fill("20");
    await expect.poll(async () => (await snapshot(page))["held-low"]).not.toBe(afterDuration["held-low"]);
    const afterDurationLow = await snapshot(page);
    expect(changed(afterDuration, afterDurationLow)).toEqual(expect.arrayContaining(["held-low", "held-ratio"]));
    const perYear = (38000 / 366) * 365;
    expect(Number(afterDurationLow["held-low"]!.split("|")[0])).toBe(Math.round((perYear * 20) / 365));
    expect(Number(afterDurationLow["held-high"]!.split("|")[0])).toBe(Math.round((perYear * 150) / 365));

    // Annualization off: the totals, the interval, the chart and its table all change.
    await page.locator("#annualize").click();
    await expect.poll(async () => (await snapshot(page))["total-high"]).not.toBe(afterDurationLow["total-high"]);
    const afterAnnualize = await snapshot(page);
    const movedA = changed(afterDurationLow, afterAnnualize);
    expect(movedA).toEqual(
      expect.arrayContaining([
        "total-high",
        "total-low",
        "interval",
        "chartTitles",
        "band 2024/cat4",
        "band 2025/cat4",
      ]),
    );
    // Full years do not move; the partial years' bands cover their nine reported months.
    expect(movedA).not.toContain("band 2023/cat4");
    expect(afterAnnualize["band 2025/cat4"]).toBe("3300–19800");
    await expectAgreement(page, false);
    await page.close();
  }, 300_000);

  it("refuses URL values outside a control's range visibly and uses the ledger's values", async () => {
    const page = await open("/?ratio-range=0.5,3&durations=0,5000&base=cat9");
    const refused = page.locator(".refused");
    await expect.poll(() => refused.getAttribute("data-refused")).toBe("ratio-range base durations");
    expect(await refused.textContent()).toContain("ratio-range=0.5,3");
    expect(await page.locator("#ratio-high").inputValue()).toBe("0.2");
    expect(await page.locator("#duration-high").inputValue()).toBe("78.7");
    // Moving a control writes a valid address, and the notice goes.
    await page.locator("#ratio-high").fill("0.25");
    await expect.poll(() => refused.count()).toBe(0);
    await page.close();
  }, 120_000);

  it("shows each slider's value on its label's line, after the reader's own colon", async () => {
    const expected = {
      en: {
        "ratio-low": "Ratio, low: 0.10",
        "ratio-high": "Ratio, high: 0.20",
        "duration-low": "Average duration, shortest (days): 42.5",
        "duration-high": "Average duration, longest (days): 78.7",
      },
      zh: {
        "ratio-low": "比例下限：0.10",
        "ratio-high": "比例上限：0.20",
        "duration-low": "平均留置时长下限（天）：42.5",
        "duration-high": "平均留置时长上限（天）：78.7",
      },
    } as const;
    for (const lang of ["en", "zh"] as const) {
      // The narrowest screen is where a value would be pushed under its label.
      const page = await open(lang === "en" ? "/" : "/?lang=zh", 390);
      for (const [id, text] of Object.entries(expected[lang])) {
        const label = page.locator(`label[for="${id}"]`);
        const output = page.locator(`output[for="${id}"]`);
        const line = await label.evaluate((el) => (el.parentElement?.textContent ?? "").trim());
        expect(line, `${lang} ${id}`).toBe(text);
        const [labelBox, outputBox] = [await label.boundingBox(), await output.boundingBox()];
        expect(Math.abs(labelBox!.y - outputBox!.y), `${lang} ${id}: value beside its label`).toBeLessThan(2);
        expect(outputBox!.x, `${lang} ${id}: value after its label`).toBeGreaterThan(labelBox!.x + labelBox!.width - 1);
      }
      await page.close();
    }
  }, 120_000);

  it("keeps the December 2024 submission's figures on the overview, and shows the 2024 official count", async () => {
    for (const [lang, width] of [
      ["en", 1366],
      ["zh", 1366],
      ["en", 390],
      ["zh", 390],
    ] as const) {
      const page = await open(lang === "en" ? "/" : "/?lang=zh", width);
      const read = async (name: string) => Number(await page.getAttribute(`[data-figure="${name}"]`, "data-value"));
      expect([await read("seed-low"), await read("seed-high"), await read("seed-floor")]).toEqual([
        92300, 184600, 39547,
      ]);
      expect(await read("official")).toBe(38000);
      await page.screenshot({ path: join(SHOTS, `what-if-overview-${lang}-${width}.png`), fullPage: true });
      await page.close();
    }
  }, 240_000);
});
