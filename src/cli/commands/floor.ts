import { officialFloor } from "../../methods/index.ts";
import { type Command, dbOption, formatOption, formatSpec } from "../command.ts";
import { jsonOutput, loadForMethod, throughOption } from "../method-run.ts";
import { formatTextTable } from "../text-table.ts";

const FORMATS = ["json", "table"] as const;

export const floorCommand: Command = {
  name: "floor",
  summary: "The officially reported floor since March 2018: as the seed adds it, and strictly",
  description:
    "asPublished adds the placement figures as the seed's paragraph 21 does (39,547) and lists what it leaves out and why; strict is the largest total of figures no two of which may count the same person. See docs/methods.md.",
  options: { ...dbOption, ...throughOption, ...formatSpec(FORMATS, "json") },
  examples: ["liuzhi floor --format json"],
  async run(args, io) {
    const format = formatOption(args, FORMATS, "json");
    const { ledger, manifest } = await loadForMethod(args, io);
    const floor = officialFloor(ledger);
    if (format === "json") {
      io.out(jsonOutput(manifest("floor"), floor));
      return 0;
    }
    io.out(
      `As published: ${floor.asPublished} (${floor.used.length} figures)\nStrict: ${floor.strict} (${floor.strictUsed.length} figures)\n\n`,
    );
    io.out(
      formatTextTable(
        ["left out of the as-published floor", "why"],
        floor.excluded.map((e) => [e.id, e.reason]),
      ),
    );
    io.out("\n");
    io.out(
      formatTextTable(
        ["left out of the strict floor", "why"],
        floor.strictExcluded.map((e) => [e.id, e.reason]),
      ),
    );
    return 0;
  },
};
