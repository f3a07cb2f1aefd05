/** The languages of the report and the shape of its words (one object per language). */
export const LANGS = ["en", "zh"] as const;
export type Lang = (typeof LANGS)[number];

export interface Strings {
  readonly title: string;
  readonly subtitle: string;
  readonly generated: (date: string, version: string, draws: string, seed: string, dataDate: string) => string;
  readonly intro: string;
  readonly headings: {
    readonly estimates: string;
    readonly since: string;
    readonly floor: string;
    readonly rates: string;
    readonly uncertainty: string;
    readonly extrapolations: string;
    readonly appendix: string;
    readonly legal: string;
    readonly method: string;
    readonly sources: string;
    readonly footnotes: string;
  };
  readonly tables: {
    readonly estimates: string;
    readonly since: string;
    readonly floor: string;
    readonly rates: string;
    readonly uncertainty: string;
    readonly sensitivity: string;
    readonly extrapolations: string;
    readonly appendix: string;
    readonly legal: string;
    readonly assumptions: string;
    readonly options: string;
  };
  readonly columns: {
    /** The "since the December 2024 submission" table: what, its figures' first and last day, and the two totals. */
    readonly sinceEstimate: string;
    readonly sinceFrom: string;
    readonly sinceTo: string;
    readonly sinceReported: string;
    readonly sinceExtended: string;
    readonly option: string;
    readonly value: string;
    readonly period: string;
    readonly punishedCat34: string;
    readonly estimate: (base: "cat4" | "cat3_4", ratio: string) => string;
    readonly coverage: string;
    readonly periodPrinted: string;
    readonly count: string;
    readonly inAsPublished: string;
    readonly inStrict: string;
    readonly year: string;
    readonly placements: string;
    readonly perDay: string;
    readonly perCaseFiled: string;
    readonly heldAt: (days: string) => string;
    readonly measure: string;
    readonly median: string;
    readonly p05: string;
    readonly p95: string;
    readonly input: string;
    readonly low: string;
    readonly high: string;
    readonly totalAtLow: string;
    readonly totalAtHigh: string;
    readonly swing: string;
    readonly province: string;
    readonly populationM: string;
    readonly populationShare: string;
    readonly nationalEquivalent: string;
    readonly around: string;
    readonly perYear: string;
    readonly source: string;
    readonly characteristic: string;
    readonly instrument: string;
    readonly article: string;
    readonly seedParagraph: string;
    readonly id: string;
    readonly description: string;
    readonly unit: string;
    readonly number: string;
    readonly publisher: string;
    readonly titleCol: string;
    readonly titleLang: string;
    readonly published: string;
    readonly url: string;
    readonly archivedUrl: string;
  };
  readonly rows: {
    readonly total: string;
    readonly adjustedTotal: string;
    readonly extrapolation: (year: string) => string;
    readonly cumulative: string;
    readonly adjustedCumulative: string;
    readonly heldOnAverageDay: (period: string) => string;
    readonly yes: string;
    readonly no: string;
    readonly nationwide: string;
    readonly campaign: (what: string) => string;
    readonly sensitivityInput: (input: string) => string;
    /** A sensitivity table's low or high end, as the method names it ("category 4 only", "no", …). */
    readonly sensitivityValue: (value: string) => string;
    /** An assumption's unit, as the ledger names it ("ratio", "days"). */
    readonly assumptionUnit: (unit: string) => string;
    /** The two rows of the "since the submission" table. */
    readonly sinceSubmission: (publisher: string, date: string) => string;
    readonly sinceNow: string;
  };
  readonly sentences: {
    /** What the CCDI counts: person-times (人次), so the estimates are of placements, not distinct people. */
    readonly personTimes: string;
    /** The "since the December 2024 submission" paragraph: both estimates on the submission's own basis. */
    readonly since: (a: {
      submission: string;
      through: string;
      now: string;
      nowThrough: string;
      extended: string;
      ratios: string;
    }) => string;
    readonly ratio: (a: { low: string; high: string; factor: string }) => string;
    readonly floor: (a: { asPublished: string; start: string; used: string; all: string; strict: string }) => string;
    readonly perDay: (a: { placements: string; year: string; perDay: string; days: string }) => string;
    readonly perCase: (a: { perCase: string; cases: string }) => string;
    readonly stock: (a: { days: string; held: string }) => string;
    readonly monteCarlo: (a: {
      draws: string;
      seed: string;
      ratio: string;
      base: string;
      spread: string;
      duration: string;
    }) => string;
    readonly bases: { readonly both: string; readonly cat3_4: string; readonly cat4: string };
    readonly monteCarloResult: (a: { total: string; median: string; adjusted: string }) => string;
    readonly sensitivity: (a: { input: string }) => string;
    readonly extrapolation: (a: {
      name: string;
      count: string;
      period: string;
      population: string;
      national: string;
      around: string;
    }) => string;
    readonly appendix: string;
    readonly legal: string;
    readonly method: string;
  };
  readonly charts: {
    readonly yearly: { readonly title: string; readonly units: string; readonly alt: string };
    readonly cumulative: { readonly title: string; readonly units: string; readonly alt: string };
    readonly provinces: { readonly title: string; readonly units: string; readonly alt: string };
    readonly band: (base: string) => string;
    readonly official: string;
    /** The provinces chart's bars, in its legend. */
    readonly provincial: string;
    readonly floor: string;
    readonly median: string;
    readonly interval: string;
    readonly source: (publishers: string) => string;
    readonly dataDate: (date: string) => string;
    readonly year: string;
    /** A year tick whose band is a partial year extended to a full year ("2024\n(extended)"). */
    readonly extendedYear: (year: string) => string;
    /** A year tick of a partial year, counted over its reported months only ("2025\n(Jan-Sep)"), from its period label. */
    readonly partialYear: (period: string) => string;
    /** The note under a chart naming its extended years. */
    readonly extendedNote: (years: string, factor: string) => string;
    /** A mark's label: "series: value". */
    readonly valueLabel: (series: string, value: string) => string;
    /** The Monte Carlo mark's label: "median 89,500 (49,300–174,700)". */
    readonly medianLabel: (median: string, interval: string) => string;
    /** Two series named in one legend entry. */
    readonly both: (a: string, b: string) => string;
    /** An official figure's label on the provinces chart, with its year. */
    readonly officialInYear: (year: string) => string;
    /** The SVG's text alternative: title, then description. */
    readonly titleAndAlt: (title: string, alt: string) => string;
  };
  /** A title's language (the ledger's code, zh or en) as the report names it. */
  readonly languageName: (code: string | null) => string | null;
  /** A footnote's words and punctuation: "Publisher, Title, date, URL; archived copy: URL." / "机构，标题，日期，网址；存档副本：网址。" */
  readonly footnote: {
    readonly archived: string;
    readonly noTitle: string;
    /** Between publisher, title, date and address. */
    readonly comma: string;
    /** Before the archived copy and the capture. */
    readonly semicolon: string;
    /** After "archived copy". */
    readonly colon: string;
    readonly end: string;
    /**
     * Why a date before the end of the period reported is printed as it is: the ledger's note (in
     * English, as recorded), and the end of the period (formatted), which the Chinese edition states.
     */
    readonly dateNote: (note: string, periodEnd: string) => string;
  };
  /** The latest capture of a source (src/capture), beside it in footnotes and the sources sheet. */
  readonly capture: {
    readonly captured: (date: string, sha256: string) => string;
    readonly capturedOn: string;
    readonly sha256: string;
  };
  /** Documented cases against official figures (src/cases coverage, suppressed). */
  readonly cases: {
    readonly heading: string;
    readonly table: string;
    readonly sentence: (threshold: string) => string;
    readonly jurisdiction: string;
    readonly year: string;
    readonly documented: string;
    readonly official: string;
    readonly officialPeriod: string;
    readonly share: string;
    readonly suppressed: string;
    readonly unknownYear: string;
    readonly total: string;
  };
  /** The current estimate: `liuzhi model` (one model of every estimator, issue 26). */
  readonly model: {
    readonly heading: string;
    readonly table: string;
    readonly sentence: (a: {
      draws: string;
      seed: string;
      from: string;
      to: string;
      median: string;
      interval: string;
    }) => string;
    readonly heldOut: (a: {
      year: string;
      official: string;
      median: string;
      interval: string;
      covered: boolean;
    }) => string;
    readonly leftOut: (a: { estimators: string }) => string;
    readonly estimator: (name: string) => string;
    readonly limits: string;
    readonly counted: string;
    readonly official: string;
    readonly total: string;
  };
  readonly method: {
    readonly generated: string;
    readonly software: string;
    /** The product's name as the reader's edition says it (the package is "liuzhi-monitor"). */
    readonly softwareName: string;
    readonly draws: string;
    readonly seed: string;
    readonly dataDate: string;
    readonly floorStart: string;
    /** The ledger's SHA-256 (the same as the API's Liuzhi-Ledger-Sha256 header). */
    readonly ledgerSha256: string;
    /** `--through`: figures whose period ends on or before this day. */
    readonly through: string;
    readonly throughAll: string;
    readonly throughUpTo: (date: string) => string;
    readonly language: string;
    readonly languageName: string;
  };
}
