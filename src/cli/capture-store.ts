import { dirname, join, resolve } from "node:path";
import type { CommandIo, OptionSpec, ParsedArgs } from "./command.ts";
import { targetOf } from "./with-ledger.ts";

/** The --store option of the commands that read or write the capture store (sources, report, serve, build-site). */
export const storeOption: Record<"store", OptionSpec> = {
  store: {
    type: "string",
    valueName: "DIR",
    help: "capture store (default captures/ next to the database, var/captures)",
  },
};

/** --store, else `captures` beside the SQLite file (var/captures for the default), or var/captures with PostgreSQL. */
export function captureStoreDir(args: ParsedArgs, io: CommandIo): string {
  const option = args.values.store;
  if (typeof option === "string") return resolve(option);
  const target = targetOf(args, io);
  return target.kind === "sqlite" ? join(dirname(target.file), "captures") : resolve("var/captures");
}
