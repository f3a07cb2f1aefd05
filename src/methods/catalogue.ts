/**
 * Every method the CLI, the API and the dashboard offer, in the order they list them. A new method
 * is one `defineMethod` beside its function, and one line here.
 */
import type { AnyMethod } from "./define.ts";
import { extrapolateMethod } from "./extrapolate.ts";
import { floorMethod } from "./floor.ts";
import { modelMethod } from "./model-method.ts";
import { ratesMethod } from "./rates.ts";
import { ratioMethod } from "./ratio.ts";
import { cutThrough } from "./seed.ts";
import { transfersMethod } from "./transfers.ts";
import { triangulateMethod } from "./triangulate.ts";
import { uncertaintyMethod } from "./uncertainty-method.ts";

// Each takes `through` besides its own parameters (see cutThrough).
export const METHODS: ReadonlyArray<AnyMethod> = [
  ratioMethod,
  floorMethod,
  extrapolateMethod,
  ratesMethod,
  transfersMethod,
  triangulateMethod,
  uncertaintyMethod,
  modelMethod,
].map(cutThrough);
