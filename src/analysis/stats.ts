// Summary statistics over typed arrays of draws. Percentiles interpolate linearly between order
// statistics (Hyndman and Fan type 7, the default of R and numpy), on one sorted copy.

export interface Summary {
  mean: number;
  p5: number;
  p50: number;
  p95: number;
}

export function mean(xs: Float64Array): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return xs.length > 0 ? s / xs.length : NaN;
}

/** The q-quantile (0..1) of values already sorted ascending. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Mean, median, P5 and P95; `scratch` (same length) avoids an allocation per summary. */
export function summarize(xs: Float64Array, scratch?: Float64Array): Summary {
  const sorted = scratch && scratch.length === xs.length ? scratch : new Float64Array(xs.length);
  sorted.set(xs);
  sorted.sort(); // typed arrays sort numerically
  return { mean: mean(xs), p5: quantileSorted(sorted, 0.05), p50: quantileSorted(sorted, 0.5), p95: quantileSorted(sorted, 0.95) };
}

/** The share of values strictly above a threshold. */
export function shareAbove(xs: Float64Array, threshold: number): number {
  let k = 0;
  for (let i = 0; i < xs.length; i++) if (xs[i]! > threshold) k++;
  return xs.length > 0 ? k / xs.length : NaN;
}

/** Sample standard deviation. */
export function sd(xs: Float64Array): number {
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i]! - m) ** 2;
  return xs.length > 1 ? Math.sqrt(s / (xs.length - 1)) : NaN;
}
