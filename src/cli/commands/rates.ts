import { rates } from "../../methods/index.ts";
import { type Command, dbOption, formatOption, formatSpec } from "../command.ts";
import { jsonOutput, loadForMethod, throughOption } from "../method-run.ts";
import { formatTextTable } from "../text-table.ts";

const FORMATS = ["json", "table"] as const;

export const ratesCommand: Command = {
  name: "rates",
  summary: "Placements per day and per case filed, and people held on an average day, for each nationwide year",
  options: { ...dbOption, ...throughOption, ...formatSpec(FORMATS, "json") },
  examples: ["liuzhi rates --format table"],
  async run(args, io) {
    const format = formatOption(args, FORMATS, "json");
    const { ledger, manifest } = await loadForMethod(args, io);
    const result = rates(ledger);
    if (format === "json") {
      io.out(jsonOutput(manifest("rates"), { years: result }));
      return 0;
    }
    io.out(
      formatTextTable(
        ["year", "placements", "per day", "per case filed", "avg duration (days)", "held on an average day"],
        result.flatMap((y) =>
          y.stock.map((s, i) => [
            i === 0 ? y.year : null,
            i === 0 ? y.placements : null,
            i === 0 ? y.perDay : null,
            i === 0 ? y.perCaseFiled : null,
            s.durationDays,
            s.heldOnAverageDay,
          ]),
        ),
      ),
    );
    return 0;
  },
};
