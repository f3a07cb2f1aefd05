/** The methods view: docs/methods.md, rendered at build time and fetched as a fragment. */
import { useEffect, useState } from "preact/hooks";
import type { Ctx } from "./context.ts";

export function MethodsView({ ctx }: { ctx: Ctx }) {
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    fetch("methods.fragment.html")
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(String(r.status)))))
      .then(setHtml, () => setHtml(`<p>${ctx.t.loadError}</p>`));
  }, [ctx.t]);
  return (
    <section class="methods" lang="en">
      {ctx.t.methodsNote && <p lang="zh-Hans">{ctx.t.methodsNote}</p>}
      {html === null ? (
        <p>{ctx.t.loading}</p>
      ) : (
        // Rendered at build time from docs/methods.md in this repository.
        <div dangerouslySetInnerHTML={{ __html: html }} />
      )}
    </section>
  );
}
