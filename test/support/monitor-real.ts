/**
 * The real corpus (test/fixtures/monitor-real/texts/): verbatim excerpts of public release pages,
 * each with the figures a careful reader took from it BEFORE the extractor was run on it. Each file
 * is read exactly as `liuzhi extract FILE --format json` reads it with no options (charset sniffed,
 * publication date and the page's own territory found by the monitor), and the proposals are matched
 * to the expected figures on (measure, jurisdiction, period, value, qualifier, unit, scope).
 *
 * Split "tune" may be read while developing; "holdout" is scored only, never read.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Figure } from "../../src/monitor/index.ts";
import { readRelease } from "../../src/monitor/index.ts";
import { shippedNames } from "./monitor-corpus.ts";

export const REAL_DIR = join(import.meta.dirname, "..", "fixtures", "monitor-real", "texts");

export type Split = "tune" | "holdout";

interface ExpectedFile {
  readonly split: Split;
  readonly published: string | null;
  readonly speaks_for: string;
  readonly figures: ReadonlyArray<{
    readonly measure: string;
    readonly jurisdiction: string;
    readonly period_start: string;
    readonly period_end: string;
    readonly value: number;
    readonly qualifier: string;
    readonly unit: string;
    readonly scope: string;
  }>;
}

export interface RealEntry {
  readonly name: string;
  readonly text: string;
  readonly split: Split;
  readonly expected: ReadonlyArray<string>;
}

/** The matching key: the eight things a reviewer must not have to correct. */
export const keyOf = (f: ExpectedFile["figures"][number] | Figure) =>
  [f.measure, f.jurisdiction, f.period_start, f.period_end, f.value, f.qualifier, f.unit, f.scope].join("|");

/** The corpus files of one split (only the split field of the other split's answers is read). */
export function realCorpus(split: Split): RealEntry[] {
  const out: RealEntry[] = [];
  for (const file of readdirSync(REAL_DIR).sort()) {
    if (!file.endsWith(".expected.json")) continue;
    const answer = JSON.parse(readFileSync(join(REAL_DIR, file), "utf8")) as ExpectedFile;
    if (answer.split !== split) continue;
    const name = file.replace(/\.expected\.json$/, "");
    out.push({ name, text: `${name}.txt`, split, expected: answer.figures.map(keyOf) });
  }
  return out;
}

/** One text read as the CLI reads a file given with no options. */
export function readReal(entry: RealEntry) {
  const read = readRelease(readFileSync(join(REAL_DIR, entry.text)), {
    contentType: undefined,
    url: null,
    jurisdictions: shippedNames(),
  });
  if (!read) throw new Error(`${entry.text}: no text`);
  return read;
}

export const BANDS: ReadonlyArray<readonly [number, number]> = [
  [0.9, 1.01],
  [0.8, 0.9],
  [0.7, 0.8],
  [0.5, 0.7],
  [0, 0.5],
];

export interface RealScore {
  readonly split: Split;
  readonly files: number;
  readonly expected: number;
  readonly proposed: number;
  readonly correct: number;
  readonly precision: number;
  readonly recall: number;
  /** Proposed at confidence ≥ 0.9 and matching no expected figure. */
  readonly wrongHigh: ReadonlyArray<string>;
  /** Confidence band → proposed, right. */
  readonly calibration: ReadonlyArray<{ readonly band: string; readonly proposed: number; readonly right: number }>;
  readonly missed: ReadonlyArray<string>;
  readonly extra: ReadonlyArray<string>;
}

export function scoreReal(split: Split): RealScore {
  const entries = realCorpus(split);
  let expected = 0;
  let proposed = 0;
  let correct = 0;
  const wrongHigh: string[] = [];
  const missed: string[] = [];
  const extra: string[] = [];
  const bands = BANDS.map(([lo, hi]) => ({ lo, hi, proposed: 0, right: 0 }));
  for (const entry of entries) {
    const { figures } = readReal(entry);
    // A multiset match: each expected figure is taken by at most one proposal.
    const left = [...entry.expected];
    expected += left.length;
    proposed += figures.length;
    for (const f of figures) {
      const at = left.indexOf(keyOf(f));
      const right = at >= 0;
      if (right) {
        left.splice(at, 1);
        correct++;
      } else {
        extra.push(`${entry.name}: ${keyOf(f)} @${f.confidence} «${f.printed}» ${f.reason}`);
        if (f.confidence >= 0.9) wrongHigh.push(`${entry.name}: ${keyOf(f)} @${f.confidence} «${f.printed}»`);
      }
      const band = bands.find((b) => f.confidence >= b.lo && f.confidence < b.hi)!;
      band.proposed++;
      if (right) band.right++;
    }
    for (const w of left) missed.push(`${entry.name}: ${w}`);
  }
  return {
    split,
    files: entries.length,
    expected,
    proposed,
    correct,
    precision: proposed === 0 ? 1 : correct / proposed,
    recall: expected === 0 ? 1 : correct / expected,
    wrongHigh,
    calibration: bands.map((b) => ({
      band: b.hi > 1 ? `≥ ${b.lo}` : `${b.lo}–${b.hi}`,
      proposed: b.proposed,
      right: b.right,
    })),
    missed,
    extra,
  };
}

/** The score as printed by `npm run bench` and the tuning script. */
export function formatRealScore(s: RealScore): string {
  const lines = [
    `real corpus, ${s.split} (${s.files} files): precision ${s.precision.toFixed(3)} (${s.correct}/${s.proposed}), recall ${s.recall.toFixed(3)} (${s.correct}/${s.expected}), wrong at ≥ 0.9: ${s.wrongHigh.length}`,
    "  confidence band → share right:",
    ...s.calibration.map(
      (b) =>
        `    ${b.band.padEnd(9)} ${String(b.proposed).padStart(4)} proposed, ${b.proposed === 0 ? "—" : (b.right / b.proposed).toFixed(3)} right`,
    ),
  ];
  return lines.join("\n");
}
