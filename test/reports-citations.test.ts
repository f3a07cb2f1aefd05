/**
 * `liuzhi cite` as a process, its outputs read by the tools our users' colleagues use: biber's
 * data-model validation, pandoc's citeproc and citation-js (Zotero's BibTeX reader is built on it).
 */
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Cite } from "@citation-js/core";
import "@citation-js/plugin-bibtex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liuzhi, makeTempDir, readShippedCsv, removeDir } from "./helpers.ts";
import { SETUP_COMMAND } from "./support/setup.ts";

let dir: string;
let bib: string;
let csl: string;
let bibZh: string;
let cslZh: string;
const sources = readShippedCsv("sources.csv").rows;
const MOJ = "Discipline Inspection and Supervision Group of the Ministry of Justice";

beforeAll(async () => {
  dir = makeTempDir();
  const db = join(dir, "ledger.sqlite");
  const init = await liuzhi(["init", "--db", db], { cwd: dir });
  expect(init.status, init.stderr).toBe(0);
  bib = join(dir, "sources.bib");
  csl = join(dir, "sources.json");
  bibZh = join(dir, "sources-zh.bib");
  cslZh = join(dir, "sources-zh.json");
  for (const [format, out, lang] of [
    ["bibtex", bib, "en"],
    ["csl-json", csl, "en"],
    ["bibtex", bibZh, "zh"],
    ["csl-json", cslZh, "zh"],
  ] as const) {
    const r = await liuzhi(["cite", "--format", format, "--lang", lang, "--out", out, "--db", db], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
  }
}, 120_000);
afterAll(() => removeDir(dir));

function run(command: string, args: ReadonlyArray<string>): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) =>
    execFile(command, args, { cwd: dir, maxBuffer: 16 * 1024 * 1024, timeout: 300_000 }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === "ENOENT") {
        reject(new Error(`${command} is missing; install the suite's tools with: ${SETUP_COMMAND}`));
      } else if (error) reject(new Error(`${command} failed: ${stderr}`));
      else resolve({ stdout, stderr });
    }),
  );
}

/** The bibliography pandoc's citeproc writes (Chicago author-date) for every entry of a file, as plain text on one line per entry. */
async function citeproc(bibliography: string): Promise<string> {
  const doc = join(dir, "refs.md");
  writeFileSync(doc, '---\nnocite: "@*"\n---\n');
  const { stdout } = await run("pandoc", [
    doc,
    "--citeproc",
    "--bibliography",
    bibliography,
    "-t",
    "plain",
    "--wrap=none",
  ]);
  return stdout;
}

describe("liuzhi cite", () => {
  it("BibTeX passes biber --validate-datamodel, an undated source named as undated and nothing else", {
    timeout: 300_000,
  }, async () => {
    for (const file of [bib, bibZh]) {
      const { stdout, stderr } = await run("biber", [
        "--tool",
        "--validate-datamodel",
        "--output-file",
        join(dir, "biber-out.bib"),
        file,
      ]);
      const warnings = `${stdout}\n${stderr}`.split("\n").filter((l) => /^(WARN|ERROR)/.test(l));
      // Undated stays undated: biber says the date is missing, which is the truth; no date is made up.
      const undated = sources.filter((s) => !s.published).map((s) => s.id);
      expect(undated.length).toBeGreaterThan(0);
      expect(warnings.sort()).toEqual(
        undated
          .map(
            (id) =>
              `WARN - Datamodel: Entry '${id}' (${file}): Missing mandatory field - one of 'date, year' must be defined`,
          )
          .sort(),
      );
      const text = readFileSync(file, "utf8");
      expect(text.match(/^@(online|report)\{/gm)).toHaveLength(sources.length);
      expect(text).not.toContain("XXXX");
      // Languages as BCP 47 tags (biber maps them); never a name a style prints as written.
      expect(text).not.toMatch(/\{(chinese|english)\}/);
      expect(text).toMatch(/langid = \{zh-Hans\}/);
    }
  });

  it("every source has a title that is not an address, in both formats", () => {
    const items = JSON.parse(readFileSync(csl, "utf8")) as Array<{ id: string; title: string }>;
    expect(items).toHaveLength(sources.length);
    for (const item of items) {
      expect(item.title, item.id).toBeTruthy();
      expect(item.title, item.id).not.toMatch(/https?:|www\./i);
    }
    for (const m of readFileSync(bib, "utf8").matchAll(/^ {2}title = \{(.*)\},?$/gm))
      expect(m[1]).not.toMatch(/https?:/);
    // A page's own title, where it is known, as published.
    expect(items.find((i) => i.id === "xinhua-20180402-1122623057")?.title).toBe(
      "浙江:严格规范留置措施 有效开展监察调查",
    );
  });

  it("citation-js reads the BibTeX with each corporate publisher as one author, and the CSL-JSON as it is", () => {
    const fromBib = new Cite(readFileSync(bib, "utf8")).data as Array<{
      id: string;
      author?: Array<{ literal?: string; family?: string }>;
      title?: string;
    }>;
    expect(fromBib).toHaveLength(sources.length);
    const publisher = new Map(sources.map((s) => [s.id, s.publisher]));
    for (const item of fromBib) {
      // One name, whole (citation-js gives a braced name as its family name, never split at "and").
      expect(item.author, item.id).toHaveLength(1);
      expect(item.author?.[0]?.literal ?? item.author?.[0]?.family, item.id).toBe(publisher.get(item.id));
      expect(item.title, item.id).not.toMatch(/^https?:/);
    }
    const fromCsl = new Cite(JSON.parse(readFileSync(csl, "utf8"))).data as Array<{ id: string }>;
    expect(fromCsl.map((i) => i.id)).toEqual(fromBib.map((i) => i.id));
  });

  it("pandoc's citeproc prints no address as a title, keeps the publisher whole, and shows the archived copy", {
    timeout: 300_000,
  }, async () => {
    for (const file of [csl, bib]) {
      const text = await citeproc(file);
      expect(text, file).not.toMatch(/“https?:|Http:\/\/|Https:\/\/www/);
      expect(text, file).toContain(`${MOJ}. 2024`);
      expect(text, file).not.toMatch(/Ministry of Justice, and|, and Discipline/);
    }
    // CSL's archive fields are printed by the style: Zotero and citeproc show the archived copy.
    const fromCsl = await citeproc(csl);
    expect(fromCsl).toContain("https://archive.ph/odKbU");
  });

  it("pandoc's citeproc prints every entry with a year or n.d., no language name, each archived copy once", {
    timeout: 300_000,
  }, async () => {
    const archived = sources.filter((s) => (s.archived_url ?? "") !== "");
    expect(archived.length).toBeGreaterThan(0);
    for (const file of [bib, csl, bibZh, cslZh]) {
      const entries = (await citeproc(file)).split("\n").filter((l) => l.trim() !== "");
      expect(entries, file).toHaveLength(sources.length);
      for (const entry of entries) {
        // Author-date: the publisher (or the dash repeating it), then a year with its letter, or "n.d.", then the title.
        expect(entry, file).toMatch(/\. (\d{4}[a-z]?\.|n\.d\.(?:[a-z]\.)?) “/u);
        expect(entry, file).not.toMatch(/\(\s*\)|\[\w\]\)|chinese\.|english\./i);
      }
      const text = entries.join("\n");
      for (const s of archived) {
        const times = text.split(s.archived_url!).length - 1;
        expect(times, `${file}: ${s.archived_url}`).toBeLessThanOrEqual(1);
      }
      // The archive's host is not printed as a line of its own beside the copy's address.
      expect(text, file).not.toMatch(/archive\.ph\/\w+\. archive\.ph\./);
    }
  });

  it("cite --lang zh: publishers and supplied titles in Chinese, titles as published, traditional titles tagged zh-Hant", () => {
    const items = JSON.parse(readFileSync(cslZh, "utf8")) as Array<{
      id: string;
      title: string;
      author: Array<{ literal: string }>;
      language?: string;
    }>;
    expect(items).toHaveLength(sources.length);
    expect(items.find((i) => i.id === "ccdi-20190117-187267")).toMatchObject({
      title: "[留置人数：江西，2018年3月至12月]",
      author: [{ literal: "中央纪委国家监委" }],
    });
    expect(items.find((i) => i.id === "xinhua-20180402-1122623057")?.title).toBe(
      "浙江:严格规范留置措施 有效开展监察调查",
    );
    const traditional = sources.find((s) => s.title?.includes("中國"));
    expect(traditional).toBeDefined();
    expect(items.find((i) => i.id === traditional!.id)?.language).toBe("zh-Hant");
    expect(items.filter((i) => i.language === "zh-Hans").length).toBeGreaterThan(5);
  });
});
