import { describeTarget } from "../../ledger/index.ts";
import { type Kysely, migrateToLatest, openDatabase } from "../../store/index.ts";
import { type Command, dbOption } from "../command.ts";
import { targetOf } from "../with-ledger.ts";

export const migrateCommand: Command = {
  name: "migrate",
  summary: "Apply pending database migrations (SQLite or PostgreSQL)",
  options: { ...dbOption },
  examples: ["liuzhi migrate", "DATABASE_URL=postgres://localhost/liuzhi liuzhi migrate"],
  async run(args, io) {
    const target = targetOf(args, io);
    // openDatabase migrates as it opens; a new database is left empty here (init fills one).
    const { db } = await openDatabase(target, async () => {});
    try {
      const applied = await migrateToLatest(db as unknown as Kysely<unknown>);
      io.out(
        `${describeTarget(target)} is at the latest schema${applied.length ? ` (applied ${applied.join(", ")})` : ""}.\n`,
      );
    } finally {
      await db.destroy();
    }
    return 0;
  },
};
