import { writeFileSync } from "node:fs";
import { checkLedgerAgainstLog, readAuditHead, readAuditLog, verifyChain } from "../../audit/index.ts";
import { readLedger } from "../../ledger/index.ts";
import { type Command, dbOption, UsageError } from "../command.ts";
import { withLedger } from "../with-ledger.ts";

export const auditCommand: Command = {
  name: "audit",
  summary: "Verify the hash-chained audit log, or export it with its head hash",
  positionals: "verify | export",
  description:
    "verify recomputes every entry's SHA-256 and its link to the one before, and compares the stored head; it names the first entry where the chain breaks (exit 1). It then replays the log and checks that every ledger row equals its last recorded version, naming any row changed behind the log's back. export writes the log and its head hash as JSON: publish the head hash elsewhere (a UN submission, a post) as a public commitment that later copies can be checked against.",
  options: {
    ...dbOption,
    out: { type: "string", valueName: "FILE", help: "export: write to FILE instead of standard output" },
  },
  examples: ["liuzhi audit verify", "liuzhi audit export --out audit-2026-11.json"],
  async run(args, io) {
    const [action] = args.positionals;
    if (action !== "verify" && action !== "export")
      throw new UsageError(`expected 'audit verify' or 'audit export', got '${action ?? ""}'`);
    const { entries, head, ledger } = await withLedger(args, io, async (db) => ({
      entries: await readAuditLog(db),
      head: await readAuditHead(db),
      ledger: await readLedger(db),
    }));
    const verdict = verifyChain(entries, head);
    if (action === "verify") {
      if (!verdict.ok) {
        io.err(`Audit log broken at entry ${verdict.seq}: ${verdict.problem}\n`);
        return 1;
      }
      // The chain holds; now every ledger row must be what the log last recorded for it.
      const mismatches = checkLedgerAgainstLog(ledger, entries);
      if (mismatches.length > 0) {
        io.err(`Audit log intact, but the ledger disagrees with it in ${mismatches.length} row(s):\n`);
        for (const m of mismatches) io.err(`  ${m.table} ${m.id} ${m.problem}\n`);
        return 1;
      }
      io.out(`Audit log intact: ${verdict.entries} entries, head ${verdict.head}; every ledger row matches it.\n`);
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
