import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./helpers.ts";
import { type ServedDashboard, serveDashboard } from "./support/dashboard-server.ts";
import { untranslatedWords } from "./support/english-words.ts";
import { shippedLedger } from "./support/shipped-ledger.ts";

const SHOTS = join(ROOT, "test-output");
const WIDTHS = [390, 1366] as const;
const LANGS = ["en", "zh"] as const;
const VIEWS = ["overview", "ledger", "methods", "downloads"] as const;
const MIN_FONT_PX = 11;
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

/** Opens a view at a width and waits until its content (and the chart, and the methods text) is drawn. */
async function open(width: number, lang: string, view: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${base}/?${lang === "en" ? "" : `lang=${lang}&`}view=${view}`);
  const ready = {
    overview: "svg.chart text",
    ledger: "#ledger-table tbody tr",
    methods: ".methods h2",
    downloads: "#downloads",
  }[view]!;
  await page.waitForSelector(ready, { timeout: 30_000 });
  return { page, errors };
}

interface Layout {
  readonly scrollWidth: number;
  readonly viewport: number;
  /** Elements that scroll sideways inside the page: only a table's own scroll box may. */
  readonly sidewaysScrollers: string[];
  /** Visible text drawn under the minimum size: its text, its size in px. */
  readonly smallText: Array<{ text: string; px: number }>;
  readonly textNodes: number;
  /** Tiles of the map whose province name or figure is cut. */
  readonly cutTiles: string[];
}

/** Measures the page as a reader sees it: widths, and the drawn size of every visible text. */
function measure(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.classList.length ? `.${[...el.classList].join(".")}` : ""}`;
    const sidewaysScrollers: string[] = [];
    for (const el of document.querySelectorAll("body *")) {
      const style = getComputedStyle(el);
      if (!["auto", "scroll"].includes(style.overflowX)) continue;
      if (el.scrollWidth > el.clientWidth + 1 && !el.matches(".table-wrap")) sidewaysScrollers.push(describe(el));
    }
    const smallText: Array<{ text: string; px: number }> = [];
    let textNodes = 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? "";
      const parent = node.parentElement;
      if (!text || !parent) continue;
      // Only text a reader can see: laid out, not hidden, not the off-screen skip link.
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (rects.length === 0 || getComputedStyle(parent).visibility === "hidden") continue;
      if (rects.every((r) => r.right < 0)) continue;
      textNodes++;
      let px = Number.parseFloat(getComputedStyle(parent).fontSize);
      // SVG text is drawn at the scale of its <svg>: a 12 px label in a chart shrunk to half is 6 px.
      if (parent instanceof SVGElement) {
        const ctm = (parent as unknown as SVGGraphicsElement).getScreenCTM?.();
        if (ctm) px *= Math.hypot(ctm.a, ctm.b);
      }
      if (px < 11 - 0.01) smallText.push({ text: text.slice(0, 40), px: Math.round(px * 10) / 10 });
    }
    const cutTiles: string[] = [];
    for (const tile of document.querySelectorAll<HTMLElement>(".tile")) {
      const box = tile.getBoundingClientRect();
      const name = tile.querySelector("b");
      const nameBox = name?.getBoundingClientRect();
      const cut =
        tile.scrollWidth > tile.clientWidth + 1 ||
        tile.scrollHeight > tile.clientHeight + 1 ||
        (nameBox !== undefined && (nameBox.right > box.right + 0.5 || name!.scrollWidth > name!.clientWidth + 1));
      if (cut) cutTiles.push(tile.dataset.province ?? tile.textContent ?? "?");
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      viewport: document.documentElement.clientWidth,
      sidewaysScrollers,
      smallText,
      textNodes,
      cutTiles,
    };
  });
}

interface ChartGeometry {
  readonly width: number;
  /** The width the chart's column gives it. */
  readonly column: number;
  readonly years: Array<{ text: string; left: number; right: number; top: number; bottom: number }>;
  readonly axisLabel: { left: number; right: number; top: number; bottom: number } | null;
  readonly topTick: number;
  /** The largest figure drawn, read from the marks' own titles (a band's is its high end). */
  readonly largest: number;
}

/** The yearly chart as drawn: its width, its year labels and axis label, its top tick, its largest figure. */
function chartGeometry(page: Page): Promise<ChartGeometry> {
  return page.evaluate(() => {
    const svg = document.querySelector<SVGSVGElement>("svg.chart")!;
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    };
    const number = (text: string) => Number(text.replace(/[^\d]/g, ""));
    const years = [...svg.querySelectorAll(".x-axis-tick-label text")].map((el) => ({
      text: el.textContent ?? "",
      ...box(el),
    }));
    const label = svg.querySelector(".x-axis-label text");
    const ticks = [...svg.querySelectorAll(".y-axis-tick-label text")].map((el) => number(el.textContent ?? ""));
    const drawn = [...svg.querySelectorAll("title")].map((el) =>
      number(/[\d,]+$/.exec(el.textContent ?? "")?.[0] ?? ""),
    );
    return {
      width: svg.getBoundingClientRect().width,
      column: svg.closest(".chart-host")!.clientWidth,
      years,
      axisLabel: label ? box(label) : null,
      topTick: Math.max(...ticks),
      largest: Math.max(...drawn),
    };
  });
}

const overlap = (a: ChartGeometry["years"][number], b: NonNullable<ChartGeometry["axisLabel"]>) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe("small screens and large", () => {
  for (const width of WIDTHS) {
    for (const lang of LANGS) {
      it(`at ${width} px in ${lang}: no sideways scrolling but a table's own, no text under ${MIN_FONT_PX} px, no name cut`, async () => {
        for (const view of VIEWS) {
          const { page, errors } = await open(width, lang, view);
          await page.screenshot({ path: join(SHOTS, `screen-${width}-${lang}-${view}.png`), fullPage: true });
          const layout = await measure(page);
          expect(layout.scrollWidth, `${view}: the page is wider than the screen`).toBeLessThanOrEqual(layout.viewport);
          expect(layout.sidewaysScrollers, view).toEqual([]);
          expect(layout.textNodes, view).toBeGreaterThan(10);
          expect(layout.smallText, view).toEqual([]);
          expect(layout.cutTiles, view).toEqual([]);
          expect(errors, view).toEqual([]);
          if (view === "overview") {
            // The tile map and the chart are there and fit: 31 provinces, the chart no wider than the page.
            expect(await page.locator(".tile").count()).toBe(31);
            const chart = await page.locator("svg.chart").boundingBox();
            expect(chart!.width).toBeGreaterThan(250);
            expect(chart!.x + chart!.width).toBeLessThanOrEqual(layout.viewport);
            expect(await page.locator("svg.chart text").count()).toBeGreaterThan(10);
            // The chart fills its column, its grid reaches above every figure drawn, and no year label
            // touches the next one or the axis label under them.
            const geometry = await chartGeometry(page);
            expect(geometry.width).toBeGreaterThanOrEqual(geometry.column - 1);
            expect(geometry.largest).toBeGreaterThan(30_000);
            expect(geometry.topTick).toBeGreaterThanOrEqual(geometry.largest);
            expect(geometry.years.length).toBeGreaterThanOrEqual(4);
            for (const [i, year] of geometry.years.entries()) {
              const next = geometry.years[i + 1];
              if (next) expect(year.right, `${year.text} runs into ${next.text}`).toBeLessThan(next.left - 4);
              expect(overlap(year, geometry.axisLabel!), `${year.text} sits on the axis label`).toBe(false);
            }
          }
          if (view === "ledger") {
            // The ledger table scrolls inside its own box; its province names are never one character a line.
            const cells = await page.locator("#ledger-table td.place").evaluateAll((tds) =>
              tds.map((td) => {
                const lineHeight = Number.parseFloat(getComputedStyle(td).lineHeight) || 20;
                const range = document.createRange();
                range.selectNodeContents(td);
                return { text: td.textContent, lines: Math.round(range.getBoundingClientRect().height / lineHeight) };
              }),
            );
            expect(cells.length).toBeGreaterThan(40);
            expect(cells.filter((c) => c.lines > 1)).toEqual([]);
          }
          await page.close();
        }
      }, 180_000);
    }
  }
});

/** The text a Chinese reader sees (and hears: aria-label, title, alt), leaving out commands and what is marked English. */
function readerText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const englishOnPurpose = (el: Element | null) => el?.closest("[lang]")?.getAttribute("lang")?.startsWith("en");
    const parts: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest("code, pre, script, style") || englishOnPurpose(parent)) continue;
      parts.push(node.textContent ?? "");
    }
    for (const el of document.querySelectorAll("[aria-label], [title], [alt], option")) {
      if (englishOnPurpose(el)) continue;
      for (const name of ["aria-label", "title", "alt"]) parts.push(el.getAttribute(name) ?? "");
    }
    return parts.join("\n");
  });
}

describe("the Chinese dashboard", () => {
  it("has no untranslated English word on any view (source titles in English and the language switch aside)", async () => {
    for (const view of VIEWS) {
      const { page } = await open(1366, "zh", view);
      if (view === "ledger") await page.locator("#f-measure").focus();
      const text = await readerText(page);
      expect(text.length, view).toBeGreaterThan(200);
      expect(untranslatedWords(text, ledger), view).toEqual([]);
      await page.close();
    }
  }, 120_000);

  it("shows measures, units, scopes, periods and publishers in Chinese, and each province name on one line", async () => {
    const { page } = await open(1366, "zh", "ledger");
    const row = (id: string) => page.locator(`#ledger-table tr[data-id="${id}"] td`).allTextContents();
    expect(await row("appx1-18-cn-sx")).toEqual(
      expect.arrayContaining(["山西", "留置人数", "2021年1月至6月", "人", "全部"]),
    );
    expect(await row("punished-cat3-4-2024-jan-sep")).toEqual(
      expect.arrayContaining(["受处分（第三、四种形态）", "2024年（1月至9月）", "人次"]),
    );
    expect(await row("appx1-23-cn-gs")).toEqual(
      expect.arrayContaining(["2018年3月至2020年（仅受贿案件）", "仅受贿案件"]),
    );
    // A source without a title of its own shows the title we supplied, in its Chinese words (title_zh).
    expect((await row("appx1-04-cn-jx")).at(-1)).toContain("[留置人数：江西，2018年3月至12月]");
    await page.close();
  });

  it("punctuates the headline cards, the what-if labels and the ledger in full-width marks, never ASCII", async () => {
    for (const width of WIDTHS) {
      const { page } = await open(width, "zh", "overview");
      await page.waitForSelector('[data-figure="seed"]');
      const cards = await page.locator("#headline ~ .cards .card").allInnerTexts();
      expect(cards.length).toBe(4);
      for (const card of cards) expect(card.match(/[():;]/g) ?? [], card).toEqual([]);
      // The phrases the tester found, as a Chinese reader should see them.
      const text = cards.join("\n");
      expect(text).toMatch(/每天103\.8人（出处）/);
      expect(text).toContain("仅第四种形态：55,500–111,000");
      expect(text).toContain("的估算：92,300–184,600；提交材料的合计（部分留置被重复计算）39,547。");
      const settings = await page.locator(".whatif .setting").allInnerTexts();
      expect(settings.length).toBe(4);
      for (const setting of settings) expect(setting, setting).toMatch(/^[^():;]+：[\d.]+$/);
      await page.close();
    }
    // A source without an address: "（无网址）".
    const { page } = await open(1366, "zh", "ledger");
    const sources = (await page.locator("#ledger-table td:last-child").allInnerTexts()).join("\n");
    expect(sources).toContain("（无网址）");
    expect(sources).not.toContain("(无网址)");
    const options = await page.locator("#f-jurisdiction option").allInnerTexts();
    expect(options).toContain("山西（CN-SX）");
    await page.close();
  }, 120_000);

  it("renders the methods page from its Chinese translation, formulas unchanged", async () => {
    const { page } = await open(1366, "zh", "methods");
    const text = (await page.textContent(".methods")) ?? "";
    expect(text).toContain("官方数字下限");
    expect(text).toContain("人次");
    expect(await page.locator(".methods pre").first().textContent()).toBe(
      "estimate(year, base, r) = round₁₀₀( r × punished(year, base) )",
    );
    await page.close();
  });
});

describe("what every reader sees", () => {
  it("renders Markdown as Markdown and names no source file of ours", async () => {
    for (const lang of LANGS) {
      const overview = await open(1366, lang, "overview");
      const help = overview.page.locator(".whatif .help");
      expect(await help.locator("code").textContent()).toBe("liuzhi uncertainty");
      expect(await help.textContent()).not.toContain("`");
      const methods = await open(1366, lang, "methods");
      const shuanggui = lang === "en" ? "shuanggui" : "双规";
      expect(await methods.page.locator(".methods em", { hasText: shuanggui }).count()).toBeGreaterThan(0);
      for (const page of [overview.page, methods.page]) {
        // What is shown as text, commands and formulas (code) aside: no Markdown left unrendered.
        const text = await page.evaluate(() => {
          const body = document.body.cloneNode(true) as HTMLElement;
          for (const code of body.querySelectorAll("code, pre")) code.remove();
          return body.textContent ?? "";
        });
        expect(text).not.toMatch(/_shuanggui_|`|\*\*/);
        // Nor a file of our source code, not even as code: readers are researchers.
        // No path, no camelCase or CONSTANT_CASE identifier (populationSourceId, UNCERTAINTY_PARAMS).
        const everything = await page.evaluate(() => {
          const parts: string[] = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!node.parentElement?.closest("script, style, template")) parts.push(node.textContent ?? "");
          }
          return parts.join("\n");
        });
        expect(everything, `${lang}: ${page.url()}`).not.toMatch(
          /\bsrc\/|\.tsx?\b|\b[a-z]+[A-Z]\w*|\b[A-Z]+_[A-Z_]+\b/,
        );
        await page.close();
      }
    }
  }, 60_000);

  it("puts the person-times warning of the methods page on the estimate card", async () => {
    for (const [lang, word] of [
      ["en", "person-times"],
      ["zh", "人次"],
    ] as const) {
      const { page } = await open(1366, lang, "overview");
      const card = page.locator(".card", { has: page.locator('[data-figure="total-low"]') });
      const warning = card.locator("#person-times-warning");
      expect(await warning.isVisible()).toBe(true);
      expect(await warning.textContent()).toContain(word);
      await page.close();
    }
  });
});
