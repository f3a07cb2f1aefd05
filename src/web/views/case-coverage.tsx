import { periodLabel } from "../../core/index.ts";
import { formatNumber } from "../i18n.ts";
import type { Ctx } from "./context.ts";

/**
 * Documented cases against official figures: the aggregate the server computed and suppressed
 * (cases' `coverage`); the page never receives anything else from the case register.
 */
export function CaseCoverage({ ctx }: { ctx: Ctx }) {
  const { t, lang, data } = ctx;
  const coverage = data.coverage;
  if (!coverage) return null;
  const officialPeriod = (id: string, label: string) => {
    const o = ctx.observations.get(id);
    return periodLabel(label, lang, o ? { start: o.period_start, end: o.period_end } : undefined);
  };
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
                  <td>{r.official ? officialPeriod(r.official.observation_id, r.official.period_label) : ""}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
