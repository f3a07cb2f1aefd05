import { formatCsv } from "../../core/index.ts";
import { checkRatios, type RatioTable, ratioTable } from "../../methods/index.ts";
import { type Command, dbOption, formatOption, formatSpec, type ParsedArgs, UsageError } from "../command.ts";
import { jsonOutput, loadForMethod, throughOption } from "../method-run.ts";
import { formatTextTable } from "../text-table.ts";

const FORMATS = ["table", "csv", "json"] as const;

/** Reads --ratios "0.1,0.2" (each in (0, 1]); undefined means the ledger's own range. */
export function ratiosOption(args: ParsedArgs): number[] | undefined {
  const raw = args.values.ratios;
  if (raw === undefined) return undefined;
  const ratios = String(raw)
    .split(",")
    .map((part) => part.trim());
  const numbers = ratios.map(Number);
  if (ratios.some((part) => part === "" || !/^\d*\.?\d+$/.test(part))) {
    throw new UsageError(
      `invalid --ratios '${String(raw)}': expected numbers in (0, 1] separated by commas, e.g. 0.1,0.2`,
    );
  }
  try {
    checkRatios(numbers);
  } catch (error) {
    throw new UsageError(`invalid --ratios '${String(raw)}': ${(error as Error).message}`);
  }
  return numbers;
}

function tableRecords(table: RatioTable) {
  return table.rows.map((row) => ({
    period: row.period,
    punished_cat3_4: row.punishedCat3_4,
    ...Object.fromEntries(row.cells.map((c) => [c.column, c.value])),
  }));
}

export const estimateCommand: Command = {
  name: "estimate",
  summary: "The ratio-method estimate table (the seed's paragraph 25), year by year",
  description:
    "Prof. Ye's ratios applied to the people punished in category 4 alone and in categories 3 and 4, per year; the Total; each partial year extrapolated to a full year; and the Adjusted total. See docs/methods.md.",
  options: {
    ...dbOption,
    ...throughOption,
    ...formatSpec(FORMATS, "table"),
    ratios: { type: "string", valueName: "R1,R2,…", help: "ratios in (0, 1] (default the ledger's range, 0.1,0.2)" },
  },
  examples: ["liuzhi estimate --format csv", "liuzhi estimate --ratios 0.05,0.1,0.2 --format table"],
  async run(args, io) {
    const format = formatOption(args, FORMATS, "table");
    const ratios = ratiosOption(args);
    const { ledger, manifest } = await loadForMethod(args, io);
    const table = ratioTable(ledger, ratios ? { ratios } : {});
    const columns = ["period", "punished_cat3_4", ...table.columns];
    const records = tableRecords(table);
    if (format === "csv") io.out(formatCsv(columns, records));
    else if (format === "table") {
      io.out(
        formatTextTable(
          columns,
          records.map((r) => columns.map((c) => (r as Record<string, string | number | null>)[c] ?? null)),
        ),
      );
    } else {
      const rows = table.rows.map((row, i) => ({ ...records[i], kind: row.kind, provenance: row.provenance }));
      io.out(jsonOutput(manifest("ratio", { ratios: table.ratios }), { columns, rows }));
    }
    return 0;
  },
};
