import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import {
  addCase,
  CASE_KEY_ENV,
  CASE_KEY_FILE_ENV,
  CaseAccessError,
  type CaseContext,
  CaseError,
  type CaseKey,
  CaseKeyError,
  caseAggregateRows,
  coverage,
  DecryptError,
  deadlineList,
  deleteCase,
  displayName,
  generateKey,
  importCases,
  LOCKED_MESSAGE,
  loadCaseKey,
  readCase,
  readCases,
  registerExport,
  rekeyCases,
  requireCaseAccount,
  sortedTimeline,
  WgeidRefusal,
  wgeidDocx,
} from "../../cases/index.ts";
import { formatCsv, formatIssue, isIsoDate } from "../../core/index.ts";
import { readLedger } from "../../ledger/index.ts";
import type { LedgerDb } from "../../store/index.ts";
import { authenticateAs, passwordOptions } from "../authenticate.ts";
import { type Command, type CommandIo, dbOption, formatOption, type ParsedArgs, UsageError } from "../command.ts";
import { terminalText } from "../terminal-text.ts";
import { formatTextTable } from "../text-table.ts";
import { withLedger } from "../with-ledger.ts";
import { langOption } from "./report.ts";

const ACTIONS = ["add", "import", "list", "show", "deadlines", "export", "delete", "coverage", "rekey"] as const;
type Action = (typeof ACTIONS)[number];

/** A refusal the user must see: exit status 1, the message alone. */
class Refusal extends Error {
  override name = "Refusal";
}

const today = () => new Date().toISOString().slice(0, 10);

function requireKey(io: CommandIo): CaseKey {
  try {
    const key = loadCaseKey(io.env);
    if (!key) throw new Refusal(LOCKED_MESSAGE);
    return key;
  } catch (error) {
    if (error instanceof CaseKeyError) throw new Refusal(`cases are locked: ${error.message}`);
    throw error;
  }
}

/**
 * The key `case rekey` moves to: $LIUZHI_NEW_CASE_KEY (base64), or --new-key-file FILE; a FILE that
 * does not exist yet is created with a fresh random key (mode 0600) before anything is re-encrypted.
 */
function newKeyFrom(args: ParsedArgs, io: CommandIo): { key: CaseKey; created: string | null } {
  const file = args.values["new-key-file"];
  try {
    if (typeof file === "string") {
      if (!existsSync(file)) {
        const key = generateKey();
        mkdirSync(dirname(resolve(file)), { recursive: true });
        writeFileSync(file, `${key.bytes.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
        return { key, created: file };
      }
      return { key: loadCaseKey({ [CASE_KEY_FILE_ENV]: file })!, created: null };
    }
    const inline = io.env[NEW_KEY_ENV];
    if (inline) return { key: loadCaseKey({ [CASE_KEY_ENV]: inline })!, created: null };
  } catch (error) {
    if (error instanceof CaseKeyError) throw new Refusal(`the new key: ${error.message}`);
    throw error;
  }
  throw new UsageError(`case rekey needs the new key: --new-key-file FILE (created if missing) or $${NEW_KEY_ENV}`);
}

const NEW_KEY_ENV = "LIUZHI_NEW_CASE_KEY";

function readInput(file: string): string {
  return readFileSync(file === "-" ? 0 : file, "utf8");
}

function positional(args: ParsedArgs, action: string): string {
  const id = args.positionals[1];
  if (!id) throw new UsageError(`case ${action} needs a case ID`);
  return id;
}

async function run(action: Action, args: ParsedArgs, io: CommandIo, db: LedgerDb): Promise<number> {
  const actor = await requireCaseAccount(db, args.values.as as string | undefined, io.env);
  await authenticateAs(db, actor, args, io);
  if (action === "coverage") {
    // Aggregates from the clear columns, suppressed: needs no key, never holds a name.
    const format = formatOption(args, ["table", "csv", "json"] as const, "table");
    const result = coverage(await caseAggregateRows(db), (await readLedger(db)).observations);
    const rows = result.rows.map((r) => ({
      jurisdiction: r.jurisdiction,
      year: r.year,
      documented: r.documented === null ? `<${result.threshold} or withheld` : r.documented,
      official: r.official?.value ?? null,
      official_period: r.official?.period_label ?? null,
    }));
    if (format === "json") io.out(`${JSON.stringify(result, null, 2)}\n`);
    else if (format === "csv") io.out(formatCsv(Object.keys(rows[0] ?? { jurisdiction: "" }), rows));
    else
      io.out(
        formatTextTable(
          ["jurisdiction", "year", "documented", "official", "official period"],
          rows.map((r) => [r.jurisdiction, r.year, r.documented, r.official, r.official_period]),
        ),
      );
    return 0;
  }
  const ctx: CaseContext = { db, key: requireKey(io), actor };
  switch (action) {
    case "add": {
      const from = args.values.from;
      if (typeof from !== "string") throw new UsageError("case add needs --from FILE.json (or - for stdin)");
      let input: unknown;
      try {
        input = JSON.parse(readInput(from));
      } catch (error) {
        throw new Refusal(`${from}: not valid JSON: ${(error as Error).message}`);
      }
      const id = await addCase(ctx, input);
      io.out(`Added case ${id} (encrypted).\n`);
      return 0;
    }
    case "import": {
      const file = args.positionals[1];
      if (!file) throw new UsageError("case import needs a CSV FILE");
      const dryRun = args.values["dry-run"] === true;
      const result = await importCases(db, ctx.key, readFileSync(file), { actor, file, dryRun });
      if (result.issues.length > 0) {
        io.err(`Import refused: ${result.issues.length} problem(s); nothing was written.\n`);
        for (const issue of result.issues) io.err(`  ${formatIssue(issue, file)}\n`);
        return 1;
      }
      io.out(
        dryRun
          ? `Dry run: the file is valid and would add ${result.count} case(s). Nothing was written.\n`
          : `Imported ${result.count} case(s): ${result.ids.join(", ")}\n`,
      );
      return 0;
    }
    case "list": {
      const format = formatOption(args, ["table", "json"] as const, "table");
      const cases = await readCases(ctx, "case list");
      const rows = cases.map((c) => ({
        id: c.id,
        name: displayName(c.record),
        jurisdiction: c.record.detention.jurisdiction,
        taken_on: c.record.detention.taken_on,
        status: c.record.status,
      }));
      if (format === "json") io.out(`${JSON.stringify(rows, null, 2)}\n`);
      else
        io.out(
          formatTextTable(
            ["id", "name", "jurisdiction", "taken on", "status"],
            rows.map((r) => [r.id, r.name, r.jurisdiction, r.taken_on, r.status]),
          ),
        );
      return 0;
    }
    case "show": {
      const format = formatOption(args, ["text", "json"] as const, "text");
      const c = await readCase(ctx, positional(args, "show"), "case show");
      if (format === "json") {
        io.out(`${JSON.stringify({ id: c.id, ...c.record }, null, 2)}\n`);
        return 0;
      }
      const r = c.record;
      io.out(
        [
          `Case ${c.id} (${r.status})`,
          `  Name: ${displayName(r)}${r.person.aliases.length ? ` (also ${r.person.aliases.join(", ")})` : ""}`,
          `  Sex / born: ${r.person.sex} / ${r.person.birth_year ?? "?"}`,
          `  Position: ${r.person.position ?? "?"} at ${r.person.employer ?? "?"} (${r.person.employer_kind ?? "?"})`,
          `  Taken: ${r.detention.taken_on ?? "date unknown"} in ${r.detention.jurisdiction}, last seen ${r.detention.place_last_seen ?? "?"}, by a ${r.detention.commission_level ?? "?"} commission`,
          "  Timeline:",
          ...sortedTimeline(r).map((e) => `    ${e.date} ${e.kind} (${e.confidence}; ${e.source})`),
        ]
          // Each line through terminalText: a stored field cannot move the cursor or reorder the line.
          .map((line) => `${terminalText(line)}\n`)
          .join(""),
      );
      return 0;
    }
    case "deadlines": {
      const format = formatOption(args, ["table", "json"] as const, "table");
      const asOf = (args.values["as-of"] as string | undefined) ?? today();
      if (!isIsoDate(asOf)) throw new UsageError(`--as-of must be a date written YYYY-MM-DD, got '${asOf}'`);
      const list = deadlineList(await readCases(ctx, "case deadlines", { status: "open" }), asOf);
      if (format === "json") io.out(`${JSON.stringify({ as_of: asOf, cases: list }, null, 2)}\n`);
      else
        io.out(
          formatTextTable(
            ["id", "taken on", "law applied", "days held", "term ends", "extension", "legal maximum ends", "flags"],
            list.map((s) => [
              s.id,
              s.taken_on,
              s.regime ? `${s.regime.id} (${s.regime.article})` : null,
              s.days_held,
              s.term_ends,
              [s.extension_recorded && "yes", s.second_extension_recorded && "second"].filter(Boolean).join(", ") ||
                "no",
              s.legal_max_ends,
              s.flags.join(", "),
            ]),
          ),
        );
      return 0;
    }
    case "export": {
      const id = positional(args, "export");
      formatOption(args, ["wgeid-docx"] as const, "wgeid-docx");
      const out = args.values.out;
      if (typeof out !== "string") throw new UsageError("case export needs --out FILE");
      const c = await readCase(ctx, id, "case export wgeid-docx");
      const bytes = await wgeidDocx(c.id, c.record, today(), { lang: langOption(args) });
      const path = resolve(out);
      // Registered before writing: a crash in between leaves a registry entry, never an unknown file.
      await registerExport(ctx, c.id, { path, format: "wgeid-docx", at: new Date().toISOString() });
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, bytes, { mode: 0o600 });
      io.out(`Wrote ${out} (WGEID communication for case ${c.id}; keep it as confidential as the case).\n`);
      return 0;
    }
    case "rekey": {
      const newKey = newKeyFrom(args, io);
      const result = await rekeyCases(ctx, newKey.key);
      io.out(
        `Re-encrypted ${result.cases} case(s) and ${result.exports} export record(s) under the new key (id ${newKey.key.id}).\n` +
          `${newKey.created ? `The new key was written to ${newKey.created} (readable by you only). ` : ""}` +
          `From now on set ${CASE_KEY_ENV} or ${CASE_KEY_FILE_ENV} to the new key: the old one opens nothing.\n`,
      );
      return 0;
    }
    case "delete": {
      const id = positional(args, "delete");
      const result = await deleteCase(ctx, id);
      io.out(
        `Deleted case ${id}: its record and ${result.filesRemoved} exported file(s)${result.filesAlreadyGone ? ` (${result.filesAlreadyGone} already gone)` : ""}. The audit log records that a deletion happened.\n`,
      );
      return 0;
    }
  }
}

export const caseCommand: Command = {
  name: "case",
  summary:
    "The individual case register (confidential, encrypted): add, import, list, show, deadlines, export, delete, coverage, rekey",
  positionals: `${ACTIONS.join("|")} [ID|FILE]`,
  description:
    "Cases are confidential. Every action names the acting account with --as NAME: a reviewer or admin, or an account listed in $LIUZHI_CASE_USERS (comma-separated). Personal data is encrypted with the key in $LIUZHI_CASE_KEY (base64 of 32 bytes) or the file named by $LIUZHI_CASE_KEY_FILE; without it cases are locked (only coverage, an aggregate, works). Every read and write of a case is written to the audit log.",
  options: {
    ...dbOption,
    as: { type: "string", valueName: "NAME", help: "the acting account (needs a case role and its password)" },
    ...passwordOptions,
    from: { type: "string", valueName: "FILE", help: "add: the case as JSON (- for stdin)" },
    format: {
      type: "string",
      valueName: "FORMAT",
      help: "list/deadlines: table|json; show: text|json; coverage: table|csv|json; export: wgeid-docx",
    },
    out: { type: "string", valueName: "FILE", help: "export: the file to write" },
    lang: { type: "string", valueName: "en|zh", help: "export: the document's language (default en)" },
    "as-of": { type: "string", valueName: "DATE", help: "deadlines: the day to compute for (default today, UTC)" },
    "dry-run": { type: "boolean", help: "import: check and report, write nothing" },
    "new-key-file": {
      type: "string",
      valueName: "FILE",
      help: "rekey: the new key (base64 of 32 bytes); a missing FILE is created with a fresh key ($LIUZHI_NEW_CASE_KEY)",
    },
  },
  examples: [
    "LIUZHI_CASE_KEY=$(cat case.key) liuzhi case add --from case.json --as amina",
    "liuzhi case deadlines --as amina",
    "liuzhi case export case-1a2b3c4d5e6f --format wgeid-docx --out wgeid.docx --as amina",
    "liuzhi case export case-1a2b3c4d5e6f --lang zh --out wgeid-zh.docx --as amina",
    "liuzhi case coverage --format csv --as amina",
    "liuzhi case rekey --new-key-file new-case.key --as amina",
  ],
  async run(args, io) {
    const action = args.positionals[0];
    if (!(ACTIONS as ReadonlyArray<string>).includes(action ?? "")) {
      throw new UsageError(`unknown action '${action ?? ""}': expected one of ${ACTIONS.join(", ")}`);
    }
    try {
      if (action !== "coverage") requireKey(io); // locked: say so before touching the database
      return await withLedger(args, io, (db) => run(action as Action, args, io, db));
    } catch (error) {
      if (error instanceof WgeidRefusal) {
        io.err(`liuzhi case export: refused, the WGEID minimum elements are incomplete. Missing:\n`);
        for (const m of error.missing) io.err(`  - ${m}\n`);
        return 1;
      }
      if (
        error instanceof Refusal ||
        error instanceof CaseAccessError ||
        error instanceof CaseError ||
        error instanceof DecryptError
      ) {
        io.err(`liuzhi case: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
  },
};
