/** The yearly chart with its legend, a text summary and the same figures as a table. */
import { useMemo } from "preact/hooks";
import type { Ledger } from "../../core/index.ts";
import { type Base, isCalendarYear, type Triangulation } from "../../methods/index.ts";
import { chartData, YearChart } from "../chart.tsx";
import { formatNumber } from "../i18n.ts";
import type { Ctx } from "./context.ts";
import { EmbedButton } from "./embed-button.tsx";
import { SourceLink } from "./links.tsx";

export function ChartSection({ ctx, triangulation }: { ctx: Ctx; triangulation: Triangulation }) {
  const { t, lang, state } = ctx;
  const bases: ReadonlyArray<Base> = state.whatIf.base === "both" ? ["cat3_4", "cat4"] : [state.whatIf.base];
  const partial = useMemo(() => partialYears(ctx.data.ledger), [ctx.data]);
  const data = useMemo(
    () => chartData(triangulation, bases, ctx.names, partial),
    [triangulation, state.whatIf.base, ctx.names, partial],
  );
  const fmt = (v: number) => formatNumber(lang, v);
  const p = t.punctuation;
  const summary = triangulation.years
    .map((y) => {
      const bands = bases
        .map((b) => (y.ratioBand[b] ? `${fmt(y.ratioBand[b].low)}–${fmt(y.ratioBand[b].high)}` : null))
        .filter(Boolean)
        .join(p.comma);
      const official = y.official ? `${p.semicolon}${t.officialFigure}${p.colon}${fmt(y.official.value)}` : "";
      return `${y.year}${p.colon}${bands}${official}${p.stop}`;
    })
    .join("")
    .trim();
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
        {data.transfers.length > 0 && (
          <li>
            <span class="swatch sw-transfers" />
            {t.transfersEstimate}
          </li>
        )}
      </ul>
      <YearChart data={data} lang={lang} t={t} summary={summary} />
      {partial.size > 0 && (
        <p class="small" data-partial-years={[...partial].join(" ")}>
          {t.partialYears([...partial].join(p.comma), state.whatIf.annualize)}
        </p>
      )}
      <EmbedButton ctx={ctx} path="/embed/chart/yearly" title={t.chart} />
      <details>
        <summary>{t.chartTable}</summary>
        <p class="small">{t.tableRounding}</p>
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
                <th scope="col" class="num">
                  {t.transfersEstimate}
                </th>
              </tr>
            </thead>
            <tbody>
              {triangulation.years.map((y) => (
                <tr key={y.year}>
                  <th scope="row">
                    {y.year}
                    {partial.has(String(y.year)) ? "*" : ""}
                  </th>
                  {bases.map((b) => (
                    <td
                      class="num"
                      key={b}
                      data-band={`${y.year}/${b}`}
                      data-low={y.ratioBand[b]?.low}
                      data-high={y.ratioBand[b]?.high}
                    >
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
                        {i > 0 && p.semicolon}
                        {ctx.names.get(e.jurisdiction)} {fmt(e.nationalPerYear)}{" "}
                        <SourceLink ctx={ctx} observationId={e.id} />
                      </span>
                    ))}
                  </td>
                  <td class="num" data-transfers={y.year}>
                    {y.transfers.length === 0
                      ? "–"
                      : y.transfers.map((e, i) => (
                          <span key={e.id}>
                            {i > 0 && p.semicolon}
                            {fmt(e.placements)} ({fmt(e.low)}–{fmt(e.high)}){" "}
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

/** Years whose national category 3+4 figure covers part of the year only (January–September): extended or not, never a full year. */
export function partialYears(ledger: Ledger): ReadonlySet<string> {
  const partial = new Set<string>();
  const full = new Set<string>();
  for (const o of ledger.observations) {
    if (o.measure !== "punished_cat3_4" || o.jurisdiction !== "CN" || o.scope !== "all") continue;
    (isCalendarYear(o.period_start, o.period_end) ? full : partial).add(o.period_start.slice(0, 4));
  }
  return new Set([...partial].filter((y) => !full.has(y)));
}
