import { existsSync } from "node:fs";
import { openLedger, resolveDbFile } from "../../ledger/index.ts";
import { type Command, dbOption, UsageError } from "../command.ts";

export const initCommand: Command = {
  name: "init",
  summary: "Create a ledger database (filled from the shipped data package, or empty)",
  options: {
    ...dbOption,
    empty: { type: "boolean", help: "create the tables only, with no data (to import a package into)" },
  },
  examples: ["liuzhi init --db team.sqlite", "liuzhi init --empty --db scratch.sqlite"],
  async run(args, io) {
    const file = resolveDbFile(args.values.db as string | undefined, io.env);
    if (existsSync(file)) throw new UsageError(`${file} already exists; choose another --db`);
    const { db } = await openLedger(file, { empty: args.values.empty === true });
    await db.destroy();
    io.out(`Created ${file}${args.values.empty ? " (empty)" : " from the shipped data package"}.\n`);
    return 0;
  },
};
