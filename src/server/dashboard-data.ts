import type { DashboardData } from "../contracts/index.ts";
import type { Ledger, PublicSummaries } from "../core/index.ts";
import { ledgerSha256 } from "../ledger/index.ts";
import {
  MODEL_PARAMS,
  methodManifest,
  model,
  modelInputs,
  modelMethod,
  monteCarlo,
  monteCarloManifest,
  UNCERTAINTY_DEFAULTS,
} from "../methods/index.ts";

/**
 * `data/dashboard.json`. With summaries, the captures (by source id) and the case coverage — already
 * aggregated and suppressed: the browser never gets anything else from the register — are added;
 * without them the file is exactly as before.
 */
export function dashboardData(
  ledger: Ledger,
  version: string,
  summaries: PublicSummaries = {},
  served: { readonly teamEditing?: boolean; readonly embeds?: boolean } = {},
): DashboardData {
  const hash = ledgerSha256(ledger);
  // `liuzhi uncertainty` at its defaults, so the dashboard's headline interval equals the CLI's.
  const values = UNCERTAINTY_DEFAULTS;
  const result = monteCarlo(ledger, { draws: values.draws, seed: values.seed });
  return {
    version,
    ledgerSha256: hash,
    ledger,
    uncertainty: {
      manifest: monteCarloManifest(values, result, { version, ledgerSha256: hash }),
      result,
    },
    ...currentModel(ledger, version, hash),
    ...(summaries.captures && summaries.captures.size > 0
      ? { captures: Object.fromEntries([...summaries.captures].sort(([a], [b]) => a.localeCompare(b))) }
      : {}),
    ...(summaries.coverage && summaries.coverage.rows.length > 0 ? { coverage: summaries.coverage } : {}),
    ...(served.teamEditing ? { teamEditing: true as const } : {}),
    ...(served.embeds ? { embeds: true as const } : {}),
  };
}

/** `liuzhi model` at its defaults, so the dashboard's table equals the CLI's and the API's; nothing where there is nothing to model. */
function currentModel(ledger: Ledger, version: string, hash: string): Pick<DashboardData, "model"> {
  if (!hasModelInputs(ledger)) return {};
  const values = { draws: MODEL_PARAMS.draws.default, seed: MODEL_PARAMS.seed.default, "hold-out": undefined };
  const full = model(ledger, { draws: values.draws, seed: values.seed });
  const { years, total, heldOut, draws, seed } = full;
  return {
    model: {
      manifest: methodManifest(modelMethod, values, full, { version, ledgerSha256: hash }),
      result: { years, total, heldOut, draws, seed },
    },
  };
}

/** Whether the ledger holds what the model needs: a nationwide figure and the ratio assumption it starts from. */
function hasModelInputs(ledger: Ledger): boolean {
  try {
    modelInputs(ledger);
    return true;
  } catch {
    // modelInputs refuses a ledger without them (an empty one): the dashboard then shows no model.
    return false;
  }
}
