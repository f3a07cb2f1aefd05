/**
 * Team editing in real Chromium against `liuzhi serve` as a process (every header and middleware of
 * production): a person signs in and out, an editor proposes a new figure (with a new source) and a
 * correction, a reviewer approves and rejects with a reason and reads the history, a viewer cannot
 * write, a cross-site form post is refused; in English and in Chinese, by typing and clicking.
 */
import { mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CASE_WORDS } from "../src/server/editing/case-words.ts";
import { WORDS } from "../src/server/editing/words.ts";
import { makeTempDir, ROOT, removeDir } from "./helpers.ts";
import { launchChromium } from "./support/chromium.ts";
import { type ServedEditing, serveWithAccounts, signInAs, signOut } from "./support/editing-server.ts";
import { untranslatedWords } from "./support/english-words.ts";
import { shippedLedger } from "./support/shipped-ledger.ts";

const SHOTS = join(ROOT, "test-output");
let dir: string;
let served: ServedEditing;
let base: string;
let context: BrowserContext;
let closeBrowser: () => Promise<void>;

const ledger = shippedLedger();
const ACCOUNTS = { li: "editor", amina: "reviewer", vera: "viewer" } as const;
/** One shipped observation each language's editor corrects. */
const TARGET = { en: "appx1-01-cn-bj", zh: "appx1-02-cn-sx" } as const;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dir = makeTempDir();
  const [s, browser] = await Promise.all([
    serveWithAccounts(dir, ACCOUNTS, { LIUZHI_CASE_KEY: Buffer.alloc(32, 5).toString("base64") }),
    launchChromium(),
  ]);
  served = s;
  base = s.base;
  context = browser.context;
  closeBrowser = browser.close;
}, 300_000);

afterAll(async () => {
  await closeBrowser?.();
  await served?.stop();
  removeDir(dir);
});

/** The form control labelled `label` (its label may go on with " (required)"): exact, so "数字" is not "此数字的编号". */
const field = (page: Page, label: string) =>
  page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?: \\(|$)`));

async function newPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  // A page answered with 400, 401 or 403 is logged by Chromium as a failed resource: the tests check those statuses themselves.
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  return { page, errors };
}

const publicIds = async () =>
  ((await (await fetch(`${base}/api/observations`)).json()) as Array<{ id: string }>).map((o) => o.id);

for (const lang of ["en", "zh"] as const) {
  const w = WORDS[lang];
  const newId = `e2e-${lang}-yn-2023`;
  const sourceId = `ynjjjc-e2e-${lang}`;

  describe(`in ${lang === "en" ? "English" : "Chinese"}`, () => {
    it("signs in from the dashboard's footer link, and signs out", { timeout: 180_000 }, async () => {
      const { page, errors } = await newPage();
      await signOut(page, base);
      await page.goto(`${base}/${lang === "zh" ? "?lang=zh" : ""}`);
      await page.getByRole("link", { name: lang === "en" ? "Team sign-in" : "团队登录" }).click();
      await page.waitForURL(`${base}/edit/login`);
      expect(await page.locator("h1").textContent()).toBe(lang === "en" ? "Sign in" : "登录");
      expect(await page.getAttribute("html", "lang")).toBe(w.htmlLang);

      await page.getByLabel(w.name).fill("li");
      await page.getByLabel(w.password).fill("not the password at all");
      await page.getByRole("button", { name: w.signIn, exact: true }).click();
      await expect.poll(() => page.locator(".notice").textContent()).toContain("wrong name or password");
      expect(await page.getByLabel(w.name).inputValue()).toBe("li");

      await page.getByLabel(w.password).fill("correct horse battery staple");
      await page.getByRole("button", { name: w.signIn, exact: true }).click();
      await page.waitForURL(`${base}/edit`);
      expect(await page.locator("header.top").textContent()).toContain(`${w.signedInAs} li`);
      // /edit/ (with the slash) is the same dashboard.
      await page.goto(`${base}/edit/`);
      expect(page.url()).toBe(`${base}/edit`);
      expect(await page.locator("h1").textContent()).toBe(w.editingTitle);

      await page.getByRole("button", { name: w.signOut }).click();
      await page.waitForURL(/\/edit\/login/);
      expect(await page.locator("[role=status]").textContent()).toBe(w.signedOut);
      await page.goto(`${base}/edit`);
      expect(new URL(page.url()).pathname).toBe("/edit/login");
      expect(errors).toEqual([]);
      await page.close();
    });

    it("an editor proposes a new figure with its new source, and a correction", { timeout: 180_000 }, async () => {
      const { page, errors } = await newPage();
      await signInAs(page, base, "li", w);
      await page.getByRole("link", { name: w.newObservation }).click();
      await page.waitForURL(`${base}/edit/new/observations`);
      const f = w.fields.observations;
      await field(page, f.id!.label).fill(newId);
      await field(page, f.measure!.label).selectOption("liuzhi_placements");
      await field(page, f.jurisdiction!.label).fill("CN-YN");
      // The picker names what the code points to.
      await expect.poll(() => page.locator("#p-jurisdiction").textContent()).toBe("Yunnan · 云南");
      await field(page, f.period_start!.label).fill("2023-01-01");
      await field(page, f.period_end!.label).fill("2023-12-31");
      await field(page, f.period_label!.label).fill("2023年");
      await field(page, f.value!.label).fill("12,000");
      await field(page, f.qualifier!.label).selectOption("exact");
      await field(page, f.unit!.label).selectOption("people");
      await field(page, f.scope!.label).selectOption("all");
      await field(page, f.derivation!.label).selectOption("published");
      await field(page, f.quote!.label).fill("2023年全省留置12000人");
      // The figure comes from a page not yet in the ledger: its source, inline.
      await page.getByText(w.newSourceSummary).click();
      await page.locator("#f-source-id").fill(sourceId);
      await page.locator("#f-source-publisher").fill("Yunnan Provincial Commission for Discipline Inspection");
      await page.locator("#f-source-title").fill("云南省纪委监委2023年工作报告");
      await page.locator("#f-source-url").fill("https://www.ynjjjc.gov.cn/report-2023.html");
      await page.getByRole("button", { name: w.submit }).click();

      // Two problems at once (the thousands separator, the missing reason), each at its field; nothing lost.
      await expect.poll(() => page.locator("#problems").textContent()).toContain(w.seeFields(2));
      expect(await page.locator("#e-value").textContent()).toContain(f.value!.label);
      expect(await page.locator("#e-reason").textContent()).toContain(w.reason);
      expect(await page.locator("#f-value").inputValue()).toBe("12,000");
      expect(await page.locator("#f-period_label").inputValue()).toBe("2023年");
      expect(await page.locator("#f-source-title").inputValue()).toBe("云南省纪委监委2023年工作报告");
      expect(await page.locator("#f-value").getAttribute("aria-invalid")).toBe("true");
      // The core's messages in the page's language: not one English word on the Chinese page.
      if (lang === "zh")
        for (const error of await page.locator("p.error").allTextContents())
          expect(untranslatedWords(error, ledger), error).toEqual([]);

      await page.setViewportSize({ width: 1366, height: 900 });
      await page.screenshot({ path: join(SHOTS, `editing-proposal-errors-${lang}-1366.png`), fullPage: true });
      // The README's picture of the form (docs/), from this very run.
      if (lang === "en")
        await page.screenshot({ path: join(ROOT, "docs", "editing-proposal-form.png"), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: join(SHOTS, `editing-proposal-errors-${lang}-390.png`), fullPage: true });
      await page.setViewportSize({ width: 1366, height: 900 });

      await page.locator("#f-value").fill("12000");
      await page.locator("#f-reason").fill("Figure from the 2023 provincial work report");
      await page.getByRole("button", { name: w.submit }).click();
      await page.waitForURL(/\/edit\/changes\/[0-9a-f-]{36}$/);
      expect(await page.locator(".status-draft").first().textContent()).toBe(w.status.draft);
      expect(await page.locator("main").textContent()).toContain(w.withNewSource);
      expect(await page.locator("main").textContent()).toContain(w.waitsForOther);

      // A correction: chosen on the dashboard by typing its id, opened prefilled, one value changed.
      await page.getByRole("link", { name: `${w.app} · ${w.editingTitle}` }).click();
      await page.locator("#correct-table").selectOption("observations");
      await page.locator("#correct-id").fill(TARGET[lang]);
      await page.getByRole("button", { name: w.open, exact: true }).click();
      await page.waitForURL(/\/edit\/correct\?/);
      expect(await page.locator("#f-id").getAttribute("readonly")).not.toBeNull();
      await page.locator("#f-value").fill("999");
      await page.locator("#f-reason").fill("The source prints 999");
      await page.getByRole("button", { name: w.submit }).click();
      await page.waitForURL(/\/edit\/changes\/[0-9a-f-]{36}$/);
      // Each field by its label, never its column name.
      expect(await page.locator("tr.changed th").allTextContents()).toEqual([w.fields.observations.value!.label]);
      expect(errors).toEqual([]);
      expect(await publicIds()).not.toContain(newId);
      await page.close();
    });

    it("a reviewer approves one draft, rejects the other with a reason, and reads the history", {
      timeout: 120_000,
    }, async () => {
      // A reader's page left open on the dashboard, which has already asked the API once (its cache is warm).
      const reader = await context.newPage();
      await reader.goto(`${base}/`);
      const readerSees = () =>
        reader.evaluate(
          (id) =>
            fetch("/api/observations")
              .then((r) => r.json())
              .then((rows: Array<{ id: string }>) => rows.some((o) => o.id === id)),
          newId,
        );
      expect(await readerSees()).toBe(false);
      const { page, errors } = await newPage();
      await signInAs(page, base, "amina", w);
      const awaiting = page.locator("h2", { hasText: w.awaitingReview });
      await awaiting.waitFor();
      const rows = page.locator("table").first().locator("tbody tr");
      const newRow = rows.filter({ hasText: newId });
      await newRow.getByRole("link").click();
      await page.waitForURL(/\/edit\/changes\//);
      await page.getByLabel(w.approveNote).fill("Checked against the report");
      await page.getByRole("button", { name: w.approve }).click();
      await expect.poll(() => page.locator("dd.status-approved").textContent()).toBe(w.status.approved);
      // Published: the page left open sees it through the API within five seconds (answers are revalidated, not cached blind).
      await expect.poll(readerSees, { timeout: 5_000, interval: 250 }).toBe(true);
      await reader.close();
      await expect.poll(publicIds, { timeout: 15_000 }).toContain(newId);
      const sources = (await (await fetch(`${base}/api/sources`)).json()) as Array<{ id: string }>;
      expect(sources.map((s) => s.id)).toContain(sourceId);

      await page.goto(`${base}/edit`);
      await page
        .locator("table")
        .first()
        .locator("tbody tr")
        .filter({ hasText: TARGET[lang] })
        .getByRole("link")
        .click();
      await page.waitForURL(/\/edit\/changes\//);
      // Without a reason the browser itself holds the form back (the server refuses it too: unit-tested).
      await page.getByRole("button", { name: w.reject, exact: true }).click();
      expect(
        await page.locator("#reject-reason").evaluate((e) => (e as HTMLTextAreaElement).validity.valueMissing),
      ).toBe(true);
      expect(await page.locator("dd.status-draft").textContent()).toBe(w.status.draft);
      await page.getByLabel(w.rejectReason).fill("The report prints the original figure");
      await page.getByRole("button", { name: w.reject, exact: true }).click();
      await expect.poll(() => page.locator("dd.status-rejected").textContent()).toBe(w.status.rejected);

      await page.getByRole("link", { name: w.historyOf(w.rowKind.observations, TARGET[lang]) }).click();
      await page.waitForURL(/\/history$/);
      const entries = await page.locator("ol.history h2").allTextContents();
      expect(entries.some((e) => e.includes("propose") && e.includes("li"))).toBe(true);
      expect(entries.some((e) => e.includes("reject") && e.includes("amina"))).toBe(true);
      expect(await page.locator("ol.history").textContent()).toContain("The report prints the original figure");
      expect(errors).toEqual([]);
      await page.close();
    });

    it("a reviewer records a case, adds timeline events, and sees the deadline status follow", {
      timeout: 120_000,
    }, async () => {
      const cw = CASE_WORDS[lang];
      const { page, errors } = await newPage();
      await signInAs(page, base, "amina", w);
      await page.getByRole("link", { name: w.casesLink }).click();
      await page.waitForURL(`${base}/edit/cases`);
      await page.getByRole("link", { name: cw.newCase }).click();
      await page.waitForURL(`${base}/edit/cases/new`);
      const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
      await field(page, cw.fields["detention.taken_on"]!).fill(daysAgo(20));
      await field(page, cw.fields["detention.jurisdiction"]!).fill("CN-YN");
      await field(page, cw.fields["person.birth_year"]!).fill("nineteen sixty");
      await page.getByRole("button", { name: cw.create }).click();
      // No name and a year in words: both named at their fields, what was typed kept.
      await expect.poll(() => page.locator("#problems").textContent()).toContain(cw.notSaved(2));
      expect(await page.locator("#e-person-name_zh").textContent()).toContain(cw.fields["person.name_zh"]);
      if (lang === "zh")
        for (const error of await page.locator("p.error").allTextContents())
          expect(untranslatedWords(error, ledger), error).toEqual([]);
      expect(await page.locator("#f-detention-jurisdiction").inputValue()).toBe("CN-YN");
      await field(page, cw.fields["person.name_pinyin"]!).fill(`Test Person ${lang}`);
      await field(page, cw.fields["person.birth_year"]!).fill("1960");
      await page.getByRole("button", { name: cw.create }).click();
      await page.waitForURL(/\/edit\/cases\/case-[0-9a-f]{12}$/);
      expect(await page.title()).not.toContain("Test Person");
      // Nothing presumed: the sex nobody entered stays unknown.
      expect(await page.locator("main").textContent()).toContain(cw.values.unknown);
      expect(await page.locator("#deadlines").textContent()).toContain(cw.flags["wgeid-urgent-window"]);
      // The WGEID readiness list names what is missing in the page's language.
      const readiness = (await page.locator("div.notice", { hasText: cw.notReady }).textContent()) ?? "";
      expect(readiness).toContain(cw.wgeidElements.perpetrators);
      if (lang === "zh") expect(untranslatedWords(readiness, ledger)).toEqual([]);

      // Events from the case vocabulary: a communication to the WGEID, then the release.
      const addEvent = async (date: string, kind: string, source: string) => {
        await field(page, cw.fields["event.date"]!).fill(date);
        await field(page, cw.fields["event.kind"]!).selectOption(kind);
        await field(page, cw.fields["event.source"]!).fill(source);
        await field(page, cw.fields["event.confidence"]!).selectOption("testimony");
        await page.getByRole("button", { name: cw.addEvent }).click();
        await page.waitForURL(/#deadlines$/);
      };
      await addEvent(daysAgo(10), "wgeid-communication-sent", "our own records");
      await addEvent(daysAgo(5), "released", "his wife");
      expect(await page.locator("table.timeline tbody tr").allTextContents()).toHaveLength(2);
      expect(await page.locator("table.timeline").textContent()).toContain(cw.values["wgeid-communication-sent"]);
      const deadlines = await page.locator("#deadlines").textContent();
      expect(deadlines).toContain(cw.ended(daysAgo(5)));
      expect(deadlines).not.toContain(cw.flags["wgeid-urgent-window"]);
      await page.setViewportSize({ width: 1366, height: 900 });
      await page.screenshot({ path: join(SHOTS, `editing-case-${lang}-1366.png`), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: join(SHOTS, `editing-case-${lang}-390.png`), fullPage: true });
      await page.setViewportSize({ width: 1366, height: 900 });
      expect(errors).toEqual([]);
      await page.close();
    });

    it("a viewer reads but cannot write, even with a form and a valid token of their own", {
      timeout: 120_000,
    }, async () => {
      const { page, errors } = await newPage();
      await signInAs(page, base, "vera", w);
      expect(await page.locator("main").textContent()).toContain(w.viewerNote("viewer"));
      expect(await page.getByRole("link", { name: w.newObservation }).count()).toBe(0);
      const direct = await page.goto(`${base}/edit/new/observations`);
      expect(direct?.status()).toBe(403);
      // A hand-made form with the viewer's own CSRF token, submitted by clicking: refused, nothing written.
      const before = (await (await fetch(`${base}/api/observations`)).json()) as unknown[];
      await page.goto(`${base}/edit`);
      await page.evaluate(() => {
        const token = (document.querySelector('input[name="csrf"]') as HTMLInputElement).value;
        const form = document.createElement("form");
        form.method = "post";
        form.action = "/edit/changes";
        for (const [name, value] of [
          ["csrf", token],
          ["_table", "sources"],
          ["_action", "create"],
          ["id", "viewer-source"],
          ["publisher", "x"],
          ["reason", "x"],
        ]) {
          const input = document.createElement("input");
          input.name = name!;
          input.value = value!;
          form.append(input);
        }
        const button = document.createElement("button");
        button.id = "viewer-submit";
        button.textContent = "go";
        form.append(button);
        document.body.append(form);
      });
      const [response] = await Promise.all([page.waitForResponse(/\/edit\/changes$/), page.click("#viewer-submit")]);
      expect(response.status()).toBe(403);
      expect(await page.locator(".notice").textContent()).toContain("needs the editor role");
      expect(((await (await fetch(`${base}/api/observations`)).json()) as unknown[]).length).toBe(before.length);
      expect(errors).toEqual([]);
      await page.close();
    });
  });
}

describe("from another site", () => {
  let evil: Server;
  afterAll(() => evil?.close());

  it("a cross-site form post is refused and writes nothing, even while the editor is signed in", {
    timeout: 120_000,
  }, async () => {
    const target = `${base}/edit/changes`;
    evil = createServer((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><form method="post" action="${target}">
<input name="_table" value="sources"><input name="_action" value="create"><input name="id" value="evil-source">
<input name="publisher" value="x"><input name="reason" value="x"><button id="go">go</button></form>`);
    });
    await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
    // "localhost" is another site than "127.0.0.1" to the browser.
    const evilBase = `http://localhost:${(evil.address() as AddressInfo).port}`;
    const { page } = await newPage();
    await signInAs(page, base, "li", WORDS.en);
    await page.goto(evilBase);
    const [response] = await Promise.all([page.waitForResponse(target), page.click("#go")]);
    expect(response.status()).toBe(403);
    expect(await response.text()).toMatch(/cross-site request refused|cross-origin request refused/);
    await page.goto(`${base}/edit`);
    expect(await page.locator("main").textContent()).not.toContain("evil-source");
    await page.close();
  });
});
