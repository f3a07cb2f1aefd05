/** The report as one self-contained, printable HTML page: inline CSS, charts as inline SVG, footnotes linked. */
import { renderChartSvg } from "./charts.ts";
import { STRINGS } from "./i18n.ts";
import { type Cell, cellRefs, cellText, type Report, sourceNote, type Table } from "./model.ts";

export const escapeHtml = (s: string) =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

const CSS = `
body { font-family: "Noto Serif", Georgia, "Songti SC", serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #111; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #999; }
.colophon { color: #444; font-size: 0.9rem; }
table { border-collapse: collapse; margin: 0.8rem 0 1.2rem; font-size: 0.85rem; width: 100%; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.3rem; }
th, td { border: 1px solid #bbb; padding: 0.2rem 0.4rem; vertical-align: top; }
th { background: #eee; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.strong td { font-weight: bold; }
td.url { word-break: break-all; }
sup a { text-decoration: none; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; }
ol.notes { font-size: 0.85rem; word-break: break-word; }
h1, h2, p, li, caption { overflow-wrap: anywhere; }
@media (max-width: 40rem) {
  body { margin: 1rem auto; padding: 0 0.75rem; }
  ol.notes { padding-left: 1.5rem; }
  table, thead, tbody, tr, th, td, caption { display: block; width: auto; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  tr { border: 1px solid #bbb; margin-bottom: 0.5rem; }
  td { border: none; border-bottom: 1px solid #eee; display: flex; gap: 0.75rem; justify-content: space-between; text-align: right; white-space: normal; overflow-wrap: anywhere; }
  td::before { content: attr(data-label); font-weight: bold; text-align: left; flex: 0 1 50%; }
  td.num { white-space: normal; }
  td:empty, td.blank { display: none; }
}
@media print {
  body { margin: 0; max-width: none; }
  h2 { break-after: avoid; }
  table, figure { break-inside: avoid; }
  a { color: inherit; }
}
`.trim();

export function renderHtml(report: Report): string {
  const number = new Map(report.footnotes.map((id, i) => [id, i + 1]));
  // Every mark links to its note; the k-th mark of note n has the id ref-n-k (ref-n for the first), unique in the page.
  const seen = new Map<number, number>();
  const marks = (refs: ReadonlyArray<string>) =>
    refs
      .map((r) => {
        const n = number.get(r);
        const k = (seen.get(n ?? 0) ?? 0) + 1;
        seen.set(n ?? 0, k);
        return `<sup><a href="#fn${n}" id="ref-${n}${k === 1 ? "" : `-${k}`}">${n}</a></sup>`;
      })
      .join("");
  // On a phone a row becomes a card of "label: value" lines: each cell carries its column's label.
  const cell = (c: Cell, numeric: boolean, label: string) => {
    const value = escapeHtml(cellText(c));
    const cls = numeric ? ' class="num"' : /^https?:\/\//.test(cellText(c)) ? ' class="url"' : "";
    const refs = marks(cellRefs(c));
    // The value and its marks are one item of the phone's "label: value" line.
    return `<td${cls} data-label="${escapeHtml(label)}">${refs ? `<span>${value}${refs}</span>` : value}</td>`;
  };
  const table = (t: Table) =>
    [
      `<table id="table-${t.id}">`,
      `<caption>${escapeHtml(t.title)}</caption>`,
      `<thead><tr>${t.columns.map((c) => `<th scope="col">${escapeHtml(c.label)}</th>`).join("")}</tr></thead>`,
      "<tbody>",
      ...t.rows.map(
        (r) =>
          `<tr${r.strong ? ' class="strong"' : ""}>${r.cells.map((c, i) => cell(c, t.columns[i]?.numeric ?? false, t.columns[i]?.label ?? "")).join("")}</tr>`,
      ),
      "</tbody>",
      "</table>",
    ].join("\n");
  const sources = new Map(report.sources.map((s) => [s.id, s]));
  const out: string[] = [
    "<!DOCTYPE html>",
    `<html lang="${report.lang === "zh" ? "zh-Hans" : "en"}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(report.title)}</title>`,
    `<style>\n${CSS}\n</style>`,
    "</head>",
    "<body>",
    `<h1>${escapeHtml(report.title)}</h1>`,
    `<p>${escapeHtml(report.subtitle)}</p>`,
    `<p class="colophon">${escapeHtml(report.colophon)}</p>`,
  ];
  for (const section of report.sections) {
    out.push(`<section id="${section.id}">`, `<h2>${escapeHtml(section.heading)}</h2>`);
    for (const block of section.blocks) {
      if (block.kind === "paragraph")
        out.push(`<p>${escapeHtml(block.paragraph.text)}${marks(block.paragraph.refs)}</p>`);
      else if (block.kind === "table") out.push(table(block.table));
      else out.push(`<figure id="chart-${block.chart.id}">`, renderChartSvg(block.chart), "</figure>");
    }
    out.push("</section>");
  }
  out.push(
    `<section id="notes">`,
    `<h2>${escapeHtml(STRINGS[report.lang].headings.footnotes)}</h2>`,
    '<ol class="notes">',
  );
  report.footnotes.forEach((id, i) => {
    const s = sources.get(id);
    out.push(`<li id="fn${i + 1}">${escapeHtml(s ? sourceNote(report, s) : id)}</li>`);
  });
  out.push("</ol>", "</section>", "</body>", "</html>");
  return `${out.join("\n")}\n`;
}
