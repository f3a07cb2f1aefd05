/** The headline cards: the official count, the estimated total with its interval, the floors, the number held. */
import type { ComponentChildren } from "preact";
import { useMemo } from "preact/hooks";
import { periodLabel } from "../../core/index.ts";
import { basisEnd, type FixedFigures, heldFigures, seedFigures, type TotalFigures, totalFigures } from "../figures.ts";
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
  const end = useMemo(() => basisEnd(data.ledger), [data]);
  // The headline is always on the submission's basis (categories 3+4); category 4 alone is shown apart, as what it is.
  const now = useMemo(
    () => totalFigures(data.ledger, { ...state.whatIf, base: "cat3_4" }).total.cat3_4,
    [data, state.whatIf],
  );
  const other = figures.total.cat4;
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
        <div class="card wide">
          <h3>{t.total}</h3>
          <div class="then-now">
            {seed.low !== null && seed.high !== null && (
              <div data-figure="seed">
                <p class="small">{t.thenLabel(seed.end ? t.monthYear(seed.end) : "–")}</p>
                <p class="big">
                  <Link ctx={ctx} to={ledgerLink(ctx, { measure: "punished_cat3_4" })}>
                    <Figure name="seed-low" value={seed.low} ctx={ctx} />–
                    <Figure name="seed-high" value={seed.high} ctx={ctx} />
                  </Link>
                </p>
              </div>
            )}
            <p class="arrow" aria-hidden="true">
              →
            </p>
            <div data-figure="now">
              <p class="small">{t.nowLabel(end ? t.monthYear(end) : "–", state.whatIf.annualize)}</p>
              <p class="big">
                <Link ctx={ctx} to={ledgerLink(ctx, { measure: "punished_cat3_4" })}>
                  <Figure name="total-low" value={now?.low ?? Number.NaN} ctx={ctx}>
                    <Figure name="total-cat3_4-low" value={now?.low ?? Number.NaN} ctx={ctx} />
                  </Figure>
                  –
                  <Figure name="total-high" value={now?.high ?? Number.NaN} ctx={ctx}>
                    <Figure name="total-cat3_4-high" value={now?.high ?? Number.NaN} ctx={ctx} />
                  </Figure>
                </Link>
              </p>
            </div>
          </div>
          <p class="means">
            {t.basis(formatNumber(lang, state.whatIf.ratio[0], 2), formatNumber(lang, state.whatIf.ratio[1], 2))}{" "}
            {t.totalMeans(state.whatIf.annualize)}
          </p>
          {other && (
            <p class="small" data-figure="other-basis">
              {t.otherBasis}
              {p.colon}
              <Figure name="total-cat4-low" value={other.low ?? Number.NaN} ctx={ctx} />–
              <Figure name="total-cat4-high" value={other.high ?? Number.NaN} ctx={ctx} />
            </p>
          )}
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
          {seed.low !== null && (
            <p class="small">
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
            <h3>{t.held}</h3>
            <p class="big">
              <Link ctx={ctx} to={ledgerLink(ctx, { measure: "liuzhi_duration_avg_days" })}>
                <Figure name="held-low" value={Math.round(official.low)} ctx={ctx} />–
                <Figure name="held-high" value={Math.round(official.high)} ctx={ctx} />
              </Link>
            </p>
            <p class="means">
              {t.heldMeans(
                String(official.year),
                formatNumber(lang, official.days),
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
