/** The methods view: docs/methods.md (or its translation docs/methods.zh.md), rendered at build time and fetched as a fragment. */
import { useEffect, useState } from "preact/hooks";
import type { Ctx } from "./context.ts";

export const METHODS_FRAGMENT = { en: "methods.fragment.html", zh: "methods.zh.fragment.html" } as const;

export function MethodsView({ ctx }: { ctx: Ctx }) {
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    setHtml(null);
    fetch(METHODS_FRAGMENT[ctx.lang])
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(String(r.status)))))
      .then(setHtml, () => setHtml(`<p>${ctx.t.loadError}</p>`));
  }, [ctx.lang, ctx.t]);
  return (
    <section class="methods" lang={ctx.lang === "zh" ? "zh-Hans" : "en"}>
      {html === null ? (
        <p>{ctx.t.loading}</p>
      ) : (
        // Rendered at build time from docs/methods.md or docs/methods.zh.md in this repository.
        <div dangerouslySetInnerHTML={{ __html: html }} />
      )}
    </section>
  );
}
