/**
 * The current estimate: `liuzhi model` at its defaults (computed with the data file, as the CLI and
 * the API compute it), shown beside the submission's method in the headline above and labelled
 * for what it is.
 */
import { formatNumber } from "../i18n.ts";
import type { Ctx } from "./context.ts";
import { Inline } from "./inline.tsx";
import { Link } from "./links.tsx";

export function ModelSection({ ctx }: { ctx: Ctx }) {
  const { t, lang, state } = ctx;
  const m = ctx.data.model?.result;
  if (!m) return null;
  const n = (v: number) => formatNumber(lang, v);
  const range = (low: number, high: number) => `${n(low)}–${n(high)}`;
  return (
    <section aria-labelledby="model">
      <h2 id="model">{t.model.heading}</h2>
      <p class="small">{t.model.help}</p>
      <div class="table-wrap">
        <table id="model-table">
          <thead>
            <tr>
              <th scope="col">{t.model.year}</th>
              <th scope="col">{t.model.counted}</th>
              <th scope="col" class="num">
                {t.model.median}
              </th>
              <th scope="col" class="num">
                {t.model.interval}
              </th>
              <th scope="col" class="num">
                {t.model.official}
              </th>
            </tr>
          </thead>
          <tbody>
            {m.years.map((y) => (
              <tr key={y.year} data-year={y.year} data-median={y.median} data-p05={y.p05} data-p95={y.p95}>
                <td>{y.year}</td>
                <td>{`${y.from} – ${y.to}`}</td>
                <td class="num">{n(y.median)}</td>
                <td class="num">{range(y.p05, y.p95)}</td>
                <td class="num">{y.official === null ? "" : n(y.official)}</td>
              </tr>
            ))}
            <tr
              class="total"
              data-year="total"
              data-median={m.total.median}
              data-p05={m.total.p05}
              data-p95={m.total.p95}
            >
              <td>{t.model.total}</td>
              <td>{`${m.total.from} – ${m.total.to}`}</td>
              <td class="num">{n(m.total.median)}</td>
              <td class="num">{range(m.total.p05, m.total.p95)}</td>
              <td class="num" />
            </tr>
          </tbody>
        </table>
      </div>
      <ul class="small">
        {m.heldOut.map((h) => (
          <li key={h.year} data-held-out={h.year} data-covered={h.covered}>
            {t.model.heldOut(
              String(h.year),
              n(h.official),
              n(h.predicted.median),
              range(h.predicted.p05, h.predicted.p95),
              h.covered,
            )}
          </li>
        ))}
      </ul>
      <p class="means">
        <Link ctx={ctx} to={{ ...state, view: "methods" }}>
          <Inline text={t.model.means(formatNumber(lang, m.draws))} />
        </Link>
      </p>
    </section>
  );
}
