import { userInfo } from "node:os";
import { describeTarget, openLedger, resolveTarget } from "../ledger/index.ts";
import type { DatabaseTarget, LedgerDb } from "../store/index.ts";
import type { CommandIo, ParsedArgs } from "./command.ts";

/** The database the command's --db, $DATABASE_URL or $LIUZHI_DB names. */
export function targetOf(args: ParsedArgs, io: CommandIo): DatabaseTarget {
  return resolveTarget(args.values.db as string | undefined, io.env);
}

/** Who the audit log names for work done from the command line: $LIUZHI_ACTOR, else cli:<system user>. */
export function cliActor(io: CommandIo): string {
  return io.env.LIUZHI_ACTOR ?? `cli:${userInfo().username}`;
}

/** Opens the database the command names, runs `work`, and always closes it. */
export async function withLedger<T>(args: ParsedArgs, io: CommandIo, work: (db: LedgerDb) => Promise<T>): Promise<T> {
  const target = targetOf(args, io);
  const { db, created } = await openLedger(target);
  if (created) io.err(`Created ${describeTarget(target)} from the shipped data package.\n`);
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}
