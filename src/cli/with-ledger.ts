import { type LedgerDb, openLedger, resolveDbFile } from "../ledger/index.ts";
import type { CommandIo, ParsedArgs } from "./command.ts";

/** Opens the ledger the command's --db (or $LIUZHI_DB) names, runs `work`, and always closes it. */
export async function withLedger<T>(args: ParsedArgs, io: CommandIo, work: (db: LedgerDb) => Promise<T>): Promise<T> {
  const file = resolveDbFile(args.values.db as string | undefined, io.env);
  const { db, created } = await openLedger(file);
  if (created) io.err(`Created ${file} from the shipped data package.\n`);
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}
