import { readFileSync, writeFileSync } from "node:fs";
import { verifyAuditLog } from "../../audit/index.ts";
import { checkBackup, describeTarget, openLedger, restoreBackup, sha256Hex } from "../../ledger/index.ts";
import { dumpDatabase, parseBackup, RestoreError } from "../../store/index.ts";
import { type Command, dbOption, UsageError } from "../command.ts";
import { cliActor, targetOf, withLedger } from "../with-ledger.ts";

export const backupCommand: Command = {
  name: "backup",
  summary: "Write the whole database (ledger, accounts, reviews, audit log) to one JSON file",
  description:
    "The file is the same for SQLite and PostgreSQL, so a backup of one restores into the other. It holds password hashes: keep it as safe as the database.",
  options: { ...dbOption, out: { type: "string", valueName: "FILE", help: "file to write" } },
  examples: ["liuzhi backup --out liuzhi-2026-11-27.json"],
  async run(args, io) {
    if (typeof args.values.out !== "string") throw new UsageError("backup needs --out FILE");
    const backup = await withLedger(args, io, dumpDatabase);
    writeFileSync(args.values.out, `${JSON.stringify(backup)}\n`, { mode: 0o600 });
    io.out(
      `Wrote ${args.values.out}: ${backup.tables.observations.length} observations, ${backup.tables.audit_log.length} audit entries, head ${backup.auditHead.hash}\n`,
    );
    return 0;
  },
};

export const restoreCommand: Command = {
  name: "restore",
  summary: "Load a backup into a new, empty database, if its audit log and ledger prove intact",
  positionals: "FILE",
  options: { ...dbOption },
  examples: ["liuzhi restore liuzhi-2026-11-27.json --db restored.sqlite"],
  async run(args, io) {
    const [file] = args.positionals;
    if (!file) throw new UsageError("restore needs a backup FILE");
    let backup: ReturnType<typeof parseBackup>;
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
      backup = parseBackup(JSON.parse(bytes.toString("utf8")));
      // Checked before the target is even opened: a refused backup leaves nothing behind.
      checkBackup(backup);
    } catch (error) {
      throw new UsageError(`${file}: ${(error as Error).message}`);
    }
    const target = targetOf(args, io);
    const { db } = await openLedger(target, { empty: true });
    try {
      const counts = await restoreBackup(db, backup, { actor: cliActor(io), fileSha256: sha256Hex(bytes) });
      const verdict = await verifyAuditLog(db);
      io.out(
        `Restored into ${describeTarget(target)}: ${Object.entries(counts)
          .map(([t, n]) => `${n} ${t}`)
          .join(", ")}.\n`,
      );
      if (!verdict.ok) {
        io.err(`The restored audit log is broken at entry ${verdict.seq}: ${verdict.problem}\n`);
        return 1;
      }
      io.out(`Audit log intact: ${verdict.entries} entries, head ${verdict.head}\n`);
      return 0;
    } catch (error) {
      if (error instanceof RestoreError) throw new UsageError(error.message);
      throw error;
    } finally {
      await db.destroy();
    }
  },
};
