/** A hand-made equal-area tile grid of the 31 provincial-level divisions: [column, row], no geographic data. */
export const TILES: Readonly<Record<string, readonly [number, number]>> = {
  "CN-HL": [7, 0],
  "CN-NM": [4, 1],
  "CN-BJ": [5, 1],
  "CN-TJ": [6, 1],
  "CN-JL": [7, 1],
  "CN-XJ": [0, 2],
  "CN-NX": [3, 2],
  "CN-SX": [4, 2],
  "CN-HE": [5, 2],
  "CN-LN": [6, 2],
  "CN-QH": [1, 3],
  "CN-GS": [2, 3],
  "CN-SN": [3, 3],
  "CN-HA": [4, 3],
  "CN-SD": [5, 3],
  "CN-XZ": [0, 4],
  "CN-SC": [2, 4],
  "CN-CQ": [3, 4],
  "CN-HB": [4, 4],
  "CN-AH": [5, 4],
  "CN-JS": [6, 4],
  "CN-GZ": [2, 5],
  "CN-HN": [3, 5],
  "CN-JX": [4, 5],
  "CN-ZJ": [5, 5],
  "CN-SH": [6, 5],
  "CN-YN": [2, 6],
  "CN-GX": [3, 6],
  "CN-GD": [4, 6],
  "CN-FJ": [5, 6],
  "CN-HI": [3, 7],
};

/** Colour classes by placements per million per year (upper bounds); text colours meet WCAG AA on each. */
export const BINS = [2, 5, 10, 15, 20, Number.POSITIVE_INFINITY] as const;
export const binOf = (rate: number) => BINS.findIndex((upper) => rate < upper);
