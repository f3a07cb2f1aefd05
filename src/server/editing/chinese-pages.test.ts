/**
 * The editing pages in Chinese say everything in Chinese: the core's validation messages at their
 * fields (proposal and case forms), the case page's WGEID readiness list and the monitor evidence
 * panel on the review page. Each page is asked for with the `lz_lang=zh` cookie, and the text it
 * shows is searched for English words (test/support/english-words.ts).
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleCase } from "../../../test/support/cases.ts";
import { call, type Fixture, observationRow, openFixture } from "../../../test/support/editing-fixture.ts";
import { untranslatedWords } from "../../../test/support/english-words.ts";
import { addCase, generateKey } from "../../cases/index.ts";
import type { Ledger } from "../../core/index.ts";
import { readLedger } from "../../ledger/index.ts";
import { proposeChange } from "../../review/index.ts";
import { editingRoutes } from "./index.ts";

let fx: Fixture;
let app: Hono;
let ledger: Ledger;
let store: string;
const key = generateKey();
const env = { LIUZHI_CASE_KEY: key.bytes.toString("base64") };

beforeAll(async () => {
  fx = await openFixture();
  store = join(fx.dir, "captures");
  app = editingRoutes({ db: fx.db, secureCookies: false, env, captureStore: store });
  ledger = await readLedger(fx.db);
});
afterAll(async () => fx?.close());

/** A session whose pages are in Chinese. */
async function chinese(who: "editor" | "reviewer") {
  const s = await fx.session(who);
  return { cookie: `${s.cookie}; lz_lang=zh`, csrf: s.csrf };
}

/** The text a reader sees in a piece of markup (tags dropped, entities the escaper writes undone). */
const textOf = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** Every field error of a form page (`<p class="error">`), as text. */
const fieldErrors = (page: string) =>
  [...page.matchAll(/<p class="error" id="e-[^"]+">([\s\S]*?)<\/p>/g)].map((m) => textOf(m[1]!));

function expectChinese(texts: ReadonlyArray<string>) {
  expect(texts.length).toBeGreaterThan(0);
  for (const t of texts) {
    expect(t).toMatch(/\p{Script=Han}/u);
    expect(untranslatedWords(t, ledger), t).toEqual([]);
  }
}

describe("the Chinese proposal form", () => {
  it("says the core's validation messages in Chinese at their fields", async () => {
    const session = await chinese("editor");
    const row = await observationRow(fx.db, "zh-check-1");
    const post = (form: Record<string, string>) =>
      call(app, "POST", "/edit/changes", { session, form: { _table: "observations", _action: "create", ...form } });
    const texts: string[] = [];
    for (const form of [
      // Field by field: a number with a separator, an id with a space, a formula, a date that is no date, a vocabulary miss.
      { ...row, value: "12,000", id: "留置 1", quote: "=1+1", period_start: "2024-13-01", qualifier: "约", reason: "" },
      // Across fields, once every field is valid: the period's end before its start, a count with decimals.
      { ...row, period_start: "2024-02-01", period_end: "2024-01-31", value: "12.5", reason: "核对" },
      // Against the ledger: a source it does not hold.
      { ...row, source_id: "2024-999", reason: "核对" },
    ]) {
      const r = await post(form);
      expect(r.status).toBe(400);
      const page = await r.text();
      expect(page).toContain('<html lang="zh-Hans"');
      // The header names the account's role in Chinese too.
      expect(textOf(/<span class="who">([\s\S]*?)<\/span>/.exec(page)?.[1] ?? "")).toContain("（编辑）");
      texts.push(...fieldErrors(page));
    }
    expectChinese(texts);
    const all = texts.join("\n");
    for (const said of ["不加千位分隔符", "只能使用小写字母", "当作公式运行", "格式的日期", "所列选项之一", "必填"])
      expect(all).toContain(said);
    for (const said of ["早于期间的开始日期", "必须是非负整数", "未知的来源“2024-999”"]) expect(all).toContain(said);
  });

  it("keeps the English page's messages as they were", async () => {
    const session = await fx.session("editor");
    const row = await observationRow(fx.db, "en-check-1");
    const r = await call(app, "POST", "/edit/changes", {
      session,
      form: { _table: "observations", _action: "create", ...row, value: "12,000", reason: "x" },
    });
    expect(fieldErrors(await r.text())).toEqual([
      "The figure: must be a non-negative number written with digits only (no thousands separators), got '12,000'",
    ]);
  });
});

describe("the Chinese case pages", () => {
  const form = {
    "person.name_zh": "",
    "person.name_pinyin": "",
    "person.sex": "male",
    "person.birth_year": "1800",
    "detention.taken_on": "2024-13-01",
    "detention.jurisdiction": "CN-XX",
    status: "open",
  };

  it("say the case form's problems in Chinese at their fields", async () => {
    const r = await call(app, "POST", "/edit/cases", { session: await chinese("reviewer"), form });
    expect(r.status).toBe(400);
    const texts = fieldErrors(await r.text());
    expectChinese(texts);
    const all = texts.join("\n");
    for (const said of ["需要姓名", "1900年至今年之间的年份", "格式的日期", "账本中没有地区代码“CN-XX”"]) {
      expect(all).toContain(said);
    }
  });

  it("say an event's problems in Chinese, and the WGEID readiness list in Chinese", async () => {
    const id = await addCase(
      { db: fx.db, key, actor: "rosa" },
      sampleCase({
        person: { name_zh: "王五" },
        detention: { jurisdiction: "CN-YN" },
        timeline: [],
        perpetrators: null,
        steps_taken: null,
        submitter: null,
        relatives_consent: null,
      }),
    );
    const session = await chinese("reviewer");
    const event = await call(app, "POST", `/edit/cases/${id}/events`, {
      session,
      form: {
        "event.date": "2024-02-30",
        "event.kind": "released",
        "event.source": "",
        "event.confidence": "testimony",
      },
    });
    expect(event.status).toBe(400);
    expectChinese(fieldErrors(await event.text()));

    const page = await (await call(app, "GET", `/edit/cases/${id}`, { session })).text();
    const readiness = /<h2>WGEID材料是否齐全<\/h2>(<div class="notice">[\s\S]*?<\/div>)/.exec(page)?.[1] ?? "";
    const items = [...readiness.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => textOf(m[1]!));
    expect(items.length).toBeGreaterThanOrEqual(6);
    expectChinese([textOf(readiness), ...items]);
    expect(items).toContain("亲属的同意，及其日期和同意人");

    const refused = await call(app, "GET", `/edit/cases/${id}/wgeid.docx`, { session });
    expect(refused.status).toBe(409);
    const list = /<div class="notice" role="alert">([\s\S]*?)<\/div>/.exec(await refused.text())?.[1] ?? "";
    expectChinese([textOf(list).replace(id, " ")]);
  });
});

describe("the Chinese review page", () => {
  it("shows a monitor draft's evidence panel in Chinese", async () => {
    const text = "云南省纪委监委通报。\n2024年，全省纪检监察机关留置1500人。\n其余内容。";
    const bytes = Buffer.from(text, "utf8");
    const sha = createHash("sha256").update(bytes).digest("hex");
    mkdirSync(join(store, "text"), { recursive: true });
    writeFileSync(join(store, "text", `${sha}.txt`), bytes);
    const quote = "2024年，全省纪检监察机关留置1500人。";
    const start = text.indexOf(quote);
    const shipped = ledger.observations.find((o) => o.jurisdiction !== "CN")!;
    const row = { ...(await observationRow(fx.db, "zh-monitor-1")), quote, value: "1500" };
    const change = await proposeChange(fx.db, {
      author: "monitor:watch",
      system: true,
      table: "observations",
      action: "create",
      row,
      reason: "Monitor: test",
      meta: {
        kind: "monitor",
        url: "https://www.ynjjjc.gov.cn/html/2024/test.html",
        capture: {
          captured_at: "2024-10-18T08:00:00Z",
          warc_sha256: "a".repeat(64),
          text_file: `text/${sha}.txt`,
          text_sha256: sha,
        },
        sentence: { start, end: start + quote.length },
        printed: "1500人",
        confidence: 0.95,
        confidence_reason: "period '2024年' stated in the sentence",
        confidence_reason_zh: "期间“2024年”写在句中",
        conflict: { with: "ledger", id: shipped.id, value: 1400 },
      },
    });
    const page = await (
      await call(app, "GET", `/edit/changes/${change.id}`, { session: await chinese("reviewer") })
    ).text();
    const panel = /<section class="evidence"[^>]*>([\s\S]*?)<\/section>/.exec(page);
    expect(panel).not.toBeNull();
    expect(panel![0]).toContain('aria-label="证据"');
    const shown = textOf(panel![1]!);
    expect(shown).toContain(quote);
    expect(shown).toContain("期间“2024年”写在句中");
    expectChinese([shown]);

    const english = await (
      await call(app, "GET", `/edit/changes/${change.id}`, { session: await fx.session("reviewer") })
    ).text();
    expect(english).toContain("<h2>Read by the monitor</h2>");
    expect(textOf(english)).toContain("0.95: period '2024年' stated in the sentence");
  });
});
