import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import {
  type AuditEntry,
  appendAudit,
  checkAccountsAgainstLog,
  checkAppendOnly,
  checkApprovalSignatures,
  checkCasesAgainstLog,
  checkChangesAgainstLog,
  checkExtends,
  checkLedgerAgainstLog,
  checkPasskeysAgainstLog,
  checkSessionsAgainstLog,
  checkSignatures,
  checkTimestamps,
  generateAuditKey,
  parsePublicKey,
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

const ACTIONS = ["verify", "export", "head", "timestamp", "keygen"] as const;

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

/** The authority's CA as configured: --tsa-ca, else $LIUZHI_TSA_CA_FILE; null for the system's trusted CAs. */
function readCaFile(args: { values: Readonly<Record<string, unknown>> }, io: CommandIo): string | null {
  const option = args.values["tsa-ca"];
  const file = typeof option === "string" ? option : io.env.LIUZHI_TSA_CA_FILE;
  if (typeof file !== "string" || file === "") return null;
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
  positionals: "verify | head | timestamp | export | keygen",
  description:
    "verify recomputes every entry's SHA-256 and its link to the one before, and compares the stored head; it names the first entry where the chain breaks (exit 1). It then replays the log: every ledger row, every account (role, disabled) and every case row (clear columns and the SHA-256 of its ciphertext) must equal its last recorded version, and every stored RFC 3161 time-stamp must verify. With --expect-head HASH it also fails unless the log extends that published head: deleting the last entries and rewriting the head, or rewriting any earlier entry, is then named. head prints the entry count, the time of the last entry and the head hash in one line meant to be published (a post, a UN submission); keep it, and check any later copy with verify --expect-head. timestamp sends the head hash (nothing else) to an RFC 3161 time-stamping authority and keeps its signed answer in the log, as independent proof the log existed at that time. export writes the log and its head hash as JSON. keygen writes a new Ed25519 server key (mode 0600) for LIUZHI_AUDIT_KEY_FILE and prints its public key; with --public-key, verify also checks that every entry since the first signed one carries that key's signature, that the append-only triggers are in place, that sessions, passwords and passkeys are as the log recorded them, the review rules (author ≠ approver; what was approved is what was proposed) and each approval's passkey signature. Every problem found is named (exit 1).",
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
      help: "timestamp, verify: the authority's CA certificate(s), PEM ($LIUZHI_TSA_CA_FILE; default: the system's trusted CAs); verify never trusts a certificate stored in the log",
    },
    out: {
      type: "string",
      valueName: "FILE",
      help: "export: write to FILE instead of standard output; keygen: where to write the private key",
    },
    "public-key": {
      type: "string",
      valueName: "FILE",
      help: "verify: the server's audit public key (PEM; $LIUZHI_AUDIT_PUBLIC_KEY_FILE): check every entry's signature",
    },
    "require-passkeys": {
      type: "boolean",
      help: "verify: fail on any approval not signed by the reviewer's passkey",
    },
  },
  examples: [
    "liuzhi audit head",
    "liuzhi audit verify --expect-head 9f2c…",
    "liuzhi audit timestamp --tsa https://freetsa.org/tsr --tsa-ca freetsa-cacert.pem",
    "liuzhi audit export --out audit-2026-11.json",
    "liuzhi audit keygen --out /etc/liuzhi/audit.key",
    "liuzhi audit verify --public-key audit.key.pub --tsa-ca freetsa-cacert.pem",
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
    if (action === "keygen") return keygen(args, io);
    const format = formatOption(args, ["text", "json"], "text");
    const { entries, head, ledger, register, appendOnly } = await withLedger(args, io, async (db) => ({
      entries: await readAuditLog(db),
      head: await readAuditHead(db),
      ledger: await readLedger(db),
      register: await readRegisterState(db),
      appendOnly: await checkAppendOnly(db),
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
    if (action === "verify") return verify(args, io, { entries, head, ledger, register, appendOnly, expected });
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
  const ca = readCaFile(args, io);
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

type Loaded = {
  entries: AuditEntry[];
  head: { seq: number; hash: string };
  ledger: Awaited<ReturnType<typeof readLedger>>;
  register: Awaited<ReturnType<typeof readRegisterState>>;
  appendOnly: string[];
  expected: string | null;
};

function readPublicKey(args: Parameters<Command["run"]>[0], io: CommandIo) {
  const option = args.values["public-key"];
  const file = typeof option === "string" ? option : io.env.LIUZHI_AUDIT_PUBLIC_KEY_FILE;
  if (typeof file !== "string" || file === "") return null;
  let pem: string;
  try {
    pem = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read --public-key ${file}: ${(error as Error).message}`);
  }
  try {
    return parsePublicKey(pem, `--public-key ${file}`);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * Every check, every problem named (a tampering often shows in more than one place): the chain and
 * head, the published head, the server key's signatures, the append-only triggers, the ledger and
 * registers replayed, the review rules and passkey signatures, the time-stamps.
 */
async function verify(args: Parameters<Command["run"]>[0], io: CommandIo, loaded: Loaded): Promise<number> {
  const { entries, head, ledger, register, appendOnly, expected } = loaded;
  const publicKey = readPublicKey(args, io);
  const ca = readCaFile(args, io);
  const problems: string[] = [];
  const verdict = verifyChain(entries, head);
  if (!verdict.ok) problems.push(`chain: audit log broken at entry ${verdict.seq}: ${verdict.problem}`);
  const extension = expected === null ? null : checkExtends(entries, expected);
  if (extension && !extension.ok) problems.push(`published head: the log does not extend it: ${extension.problem}`);
  if (publicKey) for (const p of checkSignatures(entries, publicKey)) problems.push(`signature: ${p.problem}`);
  for (const p of appendOnly) problems.push(`append-only: ${p}`);
  const rows = [
    ...checkLedgerAgainstLog(ledger, entries),
    ...checkAccountsAgainstLog(register.users, entries),
    ...checkSessionsAgainstLog(register.sessions, entries),
    ...checkPasskeysAgainstLog(register.passkeys, entries),
    ...checkCasesAgainstLog(register.cases, entries),
  ];
  for (const m of rows) problems.push(`database: ${m.table} ${m.id} ${m.problem}`);
  for (const m of checkChangesAgainstLog(register.changes, entries))
    problems.push(`review: change ${m.id}: ${m.problem}`);
  const approvals = await checkApprovalSignatures(entries);
  for (const m of approvals.problems) problems.push(`passkey: change ${m.id}: ${m.problem}`);
  if (args.values["require-passkeys"] === true) {
    for (const a of approvals.withoutPasskey) {
      problems.push(
        `passkey: change ${a.change}: entry ${a.seq}, approved by '${a.reviewer}' without a passkey signature`,
      );
    }
  }
  let stamps: Awaited<ReturnType<typeof checkTimestamps>> = [];
  try {
    stamps = await checkTimestamps(entries, ca);
  } catch (error) {
    if (!(error instanceof TimestampError)) throw error;
    problems.push(`time-stamp: cannot check the log's time-stamps: ${error.message}`);
  }
  for (const s of stamps.filter((s) => s.problem !== null)) {
    problems.push(`time-stamp: entry ${s.seq} (time-stamp of entry ${s.stampedSeq}): ${s.problem}`);
  }
  if (problems.length > 0) {
    io.err(`Audit verification failed: ${problems.length} problem(s):\n`);
    for (const p of problems) io.err(`  ${p}\n`);
    return 1;
  }
  io.out(
    `Audit log intact: ${entries.length} entries, head ${verdict.ok ? verdict.head : ""}; every ledger row matches it, and so do ${register.users.length} account(s), ${register.sessions.length} session(s), ${register.passkeys.length} passkey(s), ${register.changes.length} change(s) and ${register.cases.length} case row(s).\n`,
  );
  io.out(
    publicKey
      ? `Every entry since the first signed one is signed by the server key given.\n`
      : "Signatures not checked: give --public-key FILE (the server's audit key, from 'liuzhi audit keygen').\n",
  );
  io.out(
    `Approvals: ${approvals.withPasskey} signed by the reviewer's passkey, ${approvals.withoutPasskey.length} by reviewers without a passkey (vouched for by the server only).\n`,
  );
  if (extension?.ok) io.out(`It extends the published head ${expected} (entry ${extension.seq}).\n`);
  const last = stamps.at(-1);
  if (last?.record) {
    io.out(
      `${stamps.length} time-stamp(s) verified against ${ca === null ? "the system's trusted CAs" : "the configured TSA CA"}; the latest proves entry ${last.stampedSeq} existed at ${last.record.time} (${last.record.tsa}).\n`,
    );
  }
  return 0;
}

/** Writes a new server audit key (mode 0600, never over an existing file) and prints its public key. */
async function keygen(args: Parameters<Command["run"]>[0], io: CommandIo): Promise<number> {
  const out = args.values.out;
  if (typeof out !== "string") throw new UsageError("audit keygen needs --out FILE (where to write the private key)");
  const { privateKeyPem, publicKeyPem } = generateAuditKey();
  try {
    writeFileSync(out, privateKeyPem, { mode: 0o600, flag: "wx" });
  } catch (error) {
    const exists = (error as NodeJS.ErrnoException).code === "EEXIST";
    throw new UsageError(
      exists ? `${out} already exists: not overwriting a key` : `cannot write ${out}: ${(error as Error).message}`,
    );
  }
  chmodSync(out, 0o600);
  writeFileSync(`${out}.pub`, publicKeyPem);
  io.out(
    `Wrote the private key to ${out} (mode 0600) and the public key to ${out}.pub.\nServe and run the CLI with LIUZHI_AUDIT_KEY_FILE=${out}; keep it out of the database and its backups.\nPublish the public key, and check the log with: liuzhi audit verify --public-key ${out}.pub\n${publicKeyPem}`,
  );
  return 0;
}
