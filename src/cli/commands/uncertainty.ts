import { BASE_CHOICES, type BaseChoice, monteCarlo, sensitivity, type UncertaintyInputs } from "../../methods/index.ts";
import { type Command, dbOption, formatOption, formatSpec, type ParsedArgs, UsageError } from "../command.ts";
import { integerOption, jsonOutput, loadForMethod, throughOption } from "../method-run.ts";
import { formatTextTable } from "../text-table.ts";

const FORMATS = ["json", "table"] as const;

function rangeOption(args: ParsedArgs, name: string): readonly [number, number] | undefined {
  const raw = args.values[name];
  if (raw === undefined) return undefined;
  const parts = String(raw).split(",").map(Number);
  if (parts.length !== 2 || parts.some((n) => !Number.isFinite(n))) {
    throw new UsageError(`invalid --${name} '${String(raw)}': expected LOW,HIGH (two numbers)`);
  }
  return [parts[0]!, parts[1]!];
}

function inputOverrides(args: ParsedArgs): Partial<UncertaintyInputs> {
  const overrides: { -readonly [K in keyof UncertaintyInputs]?: UncertaintyInputs[K] } = {};
  const ratio = rangeOption(args, "ratio-range");
  if (ratio) overrides.ratio = ratio;
  const duration = rangeOption(args, "durations");
  if (duration) overrides.duration = duration;
  const base = args.values.base;
  if (base !== undefined) {
    if (!(BASE_CHOICES as ReadonlyArray<unknown>).includes(base)) {
      throw new UsageError(`invalid --base '${String(base)}': expected one of ${BASE_CHOICES.join(", ")}`);
    }
    overrides.base = base as BaseChoice;
  }
  if (args.values["no-annualize"] === true) overrides.annualize = false;
  const spread = args.values["annualization-spread"];
  if (spread !== undefined) overrides.annualizationSpread = Number(spread);
  return overrides;
}

export const uncertaintyCommand: Command = {
  name: "uncertainty",
  summary: "Monte Carlo over the uncertain inputs (seeded), and a one-at-a-time sensitivity table",
  description:
    "Draws the ratio, the category base, the annualization of partial years and the average duration; prints the median and 90% interval of each year, of the cumulative and adjusted totals and of the people held on an average day. The same --seed gives the same figures.",
  options: {
    ...dbOption,
    ...throughOption,
    ...formatSpec(FORMATS, "json"),
    draws: { type: "string", valueName: "N", help: "number of draws (default 100000)" },
    seed: { type: "string", valueName: "S", help: "random seed, a whole number (default 1)" },
    "ratio-range": { type: "string", valueName: "LOW,HIGH", help: "ratio range (default the ledger's, 0.1,0.2)" },
    base: { type: "string", valueName: BASE_CHOICES.join("|"), help: "category base (default both)" },
    durations: { type: "string", valueName: "LOW,HIGH", help: "average duration range in days (default the ledger's)" },
    "annualization-spread": { type: "string", valueName: "X", help: "± share on unreported months (default 0.1)" },
    "no-annualize": { type: "boolean", help: "do not extend partial years to full years" },
  },
  examples: ["liuzhi uncertainty --draws 1000000 --seed 42 --format json"],
  async run(args, io) {
    const format = formatOption(args, FORMATS, "json");
    const draws = integerOption(args, "draws", 100_000, 1);
    const seed = integerOption(args, "seed", 1);
    if (seed > 0xffffffff) throw new UsageError(`invalid --seed '${seed}': expected at most 4294967295`);
    const inputs = inputOverrides(args);
    const { ledger, manifest } = await loadForMethod(args, io);
    let result: ReturnType<typeof monteCarlo>;
    let oat: ReturnType<typeof sensitivity>;
    try {
      result = monteCarlo(ledger, { draws, seed, inputs });
      oat = sensitivity(ledger, inputs);
    } catch (error) {
      if (error instanceof RangeError) throw new UsageError(error.message);
      throw error;
    }
    if (format === "json") {
      io.out(
        jsonOutput(manifest("uncertainty", { draws, inputs: result.inputs }, seed), { ...result, sensitivity: oat }),
      );
      return 0;
    }
    const row = (name: string, i: { median: number; p05: number; p95: number }) => [name, i.median, i.p05, i.p95];
    io.out(`${draws} draws, seed ${seed}\n\n`);
    io.out(
      formatTextTable(
        ["estimate", "median", "5%", "95%"],
        [
          ...result.years.map((y) => row(y.period, y)),
          row("Cumulative (reported periods)", result.cumulative),
          row("Adjusted cumulative (partial years extended)", result.adjustedCumulative),
          row(`Held on an average day, ${result.heldOnAverageDay.period}`, result.heldOnAverageDay),
        ],
      ),
    );
    io.out("\nSensitivity (one input at a time, adjusted total):\n");
    io.out(
      formatTextTable(
        ["input", "low", "high", "total at low", "total at high", "swing"],
        oat.rows.map((r) => [r.input, r.low, r.high, r.totalAtLow, r.totalAtHigh, r.totalSwing]),
      ),
    );
    return 0;
  },
};
