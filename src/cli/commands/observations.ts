import { formatCsv, type Ledger, observations as observationTable } from "../../core/index.ts";
import { readLedger } from "../../ledger/index.ts";
import { type Command, dbOption, formatOption, formatSpec } from "../command.ts";
import { formatTextTable } from "../text-table.ts";
import { withLedger } from "../with-ledger.ts";

const FORMATS = ["table", "csv", "json"] as const;
const SOURCE_COLUMNS = ["source_publisher", "source_title", "source_published", "source_url", "source_archived_url"];

/** Each observation joined with its source, the shape every output format shares. */
export function observationsWithSources(ledger: Ledger) {
  const byId = new Map(ledger.sources.map((s) => [s.id, s]));
  return ledger.observations.map((o) => ({ ...o, source: byId.get(o.source_id) ?? null }));
}

export const observationsCommand: Command = {
  name: "observations",
  summary: "List every observation in the ledger with its source",
  options: {
    ...dbOption,
    ...formatSpec(FORMATS, "table"),
    measure: {
      type: "string",
      valueName: "MEASURE",
      help: "only this measure (liuzhi_placements, punished_cat3_4, …)",
    },
    jurisdiction: { type: "string", valueName: "CODE", help: "only this jurisdiction (CN, CN-YN, …)" },
  },
  examples: ["liuzhi observations --format csv > observations.csv", "liuzhi observations --measure liuzhi_placements"],
  async run(args, io) {
    const format = formatOption(args, FORMATS, "table");
    const ledger = await withLedger(args, io, readLedger);
    const rows = observationsWithSources(ledger).filter(
      (o) =>
        (args.values.measure === undefined || o.measure === args.values.measure) &&
        (args.values.jurisdiction === undefined || o.jurisdiction === args.values.jurisdiction),
    );
    if (format === "json") {
      io.out(`${JSON.stringify(rows, null, 2)}\n`);
    } else if (format === "csv") {
      const flat = rows.map(({ source, ...o }) => ({
        ...o,
        source_publisher: source?.publisher,
        source_title: source?.title,
        source_published: source?.published,
        source_url: source?.url,
        source_archived_url: source?.archived_url,
      }));
      io.out(formatCsv([...observationTable.columns, ...SOURCE_COLUMNS], flat));
    } else {
      io.out(
        formatTextTable(
          ["id", "measure", "jurisdiction", "period", "value", "scope", "source"],
          rows.map((o) => [
            o.id,
            o.measure,
            o.jurisdiction,
            o.period_label,
            o.value,
            o.scope,
            o.source ? `${o.source.publisher}${o.source.url ? ` <${o.source.url}>` : ""}` : o.source_id,
          ]),
        ),
      );
    }
    return 0;
  },
};
