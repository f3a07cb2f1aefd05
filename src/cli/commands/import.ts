import { formatIssue } from "../../core/index.ts";
import { importIntoLedger } from "../../ledger/index.ts";
import { type Command, dbOption, UsageError } from "../command.ts";
import { cliActor, withLedger } from "../with-ledger.ts";

export const importCommand: Command = {
  name: "import",
  summary: "Add observations and sources from CSV files or a data package (all or nothing)",
  positionals: "FILE...",
  description:
    "Each CSV file is one table of the data package (sources, jurisdictions, observations, assumptions), told by its file name or its header. A folder or a datapackage.json imports every table in it. Files are checked together against the ledger; if any row is wrong, nothing is written and every problem is listed with its file, row and column.",
  options: {
    ...dbOption,
    "dry-run": { type: "boolean", help: "check and report, write nothing" },
  },
  examples: ["liuzhi import new-sources.csv new-observations.csv", "liuzhi import observations.csv --dry-run"],
  async run(args, io) {
    if (args.positionals.length === 0) throw new UsageError("import needs at least one FILE");
    const dryRun = args.values["dry-run"] === true;
    const actor = cliActor(io);
    const result = await withLedger(args, io, (db) => importIntoLedger(db, args.positionals, { dryRun, actor }));
    const summary = Object.entries(result.counts)
      .filter(([, n]) => n > 0)
      .map(([table, n]) => `${n} ${table}`)
      .join(", ");
    if (result.issues.length > 0) {
      io.err(`Import refused: ${result.issues.length} problem(s); nothing was written.\n`);
      for (const issue of result.issues) io.err(`  ${formatIssue(issue, issue.file)}\n`);
      return 1;
    }
    io.out(
      dryRun
        ? `Dry run: the files are valid and would add ${summary || "nothing"}. Nothing was written.\n`
        : `Imported ${summary || "nothing"}.\n`,
    );
    return 0;
  },
};
