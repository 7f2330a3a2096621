// The analyses on the report models: what-if, tornado, break-even, Monte Carlo, funding key.
import { describe, expect, it } from "vitest";
import { breakeven } from "../../src/analysis/breakeven.js";
import { AnalysisError, parseSets, parseSpread, uncertainties } from "../../src/analysis/inputs.js";
import { makeSampler } from "../../src/analysis/random.js";
import { sensitivity } from "../../src/analysis/sensitivity.js";
import { simulate } from "../../src/analysis/simulate.js";
import { split } from "../../src/analysis/split.js";
import type { Compiled } from "../../src/engine/evaluator.js";
import { compiledModel } from "./helpers.js";

const eijsden = compiledModel("eijsden");
const numansdorp = compiledModel("numansdorp");
const scenario = (c: Compiled, id: string) => c.scenarios.findIndex((s) => s.id === id);
const ratioOf = (c: Compiled, id: string, overrides?: Float64Array) => {
  const e = c.evaluate(scenario(c, id), overrides);
  if (!e.ok) throw new Error(e.message);
  return e.ratio;
};
const problemOf = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    if (err instanceof AnalysisError) return err.problem;
    throw err;
  }
  throw new Error("no AnalysisError");
};

describe("--set", () => {
  it("reproduces Eijsden's Austerlitz variant: fulltime at EUR 75.000 a year gives 13,50", () => {
    const { compiled: c } = eijsden;
    const set = parseSets(c, ["annual_cost=75000"]);
    expect(ratioOf(c, "fulltime", set).toFixed(2)).toBe("13.50");
    expect(ratioOf(c, "fulltime", set)).toBeCloseTo(ratioOf(c, "fulltime_austerlitz"), 10);
  });

  it("on Numansdorp: halving the health value's impact claim removes half the health benefits from the ratio", () => {
    const { compiled: c, none } = numansdorp;
    const base = c.evaluate(0, none);
    const set = c.evaluate(0, parseSets(c, ["outcomes.health_gain.impact_claim=25%"]));
    if (!base.ok || !set.ok) throw new Error("failed");
    const residents = c.stakeholders.findIndex((s) => s.id === "residents");
    expect(set.benefits).toBeCloseTo(base.benefits - base.stakeholderBenefits[residents]! / 2, 4);
  });

  it("reads shares as 20% or 0.2 and decimal commas", () => {
    const { compiled: c } = eijsden;
    const slot = c.slot("social_domain_saving")!;
    expect(parseSets(c, ["social_domain_saving=25%"])[slot]).toBeCloseTo(0.25, 12);
    expect(parseSets(c, ["social_domain_saving=0.25"])[slot]).toBe(0.25);
    expect(parseSets(c, ["hourly_rate=87,5"])[c.slot("hourly_rate")!]).toBe(87.5);
  });

  it("names an unknown number with a did-you-mean", () => {
    const p = problemOf(() => parseSets(eijsden.compiled, ["annual_cots=75000"]));
    expect(p).toMatchObject({ subject: "annual_cots", option: "--set", message: 'no number named "annual_cots" in this model', hint: 'did you mean "annual_cost"?' });
  });

  it("refuses a value of the wrong type, an impossible value, a missing '=' and a name set twice", () => {
    const c = eijsden.compiled;
    expect(problemOf(() => parseSets(c, ["hourly_rate=much"])).message).toBe('"much" is not a number');
    expect(problemOf(() => parseSets(c, ["scenarios.current.participants.reduced=-5"])).message).toBe("a count cannot be negative (got -5)");
    expect(problemOf(() => parseSets(c, ["outcomes.zvw_savings.impact_claim=120%"])).message).toBe("a share cannot exceed 100% (got 120%)");
    expect(problemOf(() => parseSets(c, ["hourly_rate"])).message).toBe("expected NAME=VALUE");
    expect(problemOf(() => parseSets(c, ["hourly_rate=1", "hourly_rate=2"])).message).toBe("set more than once");
  });
});

describe("--spread", () => {
  it("is a share above 0 and at most 100%", () => {
    expect(parseSpread("20%")).toBeCloseTo(0.2, 12);
    expect(parseSpread("0.1")).toBe(0.1);
    expect(problemOf(() => parseSpread("0%")).option).toBe("--spread");
    expect(problemOf(() => parseSpread("150%")).option).toBe("--spread");
  });

  it("varies literal numbers only, not formulas, and not numbers fixed with --set", () => {
    const { compiled: c } = eijsden;
    const names = uncertainties(c, 0, parseSets(c, ["hourly_rate=90"]), 0.2).map((u) => u.name);
    expect(names).toContain("hours_per_week");
    expect(names).not.toContain("annual_cost"); // hours_per_week * weeks_per_year * hourly_rate
    expect(names).not.toContain("hourly_rate");
  });

  it("keeps a share's range inside 0..100%", () => {
    const { compiled: c, none } = eijsden;
    const u = uncertainties(c, 0, none, 1).find((x) => x.name === "outcomes.health_gain.impact_claim")!;
    expect([u.low, u.high]).toEqual([0, 1]);
  });
});

describe("sensitivity (tornado)", () => {
  it("names Eijsden's drivers: the cost of the krachtenbinder, then the participants it keeps", () => {
    const { compiled: c, ref, none } = eijsden;
    const r = sensitivity(c, { model: ref, overrides: none, spread: 0.2, scenarios: ["current"] });
    const top = r.scenarios[0]!.parameters.map((p) => p.name);
    expect(top.slice(0, 3).sort()).toEqual(["hourly_rate", "hours_per_week", "weeks_per_year"]);
    expect(top.slice(3, 5)).toEqual(["scenarios.current.participants.reduced", "scenarios.current.participants.discontinued"]);
    const swings = r.scenarios[0]!.parameters.map((p) => p.swing);
    expect([...swings].sort((a, b) => b - a)).toEqual(swings);
    // The ratio is inversely proportional to the hourly rate: 87,50 -20% multiplies it by 1/0.8.
    const rate = r.scenarios[0]!.parameters.find((p) => p.name === "hourly_rate")!;
    expect(rate.ratio_low).toBeCloseTo(r.scenarios[0]!.base_ratio / 0.8, 10);
  });

  it("names Numansdorp's drivers: the participants reached, then the counterfactual", () => {
    const { compiled: c, ref, none } = numansdorp;
    const r = sensitivity(c, { model: ref, overrides: none, spread: 0.2 });
    expect(r.scenarios[0]!.parameters.slice(0, 3).map((p) => p.name)).toEqual([
      "scenarios.ambition.participants.activities",
      "counterfactual.participants.activities",
      "participants.unique_factor",
    ]);
  });

  it("says there is nothing to vary in a model without ranges and no --spread", () => {
    const { compiled: c, ref, none } = eijsden;
    expect(problemOf(() => sensitivity(c, { model: ref, overrides: none })).hint).toMatch(/--spread 20%/);
  });
});

describe("break-even", () => {
  it("of Eijsden's hourly rate is 87,50 x the ratio (the ratio is inversely proportional to it)", () => {
    const { compiled: c, ref, none } = eijsden;
    const r = breakeven(c, { model: ref, overrides: none, param: "hourly_rate" });
    for (const id of ["current", "fulltime"]) {
      const s = r.scenarios.find((x) => x.id === id)!;
      expect(s.value).toBeCloseTo(87.5 * ratioOf(c, id), 6);
    }
    expect(r.scenarios.find((x) => x.id === "current")!.value!.toFixed(2)).toBe("539.75");
    // The Austerlitz variant fixes the annual cost, so the hourly rate no longer moves its ratio.
    expect(r.scenarios.find((x) => x.id === "fulltime_austerlitz")).toMatchObject({ value: null, reason: "no-effect" });
  });

  it("for another target: the rate at which the ratio is 2 is 87,50 x ratio / 2", () => {
    const { compiled: c, ref, none } = eijsden;
    const r = breakeven(c, { model: ref, overrides: none, param: "hourly_rate", target: 2, scenarios: ["current"] });
    expect(r.scenarios[0]!.value).toBeCloseTo((87.5 * ratioOf(c, "current")) / 2, 6);
  });

  it("on Numansdorp: Alerimus' yearly contribution at which the ratio falls to 1 gives a ratio of 1", () => {
    const { compiled: c, ref, none } = numansdorp;
    const r = breakeven(c, { model: ref, overrides: none, param: "inputs.alerimus_care_budget.amount" });
    const v = r.scenarios[0]!.value!;
    expect(v).toBeGreaterThan(518000);
    expect(ratioOf(c, "ambition", parseSets(c, [`inputs.alerimus_care_budget.amount=${v}`]))).toBeCloseTo(1, 9);
  });

  it("says so when no allowed value reaches the target", () => {
    const { compiled: c, ref, none } = eijsden;
    // An impact claim of 100% doubles the health benefits at most: a ratio of 100 is out of reach.
    const r = breakeven(c, { model: ref, overrides: none, param: "outcomes.health_gain.impact_claim", target: 100, scenarios: ["current"] });
    expect(r.scenarios[0]).toMatchObject({ value: null, reason: "unreachable" });
  });

  it("refuses a number that does not move the ratio", () => {
    const { compiled: c, ref, none } = eijsden;
    const p = problemOf(() => breakeven(c, { model: ref, overrides: none, param: "inhabitants_eijsden" }));
    expect(p.message).toBe('"inhabitants_eijsden" does not move the ratio in any scenario, so no value of it breaks even');
    expect(problemOf(() => breakeven(c, { model: ref, overrides: none, param: "hourly_rte" })).hint).toBe('did you mean "hourly_rate"?');
  });
});

describe("simulate", () => {
  it("repeats exactly for the same seed, and differs for another", () => {
    const { compiled: c, ref, none } = eijsden;
    const o = { model: ref, overrides: none, spread: 0.2, iterations: 300, scenarios: ["current"] };
    const a = simulate(c, { ...o, seed: 11 });
    expect(simulate(c, { ...o, seed: 11 })).toEqual(a);
    expect(simulate(c, { ...o, seed: 12 }).scenarios[0]!.ratio.mean).not.toBe(a.scenarios[0]!.ratio.mean);
  });

  it("has its mean within sampling error of the deterministic ratio for symmetric draws on linear numbers", () => {
    // The impact claims multiply the benefits: the ratio is linear in each, so with symmetric
    // (triangular) draws its expectation is the ratio at the base values.
    for (const { compiled: c, ref, none } of [eijsden, numansdorp]) {
      const claims = c.numbers.flatMap((n, slot) => (n.name.endsWith(".impact_claim") ? [slot] : []));
      const declared: Compiled = {
        ...c,
        numbers: c.numbers.map((n, slot) =>
          claims.includes(slot) ? { ...n, uncertainty: { low: 0.3, high: 0.7, distribution: "triangular", origin: "declared" } } : n,
        ),
        slot: c.slot,
        base: c.base,
        evaluate: c.evaluate,
      };
      const n = 2000;
      const r = simulate(declared, { model: ref, overrides: none, iterations: n, seed: 3, scenarios: [c.scenarios[0]!.id] });
      const s = r.scenarios[0]!;
      const base = c.evaluate(0, none);
      if (!base.ok) throw new Error("failed");
      // Standard error from the spread of the draws: P5..P95 is about 3.29 standard deviations.
      const se = (s.ratio.p95 - s.ratio.p5) / 3.29 / Math.sqrt(n);
      expect(Math.abs(s.ratio.mean - base.ratio)).toBeLessThan(4 * se);
      expect(s.varied).toBe(claims.length);
      expect(s.p_above_1).toBe(1);
    }
  });

  it("uses PERT, normal, uniform and lognormal declarations and keeps the stakeholders' benefits", () => {
    const { compiled: c, ref, none } = eijsden;
    const at = (name: string) => c.slot(name)!;
    const dist = {
      [at("hourly_rate")]: { low: 70, high: 110, distribution: "pert", mode: 87.5, origin: "declared" },
      [at("outcomes.zvw_savings.impact_claim")]: { low: 0.4, high: 0.6, distribution: "normal", origin: "declared" },
      [at("social_domain_saving")]: { low: 0.1, high: 0.3, distribution: "uniform", origin: "declared" },
      [at("zvw_per_inhabitant")]: { low: 2500, high: 4000, distribution: "lognormal", origin: "declared" },
    } as const;
    const declared: Compiled = { ...c, numbers: c.numbers.map((n, slot) => (dist[slot] ? { ...n, uncertainty: dist[slot] } : n)), slot: c.slot, base: c.base, evaluate: c.evaluate };
    const r = simulate(declared, { model: ref, overrides: none, iterations: 200, seed: 1, target: 6, scenarios: ["current"] });
    const s = r.scenarios[0]!;
    expect(s.varied).toBe(3); // zvw_per_inhabitant is a baseline shown for comparison only: not drawn
    expect(s.stakeholders.map((x) => x.id)).toEqual(["residents", "municipality", "insurer", "care_office"]);
    expect(s.ratio.p5).toBeLessThan(s.ratio.p50);
    expect(s.ratio.p50).toBeLessThan(s.ratio.p95);
    expect(s.p_above_target).toBeGreaterThan(0);
    expect(s.p_above_target).toBeLessThan(1);
  });

  it("refuses inverted and impossible declared ranges at the number's place in the model", () => {
    const { compiled: c, ref, none } = eijsden;
    const slot = c.slot("scenarios.current.participants.reduced")!;
    const withRange = (u: object): Compiled => ({ ...c, numbers: c.numbers.map((n, i) => (i === slot ? { ...n, uncertainty: { distribution: "uniform", origin: "declared", ...u } as never } : n)), slot: c.slot, base: c.base, evaluate: c.evaluate });
    const o = { model: ref, overrides: none, iterations: 10, seed: 1 };
    const inverted = problemOf(() => simulate(withRange({ low: 400, high: 300 }), o));
    expect(inverted).toMatchObject({ path: c.numbers[slot]!.path, message: "the range is inverted: low 400 is above high 300" });
    expect(problemOf(() => simulate(withRange({ low: -10, high: 300 }), o)).message).toBe("the range's low end allows an impossible value: a count cannot be negative (got -10)");
    const share = c.slot("outcomes.health_gain.impact_claim")!;
    const over: Compiled = { ...c, numbers: c.numbers.map((n, i) => (i === share ? { ...n, uncertainty: { low: 0.4, high: 1.2, distribution: "uniform", origin: "declared" } } : n)), slot: c.slot, base: c.base, evaluate: c.evaluate };
    expect(problemOf(() => simulate(over, o)).message).toBe("the range's high end allows an impossible value: a share cannot exceed 100% (got 120%)");
  });

  it("refuses an iteration count or seed that is not a whole number", () => {
    const { compiled: c, ref, none } = eijsden;
    expect(problemOf(() => simulate(c, { model: ref, overrides: none, spread: 0.2, iterations: 0, seed: 1 })).option).toBe("--iterations");
    expect(problemOf(() => simulate(c, { model: ref, overrides: none, spread: 0.2, iterations: 10, seed: 1.5 })).option).toBe("--seed");
  });
});

describe("split (funding key)", () => {
  for (const m of [eijsden, numansdorp]) {
    it(`${m.ref.id}: the funders' shares add up to 100% under every key, and their inputs to the total`, () => {
      for (const key of ["proportional", "equal", "model"]) {
        const r = split(m.compiled, { model: m.ref, overrides: m.none, key });
        for (const s of r.scenarios) {
          expect(s.funders.reduce((t, f) => t + f.share, 0)).toBeCloseTo(1, 12);
          expect(s.funders.reduce((t, f) => t + f.inputs, 0)).toBeCloseTo(s.inputs, 6);
        }
      }
    });
  }

  it("proportional to financial benefits gives every funder the overall financial ratio", () => {
    const { compiled: c, ref, none } = eijsden;
    const r = split(c, { model: ref, overrides: none, scenarios: ["current"] });
    const s = r.scenarios[0]!;
    expect(s.funders.map((f) => f.id)).toEqual(["municipality", "insurer", "care_office"]);
    for (const f of s.funders) expect(f.ratio).toBeCloseTo(s.financial_benefits / s.inputs, 10);
  });

  it("as the model allocates: Eijsden's municipality and insurer pay half each", () => {
    const { compiled: c, ref, none } = eijsden;
    const s = split(c, { model: ref, overrides: none, key: "model", scenarios: ["current"] }).scenarios[0]!;
    expect(Object.fromEntries(s.funders.map((f) => [f.id, f.share]))).toEqual({ municipality: 0.5, insurer: 0.5, care_office: 0 });
  });

  it("refuses an unknown key", () => {
    const { compiled: c, ref, none } = eijsden;
    expect(problemOf(() => split(c, { model: ref, overrides: none, key: "fair" })).hint).toBe("keys: proportional, equal, model");
  });
});

describe("makeSampler for --spread", () => {
  it("is triangular around the base value", () => {
    const s = makeSampler("triangular", 8, 12, 10, { min: 0, max: Infinity, kind: "count" });
    expect(s.centre).toBe(10);
  });
});

describe("band: 25% is a range the analyses see (benefits.scale)", () => {
  const wijdemeren = compiledModel("2diabeat_wijdemeren");
  const { compiled: c, ref, none } = wijdemeren;

  it("declares benefits.scale, 1 as the model says, uniform over 0,75..1,25", () => {
    const info = c.numbers.find((n) => n.name === "benefits.scale")!;
    expect(info.uncertainty).toEqual({ low: 0.75, high: 1.25, distribution: "uniform", origin: "band" });
    expect(eijsden.compiled.numbers.some((n) => n.name === "benefits.scale")).toBe(false);
  });

  it("gives the printed band as the tornado's ends without --spread (report: 4,1 +-25%)", () => {
    const s = sensitivity(c, { model: ref, overrides: none }).scenarios[0]!;
    expect(s.parameters.map((p) => p.name)).toEqual(["benefits.scale"]);
    expect(Math.round(s.base_ratio! * 10) / 10).toBe(4.1);
    expect(s.parameters[0]!.ratio_low).toBeCloseTo(s.base_ratio! * 0.75, 10);
    expect(s.parameters[0]!.ratio_high).toBeCloseTo(s.base_ratio! * 1.25, 10);
  });

  it("simulates a P5-P95 of 90% of the band (uniform): 3,17 - 5,02 around 4,10", () => {
    const base = ratioOf(c, "update_2024");
    const r = simulate(c, { model: ref, overrides: none, iterations: 20000, seed: 1 }).scenarios[0]!.ratio;
    expect(Math.abs(r.p5 / base - 0.775)).toBeLessThan(0.01);
    expect(Math.abs(r.p95 / base - 1.225)).toBeLessThan(0.01);
  });

  it("--set benefits.scale moves every benefit", () => {
    const ov = parseSets(c, ["benefits.scale=1.1"]);
    expect(ratioOf(c, "update_2024", ov)).toBeCloseTo(ratioOf(c, "update_2024") * 1.1, 10);
  });
});

describe("--spread leaves whole years alone", () => {
  it("varies an outcome's value but not its duration (two editions example)", () => {
    const { compiled: c, ref, none } = compiledModel("examples/two_editions");
    const s = sensitivity(c, { model: ref, overrides: none, spread: 0.1 });
    const names = s.scenarios.flatMap((x) => x.parameters.map((p) => p.name));
    expect(names).toContain("saving_per_participant");
    expect(names.some((n) => n.endsWith(".duration"))).toBe(false);
    const r = simulate(c, { model: ref, overrides: none, spread: 0.1, iterations: 200, seed: 3 });
    expect(r.scenarios).toHaveLength(2);
  });
});
