/** The report as Markdown (GitHub-flavoured: pipe tables, numbered footnotes `[^n]`). */
import { STRINGS } from "./i18n.ts";
import { type Cell, type Chart, cellRefs, cellText, type Report, sourceNote, type Table } from "./model.ts";

const escapeCell = (s: string) => s.replaceAll("|", "\\|").replaceAll("\n", " ");

export function renderMarkdown(report: Report): string {
  const number = new Map(report.footnotes.map((id, i) => [id, i + 1]));
  const marks = (refs: ReadonlyArray<string>) => refs.map((r) => `[^${number.get(r)}]`).join("");
  const cell = (c: Cell) => `${escapeCell(cellText(c))}${marks(cellRefs(c))}`;
  const table = (t: Table) => {
    const lines = [`**${t.title}**`, ""];
    lines.push(`| ${t.columns.map((c) => escapeCell(c.label)).join(" | ")} |`);
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
  const chart = (c: Chart) =>
    [
      `**${c.title}** (${c.units})`,
      "",
      `> ${c.alt} ${c.source} ${c.dataDate}`,
      `> \`liuzhi chart ${c.id} --format svg\``,
    ].join("\n");
  const out: string[] = [`# ${report.title}`, "", report.subtitle, "", `_${report.colophon}_`, ""];
  for (const section of report.sections) {
    out.push(`## ${section.heading}`, "");
    for (const block of section.blocks) {
      if (block.kind === "paragraph") out.push(`${block.paragraph.text}${marks(block.paragraph.refs)}`, "");
      else if (block.kind === "table") out.push(table(block.table), "");
      else out.push(chart(block.chart), "");
    }
  }
  const sources = new Map(report.sources.map((s) => [s.id, s]));
  out.push(`## ${STRINGS[report.lang].headings.footnotes}`, "");
  report.footnotes.forEach((id, i) => {
    const s = sources.get(id);
    out.push(`[^${i + 1}]: ${s ? sourceNote(report, s) : id}`);
  });
  return `${out.join("\n")}\n`;
}
