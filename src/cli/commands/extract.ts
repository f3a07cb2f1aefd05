import { readFileSync } from "node:fs";
import { defaultPolicy, fetchWithPolicy, HostGate, header } from "../../capture/index.ts";
import { decodeUtf8, jurisdictions as jurisdictionsTable, parseCsv } from "../../core/index.ts";
import { SHIPPED_DATA_DIR } from "../../ledger/index.ts";
import { type Figure, readRelease } from "../../monitor/index.ts";
import { storeOption } from "../capture-store.ts";
import { type Command, dbOption, formatOption, formatSpec, UsageError } from "../command.ts";
import { formatTextTable } from "../text-table.ts";
import { VERSION } from "../version.ts";
import { backfill, isBatch } from "./extract-backfill.ts";
import { privateAddressOption, privateAddressPolicy } from "./monitor-options.ts";

const FORMATS = ["table", "json"] as const;

/** The nation, provinces, cities and counties by Chinese name, from the shipped data package (one page touches no database). */
function shippedJurisdictions() {
  const { rows } = parseCsv(decodeUtf8(readFileSync(`${SHIPPED_DATA_DIR}${jurisdictionsTable.name}.csv`)));
  return rows.map((r) => ({ code: r.code ?? "", name_zh: r.name_zh ?? "", level: r.level ?? "" }));
}

export const extractCommand: Command = {
  name: "extract",
  summary:
    "Read the figures of one page or text file without touching the ledger; or backfill a folder of saved releases as drafts for review",
  positionals: "FILE|URL|DIR|GLOB",
  description:
    "For one FILE or URL: prints each figure the monitor can read in the text, as the draft observation `liuzhi watch` would file: measure, territory, period, value, qualifier, unit, scope, the sentence and its locator, and a confidence with its reason. HTML and plain text, UTF-8 or GBK/GB2312, simplified or traditional, and English reports of the notices. Nothing is written. For a DIR (read with its subfolders) or a GLOB of file names (saved/2024-*.html): backfills — each saved release is stored in the capture store (WARC, SHA-256, text) and its figures are filed as drafts for review exactly as `liuzhi watch` files a page's (a figure the ledger holds is not filed, a different value for a ledger cell is a correction flagged CONFLICT, nothing is filed twice; a file read before is skipped). Nothing is published: the reviewer approves each draft and fills in each saved page's address and publisher.",
  options: {
    ...formatSpec(FORMATS, "table"),
    published: {
      type: "string",
      valueName: "YYYY-MM-DD",
      help: "publication date (default: read from the page); gives 全年/1至9月 their year and 党的十八大以来 its end",
    },
    jurisdiction: {
      type: "string",
      valueName: "CODE",
      help: "territory of the publisher (CN, a province's code, or a city's or county's such as CN-YN-530100); default: read from the page (全省/全市 → the territory the page names, else nationwide)",
    },
    ...privateAddressOption,
    ...dbOption,
    ...storeOption,
  },
  examples: [
    "liuzhi extract speech.txt --jurisdiction CN-YN",
    "liuzhi extract saved-releases/ --db ledger.sqlite",
    "liuzhi extract 'saved/2024-*.html' --format json",
    "liuzhi extract https://www.ccdi.gov.cn/toutiaon/202410/t20241018_382271.html --format json",
  ],
  async run(args, io) {
    const format = formatOption(args, FORMATS, "table");
    const [input, ...extra] = args.positionals;
    if (!input) throw new UsageError("extract needs a FILE, a URL, a folder or a glob");
    if (extra.length > 0)
      throw new UsageError(`unexpected argument(s): ${extra.join(" ")} (quote a glob: 'saved/*.html')`);
    const published = args.values.published as string | undefined;
    if (published !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(published))
      throw new UsageError(`invalid --published '${published}': expected a date written YYYY-MM-DD`);
    const names = shippedJurisdictions();
    const jurisdiction = args.values.jurisdiction as string | undefined;
    if (jurisdiction !== undefined && !names.some((n) => n.code === jurisdiction))
      throw new UsageError(
        `invalid --jurisdiction '${jurisdiction}': expected a code of data/jurisdictions.csv (CN, a province's such as CN-YN, a city's such as CN-YN-530100)`,
      );
    if (isBatch(input)) return backfill(args, io, input, format, jurisdiction);
    if (args.values.db !== undefined || args.values.store !== undefined)
      throw new UsageError("--db and --store apply to a folder or a glob: one FILE or URL is only read, never filed");

    let body: Buffer;
    let contentType: string | undefined;
    let url: string | null = null;
    if (/^https?:\/\//i.test(input)) {
      url = input;
      const policy = privateAddressPolicy(
        defaultPolicy({ retries: 1, gate: new HostGate(0), userAgent: `liuzhi-monitor/${VERSION} (extract)` }),
        args,
      );
      const fetched = await fetchWithPolicy(input, policy);
      const final = fetched.failure === null ? fetched.exchanges.at(-1) : undefined;
      if (!final) {
        io.err(`liuzhi extract: ${input}: ${fetched.failure?.message ?? "no response"}\n`);
        return 1;
      }
      if (final.response.status < 200 || final.response.status >= 300) {
        io.err(`liuzhi extract: ${input} answered ${final.response.status} ${final.response.statusText}\n`);
        return 1;
      }
      body = final.response.body;
      contentType = header(final.response, "Content-Type");
    } else {
      try {
        body = readFileSync(input);
      } catch (error) {
        throw new UsageError(
          `cannot read '${input}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        );
      }
      contentType = /\.x?html?$/i.test(input) ? "text/html" : undefined;
    }
    let extracted: ReturnType<typeof readRelease>;
    try {
      extracted = readRelease(body, { contentType, url, jurisdictions: names, published, jurisdiction });
    } catch (error) {
      // Too long to read (TextTooLong names the size and the limit).
      io.err(`liuzhi extract: ${input}: ${(error as Error).message}\n`);
      return 1;
    }
    if (!extracted) {
      io.err(`liuzhi extract: ${input} is not HTML or text (a PDF? paste its text into a .txt file)\n`);
      return 1;
    }
    const { published: date, figures } = extracted;
    if (format === "json") {
      io.out(`${JSON.stringify({ input, published: date, charset: extracted.charset, figures }, null, 2)}\n`);
    } else {
      io.out(
        formatTextTable(
          ["measure", "where", "period", "value", "qualifier", "unit", "scope", "printed", "confidence", "locator"],
          figures.map((f: Figure) => [
            f.measure,
            f.jurisdiction,
            `${f.period_start}..${f.period_end}`,
            String(f.value),
            f.qualifier,
            f.unit,
            f.scope,
            f.printed,
            String(f.confidence),
            f.locator,
          ]),
        ),
      );
    }
    io.err(`Read ${figures.length} figure(s) from ${input} (${extracted.charset}, published ${date ?? "unknown"}).\n`);
    return 0;
  },
};
