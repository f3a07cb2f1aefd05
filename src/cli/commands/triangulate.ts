import { triangulate } from "../../methods/index.ts";
import { type Command, dbOption, formatOption, formatSpec } from "../command.ts";
import { jsonOutput, loadForMethod, throughOption } from "../method-run.ts";
import { formatTextTable } from "../text-table.ts";

const FORMATS = ["json", "table"] as const;

export const triangulateCommand: Command = {
  name: "triangulate",
  summary: "Every estimate the ledger supports for each year, side by side, and where official figures fall",
  options: { ...dbOption, ...throughOption, ...formatSpec(FORMATS, "json") },
  examples: ["liuzhi triangulate --format table"],
  async run(args, io) {
    const format = formatOption(args, FORMATS, "json");
    const { ledger, manifest } = await loadForMethod(args, io);
    const result = triangulate(ledger);
    if (format === "json") {
      io.out(jsonOutput(manifest("triangulate"), result));
      return 0;
    }
    const band = (b: { low: number; high: number } | undefined) => (b ? `${b.low}–${b.high}` : null);
    io.out(
      formatTextTable(
        [
          "year",
          "cat. 4 band",
          "cat. 3+4 band",
          "provincial extrapolations (per year)",
          "official",
          "implied ratio (cat. 4 / 3+4)",
        ],
        result.years.map((y) => [
          y.year,
          band(y.ratioBand.cat4),
          band(y.ratioBand.cat3_4),
          y.extrapolations.map((e) => `${e.jurisdiction} ${e.nationalPerYear}`).join(", ") || null,
          y.official?.value ?? null,
          y.implied ? `${y.implied.cat4 ?? "–"} / ${y.implied.cat3_4 ?? "–"}` : null,
        ]),
      ),
    );
    return 0;
  },
};
