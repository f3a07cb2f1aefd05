import type { ComponentChildren } from "preact";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import type { Observation, Source } from "../core/index.ts";
import type { Base, Triangulation } from "../methods/index.ts";
import { chartData, YearChart } from "./chart.tsx";
import {
  BROWSER_DRAWS,
  defaultWhatIf,
  type FixedFigures,
  fixedFigures,
  provinceRates,
  type TotalFigures,
  totalFigures,
  whatIfTriangulation,
} from "./figures.ts";
import { formatNumber, type Lang, STRINGS, type Strings } from "./i18n.ts";
import {
  DEFAULT_FILTER,
  isDefaultWhatIf,
  type LedgerFilter,
  parseState,
  SORT_COLUMNS,
  type SortColumn,
  type State,
  serializeState,
  VIEWS,
  type WhatIf,
} from "./state.ts";
import { BINS, binOf, TILES } from "./tiles.ts";
import { type DashboardData, DOWNLOADS } from "./types.ts";
import { markWhatIfInput, useWhatIfUncertainty } from "./uncertainty.ts";

declare global {
  interface Window {
    /**
     * Timings of what-if updates (input to every figure and the chart drawn, the interval excepted:
     * it follows from a worker, see __liuzhiWhatIfIntervalMs), in ms, read by the benchmark.
     */
    __liuzhiWhatIfMs?: number[];
  }
}

interface Ctx {
  readonly data: DashboardData;
  readonly t: Strings;
  readonly lang: Lang;
  readonly state: State;
  readonly defaults: WhatIf;
  readonly href: (next: State) => string;
  readonly go: (next: State, push?: boolean) => void;
  readonly sources: ReadonlyMap<string, Source>;
  readonly observations: ReadonlyMap<string, Observation>;
  readonly names: ReadonlyMap<string, string>;
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
      </footer>
    </>
  );
}

function Link(props: {
  ctx: Ctx;
  to: State;
  children: ComponentChildren;
  current?: boolean;
  push?: boolean;
  lang?: string;
  label?: string;
  id?: string;
}) {
  const { ctx, to } = props;
  const onClick = (e: MouseEvent) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button !== 0) return;
    e.preventDefault();
    ctx.go(to, props.push ?? true);
  };
  return (
    <a
      href={ctx.href(to)}
      onClick={onClick}
      aria-current={props.current ? "page" : undefined}
      lang={props.lang}
      aria-label={props.label}
      id={props.id}
    >
      {props.children}
    </a>
  );
}

function SourceLink({ ctx, observationId }: { ctx: Ctx; observationId: string }) {
  const o = ctx.observations.get(observationId);
  const s = o ? ctx.sources.get(o.source_id) : undefined;
  const url = s?.url ?? s?.archived_url;
  if (!url) return null;
  return (
    <a href={url} rel="noopener noreferrer" class="source">
      {ctx.t.source}
    </a>
  );
}

const ledgerLink = (ctx: Ctx, filter: Partial<LedgerFilter>): State => ({
  ...ctx.state,
  view: "ledger",
  ledger: { ...DEFAULT_FILTER, ...filter },
});

function Overview({ ctx }: { ctx: Ctx }) {
  const { data, state } = ctx;
  const fixed = useMemo(() => fixedFigures(data.ledger), [data]);
  // Each part is recomputed only when its own inputs change: the triangulation with the ratio range,
  // the totals with the range, base and annualize; the interval (Monte Carlo) in Headline, off the main thread.
  const { ratio, base, annualize } = state.whatIf;
  const totals = useMemo(
    () => totalFigures(data.ledger, { ratio: [ratio[0], ratio[1]], base, annualize }),
    [data, ratio[0], ratio[1], base, annualize],
  );
  const triangulation = useMemo(
    () => whatIfTriangulation(data.ledger, [ratio[0], ratio[1]], fixed),
    [data, fixed, ratio[0], ratio[1]],
  );
  return (
    <>
      <Headline ctx={ctx} fixed={fixed} totals={totals} />
      <WhatIfControls ctx={ctx} />
      <ChartSection ctx={ctx} triangulation={triangulation} />
      <TileMap ctx={ctx} fixed={fixed} />
      {data.coverage && data.coverage.rows.length > 0 && <CaseCoverage ctx={ctx} />}
    </>
  );
}

function Figure(props: { name: string; value: number; digits?: number; ctx: Ctx; children?: ComponentChildren }) {
  return (
    <span data-figure={props.name} data-value={props.value}>
      {props.children ?? formatNumber(props.ctx.lang, props.value, props.digits ?? 0)}
    </span>
  );
}

function Headline({ ctx, fixed, totals: figures }: { ctx: Ctx; fixed: FixedFigures; totals: TotalFigures }) {
  const { t, lang, state, data } = ctx;
  const fmt = (v: number | null) => (v === null ? "–" : formatNumber(lang, v));
  const r = fixed.rates;
  const atDefaults = isDefaultWhatIf(state.whatIf, ctx.defaults);
  const { result: uncertainty, pending } = useWhatIfUncertainty(
    data.ledger,
    state.whatIf,
    atDefaults ? data.uncertainty.result : null,
  );
  const mc = state.whatIf.annualize ? uncertainty.adjustedCumulative : uncertainty.cumulative;
  const held = uncertainty.heldOnAverageDay;
  const stock = r?.stock ?? [];
  const heldLow = stock[0];
  const heldHigh = stock.at(-1);
  return (
    <section aria-labelledby="headline">
      <h2 id="headline">{t.headline}</h2>
      <div class="cards">
        {r && (
          <div class="card">
            <h3>{t.official}</h3>
            <p class="big">
              <a
                href={ctx.sources.get(ctx.observations.get(r.placementsId)?.source_id ?? "")?.url ?? "#"}
                rel="noopener noreferrer"
              >
                <Figure name="official" value={r.placements} ctx={ctx} />
              </a>
            </p>
            <p class="small">
              <Figure name="official-per-day" value={r.perDay} ctx={ctx}>
                {t.officialPerDay(formatNumber(lang, r.perDay, 1))}
              </Figure>{" "}
              (<SourceLink ctx={ctx} observationId={r.placementsId} />)
            </p>
            <p class="means">{t.officialMeans}</p>
          </div>
        )}
        <div class="card">
          <h3>{t.total}</h3>
          <p class="big">
            <Link ctx={ctx} to={ledgerLink(ctx, { measure: "punished_cat3_4" })}>
              <Figure name="total-low" value={figures.totalLow ?? Number.NaN} ctx={ctx} />–
              <Figure name="total-high" value={figures.totalHigh ?? Number.NaN} ctx={ctx} />
            </Link>
          </p>
          <ul class="small">
            {(Object.entries(figures.total) as Array<[Base, { low: number | null; high: number | null }]>).map(
              ([base, v]) => (
                <li key={base}>
                  {t.byBase[base]}: <Figure name={`total-${base}-low`} value={v.low ?? Number.NaN} ctx={ctx} />–
                  <Figure name={`total-${base}-high`} value={v.high ?? Number.NaN} ctx={ctx} />
                </li>
              ),
            )}
          </ul>
          <p
            class="small"
            data-figure="interval"
            data-median={mc.median}
            data-p05={mc.p05}
            data-p95={mc.p95}
            data-pending={pending ? "" : undefined}
            aria-busy={pending}
          >
            <Link ctx={ctx} to={{ ...state, view: "methods" }}>
              {t.interval(fmt(mc.median), fmt(mc.p05), fmt(mc.p95), formatNumber(lang, uncertainty.draws))}
            </Link>
          </p>
          <p class="means">{t.totalMeans(state.whatIf.annualize)}</p>
        </div>
        <div class="card">
          <h3>{t.floors}</h3>
          <p class="big">
            <Link ctx={ctx} to={ledgerLink(ctx, { only: "floor-strict" })}>
              <Figure name="floor-strict" value={fixed.floor.strict} ctx={ctx} />
            </Link>{" "}
            <span class="small">{t.floorStrict}</span>
          </p>
          <p class="big">
            <Link ctx={ctx} to={ledgerLink(ctx, { only: "floor-published" })}>
              <Figure name="floor-published" value={fixed.floor.asPublished} ctx={ctx} />
            </Link>{" "}
            <span class="small">{t.floorPublished}</span>
          </p>
          <p class="means">{t.floorMeans}</p>
        </div>
        {heldLow && heldHigh && (
          <div class="card">
            <h3>{t.held}</h3>
            <p class="big">
              <Link ctx={ctx} to={ledgerLink(ctx, { measure: "liuzhi_duration_avg_days" })}>
                <Figure name="held-low" value={heldLow.heldOnAverageDay} ctx={ctx} />–
                <Figure name="held-high" value={heldHigh.heldOnAverageDay} ctx={ctx} />
              </Link>
            </p>
            <p class="small" aria-busy={pending}>
              {t.heldRatio(held.period, fmt(held.median), fmt(held.p05), fmt(held.p95))}
            </p>
            <p class="means">
              {t.heldMeans(formatNumber(lang, heldLow.durationDays, 1), formatNumber(lang, heldHigh.durationDays, 1))}
            </p>
          </div>
        )}
      </div>
    </section>
  );
}

function WhatIfControls({ ctx }: { ctx: Ctx }) {
  const { t, lang, state } = ctx;
  const w = state.whatIf;
  const set = (next: Partial<WhatIf>) => ctx.go({ ...state, whatIf: { ...w, ...next } });
  const num = (e: Event) => Number((e.currentTarget as HTMLInputElement).value);
  const slider = (
    id: string,
    label: string,
    value: number,
    min: number,
    max: number,
    step: number,
    onValue: (v: number) => void,
    digits: number,
  ) => (
    <div>
      <label for={id}>
        {label}: <output for={id}>{formatNumber(lang, value, digits)}</output>
      </label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        onInput={(e) => onValue(Math.round(num(e) / step) * step)}
      />
    </div>
  );
  const round = (v: number, digits: number) => Number(v.toFixed(digits));
  return (
    <section aria-labelledby="whatif">
      <h2 id="whatif">{t.whatIf}</h2>
      <div class="whatif">
        <p class="help">{t.whatIfHelp(formatNumber(lang, BROWSER_DRAWS))}</p>
        {slider(
          "ratio-low",
          t.ratioLow,
          w.ratio[0],
          0.01,
          1,
          0.01,
          (v) => {
            const low = round(v, 2);
            set({ ratio: [low, Math.max(low, w.ratio[1])] });
          },
          2,
        )}
        {slider(
          "ratio-high",
          t.ratioHigh,
          w.ratio[1],
          0.01,
          1,
          0.01,
          (v) => {
            const high = round(v, 2);
            set({ ratio: [Math.min(w.ratio[0], high), high] });
          },
          2,
        )}
        <div>
          <label for="base">{t.base}</label>
          <select id="base" value={w.base} onChange={(e) => set({ base: e.currentTarget.value as WhatIf["base"] })}>
            {(["both", "cat3_4", "cat4"] as const).map((b) => (
              <option key={b} value={b}>
                {t.bases[b]}
              </option>
            ))}
          </select>
        </div>
        {slider(
          "duration-low",
          t.durationLow,
          w.duration[0],
          1,
          180,
          0.1,
          (v) => {
            const low = round(v, 1);
            set({ duration: [low, Math.max(low, w.duration[1])] });
          },
          1,
        )}
        {slider(
          "duration-high",
          t.durationHigh,
          w.duration[1],
          1,
          180,
          0.1,
          (v) => {
            const high = round(v, 1);
            set({ duration: [Math.min(w.duration[0], high), high] });
          },
          1,
        )}
        <div>
          <label>
            <input
              id="annualize"
              type="checkbox"
              checked={w.annualize}
              onChange={(e) => set({ annualize: e.currentTarget.checked })}
            />{" "}
            {t.annualize}
          </label>
          <p class="small">
            <Link ctx={ctx} to={{ ...state, whatIf: ctx.defaults }} push={false} id="reset">
              {t.reset}
            </Link>
          </p>
        </div>
      </div>
    </section>
  );
}

function ChartSection({ ctx, triangulation }: { ctx: Ctx; triangulation: Triangulation }) {
  const { t, lang, state } = ctx;
  const bases: ReadonlyArray<Base> = state.whatIf.base === "both" ? ["cat3_4", "cat4"] : [state.whatIf.base];
  const data = useMemo(() => chartData(triangulation, bases, ctx.names), [triangulation, state.whatIf.base, ctx.names]);
  const fmt = (v: number) => formatNumber(lang, v);
  const summary = triangulation.years
    .map((y) => {
      const bands = bases
        .map((b) => (y.ratioBand[b] ? `${fmt(y.ratioBand[b].low)}–${fmt(y.ratioBand[b].high)}` : null))
        .filter(Boolean)
        .join(", ");
      return `${y.year}: ${bands}${y.official ? `; ${t.officialFigure} ${fmt(y.official.value)}` : ""}.`;
    })
    .join(" ");
  return (
    <section aria-labelledby="chart">
      <h2 id="chart">{t.chart}</h2>
      <ul class="legend">
        {bases.map((b) => (
          <li key={b}>
            <span class={`swatch sw-${b}`} />
            {t.band(t.byBase[b])}
          </li>
        ))}
        <li>
          <span class="swatch sw-official" />
          {t.officialFigure}
        </li>
        <li>
          <span class="swatch sw-provincial" />
          {t.provincial}
        </li>
      </ul>
      <YearChart data={data} lang={lang} t={t} summary={summary} />
      <details>
        <summary>{t.chartTable}</summary>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.year}</th>
                {bases.map((b) => (
                  <th scope="col" class="num" key={b}>
                    {t.band(t.byBase[b])}
                  </th>
                ))}
                <th scope="col" class="num">
                  {t.officialFigure}
                </th>
                <th scope="col">{t.provincial}</th>
              </tr>
            </thead>
            <tbody>
              {triangulation.years.map((y) => (
                <tr key={y.year}>
                  <th scope="row">{y.year}</th>
                  {bases.map((b) => (
                    <td class="num" key={b}>
                      {y.ratioBand[b] ? `${fmt(y.ratioBand[b].low)}–${fmt(y.ratioBand[b].high)}` : "–"}
                    </td>
                  ))}
                  <td class="num">
                    {y.official ? (
                      <>
                        {fmt(y.official.value)} <SourceLink ctx={ctx} observationId={y.official.id} />
                      </>
                    ) : (
                      "–"
                    )}
                  </td>
                  <td>
                    {y.extrapolations.map((e, i) => (
                      <span key={e.id}>
                        {i > 0 && "; "}
                        {ctx.names.get(e.jurisdiction)} {fmt(e.nationalPerYear)}{" "}
                        <SourceLink ctx={ctx} observationId={e.id} />
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

function TileMap({ ctx, fixed }: { ctx: Ctx; fixed: FixedFigures }) {
  const { t, lang } = ctx;
  const byProvince = useMemo(() => provinceRates(fixed), [fixed]);
  return (
    <section aria-labelledby="map">
      <h2 id="map">{t.map}</h2>
      <p class="small">{t.mapHelp}</p>
      <ul class="legend" aria-label={t.perMillion}>
        {BINS.map((upper, i) => (
          <li key={upper}>
            <span class={`swatch bin-${i}`} />
            {i === 0 ? `< ${upper}` : Number.isFinite(upper) ? `${BINS[i - 1]}–${upper}` : `≥ ${BINS[i - 1]}`}
          </li>
        ))}
        <li>
          <span class="swatch tile-none" />
          {t.mapNone}
        </li>
      </ul>
      <ul class="tiles" aria-label={t.map}>
        {Object.entries(TILES).map(([code, [col, row]]) => {
          const rate = byProvince.get(code);
          const name = ctx.names.get(code) ?? code;
          return (
            <li key={code} style={{ gridColumn: String(col + 1), gridRow: String(row + 1) }}>
              <Link ctx={ctx} to={ledgerLink(ctx, { jurisdiction: code, measure: "liuzhi_placements" })}>
                <span
                  class={`tile ${rate ? `bin-${binOf(rate.perMillionPerYear)}` : "tile-none"}`}
                  data-province={code}
                  data-rate={rate?.perMillionPerYear}
                >
                  <b>{name}</b>
                  {rate ? formatNumber(lang, rate.perMillionPerYear, 1) : t.mapNone}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function LedgerView({ ctx }: { ctx: Ctx }) {
  const { t, lang, state, data } = ctx;
  const f = state.ledger;
  const floor = useMemo(() => fixedFigures(data.ledger).floor, [data]);
  const set = (next: Partial<LedgerFilter>) => ctx.go({ ...state, ledger: { ...f, ...next } });
  const rows = useMemo(() => {
    const only =
      f.only === "floor-strict" ? new Set(floor.strictUsed) : f.only === "floor-published" ? new Set(floor.used) : null;
    const key = (o: Observation): string | number => {
      switch (f.sort) {
        case "jurisdiction":
          return ctx.names.get(o.jurisdiction) ?? o.jurisdiction;
        case "period":
          return `${o.period_start}${o.period_end}`;
        case "value":
          return o.value;
        case "source":
          return o.source_id;
        default:
          return o[f.sort];
      }
    };
    const list = data.ledger.observations.filter(
      (o) =>
        (!f.jurisdiction || o.jurisdiction === f.jurisdiction) &&
        (!f.measure || o.measure === f.measure) &&
        (!f.from || o.period_end >= f.from) &&
        (!f.to || o.period_start <= f.to) &&
        (!only || only.has(o.id)),
    );
    const sorted = [...list].sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      const c = typeof ka === "number" && typeof kb === "number" ? ka - kb : String(ka).localeCompare(String(kb));
      return (f.desc ? -c : c) || a.id.localeCompare(b.id);
    });
    return sorted;
  }, [data, f, floor, ctx.names]);
  const measures = [...new Set(data.ledger.observations.map((o) => o.measure))].sort();
  const columns: Record<SortColumn, string> = t.columns;
  return (
    <section aria-labelledby="ledger">
      <h2 id="ledger">{t.ledger}</h2>
      <p class="small">{t.ledgerHelp}</p>
      <div class="filters">
        <label>
          {t.filterJurisdiction}
          <select
            id="f-jurisdiction"
            value={f.jurisdiction}
            onChange={(e) => set({ jurisdiction: e.currentTarget.value })}
          >
            <option value="">{t.any}</option>
            {data.ledger.jurisdictions.map((j) => (
              <option key={j.code} value={j.code}>
                {ctx.names.get(j.code)} ({j.code})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.filterMeasure}
          <select id="f-measure" value={f.measure} onChange={(e) => set({ measure: e.currentTarget.value })}>
            <option value="">{t.any}</option>
            {measures.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.filterFrom}
          <input id="f-from" type="date" value={f.from} onChange={(e) => set({ from: e.currentTarget.value })} />
        </label>
        <label>
          {t.filterTo}
          <input id="f-to" type="date" value={f.to} onChange={(e) => set({ to: e.currentTarget.value })} />
        </label>
        <label>
          {t.filterOnly}
          <select
            id="f-only"
            value={f.only}
            onChange={(e) => set({ only: e.currentTarget.value as LedgerFilter["only"] })}
          >
            <option value="">{t.onlyAll}</option>
            <option value="floor-strict">{t.onlyStrict}</option>
            <option value="floor-published">{t.onlyPublished}</option>
          </select>
        </label>
      </div>
      <p class="small" aria-live="polite" id="ledger-count">
        {t.rows(rows.length)}
      </p>
      <div class="table-wrap">
        <table id="ledger-table">
          <thead>
            <tr>
              {SORT_COLUMNS.map((c) => (
                <th
                  scope="col"
                  key={c}
                  class={c === "value" ? "num" : undefined}
                  aria-sort={f.sort === c ? (f.desc ? "descending" : "ascending") : undefined}
                >
                  <button type="button" onClick={() => set({ sort: c, desc: f.sort === c ? !f.desc : false })}>
                    {columns[c]}
                    {f.sort === c ? (f.desc ? " ▼" : " ▲") : ""}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((o) => {
              const s = ctx.sources.get(o.source_id);
              return (
                <tr key={o.id} data-id={o.id}>
                  <td>{ctx.names.get(o.jurisdiction) ?? o.jurisdiction}</td>
                  <td>{o.measure}</td>
                  <td>{o.period_label}</td>
                  <td class="num">{formatNumber(lang, o.value, Number.isInteger(o.value) ? 0 : 1)}</td>
                  <td>{o.unit}</td>
                  <td>{o.scope}</td>
                  <td>
                    {s?.url ? (
                      <a href={s.url} rel="noopener noreferrer" lang={s.title_lang === "zh" ? "zh-Hans" : undefined}>
                        {s.title ?? s.publisher}
                      </a>
                    ) : (
                      <span>
                        {s?.title ?? s?.publisher ?? o.source_id} ({t.noUrl})
                      </span>
                    )}
                    {s?.archived_url && (
                      <>
                        {" · "}
                        <a href={s.archived_url} rel="noopener noreferrer">
                          {t.archived}
                        </a>
                      </>
                    )}
                    <CaptureNote ctx={ctx} sourceId={o.source_id} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** "captured on YYYY-MM-DD (SHA-256 …)" beside a source, when the server holds a capture of it. */
function CaptureNote({ ctx, sourceId }: { ctx: Ctx; sourceId: string }) {
  const capture = ctx.data.captures?.[sourceId];
  if (!capture) return null;
  return (
    <>
      {" · "}
      <span class="capture" data-sha256={capture.sha256} title={ctx.t.capturedTitle(capture.count, capture.sha256)}>
        {ctx.t.captured(capture.captured_at.slice(0, 10), `${capture.sha256.slice(0, 16)}…`)}
      </span>
    </>
  );
}

/**
 * Documented cases against official figures: the aggregate the server computed and suppressed
 * (cases' `coverage`); the page never receives anything else from the case register.
 */
function CaseCoverage({ ctx }: { ctx: Ctx }) {
  const { t, lang, data } = ctx;
  const coverage = data.coverage;
  if (!coverage) return null;
  const label = (r: { jurisdiction: string; year: string }) => ({
    place: r.jurisdiction === "total" ? t.cases.total : (ctx.names.get(r.jurisdiction) ?? r.jurisdiction),
    year: r.year === "total" ? t.cases.total : r.year === "unknown" ? t.cases.unknownYear : r.year,
  });
  return (
    <section aria-labelledby="case-coverage">
      <h2 id="case-coverage">{t.cases.heading}</h2>
      <p class="small">{t.cases.help(formatNumber(lang, coverage.threshold, 0))}</p>
      <div class="table-wrap">
        <table id="case-coverage-table">
          <thead>
            <tr>
              <th scope="col">{t.cases.jurisdiction}</th>
              <th scope="col">{t.cases.year}</th>
              <th scope="col" class="num">
                {t.cases.documented}
              </th>
              <th scope="col" class="num">
                {t.cases.official}
              </th>
              <th scope="col">{t.cases.period}</th>
            </tr>
          </thead>
          <tbody>
            {coverage.rows.map((r) => {
              const { place, year } = label(r);
              // Withheld cells, and (defensively) any count under the threshold, are never shown as numbers.
              const shown = r.documented !== null && r.documented >= coverage.threshold ? r.documented : null;
              const total = r.jurisdiction === "total" || r.year === "total";
              return (
                <tr key={`${r.jurisdiction}-${r.year}`} class={total ? "total" : undefined}>
                  <td>{place}</td>
                  <td>{year}</td>
                  <td class="num">
                    {shown === null ? (
                      <span class="suppressed">{t.cases.suppressed}</span>
                    ) : (
                      formatNumber(lang, shown, 0)
                    )}
                  </td>
                  <td class="num">{r.official ? formatNumber(lang, r.official.value, 0) : ""}</td>
                  <td>{r.official?.period_label ?? ""}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function MethodsView({ ctx }: { ctx: Ctx }) {
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

function DownloadsView({ ctx }: { ctx: Ctx }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="downloads">
      <h2 id="downloads">{t.downloads}</h2>
      <p>{t.downloadsHelp}</p>
      <ul>
        {DOWNLOADS.map((d) => (
          <li key={d.file}>
            <a href={`downloads/${d.file}`} download>
              {d.file}
            </a>
          </li>
        ))}
        <li>
          <a href="data/dashboard.json">{t.dataFile}</a>
        </li>
      </ul>
      <p class="small">{t.api}</p>
    </section>
  );
}
