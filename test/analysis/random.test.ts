import { describe, expect, it } from "vitest";
import { draw, makeSampler, Rng } from "../../src/analysis/random.js";
import { mean, sd } from "../../src/analysis/stats.js";

const ANY = { min: -Infinity, max: Infinity, kind: "any" } as const;
const draws = (n: number, f: () => number) => Float64Array.from({ length: n }, f);

describe("Rng (xoshiro128** seeded by splitmix32)", () => {
  it("repeats the same stream for the same seed and differs for another", () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xs = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(xs);
  });

  it("draws uniforms strictly inside (0, 1) with mean 1/2 and variance 1/12", () => {
    const r = new Rng(7);
    const u = draws(100_000, () => r.uniform());
    expect(Math.min(...u)).toBeGreaterThan(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(mean(u)).toBeCloseTo(0.5, 2);
    expect(sd(u) ** 2).toBeCloseTo(1 / 12, 3);
  });

  it("draws standard normals with mean 0 and sd 1", () => {
    const r = new Rng(8);
    const z = draws(100_000, () => r.normal());
    expect(Math.abs(mean(z))).toBeLessThan(0.02);
    expect(sd(z)).toBeCloseTo(1, 1);
  });
});

describe("samplers", () => {
  const n = 100_000;
  it("uniform: mean (a+b)/2, inside [a, b]", () => {
    const r = new Rng(1);
    const s = makeSampler("uniform", 2, 6, 4, ANY);
    const x = draws(n, () => draw(s, r));
    expect(mean(x)).toBeCloseTo(4, 1);
    expect(Math.min(...x)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...x)).toBeLessThanOrEqual(6);
  });

  it("triangular: mean (a+b+c)/3 for a skewed mode", () => {
    const r = new Rng(2);
    const s = makeSampler("triangular", 0, 10, 2, ANY);
    const x = draws(n, () => draw(s, r));
    expect(mean(x)).toBeCloseTo(4, 1);
    expect(Math.min(...x)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...x)).toBeLessThanOrEqual(10);
  });

  it("PERT: mean (a+4m+b)/6", () => {
    const r = new Rng(3);
    const s = makeSampler("pert", 0, 12, 3, ANY);
    const x = draws(n, () => draw(s, r));
    expect(mean(x)).toBeCloseTo(4, 1);
    expect(Math.min(...x)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...x)).toBeLessThanOrEqual(12);
  });

  it("normal: low..high is the 90% interval by default", () => {
    const r = new Rng(4);
    const s = makeSampler("normal", 80, 120, 100, ANY);
    const x = draws(n, () => draw(s, r));
    const inside = x.filter((v) => v >= 80 && v <= 120).length / n;
    expect(mean(x)).toBeCloseTo(100, 0);
    expect(inside).toBeCloseTo(0.9, 2);
  });

  it("lognormal: low..high is the 90% interval, median their geometric mean", () => {
    const r = new Rng(5);
    const s = makeSampler("lognormal", 50, 200, 100, ANY);
    const x = draws(n, () => draw(s, r)).sort();
    expect(x[Math.floor(n / 2)]!).toBeCloseTo(100, -1);
    expect(x[Math.floor(n * 0.05)]!).toBeCloseTo(50, -1);
    expect(x[Math.floor(n * 0.95)]!).toBeCloseTo(200, -1);
  });

  it("truncates unbounded shapes to the number's domain (a share never leaves 0..100%)", () => {
    const r = new Rng(6);
    const s = makeSampler("normal", 0.8, 1, 0.95, { min: 0, max: 1, kind: "share" }, { sd: 0.2 });
    const x = draws(n, () => draw(s, r));
    expect(Math.max(...x)).toBeLessThanOrEqual(1);
    expect(Math.min(...x)).toBeGreaterThanOrEqual(0);
  });
});
