/** The "Embed" button: the <iframe> code of an /embed/ page, for other sites (only where the server serves them). */
import type { Ctx } from "./context.ts";

export function EmbedButton({ ctx, path, title }: { ctx: Ctx; path: string; title: string }) {
  if (!ctx.data.embeds) return null;
  const origin = typeof location === "undefined" ? "" : location.origin;
  // The embed page in the reader's language.
  const src = `${origin}${path}${ctx.lang === "zh" ? "?lang=zh" : ""}`;
  const code = `<iframe src="${src}" title="${title.replace(/"/g, "&quot;")}" width="100%" height="420" style="border:0" loading="lazy"></iframe>`;
  return (
    <details class="embed" data-embed={path}>
      <summary>{ctx.t.embed}</summary>
      <label>
        {ctx.t.embedCode}
        <textarea readOnly rows={3} onFocus={(e) => e.currentTarget.select()} value={code} />
      </label>
    </details>
  );
}
