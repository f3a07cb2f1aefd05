/**
 * The current estimate on the dashboard: the data file carries `liuzhi model` at its defaults (the
 * same JSON the command prints and the API serves), and the overview's model table shows it, with
 * the official counts beside their years and the held-out checks, in English and Chinese.
 */
import { parseHTML } from "linkedom";
import { h, render } from "preact";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboardData } from "../src/server/dashboard-data.ts";
import { defaultWhatIf } from "../src/web/figures.ts";
import { STRINGS } from "../src/web/i18n.ts";
import { parseState } from "../src/web/state.ts";
import type { Ctx } from "../src/web/views/context.ts";
import { ModelSection } from "../src/web/views/model-section.tsx";
import { liuzhi, makeTempDir, removeDir } from "./helpers.ts";
import { shippedLedger } from "./support/shipped-ledger.ts";

const ledger = shippedLedger();
const data = dashboardData(ledger, "test");
let dir: string;
beforeAll(async () => {
  dir = makeTempDir();
  expect((await liuzhi(["init", "--db", `${dir}/l.sqlite`], { cwd: dir })).status).toBe(0);
});
afterAll(() => removeDir(dir));

function renderModel(lang: "en" | "zh") {
  const { document } = parseHTML("<!doctype html><html><body><main></main></body></html>");
  const g = globalThis as { document?: unknown };
  const previous = g.document;
  g.document = document;
  try {
    const whatIf = defaultWhatIf(ledger);
    const ctx = {
      data,
      t: STRINGS[lang],
      lang,
      state: parseState(`?lang=${lang}`, whatIf),
      defaults: whatIf,
      href: () => "#",
      go: () => {},
      sources: new Map(),
      observations: new Map(),
      names: new Map(),
    } as unknown as Ctx;
    const root = document.querySelector("main")!;
    render(h(ModelSection, { ctx }), root as unknown as Element);
    return root as unknown as HTMLElement;
  } finally {
    g.document = previous;
  }
}

describe("the model on the dashboard", () => {
  it("carries what `liuzhi model --format json` prints at its defaults for each year, the total and the held-out checks", async () => {
    const r = await liuzhi(["model", "--format", "json", "--db", `${dir}/l.sqlite`], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const { manifest, ...body } = JSON.parse(r.stdout);
    const { years, total, heldOut, draws, seed } = body;
    expect(JSON.parse(JSON.stringify(data.model!.result))).toEqual({ years, total, heldOut, draws, seed });
    expect(data.model!.manifest.options).toEqual(manifest.options);
    expect(data.model!.manifest.seed).toBe(manifest.seed);
  });

  it("shows each year's median and 90% interval, the total, the official counts and the held-out checks", () => {
    const root = renderModel("en");
    const rows = [...root.querySelectorAll("#model-table tbody tr")];
    expect(rows.map((r) => r.getAttribute("data-year"))).toEqual([
      ...data.model!.result.years.map((y) => String(y.year)),
      "total",
    ]);
    const y2023 = rows.find((r) => r.getAttribute("data-year") === "2023")!;
    expect(Number(y2023.getAttribute("data-p05"))).toBeLessThanOrEqual(26_000);
    expect(Number(y2023.getAttribute("data-p95"))).toBeGreaterThanOrEqual(26_000);
    expect(y2023.textContent).toContain("26,000");
    const total = rows.at(-1)!;
    expect(total.textContent).toContain("2018-03-01");
    expect(Number(total.getAttribute("data-median"))).toBe(data.model!.result.total.median);
    const checks = [...root.querySelectorAll("[data-held-out]")].map((li) => li.textContent);
    expect(checks).toHaveLength(2);
    expect(checks[0]).toMatch(/^2023's official count left out .* against the official 26,000 — covered\.$/);
    expect(root.textContent).toContain("Unlike the submission's method above");
  });

  it("speaks Chinese on the Chinese page", () => {
    const root = renderModel("zh");
    expect(root.querySelector("h2")!.textContent).toBe("当前估算：综合所有估算方法的一个模型");
    expect([...root.querySelectorAll("[data-held-out]")][1]!.textContent).toMatch(/^留出2024年官方数字/);
  });
});
