import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { readLedger } from "../../ledger/index.ts";
import { buildWebBundle, dashboardData, downloadFiles } from "../../server/index.ts";
import { captureStoreDir, storeOption } from "../capture-store.ts";
import { type Command, dbOption, UsageError } from "../command.ts";
import { publicSummaries } from "../public-summaries.ts";
import { VERSION } from "../version.ts";
import { withLedger } from "../with-ledger.ts";

export const buildSiteCommand: Command = {
  name: "build-site",
  summary: "Write the public dashboard as static files (HTML, JS, CSS, JSON data, downloads) for any static host",
  options: {
    ...dbOption,
    out: { type: "string", valueName: "DIR", help: "folder to write (emptied first)" },
    date: {
      type: "string",
      valueName: "YYYY-MM-DD",
      help: "generation date stated in the reports (default today, UTC)",
    },
    ...storeOption,
  },
  examples: ["liuzhi build-site --out site/"],
  async run(args, io) {
    const out = args.values.out;
    if (typeof out !== "string" || out === "") throw new UsageError("--out DIR is required");
    const date = args.values.date ?? new Date().toISOString().slice(0, 10);
    if (typeof date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      throw new UsageError(`invalid --date '${String(date)}': expected YYYY-MM-DD`);
    }
    const dir = resolve(out);
    const store = captureStoreDir(args, io);
    const { ledger, summaries } = await withLedger(args, io, async (db) => {
      const ledger = await readLedger(db);
      return { ledger, summaries: await publicSummaries(db, ledger, store) };
    });
    await buildWebBundle(dir);
    const write = (path: string, bytes: Uint8Array | string) => {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, bytes);
    };
    write(join(dir, "data", "dashboard.json"), JSON.stringify(dashboardData(ledger, VERSION, summaries)));
    const files = await downloadFiles(ledger, { version: VERSION, generated: date, ...summaries });
    for (const [path, bytes] of files) write(join(dir, "downloads", path), bytes);
    io.err(`Wrote the dashboard to ${dir} (${files.size} downloads)\n`);
    return 0;
  },
};
