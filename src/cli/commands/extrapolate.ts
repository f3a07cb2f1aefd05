import { formatCsv } from "../../core/index.ts";
import { extrapolations } from "../../methods/index.ts";
import { type Command, dbOption, formatOption, formatSpec } from "../command.ts";
import { jsonOutput, loadForMethod, throughOption } from "../method-run.ts";
import { formatTextTable } from "../text-table.ts";

const FORMATS = ["json", "csv", "table"] as const;
const COLUMNS = [
  "id",
  "jurisdiction",
  "period_label",
  "period_start",
  "period_end",
  "scope",
  "count",
  "population_m",
  "population_share",
  "years",
  "national_equivalent",
  "national_equivalent_around",
  "national_per_year",
] as const;

export const extrapolateCommand: Command = {
  name: "extrapolate",
  summary: "Each provincial placement figure scaled to the nation by population share (paragraph 27)",
  options: { ...dbOption, ...throughOption, ...formatSpec(FORMATS, "json") },
  examples: ["liuzhi extrapolate --format csv"],
  async run(args, io) {
    const format = formatOption(args, FORMATS, "json");
    const { ledger, manifest } = await loadForMethod(args, io);
    const result = extrapolations(ledger);
    const records = result.map((e) => ({
      id: e.id,
      jurisdiction: e.jurisdiction,
      period_label: e.periodLabel,
      period_start: e.periodStart,
      period_end: e.periodEnd,
      scope: e.scope,
      count: e.count,
      population_m: e.populationM,
      population_share: e.populationShare,
      years: e.years,
      national_equivalent: e.nationalEquivalent,
      national_equivalent_around: e.nationalEquivalentAround,
      national_per_year: e.nationalPerYear,
    }));
    if (format === "json") io.out(jsonOutput(manifest("extrapolate"), { extrapolations: result }));
    else if (format === "csv") io.out(formatCsv(COLUMNS, records));
    else
      io.out(
        formatTextTable(
          COLUMNS,
          records.map((r) => COLUMNS.map((c) => r[c])),
        ),
      );
    return 0;
  },
};
