import { mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { ledgerSha256, readLedger } from "../../ledger/index.ts";
import { ledgerThrough, parseParams, UNCERTAINTY_PARAMS } from "../../methods/index.ts";
import {
  buildReport,
  isLang,
  type Lang,
  type Report,
  readLegalFramework,
  renderChartSvg,
  renderCsvFiles,
  renderDocx,
  renderHtml,
  renderMarkdown,
  renderXlsx,
  reportCharts,
} from "../../reports/index.ts";
import { captureStoreDir, storeOption } from "../capture-store.ts";
import { type Command, dbOption, formatOption, formatSpec, type ParsedArgs, UsageError } from "../command.ts";
import { throughOption, throughValue } from "../ledger-cut.ts";
import { paramOption } from "../method-command.ts";
import { publicSummaries } from "../public-summaries.ts";
import { VERSION } from "../version.ts";
import { withLedger } from "../with-ledger.ts";

const FORMATS = ["docx", "xlsx", "md", "html", "csv"] as const;

export function langOption(args: ParsedArgs): Lang {
  const value = args.values.lang ?? "en";
  if (typeof value !== "string" || !isLang(value))
    throw new UsageError(`invalid --lang '${String(value)}': expected en or zh`);
  return value;
}

function dateOption(args: ParsedArgs): string {
  const value = args.values.date;
  if (value === undefined) return new Date().toISOString().slice(0, 10);
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    throw new UsageError(`invalid --date '${String(value)}': expected YYYY-MM-DD`);
  }
  return value;
}

/** Writes `report` as `format` to `out` (a folder for csv); returns the files written. */
export async function writeReport(report: Report, format: (typeof FORMATS)[number], out: string): Promise<string[]> {
  switch (format) {
    case "md": {
      // Each chart as an SVG file beside the Markdown ("annex.md" → "annex-yearly.svg"), linked from it.
      const base = basename(out).replace(/\.md$/i, "");
      const charts = reportCharts(report).map((c) => ({ chart: c, file: `${base}-${c.id}.svg` }));
      const written: string[] = [];
      for (const { chart, file } of charts) {
        const path = join(dirname(out), file);
        writeFileSync(path, `${renderChartSvg(chart)}\n`);
        written.push(path);
      }
      writeFileSync(out, renderMarkdown(report, { chartFiles: new Map(charts.map((c) => [c.chart.id, c.file])) }));
      return [out, ...written];
    }
    case "html":
      writeFileSync(out, renderHtml(report));
      return [out];
    case "xlsx":
      writeFileSync(out, await renderXlsx(report));
      return [out];
    case "docx":
      writeFileSync(out, await renderDocx(report));
      return [out];
    case "csv": {
      mkdirSync(out, { recursive: true });
      const written: string[] = [];
      for (const [name, text] of renderCsvFiles(report)) {
        const file = join(out, name);
        writeFileSync(file, text);
        written.push(file);
      }
      return written;
    }
  }
}

export const reportCommand: Command = {
  name: "report",
  summary:
    "Write the data annex (estimates, floor, rates, uncertainty, Appendix I, legal framework) with footnoted sources",
  options: {
    ...dbOption,
    ...formatSpec(FORMATS, "md"),
    out: { type: "string", valueName: "FILE", help: "file to write (a folder for csv: one CSV per table)" },
    lang: {
      type: "string",
      valueName: "en|zh",
      help: "language of headings, labels and method sentences (default en)",
    },
    date: {
      type: "string",
      valueName: "YYYY-MM-DD",
      help: "generation date stated in the report (default today, UTC)",
    },
    seed: paramOption(UNCERTAINTY_PARAMS.seed),
    draws: paramOption(UNCERTAINTY_PARAMS.draws),
    ...storeOption,
    ...throughOption,
  },
  examples: [
    "liuzhi report --format docx --out annex.docx",
    "liuzhi report --format html --lang zh --out annex-zh.html",
    "liuzhi report --format csv --out annex-tables/",
  ],
  async run(args, io) {
    const format = formatOption(args, FORMATS, "md");
    const out = args.values.out;
    if (typeof out !== "string" || out === "") throw new UsageError("--out FILE is required");
    const options = {
      lang: langOption(args),
      generated: dateOption(args),
      version: VERSION,
      // The Monte Carlo's own parameters: the same checks and defaults as `liuzhi uncertainty`.
      ...parseParams(
        { seed: UNCERTAINTY_PARAMS.seed, draws: UNCERTAINTY_PARAMS.draws },
        {
          seed: args.values.seed as string | undefined,
          draws: args.values.draws as string | undefined,
        },
      ),
      legal: readLegalFramework(),
    };
    const through = throughValue(args);
    const store = captureStoreDir(args, io);
    // Beside each source its latest capture, and the register's coverage when it holds cases (aggregates only).
    const { ledger, summaries } = await withLedger(args, io, async (db) => {
      const ledger = await readLedger(db);
      return { ledger, summaries: await publicSummaries(db, ledger, store) };
    });
    const used = through ? ledgerThrough(ledger, through) : ledger;
    // The hash of the ledger as stored (the API's Liuzhi-Ledger-Sha256), with the cut stated beside it.
    const run = { ...options, ledgerSha256: ledgerSha256(ledger), ...(through ? { through } : {}) };
    const written = await writeReport(buildReport(used, { ...run, ...summaries }), format, out);
    io.err(
      `Wrote ${written.length === 1 ? written[0] : format === "md" ? `${written[0]} with its charts ${written.slice(1).join(", ")}` : `${written.length} files to ${out}`}\n`,
    );
    return 0;
  },
};
