/** The tile map: placements per million a year by province, each tile linking to its ledger rows. */
import { useMemo } from "preact/hooks";
import { type FixedFigures, provinceRates, provincesWithoutPopulation } from "../figures.ts";
import { formatNumber } from "../i18n.ts";
import { BINS, binOf, TILES } from "../tiles.ts";
import { type Ctx, ledgerLink } from "./context.ts";
import { Link } from "./links.tsx";

export function TileMap({ ctx, fixed }: { ctx: Ctx; fixed: FixedFigures }) {
  const { t, lang } = ctx;
  const byProvince = useMemo(() => provinceRates(fixed), [fixed]);
  const unscaled = useMemo(() => provincesWithoutPopulation(ctx.data.ledger), [ctx.data]);
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
          const reported = rate ? undefined : unscaled.get(code);
          const name = ctx.names.get(code) ?? code;
          return (
            <li key={code} style={{ "--col": String(col + 1), "--row": String(row + 1) }}>
              <Link ctx={ctx} to={ledgerLink(ctx, { jurisdiction: code, measure: "liuzhi_placements" })}>
                <span
                  class={`tile ${rate ? `bin-${binOf(rate.perMillionPerYear)}` : reported ? "tile-unscaled" : "tile-none"}`}
                  data-province={code}
                  data-rate={rate?.perMillionPerYear}
                  data-reported={reported?.count}
                >
                  <b>{name}</b>
                  {rate ? formatNumber(lang, rate.perMillionPerYear, 1) : reported ? t.mapNoPopulation : t.mapNone}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
