/**
 * The methods page (docs/methods.md, docs/methods.zh.md) is written by hand, for researchers. These
 * checks keep it honest: the floors it states are what `liuzhi floor` computes, with the data of
 * the December 2024 submission and with the shipped data; and it shows readers words, commands to
 * reproduce a figure, and no name from the source code.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markdownToHtml } from "../src/web/build/markdown.ts";
import { liuzhi, makeTempDir, ROOT, removeDir } from "./helpers.ts";

const PAGES = [
  {
    file: "docs/methods.md",
    // "**The submission's sum (counts some placements twice)** — with the data of the December 2024 submission (`--through 2024-09-30`): 39,547;
    // with the shipped data: 77,547."
    floor: (label: string) =>
      new RegExp(
        `\\*\\*${label}\\*\\* — with the data of the December 2024 submission \\(\`--through 2024-09-30\`\\): ([\\d,]+);\\s+with the\\s+shipped data: ([\\d,]+)\\.`,
      ),
    labels: { asPublished: "The submission's sum \\(counts some placements twice\\)", strict: "Strict floor" },
    // "That reproduces …, the submission's sum 39,547 and the strict floor 37,318 exactly"
    reproduced: /the submission's sum ([\d,]+) and the strict floor ([\d,]+)/,
  },
  {
    file: "docs/methods.zh.md",
    floor: (label: string) =>
      new RegExp(
        `\\*\\*${label}\\*\\*——以2024年12月提交材料的数据（\`--through 2024-09-30\`）计为([\\d,]+)；以随附数据计为([\\d,]+)。`,
      ),
    labels: { asPublished: "提交材料的合计（部分留置被重复计算）", strict: "严格下限" },
    reproduced: /提交材料的合计([\d,]+)和严格下限([\d,]+)/,
  },
] as const;

const read = (file: string) => readFileSync(join(ROOT, file), "utf8");
const number = (printed: string) => Number(printed.replace(/,/g, ""));

let dir: string;
let db: string;
beforeAll(async () => {
  dir = makeTempDir();
  db = join(dir, "ledger.sqlite");
  expect((await liuzhi(["init", "--db", db], { cwd: dir })).status).toBe(0);
});
afterAll(() => removeDir(dir));

async function floors(...extra: string[]): Promise<{ asPublished: number; strict: number }> {
  const r = await liuzhi(["floor", "--format", "json", "--db", db, ...extra], { cwd: dir });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe("the methods page", () => {
  it("states the floors liuzhi floor computes, for the December 2024 submission and for the shipped data", async () => {
    const submission = await floors("--through", "2024-09-30");
    const shipped = await floors();
    for (const page of PAGES) {
      const text = read(page.file);
      for (const kind of ["asPublished", "strict"] as const) {
        const stated = text.match(page.floor(page.labels[kind]));
        expect(stated, `${page.file}: ${kind}`).not.toBeNull();
        expect([number(stated![1]!), number(stated![2]!)], `${page.file}: ${kind}`).toEqual([
          submission[kind],
          shipped[kind],
        ]);
      }
      const reproduced = text.match(page.reproduced);
      expect(reproduced, `${page.file}: the submission's floors`).not.toBeNull();
      expect([number(reproduced![1]!), number(reproduced![2]!)]).toEqual([submission.asPublished, submission.strict]);
    }
  });

  it("names no source file or code identifier: only commands and options, in code, to reproduce a figure", () => {
    for (const page of PAGES) {
      const text = read(page.file);
      expect(text, page.file).not.toMatch(/\bsrc\/|\.tsx?\b|\bdata\//);
      const codes = [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
      expect(codes.length, page.file).toBeGreaterThan(0);
      // The pseudo-random generator's published name is the one code span that is not a command.
      const notCommands = codes.filter((c) => !/^(liuzhi |--)/.test(c) && c !== "xoshiro128**");
      expect(notCommands, page.file).toEqual([]);
      // Headings are for reading: no command in them.
      expect(text.match(/^#.*`.*$/gm) ?? [], page.file).toEqual([]);
    }
  });

  it("shows the model's figures as a table, in both languages, with the official counts beside them", () => {
    for (const page of PAGES) {
      const html = markdownToHtml(read(page.file));
      const table = html.match(/<table>[\s\S]*?<\/table>/)?.[0] ?? "";
      expect(table, page.file).toMatch(/<th>/);
      expect(table, page.file).toContain("<td>26,000</td>");
      expect(table, page.file).toContain("<td>38,000</td>");
      expect(html, page.file).not.toMatch(/<p>\|/);
    }
  });
});
