import { resolve } from "node:path";
import { readLedger, writeDataPackage } from "../../ledger/index.ts";
import { type Command, dbOption, formatOption, formatSpec, UsageError } from "../command.ts";
import { withLedger } from "../with-ledger.ts";

const FORMATS = ["datapackage"] as const;

export const exportCommand: Command = {
  name: "export",
  summary: "Write the ledger as a Frictionless Data Package (datapackage.json and one CSV per table)",
  options: {
    ...dbOption,
    ...formatSpec(FORMATS, "datapackage"),
    out: { type: "string", valueName: "DIR", help: "folder to write into (created when missing)" },
  },
  examples: ["liuzhi export --format datapackage --out ledger-2026-11"],
  async run(args, io) {
    formatOption(args, FORMATS, "datapackage");
    if (typeof args.values.out !== "string") throw new UsageError("export needs --out DIR");
    const dir = resolve(args.values.out);
    const files = await withLedger(args, io, async (db) => writeDataPackage(await readLedger(db), dir));
    io.out(`Wrote ${files.length} files to ${dir}\n`);
    return 0;
  },
};
