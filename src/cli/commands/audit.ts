import { readFileSync, writeFileSync } from "node:fs";
import {
  type AuditEntry,
  appendAudit,
  checkAccountsAgainstLog,
  checkCasesAgainstLog,
  checkExtends,
  checkLedgerAgainstLog,
  checkTimestamps,
  parsePublishedHead,
  readAuditHead,
  readAuditLog,
  readRegisterState,
  requestTimestamp,
  TimestampError,
  verifyChain,
} from "../../audit/index.ts";
import { readLedger } from "../../ledger/index.ts";
import { type Command, type CommandIo, dbOption, formatOption, formatSpec, UsageError } from "../command.ts";
import { cliActor, withLedger } from "../with-ledger.ts";

const ACTIONS = ["verify", "export", "head", "timestamp"] as const;

/** The head as one line to publish (fits a post): count, time of the last entry, hash. */
function publishableHead(entries: ReadonlyArray<AuditEntry>): string {
  const last = entries.at(-1);
  return `Liuzhi Monitor audit log: ${entries.length} entries, last written ${last?.at ?? "never"}, head SHA-256 ${last?.hash ?? "0".repeat(64)}`;
}

function latestStamp(entries: ReadonlyArray<AuditEntry>) {
  const entry = entries.findLast((e) => e.action === "timestamp");
  if (!entry) return null;
  const record = JSON.parse(entry.after_json ?? "{}") as { time?: string; tsa?: string };
  return { seq: Number(entry.entity_id), time: record.time ?? null, tsa: record.tsa ?? null };
}

function readCaFile(args: { values: Readonly<Record<string, unknown>> }): string | null {
  const file = args.values["tsa-ca"];
  if (typeof file !== "string") return null;
  try {
    const pem = readFileSync(file, "utf8");
    if (!pem.includes("-----BEGIN CERTIFICATE-----")) throw new UsageError(`--tsa-ca ${file} holds no PEM certificate`);
    return pem;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read --tsa-ca ${file}: ${(error as Error).message}`);
  }
}

export const auditCommand: Command = {
  name: "audit",
  summary: "Verify the hash-chained audit log, print its head to publish, time-stamp it, or export it",
  positionals: "verify | head | timestamp | export",
  description:
    "verify recomputes every entry's SHA-256 and its link to the one before, and compares the stored head; it names the first entry where the chain breaks (exit 1). It then replays the log: every ledger row, every account (role, disabled) and every case row (clear columns and the SHA-256 of its ciphertext) must equal its last recorded version, and every stored RFC 3161 time-stamp must verify. With --expect-head HASH it also fails unless the log extends that published head: deleting the last entries and rewriting the head, or rewriting any earlier entry, is then named. head prints the entry count, the time of the last entry and the head hash in one line meant to be published (a post, a UN submission); keep it, and check any later copy with verify --expect-head. timestamp sends the head hash (nothing else) to an RFC 3161 time-stamping authority and keeps its signed answer in the log, as independent proof the log existed at that time. export writes the log and its head hash as JSON.",
  options: {
    ...dbOption,
    ...formatSpec(["text", "json"], "text"),
    "expect-head": {
      type: "string",
      valueName: "HASH",
      help: "verify: fail unless the log extends this published head hash",
    },
    tsa: { type: "string", valueName: "URL", help: "timestamp: the time-stamping authority's RFC 3161 URL" },
    "tsa-ca": {
      type: "string",
      valueName: "FILE",
      help: "timestamp, verify: the authority's CA certificate(s), PEM (default: the system's trusted CAs)",
    },
    out: { type: "string", valueName: "FILE", help: "export: write to FILE instead of standard output" },
  },
  examples: [
    "liuzhi audit head",
    "liuzhi audit verify --expect-head 9f2c…",
    "liuzhi audit timestamp --tsa https://freetsa.org/tsr --tsa-ca freetsa-cacert.pem",
    "liuzhi audit export --out audit-2026-11.json",
  ],
  async run(args, io) {
    const [action] = args.positionals;
    if (!(ACTIONS as ReadonlyArray<string>).includes(action ?? "")) {
      throw new UsageError(`expected 'audit ${ACTIONS.join("', 'audit ")}', got '${action ?? ""}'`);
    }
    const expectText = args.values["expect-head"];
    const expected = typeof expectText === "string" ? parsePublishedHead(expectText) : null;
    if (typeof expectText === "string" && expected === null) {
      throw new UsageError(`--expect-head must be a SHA-256 hash (64 hex digits), got '${expectText}'`);
    }
    if (action === "timestamp") return timestamp(args, io);
    const format = formatOption(args, ["text", "json"], "text");
    const { entries, head, ledger, register } = await withLedger(args, io, async (db) => ({
      entries: await readAuditLog(db),
      head: await readAuditHead(db),
      ledger: await readLedger(db),
      register: await readRegisterState(db),
    }));
    const verdict = verifyChain(entries, head);
    if (action === "head") {
      if (!verdict.ok) {
        io.err(`Audit log broken at entry ${verdict.seq}: ${verdict.problem}\nNot printing a head to publish.\n`);
        return 1;
      }
      const stamp = latestStamp(entries);
      if (format === "json") {
        const last = entries.at(-1);
        io.out(
          `${JSON.stringify({ entries: entries.length, at: last?.at ?? null, hash: verdict.head, timestamp: stamp }, null, 2)}\n`,
        );
      } else {
        io.out(`${publishableHead(entries)}\n`);
        if (stamp) io.out(`Time-stamped: entry ${stamp.seq} at ${stamp.time} by ${stamp.tsa}\n`);
        io.out(`Check a later copy with: liuzhi audit verify --expect-head ${verdict.head}\n`);
      }
      return 0;
    }
    if (action === "verify") {
      if (!verdict.ok) {
        io.err(`Audit log broken at entry ${verdict.seq}: ${verdict.problem}\n`);
        return 1;
      }
      const extension = expected === null ? null : checkExtends(entries, expected);
      if (extension && !extension.ok) {
        io.err(`Audit log does not extend the expected head: ${extension.problem}\n`);
        return 1;
      }
      // The chain holds; now every ledger row, account and case row must be what the log last recorded.
      const mismatches = [
        ...checkLedgerAgainstLog(ledger, entries),
        ...checkAccountsAgainstLog(register.users, entries),
        ...checkCasesAgainstLog(register.cases, entries),
      ];
      if (mismatches.length > 0) {
        io.err(`Audit log intact, but the database disagrees with it in ${mismatches.length} row(s):\n`);
        for (const m of mismatches) io.err(`  ${m.table} ${m.id} ${m.problem}\n`);
        return 1;
      }
      let stamps: Awaited<ReturnType<typeof checkTimestamps>>;
      try {
        stamps = await checkTimestamps(entries, readCaFile(args));
      } catch (error) {
        if (error instanceof TimestampError) {
          io.err(`Cannot check the log's time-stamps: ${error.message}\n`);
          return 1;
        }
        throw error;
      }
      const badStamps = stamps.filter((s) => s.problem !== null);
      if (badStamps.length > 0) {
        io.err(`Audit log intact, but ${badStamps.length} time-stamp(s) do not verify:\n`);
        for (const s of badStamps) io.err(`  entry ${s.seq} (time-stamp of entry ${s.stampedSeq}): ${s.problem}\n`);
        return 1;
      }
      io.out(
        `Audit log intact: ${verdict.entries} entries, head ${verdict.head}; every ledger row matches it, and so do ${register.users.length} account(s) and ${register.cases.length} case row(s).\n`,
      );
      if (extension?.ok) io.out(`It extends the published head ${expected} (entry ${extension.seq}).\n`);
      const last = stamps.at(-1);
      if (last?.record) {
        io.out(
          `${stamps.length} time-stamp(s) verified; the latest proves entry ${last.stampedSeq} existed at ${last.record.time} (${last.record.tsa}).\n`,
        );
      }
      return 0;
    }
    const text = `${JSON.stringify({ head: { seq: head.seq, hash: head.hash }, intact: verdict.ok, entries }, null, 2)}\n`;
    if (typeof args.values.out === "string") {
      writeFileSync(args.values.out, text);
      io.out(`Wrote ${entries.length} entries to ${args.values.out}; head hash ${head.hash}\n`);
    } else io.out(text);
    if (!verdict.ok) io.err(`Warning: the chain is broken at entry ${verdict.seq}: ${verdict.problem}\n`);
    return verdict.ok ? 0 : 1;
  },
};

async function timestamp(args: Parameters<Command["run"]>[0], io: CommandIo): Promise<number> {
  const tsa = args.values.tsa;
  if (typeof tsa !== "string")
    throw new UsageError("audit timestamp needs --tsa URL (an RFC 3161 time-stamping authority)");
  const ca = readCaFile(args);
  return withLedger(args, io, async (db) => {
    const entries = await readAuditLog(db);
    const verdict = verifyChain(entries, await readAuditHead(db));
    if (!verdict.ok) {
      io.err(`Audit log broken at entry ${verdict.seq}: ${verdict.problem}\nNot time-stamping a broken log.\n`);
      return 1;
    }
    if (entries.length === 0) {
      io.err("The audit log is empty: nothing to time-stamp.\n");
      return 1;
    }
    let record: Awaited<ReturnType<typeof requestTimestamp>>;
    try {
      record = await requestTimestamp(tsa, verdict.head, ca);
    } catch (error) {
      if (error instanceof TimestampError) {
        io.err(`Time-stamp refused: ${error.message}\nNothing was written.\n`);
        return 1;
      }
      throw error;
    }
    await db.transaction().execute((trx) =>
      appendAudit(trx, [
        {
          actor: cliActor(io),
          action: "timestamp",
          entity: "audit_log",
          entityId: String(verdict.entries),
          after: record,
        },
      ]),
    );
    io.out(
      `Time-stamped entry ${verdict.entries} (head ${verdict.head}) at ${record.time} by ${tsa}; the token is kept in the log and checked by 'liuzhi audit verify'.\n`,
    );
    return 0;
  });
}
