/** buildReport: runs the methods once and assembles the sections in the order the report prints them. */
import type { Ledger } from "../../core/index.ts";
import {
  extrapolations,
  MODEL_PARAMS,
  model,
  modelInputs,
  monteCarlo,
  officialFloor,
  rates,
  ratioTable,
  sensitivity,
  triangulate,
  UNCERTAINTY_PARAMS,
} from "../../methods/index.ts";
import { appendixSection } from "./appendix.ts";
import { caseCoverageSection } from "./case-coverage.ts";
import { reportContext } from "./context.ts";
import { currentEstimateSection } from "./current-estimate.ts";
import { estimatesSection } from "./estimates.ts";
import { extrapolationsSection } from "./extrapolations.ts";
import { floorSection } from "./floor.ts";
import { footnoteOrder, impossibleDateNotes } from "./footnotes.ts";
import { legalSection } from "./legal-framework.ts";
import { assumptionsTable, colophon, methodSection, optionsTable, type RunParameters } from "./method.ts";
import { ratesSection } from "./rates.ts";
import { sinceSection } from "./since.ts";
import type { Report, ReportOptions, Section } from "./types.ts";
import { uncertaintySection } from "./uncertainty.ts";

/** The Monte Carlo's own defaults (src/methods), so the report states the figures `liuzhi uncertainty` prints. */
export const DEFAULT_DRAWS = UNCERTAINTY_PARAMS.draws.default;
export const DEFAULT_SEED = UNCERTAINTY_PARAMS.seed.default;

/** Builds the report. Pure: the same ledger and options give the same report. */
export function buildReport(ledger: Ledger, options: ReportOptions): Report {
  const lang = options.lang ?? "en";
  const draws = options.draws ?? DEFAULT_DRAWS;
  const seed = options.seed ?? DEFAULT_SEED;
  const ctx = reportContext(ledger, lang);
  const { t } = ctx;

  const ratio = ratioTable(ledger);
  const ratioAssumption = ledger.assumptions.find((a) => a.id === "ye-ratio");
  const ratioRefs = ratioAssumption ? [ratioAssumption.source_id] : [];
  const floor = officialFloor(ledger);
  const rateRows = rates(ledger);
  const mc = monteCarlo(ledger, { draws, seed });
  const assumptions = assumptionsTable(ctx);

  const optional = (section: Section | null): Section[] => (section ? [section] : []);
  const sections: Section[] = [
    estimatesSection(ctx, ratio, triangulate(ledger), ratioRefs),
    ...optional(sinceSection(ctx, ratio)),
    ...optional(currentEstimate(ctx, ledger)),
    floorSection(ctx, floor),
    ratesSection(ctx, rateRows),
    uncertaintySection(ctx, { ratio, floor, mc, sens: sensitivity(ledger), draws, seed, ratioRefs }),
    extrapolationsSection(ctx, extrapolations(ledger), rateRows),
    appendixSection(ctx),
    ...optional(caseCoverageSection(ctx, options.coverage)),
    ...optional(legalSection(ctx, options.legal)),
  ];

  // The data date is the latest observation the sections used, so it is read after they are built.
  const run: RunParameters = {
    generated: options.generated,
    version: options.version,
    dataDate: ctx.latest(ctx.used.map((o) => o.id)),
    draws,
    seed,
    ...(options.ledgerSha256 ? { ledgerSha256: options.ledgerSha256 } : {}),
    ...(options.through ? { through: options.through } : {}),
  };
  // Last: its options table states the data date read above.
  sections.push(methodSection(ctx, optionsTable(ctx, run), assumptions));
  return {
    lang,
    title: t.title,
    subtitle: t.subtitle,
    colophon: colophon(ctx, run),
    generated: options.generated,
    version: options.version,
    draws,
    seed,
    dataDate: run.dataDate,
    sections,
    footnotes: footnoteOrder(sections),
    sources: ledger.sources,
    dateNotes: impossibleDateNotes(ledger.sources, ledger.observations),
    ...(options.captures && options.captures.size > 0 ? { captures: options.captures } : {}),
    assumptionsTable: assumptions,
  };
}

/** `liuzhi model` at its defaults, as the CLI, the API and the dashboard give it; no section where there is nothing to model. */
function currentEstimate(ctx: ReturnType<typeof reportContext>, ledger: Ledger): Section | null {
  try {
    modelInputs(ledger);
  } catch {
    // A ledger without a nationwide figure or the ratio assumption: nothing to model.
    return null;
  }
  const result = model(ledger, { draws: MODEL_PARAMS.draws.default, seed: MODEL_PARAMS.seed.default });
  return currentEstimateSection(ctx, result);
}
