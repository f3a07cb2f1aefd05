/** The what-if controls: ratio range, base, duration range and annualization, kept in the address. */
import { BROWSER_DRAWS } from "../figures.ts";
import { formatNumber } from "../i18n.ts";
import { refusedWhatIf, type WhatIf } from "../state.ts";
import type { Ctx } from "./context.ts";
import { Inline } from "./inline.tsx";
import { Link } from "./links.tsx";

export function WhatIfControls({ ctx }: { ctx: Ctx }) {
  const { t, lang, state } = ctx;
  const w = state.whatIf;
  const refused = typeof location === "undefined" ? [] : refusedWhatIf(location.search);
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
      {/* The output beside its label, not inside it: a labelled control's label holds no other control.
          Both sit on one line, the colon the reader's own. */}
      <p class="setting">
        <label for={id}>{label}</label>
        {t.punctuation.colon}
        <output for={id}>{formatNumber(lang, value, digits)}</output>
      </p>
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
        <p class="help">
          <Inline text={t.whatIfHelp(formatNumber(lang, BROWSER_DRAWS))} />
        </p>
        {refused.length > 0 && (
          <ul class="refused" role="status" data-refused={refused.map((r) => r.name).join(" ")}>
            {refused.map((r) => (
              <li key={r.name}>{t.urlRefused(r.name, r.value, r.allowed)}</li>
            ))}
          </ul>
        )}
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
