// Engine semantics on small in-memory models: time, discounting, valuation, allocation, ratios.
import { describe, expect, it } from "vitest";
import { runText, modelFigures } from "../../src/api.js";
import { discountFactor, payback } from "../../src/engine/engine.js";
import { formatProblem } from "../../src/load/problems.js";
import { warningMessage } from "../../src/render/messages.js";

/** A minimal model; `extra` is spliced in as more top-level YAML. */
function model(body: string): string {
  return `sroi: 1
meta: { title: Test, source: { report: test } }
${body}`;
}

function run(text: string) {
  const r = runText("test.yaml", text);
  if (!r.result) throw new Error(r.problems.map(formatProblem).join("\n"));
  return { result: r.result, fig: modelFigures(r.result) };
}

const oneYearValue = (extra = "", outcome = "") =>
  model(`time: { period: 2026, discount: 0 }
stakeholders: [ { id: a, name: A }, { id: b, name: B } ]
inputs: [ { id: cost, name: Cost, stakeholder: a, amount: 100 } ]
outcomes: [ { id: o, name: O, stakeholder: b, amount: 300${outcome} } ]
scenarios: [ { id: s, name: S } ]
${extra}`);

describe("discounting", () => {
  it("discounts from year 0 by default and from year 1 on request", () => {
    const steps = [{ fromYear: 0, rate: 0.035 }];
    expect(discountFactor(steps, 2026, 2026, "year0")).toBe(1);
    expect(discountFactor(steps, 2027, 2026, "year0")).toBeCloseTo(1 / 1.035, 12);
    expect(discountFactor(steps, 2026, 2026, "year1")).toBeCloseTo(1 / 1.035, 12);
    const annuity = [2026, 2027, 2028, 2029, 2030].reduce((s, y) => s + discountFactor(steps, y, 2026, "year0"), 0);
    expect(annuity).toBeCloseTo(4.673079, 6); // Eijsden's five-year factor
  });

  it("follows a stepwise schedule (HM Treasury: 3.5% to year 30, then 3.0%)", () => {
    const text = model(`time: { period: 2026-2070, discount: hm-treasury }
stakeholders: [ { id: a, name: A } ]
outcomes: [ { id: o, name: O, stakeholder: a, amount: 1000 } ]
scenarios: [ { id: s, name: S } ]`);
    const { result } = run(text);
    const df = result.scenarios[0]!.discount_factors.effects;
    expect(df[30]).toBeCloseTo(1 / 1.035 ** 30, 12);
    expect(df[31]).toBeCloseTo(1 / (1.035 ** 30 * 1.03), 12);
    expect(df[32]).toBeCloseTo(1 / (1.035 ** 30 * 1.03 ** 2), 12);
    expect(result.model.discount).toContain("HM Treasury");
  });

  it("discounts costs and effects at separate rates (Dutch 2024 guideline: 3% and 1.5%)", () => {
    const text = model(`time: { period: 2026-2027, discount: nl-health-2024 }
stakeholders: [ { id: a, name: A } ]
inputs: [ { id: c, name: C, stakeholder: a, amount: 1000 } ]
outcomes: [ { id: o, name: O, stakeholder: a, amount: 1000 } ]
scenarios: [ { id: s, name: S } ]`);
    const { fig } = run(text);
    expect(fig.get("s.inputs")).toBeCloseTo(1000 + 1000 / 1.03, 9);
    expect(fig.get("s.benefits")).toBeCloseTo(1000 + 1000 / 1.015, 9);
  });

  it("counts undiscounted inputs nominally when asked (Eijsden, Numansdorp)", () => {
    const text = model(`time: { period: 2026-2027, discount: { rate: 10%, inputs: false } }
stakeholders: [ { id: a, name: A } ]
inputs:
  - { id: c, name: C, stakeholder: a, amount: 1000 }
  - { id: d, name: D, stakeholder: a, amount: 1000, discounted: true }
outcomes: [ { id: o, name: O, stakeholder: a, amount: 1000 } ]
scenarios: [ { id: s, name: S } ]`);
    const { fig } = run(text);
    expect(fig.get("s.input.c")).toBe(2000);
    expect(fig.get("s.input.d")).toBeCloseTo(1000 + 1000 / 1.1, 9);
  });
});

describe("inputs", () => {
  it("indexes from the first year (Eijsden Tabel 2: 42.000 -> 43.050 -> ...)", () => {
    const text = model(`time: { period: 2026-2030 }
stakeholders: [ { id: a, name: A } ]
inputs: [ { id: c, name: C, stakeholder: a, amount: 42000, indexation: 2.5% } ]
outcomes: [ { id: o, name: O, stakeholder: a, amount: 1 } ]
scenarios: [ { id: s, name: S } ]`);
    const { fig } = run(text);
    expect(fig.get("s.input.c.year.2026")).toBe(42000);
    expect(fig.get("s.input.c.year.2027")).toBeCloseTo(43050, 9);
    expect(fig.get("s.input.c.year.2030")).toBeCloseTo(42000 * 1.025 ** 4, 9);
  });

  it("can index from a later year and take listed amounts per year", () => {
    const text = model(`time: { period: 2026-2028 }
stakeholders: [ { id: a, name: A } ]
inputs:
  - { id: c, name: C, stakeholder: a, amount: 100, indexation: { rate: 10%, from: 2027 } }
  - { id: d, name: D, stakeholder: a, per_year: { "2026": 5, "2028": 7 } }
outcomes: [ { id: o, name: O, stakeholder: a, amount: 1 } ]
scenarios: [ { id: s, name: S } ]`);
    const { fig } = run(text);
    expect([2026, 2027, 2028].map((y) => fig.get(`s.input.c.year.${y}`))).toEqual([100, 100, 110.00000000000001]);
    expect([2026, 2027, 2028].map((y) => fig.get(`s.input.d.year.${y}`))).toEqual([5, 0, 7]);
  });

  it("splits an input over stakeholders by its allocation", () => {
    const text = model(`time: { period: 2026 }
stakeholders: [ { id: a, name: A }, { id: b, name: B } ]
inputs: [ { id: c, name: C, allocation: { a: 25%, b: 0.75 }, amount: 400 } ]
outcomes: [ { id: o, name: O, stakeholder: a, amount: 1000 } ]
scenarios: [ { id: s, name: S } ]`);
    const { fig } = run(text);
    expect(fig.get("s.stakeholder.a.inputs")).toBe(100);
    expect(fig.get("s.stakeholder.b.inputs")).toBe(300);
    expect(fig.get("s.stakeholder.a.ratio")).toBe(10);
  });
});

describe("outcomes over time", () => {
  it("lasts `duration` years with drop-off after the first, beyond the activity period", () => {
    const { result, fig } = run(oneYearValue("", ", duration: 3, drop_off: 10%"));
    const s = result.scenarios[0]!;
    expect(s.years).toEqual([2026, 2027, 2028]);
    expect(s.outcomes[0]!.per_year).toEqual([300, 270, 243.00000000000003]);
    expect(fig.get("s.benefits")).toBeCloseTo(813, 9);
  });

  it("starts after the activity when `start` says so, and stops at the horizon", () => {
    const text = oneYearValue("", ", start: 1, duration: 3").replace("period: 2026,", "period: 2026, horizon: 2028,");
    const { result } = run(text);
    expect(result.scenarios[0]!.years).toEqual([2026, 2027, 2028]);
    expect(result.scenarios[0]!.outcomes[0]!.per_year).toEqual([0, 300, 300]);
  });

  it("multiplies the impact-claim factors (deadweight, attribution, displacement, leakage)", () => {
    const { fig } = run(oneYearValue("", ", impact_claim: { deadweight: 20%, attribution: 25%, displacement: 0, leakage: 10% }"));
    expect(fig.get("s.benefits")).toBeCloseTo(300 * 0.8 * 0.75 * 0.9, 9);
  });
});

describe("ratios", () => {
  it("gives the SROI ratio, net ratio, financial ratio, payback and band", () => {
    const text = model(`time: { period: 2026-2027 }
stakeholders: [ { id: a, name: A }, { id: b, name: B } ]
inputs: [ { id: c, name: C, stakeholder: a, amount: 100 } ]
outcomes:
  - { id: cash, name: Cash, stakeholder: b, amount: 150 }
  - { id: qol, name: QoL, stakeholder: b, amount: 50, kind: immaterial }
ratios: [ { id: b_vs_a, name: B against A, benefits_of: [b], inputs_of: [a] } ]
band: 25%
scenarios: [ { id: s, name: S } ]`);
    const { fig } = run(text);
    expect(fig.get("s.ratio")).toBe(2);
    expect(fig.get("s.net_ratio")).toBe(1);
    expect(fig.get("s.financial_ratio")).toBe(1.5);
    expect(fig.get("s.ratio.b_vs_a")).toBe(2);
    expect(fig.get("s.band.low")).toBe(1.5);
    expect(fig.get("s.band.high")).toBe(2.5);
    expect(fig.get("s.payback_years")).toBe(0.5); // 100 spent at the start, 200 a year coming in evenly
  });

  it("payback: years until the present value of benefits catches up with the inputs", () => {
    expect(payback([100, 0, 0], [40, 40, 40])).toBeCloseTo(2.5, 12);
    expect(payback([100, 100], [50, 50])).toBeNull();
    expect(payback([0, 0], [10, 10])).toBe(0);
  });

  it("has no ratio without inputs (scale-up models)", () => {
    const { result, fig } = run(oneYearValue().replace(/inputs: .*\n/, ""));
    expect(result.scenarios[0]!.ratio).toBeNull();
    expect(fig.has("s.ratio")).toBe(false);
    expect(fig.has("s.payback_years")).toBe(false);
    expect(fig.get("s.benefits")).toBe(300);
  });
});

describe("valuation", () => {
  const valuationModel = (outcome: string) =>
    model(`time: { period: 2026 }
parameters: { spending: 1000 }
stakeholders: [ { id: a, name: A } ]
activities:
  - { id: x, name: X, participants: 30, values: { d: 100 } }
  - { id: y, name: Y, participants: 10, values: { d: 500, e: 7 } }
  - { id: z, name: Z, participants: 60 }
participants:
  unique_factor: 70%
  groups: [ { id: g, name: G } ]
counterfactual: { name: Without, participants: { g: 100 } }
outcomes:
  - { id: o, name: O, stakeholder: a, domain: d, impact_claim: 50%, baseline: spending, effect: saving${outcome} }
scenarios:
  - { id: s, name: S, participants: { g: 300 } }
  - { id: t, name: T, extends: s, variant: true, participants: { g: 400 } }`);

  it("weighs over the activities that carry the domain and counts extra participants with the unique factor", () => {
    const { result, fig } = run(valuationModel(""));
    expect(fig.get("s.outcome.o.weighted")).toBe(200); // (30x100 + 10x500) / 40; Z carries no value
    expect(fig.get("s.extra_participants")).toBeCloseTo(140, 9); // 70% x (300 - 100)
    expect(fig.get("s.benefits")).toBeCloseTo(140 * 100, 9);
    expect(fig.get("s.outcome.o.baseline_change")).toBe(-0.1);
    expect(fig.get("t.extra_participants")).toBeCloseTo(210, 9);
    expect(result.scenarios[1]!.variant).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it("warns when the model uses another value than the weighted average without saying why", () => {
    const { result, fig } = run(valuationModel(", value: 0.2 * spending"));
    expect(fig.get("s.outcome.o.used")).toBeCloseTo(200, 9);
    const gap = run(valuationModel(", value: 250")).result;
    expect(gap.warnings.map((w) => w.code)).toEqual(["weighted-vs-used"]);
    expect(gap.warnings[0]!.message).toContain("250");
    expect(gap.warnings[0]!.message).toContain("200");
    const chosen = run(valuationModel(", value: 250, value_choice: the report chose it")).result;
    expect(chosen.warnings).toEqual([]);
    expect(result.warnings).toEqual([]); // 200 = weighted average: nothing to warn about
  });
});

describe("printed figures and expressions", () => {
  it("turns a printed figure the model does not reproduce into a warning with both sides", () => {
    const text = oneYearValue(`checks:
  - { figure: s.ratio, printed: "3,1", where: Tabel 9 }
  - { figure: s.benefits, printed: "€ 300", where: Tabel 8 }`);
    const { result } = run(text);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ code: "printed-figure", figure: "s.ratio", printed: "3,1", computed: 3, where: "Tabel 9" });
  });

  it("reads a printed figure given as a YAML number as that number, and text in the model's locale", () => {
    const yamlNumber = run(oneYearValue(`checks:\n  - { figure: s.ratio, printed: 3.1, where: T }\n  - { figure: s.ratio, printed: 3.0, where: T }`));
    expect(yamlNumber.result.warnings.map((w) => (w.code === "printed-figure" ? w.printed : w.code))).toEqual(["3.1"]);
    const english = run(oneYearValue(`checks:\n  - { figure: s.benefits, printed: "300.0", where: T }`).replace("source: { report: test } }", "source: { report: test }, locale: en }"));
    expect(english.result.warnings).toEqual([]);
    const dutch = run(oneYearValue(`checks:\n  - { figure: s.benefits, printed: "300.000", where: T }`));
    expect(dutch.result.warnings[0]).toMatchObject({ code: "printed-figure", computed: 300, difference: 300 - 300000 });
    expect(dutch.result.warnings[0]!.message).toContain("prints 300.000");
  });

  it("names a checked figure that does not exist, with a did-you-mean", () => {
    const r = runText("test.yaml", oneYearValue(`checks:\n  - { figure: s.ratoi, printed: "3", where: x }`));
    expect(r.problems.map(formatProblem)).toEqual([
      'test.yaml:9:15  checks[0].figure  no figure named "s.ratoi"\n  hint: did you mean "s.ratio"?',
    ]);
  });

  it("evaluates parameters in terms of each other, with scenario overrides", () => {
    const text = model(`time: { period: 2026 }
parameters:
  hours: 10
  rate: { value: 87.5, unit: EUR per hour, source: test }
  cost: hours * 48 * rate
stakeholders: [ { id: a, name: A } ]
inputs: [ { id: c, name: C, stakeholder: a, amount: cost } ]
outcomes: [ { id: o, name: O, stakeholder: a, amount: "max(cost, 50000)" } ]
scenarios:
  - { id: s, name: S }
  - { id: t, name: T, parameters: { hours: 36 } }`);
    const { fig } = run(text);
    expect(fig.get("s.inputs")).toBe(42000);
    expect(fig.get("t.inputs")).toBe(151200);
    expect(fig.get("s.param.cost")).toBe(42000);
    expect(fig.get("s.benefits")).toBe(50000);
  });

  it("reports a division by zero at the expression's line instead of a number", () => {
    const r = runText("test.yaml", oneYearValue().replace("amount: 300", "amount: 300 / (2 - 2)"));
    expect(r.result).toBeUndefined();
    expect(formatProblem(r.problems[0]!)).toMatch(/^test\.yaml:6:\d+  outcomes\[0\]\.amount  division by zero/);
  });
});

describe("figures at the edge of the number range", () => {
  it("inputs too small for a finite ratio give no ratio and a warning saying why", () => {
    const { result } = run(oneYearValue().replace("amount: 100 }", "amount: 5e-324 }"));
    const s = result.scenarios[0]!;
    expect(s.ratio).toBeNull();
    expect(s.financial_ratio).toBeNull();
    expect(s.stakeholders.find((x) => x.id === "a")!.ratio).toBe(0);
    const message = "scenario s: no ratio; the inputs (5e-324) are too small next to the benefits to give a finite ratio";
    expect(result.warnings).toEqual([{ code: "ratio-undefined", scenario: "s", reason: "inputs-too-small", inputs: 5e-324, benefits: 300, message }]);
    expect(warningMessage(result.warnings[0]!)).toBe(message);
  });

  it("amounts that add up beyond the largest number refuse the model at the amount", () => {
    const text = oneYearValue().replace("amount: 100 }", "amount: 1e308 }").replace("period: 2026", "period: 2026-2027");
    const r = runText("test.yaml", text);
    expect(r.result).toBeUndefined();
    expect(r.problems.map(formatProblem).join("\n")).toMatch(/inputs\[0\]\.amount  the input's amounts add up beyond the largest number/);
  });
});
