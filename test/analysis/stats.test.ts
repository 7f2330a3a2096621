import { describe, expect, it } from "vitest";
import { quantileSorted, shareAbove, summarize } from "../../src/analysis/stats.js";

describe("stats", () => {
  it("interpolates percentiles between order statistics (type 7)", () => {
    const xs = Float64Array.from([5, 1, 4, 2, 3]);
    expect(summarize(xs)).toEqual({ mean: 3, p5: 1.2, p50: 3, p95: 4.8 });
    expect(quantileSorted(Float64Array.from([10]), 0.95)).toBe(10);
    expect(xs).toEqual(Float64Array.from([5, 1, 4, 2, 3])); // the draws keep their order
  });

  it("counts the share strictly above a threshold", () => {
    expect(shareAbove(Float64Array.from([0.5, 1, 1.5, 2]), 1)).toBe(0.5);
  });
});
