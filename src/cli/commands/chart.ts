import { writeFileSync } from "node:fs";
import { readLedger } from "../../ledger/index.ts";
import {
  buildReport,
  type ChartId,
  missingPngFonts,
  pngFontsMissingMessage,
  rasteriseSvg,
  renderChartSvg,
  reportCharts,
} from "../../reports/index.ts";
import { type Command, dbOption, formatOption, formatSpec, UsageError } from "../command.ts";
import { VERSION } from "../version.ts";
import { withLedger } from "../with-ledger.ts";
import { langOption } from "./report.ts";

const FORMATS = ["svg", "png"] as const;
const CHARTS: ReadonlyArray<ChartId> = ["yearly", "cumulative", "provinces"];

export const chartCommand: Command = {
  name: "chart",
  summary:
    "Render one chart (yearly, cumulative, provinces) as SVG or PNG, with its title, units, source and data date",
  positionals: "NAME",
  options: {
    ...dbOption,
    ...formatSpec(FORMATS, "svg"),
    out: { type: "string", valueName: "FILE", help: "file to write (default: standard output, svg only)" },
    lang: { type: "string", valueName: "en|zh", help: "language of the chart's text (default en)" },
  },
  examples: [
    "liuzhi chart yearly --format svg --out yearly.svg",
    "liuzhi chart provinces --format png --out provinces.png",
  ],
  async run(args, io) {
    const format = formatOption(args, FORMATS, "svg");
    const [name, ...extra] = args.positionals;
    if (name === undefined || !(CHARTS as ReadonlyArray<string>).includes(name) || extra.length > 0) {
      throw new UsageError(`expected one chart NAME: ${CHARTS.join(", ")}`);
    }
    const out = args.values.out;
    if (format === "png" && typeof out !== "string") throw new UsageError("--out FILE is required for png");
    const missing = format === "png" ? missingPngFonts() : [];
    if (missing.length > 0) {
      io.err(`liuzhi chart: ${pngFontsMissingMessage(missing)}\n`);
      return 1;
    }
    const lang = langOption(args);
    const ledger = await withLedger(args, io, readLedger);
    // The date of generation is not printed on a chart, so any fixed value keeps charts reproducible.
    const report = buildReport(ledger, { lang, generated: "1970-01-01", version: VERSION });
    const chart = reportCharts(report).find((c) => c.id === name)!;
    const svg = renderChartSvg(chart);
    if (typeof out !== "string") {
      io.out(`${svg}\n`);
      return 0;
    }
    writeFileSync(out, format === "png" ? rasteriseSvg(svg, lang) : `${svg}\n`);
    io.err(`Wrote ${out}\n`);
    return 0;
  },
};
