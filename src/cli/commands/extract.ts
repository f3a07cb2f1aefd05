import { readFileSync } from "node:fs";
import { defaultPolicy, extractText, fetchWithPolicy, HostGate, header } from "../../capture/index.ts";
import { decodeUtf8, jurisdictions as jurisdictionsTable, parseCsv } from "../../core/index.ts";
import { SHIPPED_DATA_DIR } from "../../ledger/index.ts";
import { extractFigures, type Figure, publishedDate } from "../../monitor/index.ts";
import { type Command, formatOption, formatSpec, UsageError } from "../command.ts";
import { formatTextTable } from "../text-table.ts";
import { VERSION } from "../version.ts";
import { privateAddressOption, privateAddressPolicy } from "./monitor-options.ts";

const FORMATS = ["table", "json"] as const;

/** The provinces by Chinese name, from the shipped data package (read only: extract touches no database). */
function shippedJurisdictions() {
  const { rows } = parseCsv(decodeUtf8(readFileSync(`${SHIPPED_DATA_DIR}${jurisdictionsTable.name}.csv`)));
  return rows.map((r) => ({ code: r.code ?? "", name_zh: r.name_zh ?? "" }));
}

export const extractCommand: Command = {
  name: "extract",
  summary: "Read the figures of one page or text file (a release, a speech, a PDF's text) without touching the ledger",
  positionals: "FILE|URL",
  description:
    "Prints each figure the monitor can read in the text, as the draft observation `liuzhi watch` would file: measure, territory, period, value, qualifier, unit, scope, the sentence and its locator, and a confidence with its reason. HTML and plain text, UTF-8 or GBK/GB2312, simplified or traditional. Nothing is written.",
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
      help: "territory of the publisher (default CN); a sentence that names none speaks for it",
    },
    ...privateAddressOption,
  },
  examples: [
    "liuzhi extract speech.txt --jurisdiction CN-YN",
    "liuzhi extract https://www.ccdi.gov.cn/toutiaon/202410/t20241018_382271.html --format json",
  ],
  async run(args, io) {
    const format = formatOption(args, FORMATS, "table");
    const [input, ...extra] = args.positionals;
    if (!input) throw new UsageError("extract needs a FILE or a URL");
    if (extra.length > 0) throw new UsageError(`unexpected argument(s): ${extra.join(" ")}`);
    const published = args.values.published as string | undefined;
    if (published !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(published))
      throw new UsageError(`invalid --published '${published}': expected a date written YYYY-MM-DD`);
    const names = shippedJurisdictions();
    const jurisdiction = (args.values.jurisdiction as string | undefined) ?? "CN";
    if (!names.some((n) => n.code === jurisdiction))
      throw new UsageError(`invalid --jurisdiction '${jurisdiction}': expected CN or a province's code such as CN-YN`);

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
    let extracted: ReturnType<typeof extractText>;
    try {
      extracted = extractText(body, { contentType });
    } catch (error) {
      // Too long to read (TextTooLong names the size and the limit).
      io.err(`liuzhi extract: ${input}: ${(error as Error).message}\n`);
      return 1;
    }
    if (!extracted) {
      io.err(`liuzhi extract: ${input} is not HTML or text (a PDF? paste its text into a .txt file)\n`);
      return 1;
    }
    const date = published ?? publishedDate(extracted.text, url);
    const figures = extractFigures(extracted.text, { published: date, jurisdiction, jurisdictions: names });
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
