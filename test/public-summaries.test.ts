/**
 * What reports and the dashboard print beside the ledger (issues 7 and 8): "captured on … (SHA-256 …)"
 * beside each captured source, from a capture store written by the capture module against a loopback
 * server; and documented cases against official figures, from cases written with the case store, as a
 * suppressed aggregate only. `liuzhi report` runs in process (the same `main` the binary runs).
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureSources, defaultPolicy, HostGate, listCaptures } from "../src/capture/index.ts";
import { addCase, keyFromBytes, SUPPRESSION_THRESHOLD } from "../src/cases/index.ts";
import { main } from "../src/cli/main.ts";
import { publicSummaries } from "../src/cli/public-summaries.ts";
import type { Ledger, PublicSummaries } from "../src/core/index.ts";
import { openLedger, readLedger } from "../src/ledger/index.ts";
import { dashboardData } from "../src/server/dashboard-data.ts";
import { createApp } from "../src/server/index.ts";
import type { DashboardData } from "../src/web/types.ts";
import { cliEnv, makeTempDir, ROOT, removeDir } from "./helpers.ts";
import { sampleCase } from "./support/cases.ts";
import { type FixtureServer, startFixtureServer } from "./support/fixture-server.ts";

const DATE = "2025-01-01";
const CAPTURED = "govcn-20190109-5356088";
const KEY = keyFromBytes(Buffer.alloc(32, 7));
const NAMES = ["王小明", "Wang Xiaoming", "小王"];
const EXPECTED_MD = readFileSync(join(ROOT, "test", "expected", "report.md"), "utf8");

/** A Markdown report's path in a folder of its own, named as the snapshot's is (it links its charts as a-yearly.svg …). */
function snapshotNamed(folder: string): string {
  mkdirSync(join(dir, folder), { recursive: true });
  return join(dir, folder, "a.md");
}

let dir: string;
let server: FixtureServer;

async function report(db: string, format: string, out: string): Promise<void> {
  let stderr = "";
  // As test/reports-cli.test.ts writes the snapshots: the December 2024 submission's figures.
  const args = ["report", "--format", format, "--out", out, "--date", DATE, "--db", db, "--through", "2024-09-30"];
  const status = await main(args, {
    out: () => {},
    err: (text) => {
      stderr += text;
    },
    env: cliEnv(),
  });
  expect(status, stderr).toBe(0);
}

/** A fresh SQLite ledger (from the shipped data package) in `dir`; `work` runs against it before it closes. */
async function ledgerDb<T>(name: string, work: (db: Awaited<ReturnType<typeof openLedger>>["db"]) => Promise<T>) {
  const file = join(dir, name, "ledger.sqlite");
  const { db } = await openLedger({ kind: "sqlite", file });
  try {
    return { file, result: await work(db) };
  } finally {
    await db.destroy();
  }
}

/** The markdown section that starts with `heading`, up to the next level-2 heading. */
function section(md: string, heading: string): string {
  const start = md.indexOf(`## ${heading}`);
  if (start < 0) return "";
  const end = md.indexOf("\n## ", start + 1);
  return md.slice(start, end < 0 ? undefined : end + 1);
}

beforeAll(async () => {
  dir = makeTempDir();
  server = await startFixtureServer();
});
afterAll(async () => {
  await server.close();
  removeDir(dir);
});

describe("captures beside the sources", () => {
  let db: string;
  let sha256: string;
  let capturedOn: string;
  beforeAll(async () => {
    const { file, result: ledger } = await ledgerDb("captures", readLedger);
    db = file;
    // The capture store `liuzhi report` reads by default: captures/ beside the SQLite file.
    const store = join(dir, "captures", "captures");
    const source = ledger.sources.find((s) => s.id === CAPTURED)!;
    const run = await captureSources([{ ...source, url: server.url("/utf8") }], {
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
    const [capture] = listCaptures(store, CAPTURED);
    sha256 = capture!.warc.sha256;
    capturedOn = capture!.captured_at.slice(0, 10);
  });

  it("prints 'captured on … (SHA-256 …)' in the source's markdown footnote, and changes nothing else", async () => {
    const out = snapshotNamed("captured");
    await report(db, "md", out);
    const md = readFileSync(out, "utf8");
    const line = `captured on ${capturedOn} (SHA-256 ${sha256.slice(0, 16)}…)`;
    const footnote = md.split("\n").find((l) => l.includes("content_5356088.htm"))!;
    expect(footnote).toMatch(/^\[\^\d+\]: /);
    expect(footnote).toContain(`; ${line}.`);
    expect(md.split(line)).toHaveLength(2); // one source captured, one footnote
    // Without the capture line the report is the snapshot, byte for byte.
    expect(md.replace(`; ${line}`, "")).toBe(EXPECTED_MD);
  });

  it("prints it in the docx footnote of that source", async () => {
    const out = join(dir, "captured.docx");
    await report(db, "docx", out);
    const zip = await JSZip.loadAsync(readFileSync(out));
    const footnotes = await zip.file("word/footnotes.xml")!.async("string");
    const note = [...footnotes.matchAll(/<w:footnote [^>]*w:id="\d+"[^>]*>.*?<\/w:footnote>/gs)]
      .map((m) => m[0])
      .find((f) => f.includes("content_5356088.htm"))!;
    expect(note).toContain(`captured on ${capturedOn} (SHA-256 ${sha256.slice(0, 16)}…)`);
  });

  it("adds the capture date and the full SHA-256 to the csv sources table", async () => {
    const out = join(dir, "captured-csv");
    await report(db, "csv", out);
    const sources = readFileSync(join(out, "sources.csv"), "utf8").split("\n");
    expect(sources[0]).toMatch(/,Captured on,Capture SHA-256$/);
    expect(sources.find((l) => l.includes(CAPTURED))).toMatch(new RegExp(`,${capturedOn},${sha256}$`));
  });

  it("adds the capture date and the full SHA-256 to the xlsx Sources sheet", async () => {
    const out = join(dir, "captured.xlsx");
    await report(db, "xlsx", out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("Sources")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(-2)).toEqual(["Captured on", "Capture SHA-256"]);
    let found = false;
    sheet.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      if (values[1] === CAPTURED) {
        found = true;
        expect(values.slice(-2)).toEqual([capturedOn, sha256]);
        expect(String(values[8])).toContain(`captured on ${capturedOn}`);
      }
    });
    expect(found).toBe(true);
  });

  it("the dashboard data carries the capture by source id", async () => {
    const ledger = await ledgerDb("captures", readLedger);
    const { result } = await ledgerDb("captures", (d) =>
      publicSummaries(d, ledger.result, join(dir, "captures", "captures")),
    );
    const data = await dashboardJson(ledger.result, result);
    expect(Object.keys(data.captures ?? {})).toEqual([CAPTURED]);
    expect(data.captures?.[CAPTURED]).toMatchObject({ sha256, count: 1 });
    expect(data.coverage).toBeUndefined();
  });
});

async function dashboardJson(ledger: Ledger, summaries: PublicSummaries) {
  const app = createApp({ ledger, version: "0.0.0-test", ...summaries });
  const response = await app.request("/data/dashboard.json");
  expect(response.status).toBe(200);
  return (await response.json()) as DashboardData;
}

describe("documented cases against official figures", () => {
  let db: string;
  let ledger: Ledger;
  beforeAll(async () => {
    // 7 + 2 in Heilongjiang (official figure for 2020), 6 in Yunnan (official figure for 2018), 1 nationwide in 2023.
    const cases: Array<[string, string]> = [
      ...Array.from({ length: 7 }, (): [string, string] => ["CN-HL", "2020-05-10"]),
      ...Array.from({ length: 2 }, (): [string, string] => ["CN-HL", "2021-03-01"]),
      ...Array.from({ length: 6 }, (): [string, string] => ["CN-YN", "2018-06-01"]),
      ["CN", "2023-02-01"],
    ];
    const opened = await ledgerDb("cases", async (d) => {
      for (const [jurisdiction, taken_on] of cases) {
        const base = sampleCase();
        await addCase(
          { db: d, key: KEY, actor: "test" },
          sampleCase({
            detention: { ...base.detention, jurisdiction, taken_on },
            timeline: [{ date: taken_on, kind: "taken", source: "wife's account", confidence: "testimony" }],
          }),
        );
      }
      return readLedger(d);
    });
    db = opened.file;
    ledger = opened.result;
  });

  it("adds the table to the report: aggregates only, no count under 5, no name; the rest unchanged", async () => {
    const out = snapshotNamed("cases");
    await report(db, "md", out);
    const md = readFileSync(out, "utf8");
    const table = section(md, "Documented cases against official figures");
    expect(table).not.toBe("");
    for (const name of NAMES) expect(md).not.toContain(name);
    const rows = table
      .split("\n")
      .filter((l) => l.startsWith("|") && !/^\|\s*-/.test(l))
      .slice(1)
      .map((l) => l.split("|").map((c) => c.trim().replace(/\*\*/g, "")));
    expect(rows.length).toBeGreaterThan(4);
    const documented = rows.map((r) => r[3]!);
    expect(documented).toContain("suppressed");
    for (const cell of documented) {
      if (cell !== "suppressed") expect(Number(cell.replace(/,/g, ""))).toBeGreaterThanOrEqual(SUPPRESSION_THRESHOLD);
    }
    // Heilongjiang 2020 is published (7) next to the official count; the lone nationwide case is not.
    expect(rows.find((r) => r[1] === "Heilongjiang" && r[2] === "2020")?.[3]).toBe("7");
    expect(rows.find((r) => r[1] === "Nationwide" || r[1] === "China")?.[3] ?? "suppressed").toBe("suppressed");
    // Take the section out and the report is the snapshot, byte for byte (its footnotes cite sources already cited).
    expect(md.replace(table, "")).toBe(EXPECTED_MD);
  });

  it("gives the dashboard the same suppressed aggregate and nothing else from the register", async () => {
    const { result } = await ledgerDb("cases", (d) => publicSummaries(d, ledger, join(dir, "no-store")));
    const data = await dashboardJson(ledger, result);
    expect(data.captures).toBeUndefined();
    const rows = data.coverage!.rows;
    expect(rows.find((r) => r.jurisdiction === "CN-HL" && r.year === "2020")).toMatchObject({
      documented: 7,
      official: { value: expect.any(Number) },
    });
    for (const r of rows) if (r.documented !== null) expect(r.documented).toBeGreaterThanOrEqual(SUPPRESSION_THRESHOLD);
    const text = JSON.stringify(data.coverage);
    for (const name of NAMES) expect(text).not.toContain(name);
    expect(text).not.toMatch(/case-[0-9a-f]{12}|taken_on|name|payload/);
  });

  it("leaves the report and the dashboard data unchanged when the register is empty", async () => {
    const { file, result: plain } = await ledgerDb("empty", readLedger);
    const { result } = await ledgerDb("empty", (d) => publicSummaries(d, plain, join(dir, "no-store")));
    expect(result).toEqual({});
    // The served dashboard offers its embed pages (served.embeds); nothing else differs.
    expect(JSON.stringify(await dashboardJson(plain, result))).toBe(
      JSON.stringify(dashboardData(plain, "0.0.0-test", {}, { embeds: true })),
    );
    const out = snapshotNamed("empty");
    await report(file, "md", out);
    expect(readFileSync(out, "utf8")).toBe(EXPECTED_MD);
  });
});
