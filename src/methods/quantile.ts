/** A sample of draws: 32-bit floats halve the memory traffic where their precision is enough. */
export type Sample = Float64Array | Float32Array;

/**
 * Quantiles of a large sample without sorting it: Floyd–Rivest selection moves the k-th smallest
 * value to index k in expected linear time (about twice as fast as plain quickselect, as it
 * samples to pick pivots close to the target). The array is reordered in place.
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

/** Smallest value in [from, to] (after a selection, the next order statistic). */
function minOf(values: Sample, from: number, to: number): number {
  let m = Number.POSITIVE_INFINITY;
  for (let i = from; i <= to; i++) if (values[i]! < m) m = values[i]!;
  return m;
}

/**
 * The quantiles `qs` (ascending, each in [0, 1]) of `values`, by linear interpolation between order
 * statistics (the usual "type 7" definition). Reorders `values`.
 */
export function quantiles(values: Sample, qs: ReadonlyArray<number>): number[] {
  const n = values.length;
  if (n === 0) throw new RangeError("quantiles of an empty sample");
  let left = 0;
  return qs.map((q) => {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`invalid quantile: ${q}`);
    const h = (n - 1) * q;
    const k = Math.floor(h);
    // Earlier selections left everything before `left` no larger than what follows it.
    select(values, k, left, n - 1);
    left = k;
    const low = values[k]!;
    if (h === k) return low;
    return low + (h - k) * (minOf(values, k + 1, n - 1) - low);
  });
}
