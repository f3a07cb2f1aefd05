/** A sample of draws: 32-bit floats halve the memory traffic where their precision is enough. */
export type Sample = Float64Array | Float32Array;

/**
 * Floyd–Rivest selection: moves the k-th smallest value of values[left..right] to index k in
 * expected linear time (it samples to pick pivots close to the target). Reorders in place.
 */
function select(values: Sample, k: number, left: number, right: number): void {
  while (right > left) {
    if (right - left > 600) {
      // Narrow [left, right] to a sample-chosen window likely to contain the k-th value.
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      select(values, k, newLeft, newRight);
    }
    const t = values[k]!;
    let i = left;
    let j = right;
    swap(values, left, k);
    if (values[right]! > t) swap(values, left, right);
    while (i < j) {
      swap(values, i, j);
      i++;
      j--;
      while (values[i]! < t) i++;
      while (values[j]! > t) j--;
    }
    if (values[left] === t) swap(values, left, j);
    else {
      j++;
      swap(values, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(values: Sample, i: number, j: number): void {
  const t = values[i]!;
  values[i] = values[j]!;
  values[j] = t;
}

/** Bins of the histogram pass: about 8 values a bin, at most 2^16 (small samples stay cheap). */
const binsFor = (n: number) => Math.max(64, Math.min(1 << 16, 2 ** Math.ceil(Math.log2(n / 8))));

/**
 * The quantiles `qs` (ascending, each in [0, 1]) of `values`, by linear interpolation between order
 * statistics (the usual "type 7" definition). Exact, in a few linear passes: a histogram finds the
 * bins holding the wanted ranks, and only those bins' values are then selected. Reorders nothing.
 */
export function quantiles(values: Sample, qs: ReadonlyArray<number>): number[] {
  const n = values.length;
  if (n === 0) throw new RangeError("quantiles of an empty sample");
  for (const q of qs) if (!(q >= 0 && q <= 1)) throw new RangeError(`invalid quantile: ${q}`);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) return qs.map(() => min);

  const BINS = binsFor(n);
  const scale = BINS / (max - min);
  // A spread so small that the bin width underflows (denormals): select on a copy instead.
  if (!Number.isFinite(scale)) return bySelection(Float64Array.from(values), qs);
  // Hot loops: the bin is computed inline from constants (a closure over `let min` runs several times slower).
  const lo = min;
  const top = BINS - 1;
  const counts = new Uint32Array(BINS);
  for (let i = 0; i < n; i++) counts[Math.min(((values[i]! - lo) * scale) | 0, top)]! += 1;

  // The order statistics wanted (k and k + 1 for each q), and the bin and in-bin rank of each.
  const ranks = [
    ...new Set(qs.flatMap((q) => [Math.floor((n - 1) * q), Math.min(n - 1, Math.floor((n - 1) * q) + 1)])),
  ];
  const located = new Map<number, { bin: number; within: number }>();
  const sortedRanks = [...ranks].sort((a, b) => a - b);
  let bin = 0;
  let before = 0;
  for (const k of sortedRanks) {
    while (before + counts[bin]! <= k) before += counts[bin++]!;
    located.set(k, { bin, within: k - before });
  }
  // Only the bins holding a wanted rank are copied out: a slot per bin, -1 for the others.
  const slotOf = new Int32Array(BINS).fill(-1);
  const wanted: Float64Array[] = [];
  const filled: number[] = [];
  for (const { bin: b } of located.values()) {
    if (slotOf[b] !== -1) continue;
    slotOf[b] = wanted.length;
    wanted.push(new Float64Array(counts[b]!));
    filled.push(0);
  }
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    const slot = slotOf[Math.min(((v - lo) * scale) | 0, top)]!;
    if (slot !== -1) wanted[slot]![filled[slot]!++] = v;
  }
  const orderStatistic = (k: number): number => {
    const { bin: b, within } = located.get(k)!;
    const inBin = wanted[slotOf[b]!]!;
    select(inBin, within, 0, inBin.length - 1);
    return inBin[within]!;
  };
  return qs.map((q) => {
    const h = (n - 1) * q;
    const k = Math.floor(h);
    const low = orderStatistic(k);
    return h === k ? low : low + (h - k) * (orderStatistic(k + 1) - low);
  });
}

/** The same quantiles by selection alone, on a copy the caller no longer needs. */
function bySelection(values: Float64Array, qs: ReadonlyArray<number>): number[] {
  const n = values.length;
  const at = (k: number) => {
    select(values, k, 0, n - 1);
    return values[k]!;
  };
  return qs.map((q) => {
    const h = (n - 1) * q;
    const k = Math.floor(h);
    const low = at(k);
    return h === k ? low : low + (h - k) * (at(k + 1) - low);
  });
}
