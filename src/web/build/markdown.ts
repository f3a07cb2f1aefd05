/**
 * Build time only: the small Markdown subset docs/methods.md uses (ATX headings, paragraphs,
 * indented code blocks, "-" lists, "|" tables with a "|---|" rule under their header, **bold**,
 * *italic* or _italic_, `code`, [links](url)) to HTML.
 */

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function inline(text: string): string {
  const codes: string[] = [];
  let s = text.replace(/`([^`]+)`/g, (_, code: string) => {
    codes.push(`<code>${escapeHtml(code)}</code>`);
    return `\uE000${codes.length - 1}\uE000`;
  });
  s = escapeHtml(s)
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[^*\w])\*([^*\s][^*]*?)\*(?!\*)/g, "$1<em>$2</em>")
    .replace(/(^|[^\w])_([^_\s][^_]*?)_(?!\w)/g, "$1<em>$2</em>")
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label: string, href: string) => {
      const safe = /^(https?:|#|\.{0,2}\/|[\w-]+\.\w+)/.test(href) ? href : "#";
      const external = /^https?:/.test(safe) ? ' rel="noopener noreferrer"' : "";
      return `<a href="${safe}"${external}>${label}</a>`;
    });
  return s.replace(/\uE000(\d+)\uE000/g, (_, i: string) => codes[Number(i)] ?? "");
}

// Letters of any script are kept, so Chinese headings get ids of their own (not all "m-").
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_\s-]/gu, "")
    .trim()
    .replace(/\s+/g, "-");

export function markdownToHtml(markdown: string): string {
  const lines = markdown.replace(/\r\n/g, "\n").split("\n");
  const out: string[] = [];
  const ids = new Set<string>();
  let paragraph: string[] = [];
  let list: string[] | null = null;
  let code: string[] | null = null;
  let table: string[][] | null = null;

  const flushParagraph = () => {
    if (paragraph.length) out.push(`<p>${inline(paragraph.join(" "))}</p>`);
    paragraph = [];
  };
  const flushList = () => {
    if (list) out.push(`<ul>${list.map((item) => `<li>${inline(item)}</li>`).join("")}</ul>`);
    list = null;
  };
  const flushTable = () => {
    if (table) {
      const [head = [], ...body] = table;
      const row = (cells: string[], tag: string) =>
        `<tr>${cells.map((c) => `<${tag}>${inline(c)}</${tag}>`).join("")}</tr>`;
      out.push(
        // In its own scroll box, so a wide table never widens the page on a phone.
        `<div class="table-wrap"><table><thead>${row(head, "th")}</thead><tbody>${body.map((r) => row(r, "td")).join("")}</tbody></table></div>`,
      );
    }
    table = null;
  };
  const flushCode = () => {
    if (code) {
      while (code.length && code[code.length - 1] === "") code.pop();
      out.push(`<pre><code>${escapeHtml(code.join("\n"))}</code></pre>`);
    }
    code = null;
  };

  for (const line of lines) {
    if (code && (line.startsWith("    ") || line === "")) {
      code.push(line.slice(4));
      continue;
    }
    flushCode();
    if (/^\|.*\|\s*$/.test(line) && paragraph.length === 0 && !list) {
      const cells = line
        .trim()
        .slice(1, -1)
        .split("|")
        .map((c) => c.trim());
      // The rule under the header row ("|---|---|") draws nothing.
      if (!cells.every((c) => /^:?-+:?$/.test(c))) {
        table ??= [];
        table.push(cells);
      }
      continue;
    }
    flushTable();
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flushParagraph();
      flushList();
      const level = Math.min(heading[1]!.length + 1, 6);
      const text = heading[2]!;
      // A repeated heading gets "-2", "-3", …: an id names one element.
      const base = `m-${slug(text)}`;
      let id = base;
      for (let n = 2; ids.has(id); n += 1) id = `${base}-${n}`;
      ids.add(id);
      out.push(`<h${level} id="${id}">${inline(text)}</h${level}>`);
    } else if (line.startsWith("    ") && paragraph.length === 0 && !list) {
      code = [line.slice(4)];
    } else if (/^- /.test(line)) {
      flushParagraph();
      list ??= [];
      list.push(line.slice(2));
    } else if (list && /^\s+\S/.test(line)) {
      list[list.length - 1] += ` ${line.trim()}`;
    } else if (line.trim() === "") {
      flushParagraph();
      flushList();
    } else {
      flushList();
      paragraph.push(line.trim());
    }
  }
  flushCode();
  flushTable();
  flushParagraph();
  flushList();
  return `${out.join("\n")}\n`;
}
