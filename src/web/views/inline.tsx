/**
 * The dashboard's words as Markdown's inline subset they use: `code` and _emphasis_ (or *emphasis*).
 * Text only ever becomes text nodes: no HTML is parsed, so nothing in a string can inject markup.
 */
import type { ComponentChildren } from "preact";

const TOKEN = /`([^`]+)`|(?<![\w*])[_*]([^_*\s][^_*]*?)[_*](?![\w*])/g;

export function Inline({ text }: { text: string }) {
  const out: ComponentChildren[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const at = m.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    out.push(m[1] !== undefined ? <code key={at}>{m[1]}</code> : <em key={at}>{m[2]}</em>);
    last = at + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return <>{out}</>;
}
