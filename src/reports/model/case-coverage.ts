/** Documented cases against official figures (aggregates only, suppressed upstream and checked again here). */
import type { CoverageOfficial, CoverageSummary } from "../../core/index.ts";
import { formatInteger } from "../format.ts";
import { col, int, para, table, text } from "./builders.ts";
import type { ReportContext } from "./context.ts";
import type { Section, Table } from "./types.ts";

/** The section, or null when there is no coverage or it has no rows. */
export function caseCoverageSection(ctx: ReportContext, summary: CoverageSummary | undefined): Section | null {
  const { t, placeName, sourceOf } = ctx;
  const officialPeriod = (official: CoverageOfficial) => {
    const o = ctx.observation.get(official.observation_id);
    return o ? ctx.periodOf(o) : ctx.period(official.period_label);
  };
  const threshold = summary?.threshold ?? 0;
  const coverageRows = summary?.rows ?? [];
  if (coverageRows.length === 0) return null;
  const coverageTable: Table = {
    id: "case-coverage",
    title: t.cases.table,
    columns: [
      col("jurisdiction", t.cases.jurisdiction),
      col("year", t.cases.year),
      col("documented", t.cases.documented, true),
      col("official", t.cases.official, true),
      col("official_period", t.cases.officialPeriod),
      col("documented_share", t.cases.share, true),
    ],
    rows: coverageRows.map((r) => {
      // A withheld cell, or (defensively) any count under the threshold, is printed as "suppressed".
      const documented = r.documented !== null && r.documented >= threshold ? r.documented : null;
      const official = r.official;
      if (official) ctx.use([official.observation_id]);
      return {
        strong: r.jurisdiction === "total" || r.year === "total",
        cells: [
          text(r.jurisdiction === "total" ? t.cases.total : placeName(r.jurisdiction)),
          text(r.year === "total" ? t.cases.total : r.year === "unknown" ? t.cases.unknownYear : r.year),
          documented === null ? text(t.cases.suppressed) : int(documented),
          official ? int(official.value, sourceOf(official.observation_id)) : { kind: "empty" },
          official ? text(officialPeriod(official)) : { kind: "empty" },
          documented !== null && official && official.value > 0
            ? { kind: "percent", value: documented / official.value, digits: 1 }
            : { kind: "empty" },
        ],
      };
    }),
  };
  return {
    id: "case-coverage",
    heading: t.cases.heading,
    blocks: [para(t.cases.sentence(formatInteger(threshold))), table(coverageTable)],
  };
}
