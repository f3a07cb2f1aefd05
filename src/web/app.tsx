/** The dashboard's shell: state kept in the address, the navigation, and the current view. */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { defaultWhatIf } from "./figures.ts";
import { STRINGS } from "./i18n.ts";
import { isDefaultWhatIf, parseState, type State, serializeState, VIEWS } from "./state.ts";
import type { DashboardData } from "./types.ts";
import { markWhatIfInput } from "./uncertainty.ts";
import type { Ctx } from "./views/context.ts";
import { DownloadsView } from "./views/downloads.tsx";
import { LedgerView } from "./views/ledger-view.tsx";
import { Link } from "./views/links.tsx";
import { MethodsView } from "./views/methods.tsx";
import { Overview } from "./views/overview.tsx";

declare global {
  interface Window {
    /**
     * Timings of what-if updates (input to every figure and the chart drawn, the interval excepted:
     * it follows from a worker, see __liuzhiWhatIfIntervalMs), in ms, read by the benchmark.
     */
    __liuzhiWhatIfMs?: number[];
  }
}

export function App({ data }: { data: DashboardData }) {
  const defaults = useMemo(() => defaultWhatIf(data.ledger), [data]);
  const [state, setState] = useState(() => parseState(location.search, defaults));
  const started = useRef<number | null>(null);
  useEffect(() => {
    const onPop = () => setState(parseState(location.search, defaults));
    addEventListener("popstate", onPop);
    return () => removeEventListener("popstate", onPop);
  }, [defaults]);
  const t = STRINGS[state.lang];
  useEffect(() => {
    document.documentElement.lang = state.lang === "zh" ? "zh-Hans" : "en";
    document.title = `${t.title} · ${t.views[state.view]}`;
  }, [state.lang, state.view, t]);

  const href = (next: State) => serializeState(next, defaults) || location.pathname;
  const go = (next: State, push = false) => {
    if (!isDefaultWhatIf(next.whatIf, state.whatIf)) {
      const now = performance.now();
      markWhatIfInput(now);
      if (started.current === null) started.current = now;
    }
    history[push ? "pushState" : "replaceState"](null, "", href(next));
    setState(next);
    if (push) scrollTo(0, 0);
  };
  // The lookups change with the data (names with the language), not with every state change:
  // the chart's data is memoized on `names`.
  const lookups = useMemo(
    () => ({
      sources: new Map(data.ledger.sources.map((s) => [s.id, s])),
      observations: new Map(data.ledger.observations.map((o) => [o.id, o])),
    }),
    [data],
  );
  const names = useMemo(
    () => new Map(data.ledger.jurisdictions.map((j) => [j.code, state.lang === "zh" ? j.name_zh : j.name_en])),
    [data, state.lang],
  );
  const ctx: Ctx = useMemo(
    () => ({ data, t, lang: state.lang, state, defaults, href, go, ...lookups, names }),
    [data, t, state, defaults, lookups, names],
  );

  useLayoutEffect(() => {
    if (started.current === null) return;
    window.__liuzhiWhatIfMs ??= [];
    window.__liuzhiWhatIfMs.push(performance.now() - started.current);
    started.current = null;
  });

  return (
    <>
      <a class="skip" href="#main">
        {t.skip}
      </a>
      <header>
        <h1>{t.title}</h1>
        <p class="tagline">{t.tagline}</p>
        <nav aria-label={t.title}>
          <ul>
            {VIEWS.map((view) => (
              <li key={view}>
                <Link ctx={ctx} to={{ ...state, view }} current={state.view === view} push>
                  {t.views[view]}
                </Link>
              </li>
            ))}
            <li class="lang">
              <Link
                ctx={ctx}
                to={{ ...state, lang: state.lang === "en" ? "zh" : "en" }}
                lang={state.lang === "en" ? "zh-Hans" : "en"}
                label={t.otherLanguageName}
                id="lang-switch"
              >
                {t.otherLanguage}
              </Link>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {state.view === "overview" && <Overview ctx={ctx} />}
        {state.view === "ledger" && <LedgerView ctx={ctx} />}
        {state.view === "methods" && <MethodsView ctx={ctx} />}
        {state.view === "downloads" && <DownloadsView ctx={ctx} />}
      </main>
      <footer>
        <p>{t.manifest(data.version, data.ledgerSha256)}</p>
        {data.teamEditing && (
          <p>
            <a href={`/edit/lang?to=${state.lang}&back=%2Fedit`}>{t.teamSignIn}</a>
          </p>
        )}
      </footer>
    </>
  );
}
