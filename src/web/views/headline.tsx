/** The headline cards: the official count, the estimated total with its interval, the floors, the number held. */
import type { ComponentChildren } from "preact";
import { useMemo } from "preact/hooks";
import { periodLabel } from "../../core/index.ts";
import type { Base } from "../../methods/index.ts";
import { type FixedFigures, heldFigures, seedFigures, type TotalFigures } from "../figures.ts";
import { formatNumber } from "../i18n.ts";
import { isDefaultWhatIf } from "../state.ts";
import { useWhatIfUncertainty } from "../uncertainty.ts";
import { type Ctx, ledgerLink } from "./context.ts";
import { EmbedButton } from "./embed-button.tsx";
import { Link, SourceAside } from "./links.tsx";

function Figure(props: { name: string; value: number; digits?: number; ctx: Ctx; children?: ComponentChildren }) {
  return (
    <span data-figure={props.name} data-value={props.value}>
      {props.children ?? formatNumber(props.ctx.lang, props.value, props.digits ?? 0)}
    </span>
  );
}

export function Headline({ ctx, fixed, totals: figures }: { ctx: Ctx; fixed: FixedFigures; totals: TotalFigures }) {
  const { t, lang, state, data } = ctx;
  const p = t.punctuation;
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
  // The large figure follows the what-if duration range; rounded once, here.
  const official = heldFigures(fixed, state.whatIf.duration);
  const seed = useMemo(() => seedFigures(data.ledger), [data]);
  return (
    <section aria-labelledby="headline">
      <h2 id="headline">{t.headline}</h2>
      <div class="cards">
        {r && (
          <div class="card">
            <h3>{t.official(String(r.year))}</h3>
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
              </Figure>
              <SourceAside ctx={ctx} observationId={r.placementsId} />
            </p>
            <p class="means">{t.officialMeans(String(r.year), formatNumber(lang, r.days))}</p>
            <EmbedButton ctx={ctx} path="/embed/headline/official" title={t.official(String(r.year))} />
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
                  {t.byBase[base]}
                  {p.colon}
                  <Figure name={`total-${base}-low`} value={v.low ?? Number.NaN} ctx={ctx} />–
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
          {seed.low !== null && seed.high !== null && (
            <p class="small" data-figure="seed">
              {t.seedEstimate}
              {p.colon}
              <strong>
                <Figure name="seed-low" value={seed.low} ctx={ctx} />–
                <Figure name="seed-high" value={seed.high} ctx={ctx} />
              </strong>
              {p.semicolon}
              <Figure name="seed-floor" value={seed.floor} ctx={ctx}>
                {t.seedFloor(formatNumber(lang, seed.floor))}
              </Figure>
            </p>
          )}
          <p class="means warning" id="person-times-warning">
            {t.personTimes}
          </p>
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
          <EmbedButton ctx={ctx} path="/embed/headline/floor" title={t.floors} />
        </div>
        {official && (
          <div class="card">
            <h3>{t.held(String(official.year))}</h3>
            <p class="big">
              <Link ctx={ctx} to={ledgerLink(ctx, { measure: "liuzhi_duration_avg_days" })}>
                <Figure name="held-low" value={Math.round(official.low)} ctx={ctx} />–
                <Figure name="held-high" value={Math.round(official.high)} ctx={ctx} />
              </Link>
            </p>
            <p class="means">
              {t.heldMeans(
                String(official.year),
                formatNumber(lang, state.whatIf.duration[0], 1),
                formatNumber(lang, state.whatIf.duration[1], 1),
              )}
            </p>
            <p
              class="small"
              aria-busy={pending}
              data-figure="held-ratio"
              data-median={held.median}
              data-p05={held.p05}
              data-p95={held.p95}
            >
              {t.heldRatio(periodLabel(held.period, lang), fmt(held.median), fmt(held.p05), fmt(held.p95))}
            </p>
          </div>
        )}
      </div>
    </section>
  );
}
