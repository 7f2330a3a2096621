// The one matching rule, through checkFigures, at its edges: a printed figure holds for every value that
// rounds to it (both ends included), in Dutch notation, with K/M suffixes, with an explicit tolerance,
// and a figure recorded as not reproducible fails the check once it does reproduce.
import { describe, expect, it } from "vitest";
import { checkFigures } from "../../src/check/check.js";
import { fixtureSchemas, type PublishedFigureDoc } from "../../src/schema/fixture.js";
const { Fixture } = fixtureSchemas();

/** A one-figure fixture, validated like a fixture file (so a tolerance needs its reason). */
function one(published: string | number, extra: Partial<PublishedFigureDoc> = {}) {
  return Fixture.parse({ model: "models/x.yaml", report: "x", figures: [{ figure: "s.x", published, where: "test", ...extra }] });
}

function status(published: string, computed: number, extra: Partial<PublishedFigureDoc> = {}) {
  return checkFigures(one(published, extra), new Map([["s.x", computed]])).rows[0]!.status;
}

describe("checkFigures: printed precision", () => {
  it.each([
    // "6,2" holds for every value that rounds to 6,2: [6,15 ; 6,25], both edges included.
    ["6,2", 6.2, "ok"],
    ["6,2", 6.15, "ok"],
    ["6,2", 6.25, "ok"],
    ["6,2", 6.1499999, "mismatch"],
    ["6,2", 6.2500001, "mismatch"],
    // Dutch notation: "9.348" is nine thousand, "220.766" a whole number of euros.
    ["9.348", 9348.5, "ok"],
    ["9.348", 9347.5, "ok"],
    ["9.348", 9.348, "mismatch"],
    ["€ 220.766", 220765.8, "ok"],
    ["€ 220.766", 220766.51, "mismatch"],
    ["€ 41.364,-", 41364.4, "ok"],
    ["-€ 14.668", -14668.5, "ok"],
    ["-€ 14.668", 14668, "mismatch"],
    ["-10,0%", -0.1005, "ok"],
    ["-10,0%", -0.10051, "mismatch"],
    // English decimals, as a few reports print them.
    ["1.96", 1.962, "ok"],
    ["1.96", 1.9651, "mismatch"],
    // K and M scale the value and the printed step.
    ["€734K", 733500, "ok"],
    ["€734K", 734500, "ok"],
    ["€734K", 734501, "mismatch"],
    ["€2,9M", 2850000, "ok"],
    ["€2,9M", 2949999, "ok"],
    ["€2,9M", 2950001, "mismatch"],
    ["€ 13110k", 13110400, "ok"],
    ["€ 13110k", 13105688, "mismatch"],
    // Bounds: "ruim 12" holds from 12 up.
    ["ruim 12", 13.5, "ok"],
    ["ruim 12", 12, "ok"],
    ["ruim 12", 11.99, "mismatch"],
  ])("%s against %d: %s", (published, computed, expected) => {
    expect(status(published, computed)).toBe(expected);
  });
});

describe("checkFigures: explicit tolerance", () => {
  it("a relative tolerance widens the printed precision (and names the rule)", () => {
    // 0,05% of 13.110.000 is 6.555, wider than the printed half step of 500.
    const extra = { tolerance: "0.05%", reason: "the report carried more decimals" };
    expect(status("€ 13110k", 13105688, extra)).toBe("ok");
    expect(status("€ 13110k", 13110000 - 6555, extra)).toBe("ok");
    expect(status("€ 13110k", 13110000 - 6556, extra)).toBe("mismatch");
    const row = checkFigures(one("€ 13110k", extra), new Map([["s.x", 13105688]])).rows[0]!;
    expect(row.rule).toBe("within 0.05% (±6,555)");
    expect(row.reason).toBe("the report carried more decimals");
  });

  it("an absolute tolerance is in the figure's units; a narrower one never tightens the printed precision", () => {
    expect(status("€ 100", 110, { tolerance: 10, reason: "r" })).toBe("ok");
    expect(status("€ 100", 110.01, { tolerance: 10, reason: "r" })).toBe("mismatch");
    expect(status("6,2", 6.25, { tolerance: 0.001, reason: "r" })).toBe("ok");
  });

  it("a tolerance without a reason is not a valid fixture", () => {
    expect(() => one("6,2", { tolerance: "1%" })).toThrow(/a tolerance needs a reason/);
  });
});

describe("checkFigures: not reproducible and missing figures", () => {
  const nr = { status: "not_reproducible" as const, reason: "a printing slip" };

  it("a figure recorded as not reproducible is listed with its reason and does not fail", () => {
    const report = checkFigures(one("€ 3.344.000", nr), new Map([["s.x", 3334137]]));
    expect(report.rows[0]).toMatchObject({ status: "not_reproducible", reason: "a printing slip" });
    expect(report.ok).toBe(true);
    expect(report.counts.not_reproducible).toBe(1);
  });

  it("fails the check when it unexpectedly reproduces", () => {
    const report = checkFigures(one("€ 3.344.000", nr), new Map([["s.x", 3344000.4]]));
    expect(report.rows[0]!.status).toBe("unexpectedly_reproduces");
    expect(report.ok).toBe(false);
  });

  it("a published figure sroi does not compute is missing, and fails; unless it is recorded as not reproducible", () => {
    const missing = checkFigures(one("6,2"), new Map());
    expect(missing.rows[0]).toMatchObject({ status: "missing", computed: null, difference: null });
    expect(missing.ok).toBe(false);
    const without = Fixture.parse({ model: "m", report: "r", figures: [{ published: "12", where: "w", ...nr }] });
    expect(checkFigures(without, new Map()).rows[0]!.status).toBe("not_reproducible");
    expect(checkFigures(without, new Map()).ok).toBe(true);
  });

  it("counts every status and keeps the fixture's order", () => {
    const fx = Fixture.parse({
      model: "m",
      report: "r",
      figures: [
        { figure: "a", published: "6,2", where: "1" },
        { figure: "b", published: "6,2", where: "2" },
        { figure: "c", published: "1", where: "3", ...nr },
        { figure: "d", published: "1", where: "4" },
      ],
    });
    const report = checkFigures(fx, new Map([["a", 6.2], ["b", 7], ["c", 2]]));
    expect(report.rows.map((r) => r.status)).toEqual(["ok", "mismatch", "not_reproducible", "missing"]);
    expect(report.counts).toEqual({ ok: 1, mismatch: 1, not_reproducible: 1, unexpectedly_reproduces: 0, missing: 1 });
  });
});

describe("checkFigures: numbers and locales", () => {
  it("takes published: 6.627 as six point six two seven, not 6627", () => {
    expect(checkFigures(one(6.627), new Map([["s.x", 6.6274]])).rows[0]!.status).toBe("ok");
    expect(checkFigures(one(6.627), new Map([["s.x", 6627]])).rows[0]!.status).toBe("mismatch");
  });

  it("reads published text in the model's locale, which the fixture may override", () => {
    const fx = one("300,000");
    expect(checkFigures(fx, new Map([["s.x", 300]]), "nl").rows[0]!.status).toBe("ok");
    expect(checkFigures(fx, new Map([["s.x", 300000]]), "en").rows[0]!.status).toBe("ok");
    expect(checkFigures({ ...fx, locale: "en" }, new Map([["s.x", 300000]]), "nl").rows[0]!.status).toBe("ok");
  });
});

describe("check rows in the JSON", () => {
  it("keep their keys in the contract's order, the rule (made when read) between difference and status", () => {
    const fx = one("6,2");
    const row = checkFigures(fx, new Map([["s.x", 6.17]])).rows[0]!;
    expect(Object.keys(row)).toEqual(["figure", "where", "published", "published_value", "computed", "reason", "difference", "rule", "status"]);
    expect(JSON.parse(JSON.stringify(row)).rule).toBe(row.rule);
    expect(row.rule).toMatch(/^rounds to 6\.2/);
  });
});
