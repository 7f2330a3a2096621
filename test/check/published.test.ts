import { describe, expect, it } from "vitest";
import { matchFigure, parsePrinted, PrintedParseError, readPrinted } from "../../src/check/published.js";

describe("parsePrinted", () => {
  it.each([
    ["6,2", 6.2, 0.1],
    ["9.348", 9348, 1],
    ["220.766", 220766, 1],
    ["€ 1.529.200", 1529200, 1],
    ["1.206.000", 1206000, 1],
    ["0,75", 0.75, 0.01],
    ["1.96", 1.96, 0.01],
    ["1.64", 1.64, 0.01],
    ["0.750", 0.75, 0.001],
    ["1.2345", 1.2345, 0.0001],
    ["1.529.200,50", 1529200.5, 0.01],
    ["1,529,200.50", 1529200.5, 0.01],
    ["1,529,200", 1529200, 1],
    ["€734K", 734000, 1000],
    ["€2,9M", 2900000, 100000],
    ["€2.1M", 2100000, 100000],
    ["€22.1K", 22100, 100],
    ["€ 13110k", 13110000, 1000],
    ["2,9 mln", 2900000, 100000],
    ["€ 2,9 miljoen", 2900000, 100000],
    ["1,5 mld", 1500000000, 100000000],
    ["3 miljard euro", 3000000000, 1000000000],
    ["€ 41.364,-", 41364, 1],
    ["41.364 EUR", 41364, 1],
    ["euro 12", 12, 1],
    ["12-", 12, 1],
    ["+5", 5, 1],
    ["€\u00a0734K", 734000, 1000],
    ["-10,0%", -0.1, 0.001],
    ["50%", 0.5, 0.01],
    ["12,5 %", 0.125, 0.001],
  ])("%s -> %d (step %d)", (text, value, step) => {
    const printed = parsePrinted(text);
    expect(printed.value).toBe(value);
    expect(printed.step).toBe(step);
    expect(printed.bound).toBeUndefined();
    expect(printed.text).toBe(text);
  });

  it.each(["-€ 14.668", "€ -14.668", "- € 14.668", "−14.668", "–14.668"])(
    "reads %s as negative",
    (text) => {
      expect(parsePrinted(text)).toMatchObject({ value: -14668, step: 1 });
    },
  );

  it.each([
    ["ruim 12", "at_least", 12],
    ["meer dan 12", "at_least", 12],
    ["minimaal 6", "at_least", 6],
    ["ten minste 6,7", "at_least", 6.7],
    ["tenminste 6,7", "at_least", 6.7],
    ["Minstens € 5", "at_least", 5],
    ["bijna 47.000", "at_most", 47000],
    ["hooguit 5", "at_most", 5],
    ["maximaal 3", "at_most", 3],
    ["minder dan 3", "at_most", 3],
  ])("%s sets bound %s", (text, bound, value) => {
    expect(parsePrinted(text)).toMatchObject({ bound, value });
  });

  it.each(["ongeveer 12", "circa 12", "ca. 12", "zo'n 12", "zo’n 12", "Circa €12"])(
    "ignores the approximation word in %s",
    (text) => {
      const printed = parsePrinted(text);
      expect(printed).toMatchObject({ value: 12, step: 1 });
      expect(printed.bound).toBeUndefined();
    },
  );

  it.each([
    ["", /empty/],
    ["   ", /empty/],
    ["abc", /"abc".*no number/],
    ["4,1 ±25%", /band/],
    ["12 mensen", /"12 mensen".*unexpected "mensen"/],
    ["1.2.3", /not a number/],
    ["--5", /more than one sign/],
    ["ruim bijna 5", /more than one bound/],
    ["5K%", /unexpected/],
    ["12 kg", /unexpected/],
  ])("rejects %j", (text, message) => {
    expect(() => parsePrinted(text)).toThrow(PrintedParseError);
    expect(() => parsePrinted(text)).toThrow(message);
  });
});

describe("matchFigure", () => {
  const six2 = parsePrinted("6,2");

  it("accepts both edges of the rounding interval", () => {
    expect(matchFigure(6.15, six2).ok).toBe(true);
    expect(matchFigure(6.25, six2).ok).toBe(true);
    expect(matchFigure(6.2, six2)).toEqual({
      ok: true,
      difference: 0,
      allowed: 0.05,
      rule: "rounds to 6.2 (±0.05)",
    });
  });

  it("rejects values just outside the interval", () => {
    expect(matchFigure(6.1499, six2).ok).toBe(false);
    expect(matchFigure(6.2501, six2).ok).toBe(false);
    expect(matchFigure(6.2501, six2).difference).toBeCloseTo(0.0501, 10);
  });

  it("handles percentage edges", () => {
    const printed = parsePrinted("-10,0%");
    expect(matchFigure(-0.1005, printed).ok).toBe(true);
    expect(matchFigure(-0.0995, printed).ok).toBe(true);
    expect(matchFigure(-0.10051, printed).ok).toBe(false);
    expect(matchFigure(-0.09949, printed).ok).toBe(false);
    expect(matchFigure(-0.1, printed).rule).toBe("rounds to -0.100 (±0.0005)");
  });

  it("matches Eijsden residents PV €734K", () => {
    const result = matchFigure(734028, parsePrinted("€734K"));
    expect(result).toMatchObject({ ok: true, difference: 28, allowed: 500 });
    expect(result.rule).toBe("rounds to 734,000 (±500)");
  });

  it("needs a relative tolerance for € 13110k", () => {
    const printed = parsePrinted("€ 13110k");
    expect(matchFigure(13105183, printed).ok).toBe(false);
    const result = matchFigure(13105183, printed, { relative: 0.0005 });
    expect(result.ok).toBe(true);
    expect(result.allowed).toBeCloseTo(6555, 6);
    expect(result.rule).toBe("within 0.05% (±6,555)");
  });

  it("uses an absolute tolerance when it is the widest", () => {
    const result = matchFigure(6.5, six2, { absolute: 0.5 });
    expect(result).toMatchObject({ ok: true, allowed: 0.5, rule: "within ±0.5" });
  });

  it("never narrows below half a step", () => {
    const result = matchFigure(6.24, six2, { absolute: 0.01, relative: 0.0001 });
    expect(result).toMatchObject({ ok: true, allowed: 0.05, rule: "rounds to 6.2 (±0.05)" });
  });

  it("rejects negative tolerances", () => {
    expect(() => matchFigure(6.2, six2, { relative: -1 })).toThrow(RangeError);
  });

  it("judges lower bounds", () => {
    const printed = parsePrinted("ruim 12");
    expect(matchFigure(13.5, printed)).toMatchObject({ ok: true, allowed: 0, rule: "at least 12" });
    expect(matchFigure(12, printed).ok).toBe(true);
    expect(matchFigure(11.9, printed).ok).toBe(false);
  });

  it("judges upper bounds", () => {
    const printed = parsePrinted("bijna 47.000");
    expect(matchFigure(46880, printed)).toMatchObject({ ok: true, rule: "at most 47,000" });
    expect(matchFigure(47001, printed).ok).toBe(false);
  });

  it("matches ratios printed in English notation", () => {
    expect(matchFigure(81145 / 41364, parsePrinted("1.96")).ok).toBe(true);
    expect(matchFigure(759975 / 462000, parsePrinted("1.64")).ok).toBe(true); // SamenOud
  });

  it("matches Dutch thousands", () => {
    expect(matchFigure(9348.36, parsePrinted("9.348")).ok).toBe(true);
    expect(matchFigure(9348.6, parsePrinted("9.348")).ok).toBe(false);
  });

  it("matches scaled figures and negatives", () => {
    expect(matchFigure(2_949_999, parsePrinted("€2,9M")).ok).toBe(true);
    expect(matchFigure(2_950_001, parsePrinted("€2,9M")).ok).toBe(false);
    expect(matchFigure(-14668.4, parsePrinted("-€ 14.668")).ok).toBe(true);
  });

  it("does not match non-finite values", () => {
    expect(matchFigure(Number.NaN, six2).ok).toBe(false);
  });
});

describe("zero printed as a dash", () => {
  it('reads "€ -" and "-€" as zero (spreadsheet accounting format)', () => {
    for (const text of ["€ -", "-€", "€ –", "- €"]) {
      const p = parsePrinted(text);
      expect([p.value, p.step]).toEqual([0, 1]);
    }
    expect(matchFigure(0.4, parsePrinted("€ -")).ok).toBe(true);
    expect(matchFigure(1, parsePrinted("€ -")).ok).toBe(false);
  });

  it("still refuses a dash without a currency mark or with words", () => {
    expect(() => parsePrinted("-")).toThrow(PrintedParseError);
    expect(() => parsePrinted("ruim €")).toThrow(PrintedParseError);
  });
});

describe("readPrinted: one reader for checks and fixtures", () => {
  it("takes a YAML number as that number, with the step of its last digit", () => {
    expect(readPrinted(6.627)).toMatchObject({ value: 6.627, step: 0.001 });
    expect(readPrinted(6.2)).toMatchObject({ value: 6.2, step: 0.1 });
    expect(readPrinted(9348)).toMatchObject({ value: 9348, step: 1 });
    expect(readPrinted(-0.25)).toMatchObject({ value: -0.25, step: 0.01 });
    expect(() => readPrinted(Number.NaN)).toThrow(PrintedParseError);
  });

  it("reads text in the model's locale", () => {
    expect(readPrinted("6.627", "nl")).toMatchObject({ value: 6627, step: 1 });
    expect(readPrinted("6.627", "en")).toMatchObject({ value: 6.627, step: 0.001 });
    expect(readPrinted("300,000", "en")).toMatchObject({ value: 300000, step: 1 });
    expect(readPrinted("1,529,200.50", "en")).toMatchObject({ value: 1529200.5, step: 0.01 });
    expect(readPrinted("6,2", "nl")).toMatchObject({ value: 6.2 });
  });

  it("understands dollar marks and the suffixes of English reports", () => {
    expect(readPrinted("$21.85m", "en")).toMatchObject({ value: 21850000, step: 10000 });
    expect(readPrinted("US$ 3.3bn", "en")).toMatchObject({ value: 3300000000 });
    expect(readPrinted("USD 1,250", "en")).toMatchObject({ value: 1250 });
    expect(readPrinted("EUR 3,3 mld")).toMatchObject({ value: 3300000000 });
  });
});
