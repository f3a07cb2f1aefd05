import { writeFileSync } from "node:fs";
import { readLedger } from "../../ledger/index.ts";
import { toBibtex, toCslJson } from "../../reports/index.ts";
import { captureStoreDir, storeOption } from "../capture-store.ts";
import { type Command, dbOption, formatOption, formatSpec } from "../command.ts";
import { publicSummaries } from "../public-summaries.ts";
import { withLedger } from "../with-ledger.ts";
import { langOption } from "./report.ts";

const FORMATS = ["bibtex", "csl-json"] as const;

export const citeCommand: Command = {
  name: "cite",
  summary: "Write every source in the ledger as citations (BibTeX or CSL-JSON) that Zotero imports",
  options: {
    ...dbOption,
    ...formatSpec(FORMATS, "bibtex"),
    out: { type: "string", valueName: "FILE", help: "file to write (default: standard output)" },
    lang: {
      type: "string",
      valueName: "en|zh",
      help: "language of publishers' names, supplied titles and the citations' own words (default en); titles stay as published",
    },
    ...storeOption,
  },
  examples: [
    "liuzhi cite --format bibtex > sources.bib",
    "liuzhi cite --format csl-json --out sources.json",
    "liuzhi cite --lang zh --out sources-zh.bib",
  ],
  async run(args, io) {
    const format = formatOption(args, FORMATS, "bibtex");
    const lang = langOption(args);
    const store = captureStoreDir(args, io);
    // The date accessed is the latest capture's, when the capture store holds one.
    const { ledger, captures } = await withLedger(args, io, async (db) => {
      const ledger = await readLedger(db);
      return { ledger, captures: (await publicSummaries(db, ledger, store)).captures ?? new Map() };
    });
    const text = format === "bibtex" ? toBibtex(ledger, captures, lang) : toCslJson(ledger, captures, lang);
    if (typeof args.values.out === "string") {
      writeFileSync(args.values.out, text);
      io.err(`Wrote ${args.values.out}\n`);
    } else {
      io.out(text);
    }
    return 0;
  },
};
