import type { Ledger, Observation } from "../core/index.ts";
import { type Cell, defineMethod, type Table } from "./define.ts";
import { defineParams } from "./params.ts";
import { periodsOverlap } from "./period.ts";
import { type Provenance, provenance } from "./provenance.ts";
import { placementObservations } from "./select.ts";

/** The first day both floors count from: the National Supervision Law made liuzhi law in March 2018. */
export const LIUZHI_LAW_START = "2018-03-01";

export interface Exclusion {
  readonly id: string;
  readonly reason: string;
}

export interface FloorResult {
  /** The seed's "at least 39,547": official placement figures added up as the seed adds them. */
  readonly asPublished: number;
  /** The floor: never counts the same placement twice. */
  readonly strict: number;
  /** Observations the submission's sum adds up (no floor: it counts some placements twice), and those it leaves out, with the reason. */
  readonly used: ReadonlyArray<string>;
  readonly excluded: ReadonlyArray<Exclusion>;
  /** The set the strict floor chose (the largest total with no two overlapping), and why each other row is out. */
  readonly strictUsed: ReadonlyArray<string>;
  readonly strictExcluded: ReadonlyArray<Exclusion>;
  readonly provenance: Provenance;
}

interface Span {
  readonly start: string;
  readonly end: string;
}

const span = (o: Observation): Span => ({ start: o.period_start, end: o.period_end });

const contains = (outer: Span, inner: Span) =>
  outer.start <= inner.start && inner.end <= outer.end && (outer.start < inner.start || inner.end < outer.end);

/** Whether territory `outer` contains `inner` (or is it): CN contains every code, CN-ZJ its cities (CN-ZJ-330100). */
export const territoryContains = (outer: string, inner: string): boolean =>
  outer === inner || inner.startsWith(`${outer}-`);

/** The province a code lies in (CN-ZJ for CN-ZJ-330100); CN for the nation. */
const provinceOf = (code: string): string => code.split("-").slice(0, 2).join("-");

/** Two observations may count the same placement: their territories overlap (CN contains every province, a province its cities) and so do their periods. */
export function mayDoubleCount(a: Observation, b: Observation): boolean {
  const territory =
    territoryContains(a.jurisdiction, b.jurisdiction) || territoryContains(b.jurisdiction, a.jurisdiction);
  return territory && periodsOverlap(span(a), span(b));
}

/**
 * The seed's rule for its floor (paragraph 21), stated so it applies to any ledger: leave out
 * figures that start before liuzhi was law (the pilots), campaign figures (national campaigns
 * overlap the provinces' own reports), and a province's figure whose period lies inside a longer
 * one of the same province (or a city's inside a longer one of its province); add up the rest.
 */
function asPublishedFloor(candidates: ReadonlyArray<Observation>, start: string) {
  const used: Observation[] = [];
  const excluded: Exclusion[] = [];
  for (const o of candidates) {
    if (o.period_start < start) {
      excluded.push({
        id: o.id,
        reason: `starts ${o.period_start}, before liuzhi became law (${start}): pilot figure`,
      });
    } else if (o.scope.startsWith("campaign:")) {
      excluded.push({ id: o.id, reason: `national campaign figure (${o.scope}): overlaps the provinces' own reports` });
    } else {
      const outer = candidates.find(
        (other) =>
          other.period_start >= start &&
          (other.jurisdiction === o.jurisdiction
            ? contains(span(other), span(o))
            : // A city's figure inside its province's (never the nation's: the seed adds provinces beside it).
              other.jurisdiction !== "CN" &&
              territoryContains(other.jurisdiction, o.jurisdiction) &&
              other.period_start <= o.period_start &&
              o.period_end <= other.period_end),
      );
      if (outer) {
        const where =
          outer.jurisdiction === o.jurisdiction ? "the same jurisdiction" : `its province ${outer.jurisdiction}`;
        excluded.push({
          id: o.id,
          reason: `period ${o.period_start} – ${o.period_end} lies inside ${outer.id} (${outer.period_start} – ${outer.period_end}) of ${where}`,
        });
      } else {
        used.push(o);
      }
    }
  }
  return { used, excluded };
}

interface Choice {
  readonly total: number;
  readonly chosen: ReadonlyArray<Observation>;
}

const better = (a: Choice, b: Choice) => (b.total > a.total ? b : a);

/** Weighted interval scheduling (one territory): the largest total of pairwise non-overlapping periods. */
function bestIntervals(items: ReadonlyArray<Observation>): Choice {
  const sorted = [...items].sort((a, b) => a.period_end.localeCompare(b.period_end) || a.id.localeCompare(b.id));
  const best: Choice[] = [{ total: 0, chosen: [] }];
  sorted.forEach((o, i) => {
    // The last interval that ends before this one starts.
    let j = i - 1;
    while (j >= 0 && sorted[j]!.period_end >= o.period_start) j -= 1;
    const withIt = { total: best[j + 1]!.total + o.value, chosen: [...best[j + 1]!.chosen, o] };
    best.push(better(best[i]!, withIt));
  });
  return best[sorted.length]!;
}

/**
 * The strict floor: among sets of placement figures (from `start` on) in which no two may count
 * the same placement, the one with the largest total. Exact: it tries every compatible set of
 * nationwide figures (few) and, for each, solves every province as an interval-scheduling problem.
 * A city's figures are solved with its province's, as if they covered the whole province: two
 * cities of one province are never added for overlapping periods (a lower floor, never a double count).
 */
function strictFloor(candidates: ReadonlyArray<Observation>): Choice {
  const national = candidates.filter((o) => o.jurisdiction === "CN").sort((a, b) => a.id.localeCompare(b.id));
  const provincial = candidates.filter((o) => o.jurisdiction !== "CN");
  const byProvince = new Map<string, Observation[]>();
  for (const o of provincial) {
    const province = provinceOf(o.jurisdiction);
    byProvince.set(province, [...(byProvince.get(province) ?? []), o]);
  }

  const solve = (chosenNational: ReadonlyArray<Observation>): Choice => {
    let total = chosenNational.reduce((a, o) => a + o.value, 0);
    const chosen = [...chosenNational];
    for (const items of byProvince.values()) {
      const free = items.filter((o) => !chosenNational.some((n) => mayDoubleCount(n, o)));
      const best = bestIntervals(free);
      total += best.total;
      chosen.push(...best.chosen);
    }
    return { total, chosen };
  };

  // Branch and bound over the nationwide figures: a province's unconstrained optimum bounds what
  // it can add under any choice, so branches that cannot win are cut (the include branch goes first).
  const provincialBound = [...byProvince.values()].reduce((a, items) => a + bestIntervals(items).total, 0);
  const remaining = national.map((_, i) => national.slice(i).reduce((a, o) => a + o.value, 0));
  let best: Choice = { total: -1, chosen: [] };
  const explore = (index: number, picked: Observation[], pickedTotal: number) => {
    if (pickedTotal + (remaining[index] ?? 0) + provincialBound <= best.total) return;
    if (index === national.length) {
      best = better(best, solve(picked));
      return;
    }
    const o = national[index]!;
    if (!picked.some((p) => mayDoubleCount(p, o))) explore(index + 1, [...picked, o], pickedTotal + o.value);
    explore(index + 1, picked, pickedTotal);
  };
  explore(0, [], 0);
  return best;
}

/**
 * The floor of placements since liuzhi became law (`strict`: never counts one placement twice) and
 * the submission's sum (`asPublished`: the seed's own rule, which counts some placements twice, so
 * no floor). Both count only figures from `start` (March 2018) on.
 */
export function officialFloor(ledger: Ledger, options: { start?: string } = {}): FloorResult {
  const start = options.start ?? LIUZHI_LAW_START;
  const candidates = placementObservations(ledger).sort((a, b) => a.id.localeCompare(b.id));
  const published = asPublishedFloor(candidates, start);

  const eligible = candidates.filter((o) => o.period_start >= start);
  const strict = strictFloor(eligible);
  const chosenIds = new Set(strict.chosen.map((o) => o.id));
  const strictExcluded: Exclusion[] = candidates
    .filter((o) => !chosenIds.has(o.id))
    .map((o) => {
      if (o.period_start < start)
        return { id: o.id, reason: `starts ${o.period_start}, before liuzhi became law (${start})` };
      const clash = strict.chosen.filter((c) => mayDoubleCount(c, o)).map((c) => c.id);
      return {
        id: o.id,
        reason: `may count the same people as ${clash.join(", ")} (overlapping territory and period); the chosen set has the larger total`,
      };
    });

  const sum = (os: ReadonlyArray<Observation>) => os.reduce((a, o) => a + o.value, 0);
  return {
    asPublished: sum(published.used),
    strict: strict.total,
    used: published.used.map((o) => o.id),
    excluded: published.excluded,
    strictUsed: [...chosenIds].sort(),
    strictExcluded,
    provenance: provenance(
      candidates.map((o) => o.id),
      [],
      [`counted from ${start}`, "as published: the seed's rule", "strict: largest total with no possible double count"],
    ),
  };
}

/** One row per placement figure: whether each floor counts it, and why not where it does not. */
function floorTable(floor: FloorResult): Table {
  const ids = [...new Set([...floor.used, ...floor.excluded.map((e) => e.id), ...floor.strictUsed])];
  for (const e of floor.strictExcluded) if (!ids.includes(e.id)) ids.push(e.id);
  const status = (id: string, used: ReadonlyArray<string>, excluded: ReadonlyArray<Exclusion>): [Cell, Cell] =>
    used.includes(id) ? ["counted", null] : ["left out", excluded.find((e) => e.id === id)?.reason ?? null];
  return {
    columns: ["id", "as_published", "as_published_why_not", "strict", "strict_why_not"],
    rows: ids.map((id) => [
      id,
      ...status(id, floor.used, floor.excluded),
      ...status(id, floor.strictUsed, floor.strictExcluded),
    ]),
  };
}

export const floorMethod = defineMethod({
  name: "floor",
  command: "floor",
  path: "/floor",
  summary:
    "The floor of officially reported placements since March 2018 (strict), beside the submission's sum, which counts some placements twice",
  description:
    "strict is the floor: the largest total of figures no two of which may count the same placement. asPublished is the submission's sum (paragraph 21: 39,547), which adds provincial figures to the national counts that contain them, so it counts some placements twice and is no floor; it is shown to reproduce the submission. See docs/methods.md.",
  examples: ["liuzhi floor", "liuzhi floor --format json"],
  params: defineParams({}),
  run: (ledger) => officialFloor(ledger),
  manifest: () => ({}),
  body: (floor) => floor,
  table: floorTable,
  text: {
    before: (floor) =>
      `Floor (strict): ${floor.strict} (${floor.strictUsed.length} figures)\nThe submission's sum (counts some placements twice): ${floor.asPublished} (${floor.used.length} figures)\n\n`,
  },
});
