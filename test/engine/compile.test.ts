// The compiled evaluator: the same numbers as the full report, addressable numbers, overrides by slot.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/engine/compile.js";
import { runModel } from "../../src/engine/engine.js";
import type { Evaluation } from "../../src/engine/evaluator.js";
import { loadModel, loadModelText } from "../../src/load/load.js";
import type { NModel } from "../../src/engine/model.js";

const models = readdirSync("models").filter((f) => f.endsWith(".yaml"));

function load(file: string): NModel {
  const l = loadModel(file);
  if (!l.model) throw new Error(JSON.stringify(l.problems));
  return l.model;
}

function loadText(text: string): NModel {
  const l = loadModelText("test.yaml", text);
  if (!l.model) throw new Error(JSON.stringify(l.problems));
  return l.model;
}

const ok = (e: ReturnType<ReturnType<typeof compile>["evaluate"]>): Evaluation => {
  if (!e.ok) throw new Error(e.message);
  return e;
};

describe("compile and evaluate", () => {
  it.each(models)("%s: evaluate gives the report's totals, stakeholders and ratios in every scenario", (file) => {
    const model = load(`models/${file}`);
    const c = compile(model);
    const report = runModel(model, { compiled: c });
    report.scenarios.forEach((s, k) => {
      const e = ok(c.evaluate(k));
      expect(e.inputs).toBeCloseTo(s.totals.inputs, 6);
      expect(e.benefits).toBeCloseTo(s.totals.benefits, 6);
      expect(e.financialBenefits).toBeCloseTo(s.totals.financial_benefits, 6);
      if (s.ratio === null) expect(e.ratio).toBeNaN();
      else expect(e.ratio).toBeCloseTo(s.ratio, 9);
      s.stakeholders.forEach((st, i) => {
        expect(e.stakeholderInputs[i]).toBeCloseTo(st.inputs, 6);
        expect(e.stakeholderBenefits[i]).toBeCloseTo(st.benefits, 6);
      });
      s.ratios.forEach((r, i) => (r.ratio === null ? expect(e.ratios[i]).toBeNaN() : expect(e.ratios[i]).toBeCloseTo(r.ratio, 9)));
    });
  });

  it("names every stated number: parameters by name, the rest by path with ids", () => {
    const c = compile(load("models/eijsden.yaml"));
    const names = c.numbers.map((n) => n.name);
    for (const n of [
      "hourly_rate",
      "annual_cost",
      "zvw_per_inhabitant",
      "price.qaly",
      "time.discount.rate",
      "inputs.krachtenbinder.amount",
      "inputs.krachtenbinder.indexation",
      "outcomes.health_gain.impact_claim",
      "activities.wijkpoli.participants",
      "counterfactual.participants.reduced",
      "scenarios.current.participants.reduced",
      "scenarios.fulltime.participants.new_reach",
    ]) {
      expect(names).toContain(n);
    }
    const info = (n: string) => c.numbers[c.slot(n)!]!;
    expect(info("hourly_rate")).toMatchObject({ kind: "parameter", literal: true, path: ["parameters", "hourly_rate", "value"] });
    expect(info("annual_cost").literal).toBe(false);
    expect(info("zvw_per_inhabitant").kind).toBe("baseline");
    expect(info("outcomes.health_gain.impact_claim").domain).toMatchObject({ kind: "share", min: 0, max: 1 });
    expect(info("scenarios.current.participants.reduced").domain.kind).toBe("count");
    // fulltime_austerlitz inherits fulltime's participants: the number is written once, in fulltime.
    expect(info("scenarios.fulltime.participants.reduced").scenarios).toEqual(["fulltime", "fulltime_austerlitz"]);
    expect(c.slot("no_such_number")).toBeUndefined();
    // A parameter written as a percentage is a share; one counted in people is a count.
    expect(info("social_domain_saving").domain.kind).toBe("share");
    expect(info("hourly_rate").domain.kind).toBe("any");
    const example = compile(load("models/examples/social_enterprise.yaml"));
    expect(example.numbers[example.slot("trainees")!]!.domain).toMatchObject({ kind: "count", min: 0 });
    expect(example.ratios[example.headline]!.id).toBe("value_and_sales");
  });

  it("gives each number's base value per scenario", () => {
    const c = compile(load("models/eijsden.yaml"));
    const k = c.scenarios.findIndex((s) => s.id === "fulltime_austerlitz");
    expect(c.base(0, c.slot("annual_cost")!)).toBe(42000);
    expect(c.base(1, c.slot("annual_cost")!)).toBe(151200);
    expect(c.base(k, c.slot("annual_cost")!)).toBe(75000);
    expect(c.base(0, c.slot("scenarios.fulltime.participants.reduced")!)).toBeNaN(); // not in that scenario
  });

  it("an override of annual_cost turns fulltime into the Austerlitz variant (13,50), and derived numbers follow", () => {
    const c = compile(load("models/eijsden.yaml"));
    const ov = new Float64Array(c.numbers.length).fill(NaN);
    ov[c.slot("annual_cost")!] = 75000;
    const fulltime = c.scenarios.findIndex((s) => s.id === "fulltime");
    expect(Math.round(ok(c.evaluate(fulltime, ov)).ratio * 100) / 100).toBe(13.5);
    // hourly_rate feeds annual_cost: doubling it halves the ratio (inputs are the only cost).
    const base = ok(c.evaluate(0)).ratio;
    const ov2 = new Float64Array(c.numbers.length).fill(NaN);
    ov2[c.slot("hourly_rate")!] = 175;
    expect(ok(c.evaluate(0, ov2)).ratio).toBeCloseTo(base / 2, 9);
    // runModel takes the same overrides by name.
    const report = runModel(c.model, { overrides: { annual_cost: 75000 } });
    expect(report.scenarios[fulltime]!.ratio).toBeCloseTo(ok(c.evaluate(fulltime, ov)).ratio, 9);
  });

  it("writes into `out` and allocates nothing new when given one", () => {
    const c = compile(load("models/eijsden.yaml"));
    const out = ok(c.evaluate(0));
    const arrays = out.stakeholderBenefits;
    const again = ok(c.evaluate(1, undefined, out));
    expect(again).toBe(out);
    expect(again.stakeholderBenefits).toBe(arrays);
    expect(again.ratio).toBeCloseTo(ok(c.evaluate(1)).ratio, 12);
  });

  it("returns a failure for an impossible value instead of a number", () => {
    const c = compile(load("models/eijsden.yaml"));
    const set = (name: string, value: number) => {
      const ov = new Float64Array(c.numbers.length).fill(NaN);
      ov[c.slot(name)!] = value;
      return c.evaluate(0, ov);
    };
    expect(set("scenarios.current.participants.reduced", -5)).toMatchObject({ ok: false, path: ["scenarios", 0, "participants", "reduced"] });
    expect(set("outcomes.health_gain.impact_claim", 1.5)).toMatchObject({ ok: false, message: expect.stringContaining("share") });
    expect(set("hourly_rate", Number.NaN).ok).toBe(true); // NaN means "as the model says"
    expect(set("hourly_rate", Infinity).ok).toBe(false);
  });

  it("reports a division by zero and a scenario cycle as failures, not exceptions", () => {
    const m = loadText(`sroi: 1
meta: { title: T, source: { report: t } }
time: { period: 2026 }
parameters: { a: 1, b: 2 }
stakeholders: [ { id: s, name: S } ]
inputs: [ { id: c, name: C, stakeholder: s, amount: 100 / (a - 1) } ]
outcomes: [ { id: o, name: O, stakeholder: s, amount: b } ]
scenarios:
  - { id: x, name: X }
  - { id: y, name: Y, parameters: { a: b, b: a } }`);
    const c = compile(m);
    expect(c.evaluate(0)).toMatchObject({ ok: false, path: ["inputs", 0, "amount"], message: expect.stringContaining("division by zero") });
    expect(c.evaluate(1)).toMatchObject({ ok: false, message: expect.stringContaining("defined in terms of itself") });
  });

  it("discounts with an overridden rate and counts per-year numbers", () => {
    const m = loadText(`sroi: 1
meta: { title: T, source: { report: t } }
time: { period: 2026-2027, discount: 10% }
stakeholders: [ { id: s, name: S } ]
inputs: [ { id: c, name: C, stakeholder: s, amount: 100, years: 2026 } ]
outcomes: [ { id: o, name: O, stakeholder: s, amount: 110, drop_off: 0%, impact_claim: { deadweight: 50%, attribution: 0% } } ]
scenarios: [ { id: x, name: X } ]`);
    const c = compile(m);
    expect(ok(c.evaluate(0)).benefits).toBeCloseTo(55 + 50, 9);
    const ov = new Float64Array(c.numbers.length).fill(NaN);
    ov[c.slot("time.discount.rate")!] = 0;
    ov[c.slot("outcomes.o.deadweight")!] = 0;
    expect(ok(c.evaluate(0, ov)).benefits).toBeCloseTo(220, 9);
    expect(c.slot("outcomes.o.impact_claim")).toBeUndefined(); // built up: its parts are the numbers
  });
});

describe("runFile with overrides (the --set plumbing)", () => {
  it("runs with a value set by name, and names an unknown one with a did-you-mean", async () => {
    const { runFile } = await import("../../src/api.js");
    const { formatProblem } = await import("../../src/load/problems.js");
    const set = runFile("models/eijsden.yaml", undefined, { overrides: { annual_cost: 75000 } });
    expect(set.result!.scenarios.find((s) => s.id === "fulltime")!.ratio).toBeCloseTo(13.5, 2);
    const typo = runFile("models/eijsden.yaml", undefined, { overrides: { hourly_rat: 90 } });
    expect(typo.result).toBeUndefined();
    expect(typo.problems.map(formatProblem)).toEqual([
      'models/eijsden.yaml  set.hourly_rat  no number named "hourly_rat" in this model\n  hint: did you mean "hourly_rate"?',
    ]);
  });
});

describe("evaluate with overrides agrees with the full report", () => {
  it.each(["eijsden", "numansdorp", "lpbl_de_kop", "2diabeat_scale_up"])("%s: the same ratios for sets of overridden numbers", (name) => {
    const model = load(`models/${name}.yaml`);
    const c = compile(model);
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const literal = c.numbers.map((n, i) => ({ n, i })).filter(({ n }) => n.literal && n.domain.kind !== "years");
    for (let round = 0; round < 6; round++) {
      const ov = new Float64Array(c.numbers.length).fill(NaN);
      const byName: Record<string, number> = {};
      for (const { n, i } of literal) {
        if (rand() > 0.3) continue;
        const base = [...c.scenarios.keys()].map((k) => c.base(k, i)).find((x) => !Number.isNaN(x));
        if (base === undefined) continue;
        const value = n.domain.kind === "share" ? base * (0.5 + rand() / 2) : base * (0.8 + rand() * 0.4);
        ov[i] = value;
        byName[n.name] = value;
      }
      const report = runModel(model, { compiled: c, overrides: byName });
      report.scenarios.forEach((s, k) => {
        const e = ok(c.evaluate(k, ov));
        if (s.ratio === null) expect(e.ratio).toBeNaN();
        else expect(e.ratio).toBeCloseTo(s.ratio, 9);
        expect(e.benefits).toBeCloseTo(s.totals.benefits, 4);
      });
      // And without overrides again: back to the base.
      report.scenarios.forEach((_, k) => expect(ok(c.evaluate(k)).ratio).toBe(ok(compile(model).evaluate(k)).ratio));
    }
  });
});
