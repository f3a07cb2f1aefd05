import { existsSync } from "node:fs";
import { describeTarget, openLedger } from "../../ledger/index.ts";
import { type Command, dbOption, UsageError } from "../command.ts";
import { targetOf } from "../with-ledger.ts";

export const initCommand: Command = {
  name: "init",
  summary: "Create a database (filled from the shipped data package, or empty)",
  description:
    "Creates the SQLite file given by --db (or $LIUZHI_DB), or the schema in the PostgreSQL database of $DATABASE_URL, and fills it from the shipped data package unless --empty.",
  options: {
    ...dbOption,
    empty: { type: "boolean", help: "create the tables only, with no data (to import or restore into)" },
  },
  examples: [
    "liuzhi init --db team.sqlite",
    "liuzhi init --empty --db scratch.sqlite",
    "DATABASE_URL=postgres://… liuzhi init",
  ],
  async run(args, io) {
    const target = targetOf(args, io);
    if (target.kind === "sqlite" && existsSync(target.file)) {
      throw new UsageError(`${target.file} already exists; choose another --db`);
    }
    const { db, created } = await openLedger(target, { empty: args.values.empty === true });
    await db.destroy();
    if (!created) throw new UsageError(`${describeTarget(target)} is already set up`);
    io.out(`Created ${describeTarget(target)}${args.values.empty ? " (empty)" : " from the shipped data package"}.\n`);
    return 0;
  },
};
