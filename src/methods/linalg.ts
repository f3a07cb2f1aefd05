/**
 * The little dense linear algebra the model needs (matrices of a few dozen rows): a Cholesky
 * factor, solves with it, its log-determinant, and standard normal draws. Written out so the
 * engine keeps no dependency and runs the same in the browser.
 */

/** A square symmetric matrix, row-major, n × n. */
export interface Matrix {
  readonly n: number;
  readonly a: Float64Array;
}

export const zeros = (n: number): Matrix => ({ n, a: new Float64Array(n * n) });

/**
 * The lower-triangular L with L Lᵀ = M. Throws when M is not positive definite (a model whose
 * prior leaves a direction unbounded), naming the row where it failed.
 */
export function cholesky(m: Matrix): Matrix {
  const { n, a } = m;
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]!;
    for (let k = 0; k < j; k++) d -= l[j * n + k]! ** 2;
    if (!(d > 0)) throw new RangeError(`matrix not positive definite at row ${j}`);
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = s / ljj;
    }
  }
  return { n, a: l };
}

/** log |M| from its Cholesky factor. */
export function logDet(l: Matrix): number {
  let s = 0;
  for (let i = 0; i < l.n; i++) s += Math.log(l.a[i * l.n + i]!);
  return 2 * s;
}

/** Solves L y = b (forward substitution). */
export function forward(l: Matrix, b: ArrayLike<number>): Float64Array {
  const { n, a } = l;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= a[i * n + k]! * y[k]!;
    y[i] = s / a[i * n + i]!;
  }
  return y;
}

/** Solves Lᵀ x = y (back substitution). */
export function backward(l: Matrix, y: ArrayLike<number>): Float64Array {
  const { n, a } = l;
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= a[k * n + i]! * x[k]!;
    x[i] = s / a[i * n + i]!;
  }
  return x;
}

/** Solves M x = b given M's Cholesky factor. */
export const cholSolve = (l: Matrix, b: ArrayLike<number>): Float64Array => backward(l, forward(l, b));

/** The diagonal of M⁻¹ given M's Cholesky factor (marginal variances from a precision). */
export function inverseDiagonal(l: Matrix): Float64Array {
  const { n } = l;
  const out = new Float64Array(n);
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    e.fill(0);
    e[i] = 1;
    // e_iᵀ M⁻¹ e_i = |L⁻¹ e_i|².
    const y = forward(l, e);
    let s = 0;
    for (let k = 0; k < n; k++) s += y[k]! ** 2;
    out[i] = s;
  }
  return out;
}

/** A standard normal generator from a uniform one (Box–Muller, both values used). */
export function normals(uniform: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    // 1 - u keeps the logarithm finite (u may be 0, never 1).
    const r = Math.sqrt(-2 * Math.log(1 - uniform()));
    const t = 2 * Math.PI * uniform();
    spare = r * Math.sin(t);
    return r * Math.cos(t);
  };
}
