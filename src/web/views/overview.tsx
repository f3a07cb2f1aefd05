/** The overview: headline figures, what-if controls, the yearly chart, the tile map and case coverage. */
import { useMemo } from "preact/hooks";
import { fixedFigures, totalFigures, whatIfTriangulation } from "../figures.ts";
import { CaseCoverage } from "./case-coverage.tsx";
import { ChartSection } from "./chart-section.tsx";
import type { Ctx } from "./context.ts";
import { Headline } from "./headline.tsx";
import { TileMap } from "./map.tsx";
import { ModelSection } from "./model-section.tsx";
import { WhatIfControls } from "./what-if.tsx";

export function Overview({ ctx }: { ctx: Ctx }) {
  const { data, state } = ctx;
  const fixed = useMemo(() => fixedFigures(data.ledger), [data]);
  // Each part is recomputed only when its own inputs change: the triangulation with the ratio range and annualize,
  // the totals with the range, base and annualize; the interval (Monte Carlo) in Headline, off the main thread.
  const { ratio, base, annualize } = state.whatIf;
  const totals = useMemo(
    () => totalFigures(data.ledger, { ratio: [ratio[0], ratio[1]], base, annualize }),
    [data, ratio[0], ratio[1], base, annualize],
  );
  const triangulation = useMemo(
    () => whatIfTriangulation(data.ledger, [ratio[0], ratio[1]], fixed, annualize),
    [data, fixed, ratio[0], ratio[1], annualize],
  );
  return (
    <>
      <Headline ctx={ctx} fixed={fixed} totals={totals} />
      <ModelSection ctx={ctx} />
      <WhatIfControls ctx={ctx} />
      <ChartSection ctx={ctx} triangulation={triangulation} />
      <TileMap ctx={ctx} fixed={fixed} />
      {data.coverage && data.coverage.rows.length > 0 && <CaseCoverage ctx={ctx} />}
    </>
  );
}
