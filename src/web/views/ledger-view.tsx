/** The ledger view: every observation, filtered and sorted from the address, with its source and capture. */
import type { ComponentChildren } from "preact";
import { useEffect, useMemo } from "preact/hooks";
import {
  isSuppliedTitle,
  type Observation,
  periodLabel,
  publisherName,
  type Source,
  sourceTitle,
  VOCABULARY_LABELS,
} from "../../core/index.ts";
import { fixedFigures } from "../figures.ts";
import { formatNumber } from "../i18n.ts";
import { type LedgerFilter, SORT_COLUMNS, type SortColumn } from "../state.ts";
import type { Ctx } from "./context.ts";

export function LedgerView({ ctx }: { ctx: Ctx }) {
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
  const words = VOCABULARY_LABELS[lang];
  // The figure with its qualifier, as it was stated: "at least 12,000", never a bare "12,000".
  const printedValue = (o: Observation) => {
    const n = formatNumber(lang, o.value, Number.isInteger(o.value) ? 0 : 1);
    if (o.qualifier === "exact") return n;
    return lang === "zh" ? `${words.qualifier[o.qualifier]}${n}` : `${words.qualifier[o.qualifier]} ${n}`;
  };
  // The title in the reader's language where it is ours (supplied in brackets), else as published;
  // a source without any title is named by its publisher.
  const title = (s: Source, o: Observation) => {
    const shown = sourceTitle(s, lang);
    // A database from before title_zh (migration 007) has no Chinese for a supplied title: the
    // Chinese edition then says it from the row (publisher: measure, place, period).
    if (lang === "zh" && shown.lang !== "zh" && shown.title !== null && isSuppliedTitle(shown.title)) {
      const period = periodLabel(o.period_label, lang, { start: o.period_start, end: o.period_end });
      const place = ctx.names.get(o.jurisdiction) ?? o.jurisdiction;
      return { text: `${publisherName(s, lang)}：${words.measure[o.measure]}，${place}，${period}`, lang: "zh-Hans" };
    }
    return { text: shown.title ?? publisherName(s, lang), lang: shown.title ? titleLang(shown.lang) : undefined };
  };
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
                {ctx.names.get(j.code)}
                {t.punctuation.open}
                {j.code}
                {t.punctuation.close}
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
                {words.measure[m]}
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
            {rows.flatMap((o) => {
              const s = ctx.sources.get(o.source_id);
              const open = f.row === o.id;
              return [
                <tr key={o.id} data-id={o.id} class={open ? "open" : undefined}>
                  <td class="place">
                    <button
                      type="button"
                      class="evidence-toggle"
                      aria-expanded={open}
                      aria-controls={`evidence-${o.id}`}
                      title={t.showEvidence(o.id)}
                      onClick={() => set({ row: open ? "" : o.id })}
                    >
                      {ctx.names.get(o.jurisdiction) ?? o.jurisdiction}
                    </button>
                  </td>
                  <td>{words.measure[o.measure]}</td>
                  <td>{periodLabel(o.period_label, lang, { start: o.period_start, end: o.period_end })}</td>
                  <td class="num" data-qualifier={o.qualifier} data-derivation={o.derivation}>
                    {printedValue(o)}
                    {o.derivation === "derived" && (
                      <span class="derived">
                        {t.punctuation.open}
                        {words.derivation.derived}
                        {t.punctuation.close}
                      </span>
                    )}
                  </td>
                  <td>{words.unit[o.unit]}</td>
                  <td>{words.scope[o.scope]}</td>
                  <td>
                    {s?.url ? (
                      <a href={s.url} rel="noopener noreferrer" lang={title(s, o).lang}>
                        {title(s, o).text}
                      </a>
                    ) : (
                      <span>
                        <span lang={s ? title(s, o).lang : undefined}>{s ? title(s, o).text : o.source_id}</span>
                        {t.punctuation.open}
                        {t.noUrl}
                        {t.punctuation.close}
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
                </tr>,
                open ? (
                  <EvidenceRow key={`${o.id}-evidence`} ctx={ctx} o={o} source={s} printed={printedValue(o)} />
                ) : null,
              ];
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A title's language as an HTML lang value: titles stay as published, so screen readers need to know. */
const titleLang = (code: string | null) => (code === "zh" ? "zh-Hans" : code === "en" ? "en" : undefined);

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

/** A row's evidence, under it: how it was printed, whether published or derived, the quotation, locator, source, capture, link. */
function EvidenceRow({
  ctx,
  o,
  source,
  printed,
}: {
  ctx: Ctx;
  o: Observation;
  source: Source | undefined;
  printed: string;
}) {
  const { t, lang } = ctx;
  const words = VOCABULARY_LABELS[lang];
  const e = t.evidenceFields;
  const link = `?view=ledger&row=${encodeURIComponent(o.id)}${lang === "en" ? "" : `&lang=${lang}`}`;
  // A permanent link opens the page at the row's evidence.
  useEffect(() => {
    document.getElementById(`evidence-${o.id}`)?.scrollIntoView({ block: "nearest" });
  }, [o.id]);
  const item = (label: string, body: ComponentChildren) => (
    <>
      <dt>{label}</dt>
      <dd>{body}</dd>
    </>
  );
  return (
    <tr class="evidence" id={`evidence-${o.id}`} data-evidence={o.id}>
      <td colSpan={SORT_COLUMNS.length}>
        <dl>
          {item(e.id, <code>{o.id}</code>)}
          {item(
            e.printed,
            <>
              {printed} {words.unit[o.unit]}
              {o.printed_precision !== null && (
                <>
                  {t.punctuation.open}
                  {t.precision(o.printed_precision)}
                  {t.punctuation.close}
                </>
              )}
            </>,
          )}
          {item(
            e.derivation,
            o.derivation === "derived" ? (
              <>
                {words.derivation.derived}
                {t.punctuation.colon}
                {o.note}
              </>
            ) : (
              words.derivation.published
            ),
          )}
          {o.quote && item(e.quote, <q lang={o.quote_lang === "en" ? "en" : "zh"}>{o.quote}</q>)}
          {o.quote_en && item(e.translation, <q lang="en">{o.quote_en}</q>)}
          {o.locator && item(e.locator, o.locator)}
          {item(
            e.source,
            <>
              {source ? publisherName(source, lang) : o.source_id}
              {source?.published ? `${t.punctuation.comma}${source.published}` : ""}
              {source?.url && (
                <>
                  {" · "}
                  <a href={source.url} rel="noopener noreferrer">
                    {source.url}
                  </a>
                </>
              )}
              {source?.archived_url && (
                <>
                  {" · "}
                  <a href={source.archived_url} rel="noopener noreferrer">
                    {t.archived}
                  </a>
                </>
              )}
              <CaptureNote ctx={ctx} sourceId={o.source_id} />
            </>,
          )}
          {o.note && o.derivation !== "derived" && item(e.note, o.note)}
          {item(
            e.link,
            <a href={link} data-permalink={o.id}>
              {link}
            </a>,
          )}
        </dl>
      </td>
    </tr>
  );
}
