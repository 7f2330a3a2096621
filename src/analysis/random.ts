// Seeded random numbers and the samplers Monte Carlo draws from. xoshiro128** (Blackman and Vigna,
// 2018) seeded through splitmix32: small state, 32-bit integer arithmetic only (fast in V8), and the
// same stream on every platform for the same seed, so `--seed S` repeats a simulation exactly.
import type { DistributionKind, NumberDomain } from "../engine/evaluator.js";

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class Rng {
  // The state in a typed array: 32-bit words stay plain integers (object fields would box them).
  private readonly s = new Int32Array(4);
  /** A second standard normal from Box-Muller, kept for the next call. */
  private spare = NaN;

  constructor(seed: number) {
    // Seeds beyond 32 bits still count: the high part is folded in.
    const hi = Math.floor(seed / 4294967296) >>> 0;
    const next = splitmix32((seed >>> 0) ^ Math.imul(hi, 0x27d4eb2d));
    for (let i = 0; i < 4; i++) this.s[i] = next();
    if ((this.s[0]! | this.s[1]! | this.s[2]! | this.s[3]!) === 0) this.s[0] = 1; // the all-zero state is a fixed point
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const s = this.s;
    const s1 = s[1]!;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s[2] = s[2]! ^ s[0]!;
    s[3] = s[3]! ^ s1;
    s[1] = s1 ^ s[2]!;
    s[0] = s[0]! ^ s[3]!;
    s[2] = s[2]! ^ t;
    s[3] = rotl(s[3]!, 11);
    return result;
  }

  /** Uniform on the open interval (0, 1): never exactly 0 or 1, so logs and inverse CDFs stay finite. */
  uniform(): number {
    return (this.nextUint32() + 0.5) / 4294967296;
  }

  /** Standard normal (Box-Muller; the second value of each pair is used next time). */
  normal(): number {
    const s = this.spare;
    if (s === s) {
      this.spare = NaN;
      return s;
    }
    const r = Math.sqrt(-2 * Math.log(this.uniform()));
    const theta = 2 * Math.PI * this.uniform();
    this.spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /** Gamma(shape, 1) for shape >= 1 (Marsaglia and Tsang 2000); PERT needs shapes of at least 1. */
  gamma(shape: number): number {
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A distribution ready to draw from, its parameters resolved once (no objects per draw). */
export interface Sampler {
  kind: DistributionKind;
  low: number;
  high: number;
  /** triangular/PERT: the mode; normal: the mean; lognormal: mu of the log. */
  centre: number;
  /** normal: sd; lognormal: sigma of the log; PERT: alpha. */
  spread: number;
  /** PERT: beta. */
  shape: number;
  /** Truncation: the number's domain. */
  min: number;
  max: number;
}

/**
 * Resolves a distribution over [low, high] around `base`. Normal and lognormal read low..high as the
 * 90% interval unless `sd` is given (the contract's default, sd = (high - low) / 3.29).
 */
export function makeSampler(
  kind: DistributionKind,
  low: number,
  high: number,
  base: number,
  domain: NumberDomain,
  opts: { mode?: number; sd?: number } = {},
): Sampler {
  const s: Sampler = { kind, low, high, centre: opts.mode ?? base, spread: 0, shape: 0, min: domain.min, max: domain.max };
  if (kind === "pert") {
    const width = high - low;
    s.spread = width > 0 ? 1 + (4 * (s.centre - low)) / width : 1;
    s.shape = width > 0 ? 1 + (4 * (high - s.centre)) / width : 1;
  } else if (kind === "normal") {
    s.centre = opts.mode ?? base;
    s.spread = opts.sd ?? (high - low) / 3.29;
  } else if (kind === "lognormal") {
    if (opts.sd !== undefined) {
      // Moments given: the value has mean `base` and standard deviation `sd`.
      const m = opts.mode ?? base;
      const v = Math.log(1 + (opts.sd * opts.sd) / (m * m));
      s.spread = Math.sqrt(v);
      s.centre = Math.log(m) - v / 2;
    } else {
      s.centre = (Math.log(low) + Math.log(high)) / 2;
      s.spread = (Math.log(high) - Math.log(low)) / 3.29;
    }
  }
  return s;
}

/** One draw. Unbounded shapes are truncated to the domain by redrawing (then clamped, as a last resort). */
export function draw(s: Sampler, rng: Rng): number {
  switch (s.kind) {
    case "uniform":
      return s.low + (s.high - s.low) * rng.uniform();
    case "triangular": {
      const u = rng.uniform();
      const width = s.high - s.low;
      const split = width > 0 ? (s.centre - s.low) / width : 0.5;
      return u < split
        ? s.low + Math.sqrt(u * width * (s.centre - s.low))
        : s.high - Math.sqrt((1 - u) * width * (s.high - s.centre));
    }
    case "pert": {
      const x = rng.gamma(s.spread);
      const y = rng.gamma(s.shape);
      return s.low + ((s.high - s.low) * x) / (x + y);
    }
    case "normal":
    case "lognormal": {
      for (let tries = 0; tries < 64; tries++) {
        const z = s.centre + s.spread * rng.normal();
        const v = s.kind === "normal" ? z : Math.exp(z);
        if (v >= s.min && v <= s.max) return v;
      }
      const z = s.kind === "normal" ? s.centre : Math.exp(s.centre);
      return Math.min(s.max, Math.max(s.min, z));
    }
  }
}

const KIND_CODE: Record<DistributionKind, number> = { uniform: 0, triangular: 1, pert: 2, normal: 3, lognormal: 4 };

/**
 * Many samplers as parallel typed arrays, drawn straight into an overrides array: the hot loop of a
 * simulation touches no objects (one pass over numbers, one switch on a small integer per draw).
 */
export class SamplerPlan {
  readonly slots: Int32Array;
  private readonly kind: Int8Array;
  private readonly low: Float64Array;
  private readonly high: Float64Array;
  private readonly centre: Float64Array;
  private readonly spread: Float64Array;
  private readonly shape: Float64Array;
  private readonly split: Float64Array;
  private readonly fallback: Sampler[];

  constructor(items: readonly { slot: number; sampler: Sampler }[]) {
    const n = items.length;
    this.slots = Int32Array.from(items, (x) => x.slot);
    this.kind = Int8Array.from(items, (x) => KIND_CODE[x.sampler.kind]);
    this.low = Float64Array.from(items, (x) => x.sampler.low);
    this.high = Float64Array.from(items, (x) => x.sampler.high);
    this.centre = Float64Array.from(items, (x) => x.sampler.centre);
    this.spread = Float64Array.from(items, (x) => x.sampler.spread);
    this.shape = Float64Array.from(items, (x) => x.sampler.shape);
    this.split = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const w = this.high[i]! - this.low[i]!;
      this.split[i] = w > 0 ? (this.centre[i]! - this.low[i]!) / w : 0.5;
    }
    this.fallback = items.map((x) => x.sampler);
  }

  /** One draw of every number, written at its slot. Same values as `draw` on each sampler in turn. */
  drawInto(rng: Rng, into: Float64Array): void {
    const { slots, kind, low, high, centre, split } = this;
    for (let i = 0; i < slots.length; i++) {
      const k = kind[i]!;
      let v: number;
      if (k === 1) {
        const u = rng.uniform();
        const a = low[i]!;
        const b = high[i]!;
        const w = b - a;
        v = u < split[i]! ? a + Math.sqrt(u * w * (centre[i]! - a)) : b - Math.sqrt((1 - u) * w * (b - centre[i]!));
      } else if (k === 0) {
        v = low[i]! + (high[i]! - low[i]!) * rng.uniform();
      } else v = draw(this.fallback[i]!, rng);
      into[slots[i]!] = v;
    }
  }
}
