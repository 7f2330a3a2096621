// Numbers in reports are written without Intl where that gives the same text (src/render/format.ts
// plainNumber): compared here with Intl.NumberFormat itself on edge cases and many seeded random numbers,
// for both report languages and every digit range the renderers use.
import { describe, expect, it } from "vitest";
import { formatter, plainNumber } from "../../src/render/format.js";
import { rng } from "../fuzz/mutate.js";

const LOCALES = [
  ["nl-NL", ".", ","],
  ["en-GB", ",", "."],
  ["en-US", ",", "."],
] as const;

const made = new Map<string, Intl.NumberFormat>();
const intl = (tag: string, v: number, min: number, max: number) => {
  const key = `${tag}/${min}/${max}`;
  let f = made.get(key);
  if (!f) made.set(key, (f = new Intl.NumberFormat(tag, { minimumFractionDigits: min, maximumFractionDigits: max, useGrouping: true })));
  return f.format(v);
};

describe("plainNumber", () => {
  it("writes what Intl.NumberFormat writes, on the edges of rounding and grouping", () => {
    // Halves that binary cannot hold exactly (275.585 is 275.58499...): Intl rounds the shortest decimal.
    const edges = [0, 0.5, 1.5, 2.5, -2.5, 0.125, 1.005, 275.585, 999.995, 9.995, 99.5, -0.4, -0.001, 0.045, 4.35, 1.45, 2.675, 1234, 12345.678, -1234567.891, 1e20, 123456789012345680000, 9007199254740993, 0.1 + 0.2];
    for (const v of edges) {
      for (const [tag, group, decimal] of LOCALES) {
        for (let max = 0; max <= 4; max++) {
          for (let min = 0; min <= max; min++) {
            const got = plainNumber(v, min, max, group, decimal);
            expect(got, `${v} ${tag} ${min}-${max}`).toBe(intl(tag, v, min, max));
          }
        }
      }
    }
  });

  it("writes what Intl.NumberFormat writes, on 60,000 seeded random numbers", () => {
    const r = rng(20261124);
    let compared = 0;
    for (let k = 0; k < 20_000; k++) {
      const pick = r();
      const v =
        pick < 0.4 ? (Math.round(r() * 1e6) / 1000) * (r() < 0.2 ? -1 : 1) : pick < 0.7 ? (r() - 0.5) * 10 ** Math.floor(r() * 16 - 4) : Math.round(r() * 1e5) / 100 + 0.005;
      const max = Math.floor(r() * 5);
      const min = Math.floor(r() * (max + 1));
      for (const [tag, group, decimal] of LOCALES) {
        const got = plainNumber(v, min, max, group, decimal);
        if (got === undefined) continue; // left to Intl (exponent notation)
        expect(got, `${v} ${tag} ${min}-${max}`).toBe(intl(tag, v, min, max));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(55_000);
  });

  it("leaves what it does not write to Intl, and the formatter still writes it", () => {
    for (const v of [Infinity, -Infinity, NaN, 1e21, 1e-7]) expect(plainNumber(v, 0, 2, ".", ",")).toBeUndefined();
    expect(formatter("nl").number(1e-7, 2)).toBe(intl("nl-NL", 1e-7, 0, 2));
    expect(formatter("en").money(1e21)).toBe(`€ ${intl("en-GB", 1e21, 0, 0)}`);
    expect(formatter("nl").money(-1234567.4)).toBe("-€ 1.234.567");
  });
});
