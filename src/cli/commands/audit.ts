import { writeFileSync } from "node:fs";
import { readAuditHead, readAuditLog, verifyChain } from "../../audit/index.ts";
import { type Command, dbOption, UsageError } from "../command.ts";
import { withLedger } from "../with-ledger.ts";

export const auditCommand: Command = {
  name: "audit",
  summary: "Verify the hash-chained audit log, or export it with its head hash",
  positionals: "verify | export",
  description:
    "verify recomputes every entry's SHA-256 and its link to the one before, and compares the stored head; it names the first entry where the chain breaks (exit 1). export writes the log and its head hash as JSON: publish the head hash elsewhere (a UN submission, a post) as a public commitment that later copies can be checked against.",
  options: {
    ...dbOption,
    out: { type: "string", valueName: "FILE", help: "export: write to FILE instead of standard output" },
  },
  examples: ["liuzhi audit verify", "liuzhi audit export --out audit-2026-11.json"],
  async run(args, io) {
    const [action] = args.positionals;
    if (action !== "verify" && action !== "export")
      throw new UsageError(`expected 'audit verify' or 'audit export', got '${action ?? ""}'`);
    const { entries, head } = await withLedger(args, io, async (db) => ({
      entries: await readAuditLog(db),
      head: await readAuditHead(db),
    }));
    const verdict = verifyChain(entries, head);
    if (action === "verify") {
      if (verdict.ok) {
        io.out(`Audit log intact: ${verdict.entries} entries, head ${verdict.head}\n`);
        return 0;
      }
      io.err(`Audit log broken at entry ${verdict.seq}: ${verdict.problem}\n`);
      return 1;
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
