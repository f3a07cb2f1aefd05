/**
 * The monitor's test corpus (test/fixtures/monitor/) read the way `liuzhi extract` reads a file, and
 * scored against the drafts a careful reader takes from it: precision, recall, and any figure with a
 * wrong value proposed as exact (the one error the extractor must never make).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { extractText } from "../../src/capture/index.ts";
import { decodeUtf8, parseCsv } from "../../src/core/index.ts";
import { extractFigures, type Figure, publishedDate } from "../../src/monitor/index.ts";

export const CORPUS_DIR = join(import.meta.dirname, "..", "fixtures", "monitor");

export type ExpectedFigure = [string, string, string, string, number, string, string, string];
export interface CorpusFile {
  readonly file: string;
  readonly encoding: string;
  readonly jurisdiction: string;
  readonly published: string;
  readonly figures: ReadonlyArray<ExpectedFigure>;
}

export function corpus(): ReadonlyArray<CorpusFile> {
  return (JSON.parse(readFileSync(join(CORPUS_DIR, "expected.json"), "utf8")) as { files: CorpusFile[] }).files;
}

export function shippedNames() {
  const { rows } = parseCsv(decodeUtf8(readFileSync(join(CORPUS_DIR, "..", "..", "..", "data", "jurisdictions.csv"))));
  return rows.map((r) => ({ code: r.code!, name_zh: r.name_zh!, level: r.level! }));
}

/** Reads one fixture as `liuzhi extract FILE --jurisdiction J` does: charset, text, publication date, figures. */
export function readFixture(entry: CorpusFile) {
  const path = join(CORPUS_DIR, entry.file);
  const text = extractText(readFileSync(path), { contentType: /\.html?$/.test(entry.file) ? "text/html" : undefined });
  if (!text) throw new Error(`${entry.file}: no text`);
  const published = publishedDate(text.text, null);
  const figures = extractFigures(text.text, {
    published,
    jurisdiction: entry.jurisdiction,
    jurisdictions: shippedNames(),
  });
  return { text, published, figures };
}

export const asTuple = (f: Figure): ExpectedFigure => [
  f.measure,
  f.jurisdiction,
  f.period_start,
  f.period_end,
  f.value,
  f.qualifier,
  f.unit,
  f.scope,
];

export interface Score {
  readonly expected: number;
  readonly proposed: number;
  readonly correct: number;
  readonly precision: number;
  readonly recall: number;
  /** Proposed as exact with a value no expected figure of the same cell has. */
  readonly wrongExact: ReadonlyArray<string>;
  readonly missed: ReadonlyArray<string>;
  readonly extra: ReadonlyArray<string>;
}

export function scoreCorpus(files = corpus()): Score {
  let expected = 0;
  let proposed = 0;
  let correct = 0;
  const wrongExact: string[] = [];
  const missed: string[] = [];
  const extra: string[] = [];
  for (const entry of files) {
    const { figures } = readFixture(entry);
    const want = entry.figures.map((f) => JSON.stringify(f));
    const got = figures.map((f) => JSON.stringify(asTuple(f)));
    expected += want.length;
    proposed += got.length;
    for (const g of got) {
      if (want.includes(g)) correct++;
      else extra.push(`${entry.file}: ${g}`);
    }
    for (const w of want) if (!got.includes(w)) missed.push(`${entry.file}: ${w}`);
    for (const f of figures) {
      if (f.qualifier !== "exact") continue;
      const sameCell = entry.figures.filter(
        (e) => e[0] === f.measure && e[1] === f.jurisdiction && e[2] === f.period_start && e[3] === f.period_end,
      );
      if (!sameCell.some((e) => e[4] === f.value)) wrongExact.push(`${entry.file}: ${JSON.stringify(asTuple(f))}`);
    }
  }
  return {
    expected,
    proposed,
    correct,
    precision: proposed === 0 ? 1 : correct / proposed,
    recall: expected === 0 ? 1 : correct / expected,
    wrongExact,
    missed,
    extra,
  };
}
