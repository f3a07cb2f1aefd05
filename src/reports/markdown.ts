/**
 * The report as Markdown (GitHub-flavoured: pipe tables, numbered footnotes `[^n]`). Text from the
 * ledger or the strings is escaped (`&`, `<`, `>` as entities; `\`, `` ` ``, `*`, `_`, `[`, `]`
 * with a backslash; line breaks as spaces), so that nothing in it is read as HTML or Markdown;
 * addresses are written as autolinks `<…>`, in which nothing is interpreted.
 */
import { STRINGS } from "./i18n.ts";
import {
  type Cell,
  type Chart,
  cellRefs,
  cellText,
  chartCaption,
  type FootnotePart,
  type Report,
  sourceNoteParts,
  type Table,
} from "./model.ts";

const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": " ", "\n": " " };

/** Text as Markdown that renders as exactly that text. */
export const escapeMarkdown = (s: string): string =>
  s.replace(/\r\n|[&<>\r\n\\`*_[\]]/g, (c) => ESCAPES[c] ?? (c === "\r\n" ? " " : `\\${c}`));

/** An http(s) address as an autolink when it can be one (no spaces, controls or angle brackets), else as text. */
export const markdownUrl = (url: string): string =>
  /^https?:\/\/[^\s<>\p{Cc}]+$/u.test(url) ? `<${url}>` : escapeMarkdown(url);

const markdownText = (s: string): string => (/^https?:\/\/\S+$/.test(s) ? markdownUrl(s) : escapeMarkdown(s));

/** Inside a table cell a `|` ends the cell, even in an autolink: escape it. */
const escapeCell = (s: string) => s.replaceAll("|", "\\|");

const markdownNote = (parts: ReadonlyArray<FootnotePart>) =>
  parts.map((p) => ("url" in p ? markdownUrl(p.url) : escapeMarkdown(p.text))).join("");

export interface MarkdownOptions {
  /** Each chart's image file, relative to the Markdown file (`annex-yearly.svg`), by chart id. */
  readonly chartFiles?: ReadonlyMap<string, string>;
}

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const number = new Map(report.footnotes.map((id, i) => [id, i + 1]));
  const marks = (refs: ReadonlyArray<string>) => refs.map((r) => `[^${number.get(r)}]`).join("");
  const cell = (c: Cell) => `${escapeCell(markdownText(cellText(c)))}${marks(cellRefs(c))}`;
  const table = (t: Table) => {
    const lines = [`**${escapeMarkdown(t.title)}**`, ""];
    lines.push(`| ${t.columns.map((c) => escapeCell(escapeMarkdown(c.label))).join(" | ")} |`);
    lines.push(`|${t.columns.map((c) => (c.numeric ? "---:" : "---")).join("|")}|`);
    for (const row of t.rows) {
      const cells = row.cells.map((c) => {
        const s = cell(c);
        return row.strong && s !== "" ? `**${s}**` : s;
      });
      lines.push(`| ${cells.join(" | ")} |`);
    }
    return lines.join("\n");
  };
  // A chart is an image file beside the Markdown (written by the caller, named in `chartFiles`),
  // with its text alternative as the image's alt text and as a caption; without a file, the command
  // that draws it in this language.
  const units = (u: string) => (report.lang === "zh" ? `（${u}）` : ` (${u})`);
  const chart = (c: Chart) => {
    const file = options.chartFiles?.get(c.id);
    return [
      `**${escapeMarkdown(c.title)}**${escapeMarkdown(units(c.units))}`,
      "",
      ...(file
        ? [
            `![${escapeMarkdown(c.alt)}](${encodeURI(file).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)})`,
            "",
          ]
        : []),
      `> ${escapeMarkdown(chartCaption(c, report.lang))}`,
      ...(file ? [] : [`> \`liuzhi chart ${c.id} --format svg${report.lang === "zh" ? " --lang zh" : ""}\``]),
    ].join("\n");
  };
  const out: string[] = [
    `# ${escapeMarkdown(report.title)}`,
    "",
    escapeMarkdown(report.subtitle),
    "",
    `_${escapeMarkdown(report.colophon)}_`,
    "",
  ];
  for (const section of report.sections) {
    out.push(`## ${escapeMarkdown(section.heading)}`, "");
    for (const block of section.blocks) {
      if (block.kind === "paragraph")
        out.push(`${escapeMarkdown(block.paragraph.text)}${marks(block.paragraph.refs)}`, "");
      else if (block.kind === "table") out.push(table(block.table), "");
      else out.push(chart(block.chart), "");
    }
  }
  const sources = new Map(report.sources.map((s) => [s.id, s]));
  out.push(`## ${escapeMarkdown(STRINGS[report.lang].headings.footnotes)}`, "");
  report.footnotes.forEach((id, i) => {
    const s = sources.get(id);
    out.push(`[^${i + 1}]: ${s ? markdownNote(sourceNoteParts(report, s)) : escapeMarkdown(id)}`);
  });
  return `${out.join("\n")}\n`;
}
