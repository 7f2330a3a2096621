// The model language beyond the five reports: formula ratios, no stakeholders, one-year time,
// mid-year discounting, parameter ranges and a scenario at the low end of every range.
import { describe, expect, it } from "vitest";
import { modelFigures, runText } from "../../src/api.js";
import { compile } from "../../src/engine/compile.js";
import { discountFactor } from "../../src/engine/engine.js";
import { loadModelText } from "../../src/load/load.js";
import { formatProblem } from "../../src/load/problems.js";

const head = `sroi: 1
meta: { title: T, source: { report: t } }
`;

function run(text: string) {
  const r = runText("m.yaml", head + text);
  if (!r.result) throw new Error(r.problems.map(formatProblem).join("\n"));
  return { result: r.result, fig: modelFigures(r.result) };
}

const problems = (text: string) => runText("m.yaml", head + text).problems.map(formatProblem);

describe("stakeholders are optional, time may be one year or left out", () => {
  it("counts inputs and outcomes without a stakeholder in the totals", () => {
    const { result, fig } = run(`time: { year: 2022 }
inputs: [ { id: costs, name: Costs, amount: 200 } ]
outcomes: [ { id: o, name: O, amount: 500 } ]
scenarios: [ { id: s, name: S } ]`);
    expect(fig.get("s.ratio")).toBe(2.5);
    expect(result.scenarios[0]!.stakeholders).toEqual([]);
    expect(result.scenarios[0]!.years).toEqual([2022]);
  });

  it("without time: one undiscounted year", () => {
    const { fig } = run(`inputs: [ { id: c, name: C, amount: 100 } ]
outcomes: [ { id: o, name: O, amount: 300 } ]
scenarios: [ { id: s, name: S } ]`);
    expect(fig.get("s.ratio")).toBe(3);
  });

  it("refuses time with both a year and a period, or neither", () => {
    const body = (time: string) => `time: ${time}\ninputs: [ { id: c, name: C, amount: 1 } ]\nscenarios: [ { id: s, name: S } ]`;
    expect(problems(body("{ year: 2022, period: 2022-2023 }"))[0]).toContain('give either "year" or "period"');
    expect(problems(body("{ discount: 3% }"))[0]).toContain('time needs a "period"');
  });
});

describe("discounting conventions", () => {
  it("mid-year discounts the first year by half a year", () => {
    const steps = [{ fromYear: 0, rate: 0.05 }];
    expect(discountFactor(steps, 2022, 2022, "mid_year")).toBeCloseTo(1 / Math.sqrt(1.05), 12);
    expect(discountFactor(steps, 2023, 2022, "mid_year")).toBeCloseTo(1 / 1.05 ** 1.5, 12);
    const { fig } = run(`time: { period: 2022-2023, discount: { rate: 5%, first_year: mid_year } }
outcomes: [ { id: o, name: O, amount: 100 } ]
inputs: [ { id: c, name: C, amount: 100, years: 2022, discounted: false } ]
scenarios: [ { id: s, name: S } ]`);
    expect(fig.get("s.benefits")).toBeCloseTo(100 / 1.05 ** 0.5 + 100 / 1.05 ** 1.5, 9);
  });
});

describe("ratios as formulas", () => {
  const model = (ratio: string) => `time: { year: 2022 }
parameters: { sales: 50 }
stakeholders: [ { id: a, name: A } ]
inputs: [ { id: ops, name: Ops, amount: 100 }, { id: grant, name: Grant, stakeholder: a, amount: 100 } ]
outcomes: [ { id: o, name: O, stakeholder: a, amount: 150 } ]
ratios: [ ${ratio} ]
scenarios: [ { id: s, name: S } ]`;

  it("divides a formula over figures and parameters by another; the headline is shown as a figure", () => {
    const { fig, result } = run(model("{ id: r, name: R, numerator: benefits + sales, denominator: input.ops, headline: true }"));
    expect(fig.get("s.ratio.r")).toBe(2);
    expect(fig.get("s.headline_ratio")).toBe(2);
    expect(fig.get("s.ratio")).toBe(0.75);
    expect(result.scenarios[0]!.ratios[0]).toMatchObject({ numerator: "benefits + sales", denominator: "input.ops", benefits: 200, inputs: 100 });
    // The compiled evaluator gives the same.
    const c = compile(loadModelText("m.yaml", head + model("{ id: r, name: R, numerator: benefits + sales, denominator: input.ops }")).model!);
    const e = c.evaluate(0);
    expect(e.ok && e.ratios[0]).toBe(2);
  });

  it("a ratio without a selection takes every benefit and input, also those of no stakeholder", () => {
    expect(run(model("{ id: r, name: R }")).fig.get("s.ratio.r")).toBe(0.75);
    expect(run(model("{ id: r, name: R, inputs_of: [a] }")).fig.get("s.ratio.r")).toBe(1.5);
  });

  it("names an unknown figure with a did-you-mean, and refuses a formula with a selection", () => {
    expect(problems(model("{ id: r, name: R, numerator: benefit, denominator: inputs }"))).toEqual([
      'm.yaml:8:40  ratios[0].numerator  unknown figure "benefit" in "benefit"\n  hint: did you mean "benefits"?',
    ]);
    expect(problems(model("{ id: r, name: R, numerator: benefits, benefits_of: [a] }"))[0]).toContain("not both");
    expect(problems(model("{ id: r, name: R, headline: true }, { id: q, name: Q, headline: true }"))[0]).toContain("only one ratio");
  });
});

describe("parameter ranges and distributions", () => {
  const model = (param: string, scenarios = "[ { id: s, name: S }, { id: low, name: Low, range: low } ]") => `time: { year: 2022 }
parameters:
  value: ${param}
  cost: 100
inputs: [ { id: c, name: C, amount: cost } ]
outcomes: [ { id: o, name: O, amount: value } ]
scenarios: ${scenarios}`;

  it("a scenario with range: low takes every range's low end; the numbers carry their uncertainty", () => {
    const { fig } = run(model("{ value: 300, low: 200, high: 360 }"));
    expect(fig.get("s.ratio")).toBe(3);
    expect(fig.get("low.ratio")).toBe(2);
    const c = compile(loadModelText("m.yaml", head + model("{ value: 300, low: 200, high: 360, distribution: pert }")).model!);
    expect(c.numbers[c.slot("value")!]!.uncertainty).toEqual({ low: 200, high: 360, distribution: "pert", origin: "declared" });
    expect(c.numbers[c.slot("cost")!]!.uncertainty).toBeUndefined();
  });

  it("a parameter the scenario sets wins over the range", () => {
    const { fig } = run(model("{ value: 300, low: 200, high: 360 }", "[ { id: low, name: Low, range: low, parameters: { value: 250 } } ]"));
    expect(fig.get("low.ratio")).toBe(2.5);
  });

  it.each([
    ["{ value: 300, low: 360, high: 200 }", "the low end (360) is above the high end (200)"],
    ["{ value: 300, low: 200 }", 'a range needs both "low" and "high"'],
    ["{ value: 400, low: 200, high: 360 }", "the value 400 lies outside its range 200 to 360"],
    ["{ value: 300, low: 200, high: 360, mode: 100 }", "the mode 100 lies outside"],
    ["{ value: 300, distribution: uniform }", 'a distribution needs "low" and "high"'],
    ["{ value: 300, low: -1, high: 400, distribution: lognormal }", "a lognormal distribution needs a positive low end"],
  ])("refuses %s", (param, message) => {
    expect(problems(model(param)).join("\n")).toContain(message);
  });

  it("refuses range: low when no parameter declares a range", () => {
    expect(problems(model("300"))[0]).toContain("no parameter declares one");
  });
});

describe("an input given as a present value", () => {
  it("is counted once as written, neither indexed nor discounted, in the report and the evaluator alike", () => {
    const text = `time: { period: 2026-2030, discount: 5% }
inputs: [ { id: build, name: Building (present value), present_value: 400 }, { id: run, name: Running, amount: 100, years: 2026 } ]
outcomes: [ { id: o, name: O, amount: 1000, years: 2026 } ]
scenarios: [ { id: s, name: S } ]`;
    const { fig } = run(text);
    expect(fig.get("s.input.build")).toBe(400);
    expect(fig.get("s.inputs")).toBe(500);
    expect(fig.get("s.ratio")).toBe(2);
    const c = compile(loadModelText("m.yaml", head + text).model!);
    expect(c.slot("inputs.build.present_value")).toBeDefined();
    const e = c.evaluate(0);
    expect(e.ok && e.inputs).toBe(500);
  });

  it("stands alone", () => {
    expect(problems(`inputs: [ { id: b, name: B, present_value: 400, amount: 1 } ]\nscenarios: [ { id: s, name: S } ]`)[0]).toContain('a "present_value" stands alone');
  });
});

describe("impact claims, drop-off, start, duration and indexation as expressions over parameters", () => {
  const model = `time: { period: 2024-2026, discount: 3% }
parameters:
  dw: 20%
  years_lasting: 2
  ix: 2%
inputs:
  - { id: i, name: I, amount: 1000, indexation: ix }
outcomes:
  - { id: o, name: O, amount: 1000, impact_claim: { deadweight: dw, attribution: "dw / 2" }, duration: years_lasting, drop_off: dw }
scenarios:
  - { id: base, name: Base }
  - { id: pess, name: Pessimistic, parameters: { dw: 40%, years_lasting: 1 } }
`;
  // By hand, discount factors 2024-2027 at 3% from 2024: 1, 0.970874, 0.942596, 0.915142.
  // Inputs: 1000 x (1 + 1.02 x 0.970874 + 1.0404 x 0.942596) = 2970.97.
  // Base: 1000 x (1 - 20%) x (1 - 10%) = 720 a year, each year's benefit lasting 2 years with 20% drop-off:
  // 720 x (1.776699 + 1.724951 + 1.674712) = 3726.98; ratio 1.2545.
  // Pessimistic: 1000 x 60% x 80% = 480 for one year: 480 x 2.913470 = 1398.47; ratio 0.4707.
  it("computes each scenario with its own parameters", () => {
    const { fig } = run(model);
    expect(fig.get("base.inputs")).toBeCloseTo(2970.97, 2);
    expect(fig.get("base.benefits")).toBeCloseTo(3726.98, 2);
    expect(fig.get("base.ratio")).toBeCloseTo(1.2545, 4);
    expect(fig.get("pess.benefits")).toBeCloseTo(1398.47, 2);
    expect(fig.get("pess.ratio")).toBeCloseTo(0.4707, 4);
  });

  it("keeps the numbers addressable by their names, not as literals", () => {
    const loaded = loadModelText("m.yaml", head + model);
    const c = compile(loaded.model!);
    const names = c.numbers.filter((n) => n.name.startsWith("outcomes.") || n.name.startsWith("inputs."));
    expect(names.map((n) => [n.name, n.literal])).toEqual([
      ["inputs.i.amount", true],
      ["inputs.i.indexation", false],
      ["outcomes.o.amount", true],
      ["outcomes.o.deadweight", false],
      ["outcomes.o.attribution", false],
      ["outcomes.o.duration", false],
      ["outcomes.o.drop_off", false],
    ]);
  });

  it("refuses a value that is not a share or not whole years, at the field", () => {
    expect(problems(model.replace("dw: 20%", "dw: 1.5")).join("\n")).toMatch(/^m\.yaml:\d+:\d+ {2}outcomes\[0\]\.impact_claim\.deadweight {2}a share is between 0 and 100% \(got 1\.5\)/);
    expect(problems(model.replace("years_lasting: 2", "years_lasting: 1.5")).join("\n")).toMatch(/outcomes\[0\]\.duration {2}must be a whole number of years \(got 1\.5\)/);
    expect(problems(model.replace("drop_off: dw", "drop_off: dww")).join("\n")).toMatch(/outcomes\[0\]\.drop_off {2}unknown name "dww" in "dww"\n {2}hint: did you mean "dw"\?/);
  });

  it("still reads a percentage as a share and refuses a malformed one", () => {
    expect(problems(model.replace("drop_off: dw", 'drop_off: "50%%"')).join("\n")).toMatch(/outcomes\[0\]\.drop_off {2}a share is a number from 0 to 1 or a percentage like "50%"/);
    expect(problems(model.replace("drop_off: dw", 'drop_off: "150%"')).join("\n")).toMatch(/outcomes\[0\]\.drop_off {2}a share is between 0 and 100%/);
  });
});

describe("a scenario's own time: period, year 0 and discount per scenario", () => {
  const model = `time: { period: 2019-2020, discount: 4% }
parameters: { cost: 100 }
inputs:
  - { id: i, name: I, amount: cost }
  - { id: launch, name: Launch, amount: 50, years: 2019 }
outcomes:
  - { id: o, name: O, amount: 300 }
scenarios:
  - { id: e2019, name: Edition 2019 }
  - { id: e2022, name: Edition 2022, time: { period: 2022-2023, discount: 3% } }
  - { id: e2022_high, name: Edition 2022 dearer, extends: e2022, parameters: { cost: 150 } }
  - { id: e2022_y0, name: Edition 2022 from 2021, extends: e2022, time: { year0: 2021 } }
`;
  it("computes each scenario over its own years, with its own discount; stated years count only within it", () => {
    const { result, fig } = run(model);
    const [a, b, c, d] = result.scenarios;
    expect(a!.years).toEqual([2019, 2020]);
    expect(a!.time).toBeUndefined();
    // 2019 edition: inputs 100 + 50 in 2019, 100 / 1.04 in 2020; benefits 300 + 300 / 1.04.
    expect(fig.get("e2019.inputs")).toBeCloseTo(150 + 100 / 1.04, 10);
    expect(fig.get("e2019.benefits")).toBeCloseTo(300 + 300 / 1.04, 10);
    // 2022 edition: its own years and 3% from 2022; the launch cost of 2019 is not in its period.
    expect(b!.years).toEqual([2022, 2023]);
    expect(b!.time).toEqual({ period: { start: 2022, end: 2023 }, year0: 2022, discount: "3%, year 0 undiscounted" });
    expect(fig.get("e2022.inputs")).toBeCloseTo(100 + 100 / 1.03, 10);
    expect(fig.get("e2022.benefits")).toBeCloseTo(300 + 300 / 1.03, 10);
    // A scenario that extends it inherits its time.
    expect(c!.years).toEqual([2022, 2023]);
    expect(fig.get("e2022_high.inputs")).toBeCloseTo(150 + 150 / 1.03, 10);
    // ... and may change one field of it: year 0 in 2021 discounts 2022 once.
    expect(d!.time!.year0).toBe(2021);
    expect(fig.get("e2022_y0.benefits")).toBeCloseTo(300 / 1.03 + 300 / 1.03 ** 2, 10);
  });

  it("names a scenario's own discount rate after the scenario that writes it", () => {
    const loaded = loadModelText("m.yaml", head + model);
    const c = compile(loaded.model!);
    const rates = c.numbers.filter((n) => n.name.includes("discount"));
    expect(rates.map((n) => [n.name, n.scenarios])).toEqual([
      ["time.discount.rate", ["e2019"]],
      ["scenarios.e2022.time.discount.rate", ["e2022", "e2022_high", "e2022_y0"]],
    ]);
    const r = runText("m.yaml", head + model, undefined, { set: ["scenarios.e2022.time.discount.rate=0"] });
    const f = modelFigures(r.result!);
    expect(f.get("e2022.benefits")).toBe(600);
    expect(f.get("e2019.benefits")).toBeCloseTo(300 + 300 / 1.04, 10);
  });

  it("shows a scenario's own period and discount in the table, Markdown and HTML, and its years in CSV", async () => {
    const { result } = run(model);
    const { renderMarkdown } = await import("../../src/render/md.js");
    const { csvRows } = await import("../../src/render/csv.js");
    const md = renderMarkdown(result, { locale: "en" });
    expect(md).toContain("## Scenario: Edition 2022\n\nPeriod 2022–2023 · discount: 3%, year 0 undiscounted");
    // model,scenario,stakeholder,year,measure,value
    const rows = csvRows(result).trim().split("\n").map((l) => l.split(","));
    const years = new Set(rows.filter((r) => r[1] === "e2022" && r[3] !== "").map((r) => r[3]));
    expect([...years].sort()).toEqual(["2022", "2023"]);
  });
});

describe("numbers that vary by year: a list, a map by year, or an expression of t and year", () => {
  const model = `time: { period: 2026-2028, discount: 3% }
parameters:
  price: "100 * (1 + 2%) ^ t"
  success: [60%, 40%, 20%]
inputs:
  - { id: i, name: I, amount: 1000 }
outcomes:
  - { id: taper, name: Taper, quantity: 10, value: price, impact_claim: success }
  - { id: oneoff, name: One-off, amount: { 2026: 500, 2027: 0 } }
scenarios:
  - { id: base, name: Base }
`;
  // By hand: discount factors 1, 1/1.03, 1/1.03^2. Taper: 10 x 100 x 1.02^t x (60%, 40%, 20%) =
  // 600, 408, 208.08; present value 600 + 396.12 + 196.13 = 1192.25. One-off: 500 in 2026 only.
  // Inputs 1000 x 2.91347 = 2913.47; ratio (1192.25 + 500) / 2913.47 = 0.5808.
  it("computes each year's value, in the report and in the compiled evaluation alike", () => {
    const { result, fig } = run(model);
    const s = result.scenarios[0]!;
    expect(s.outcomes[0]!.per_year.map((x) => Math.round(x * 100) / 100)).toEqual([600, 408, 208.08]);
    expect(s.outcomes[1]!.per_year).toEqual([500, 0, 0]);
    expect(fig.get("base.outcome.taper.pv")).toBeCloseTo(600 + 408 / 1.03 + 208.08 / 1.03 ** 2, 8);
    expect(fig.get("base.ratio")).toBeCloseTo(0.5808, 4);
    const c = compile(loadModelText("m.yaml", head + model).model!);
    const e = c.evaluate(0);
    expect(e.ok && e.benefits).toBeCloseTo(s.totals.benefits, 9);
    expect(e.ok && e.ratio).toBeCloseTo(s.ratio!, 12);
  });

  it("--set gives a number that varies by year one value for every year", () => {
    const r = runText("m.yaml", head + model, undefined, { set: ["success=50%"] });
    const s = r.result!.scenarios[0]!;
    expect(s.outcomes[0]!.per_year.map((x) => Math.round(x * 100) / 100)).toEqual([500, 510, 520.2]);
    const c = compile(loadModelText("m.yaml", head + model).model!);
    const ov = new Float64Array(c.size).fill(NaN);
    ov[c.slot("success")!] = 0.5;
    const e = c.evaluate(0, ov);
    expect(e.ok && e.benefits).toBeCloseTo(s.totals.benefits, 9);
  });

  it("a map holds a value from its year on; a scenario's own period reads the map by calendar year", () => {
    const { fig } = run(`time: { period: 2026-2029 }
inputs: [ { id: i, name: I, amount: 100 } ]
outcomes: [ { id: o, name: O, amount: { 2026: 10, 2028: 30 } } ]
scenarios:
  - { id: a, name: A }
  - { id: later, name: Later, time: { period: 2028-2029 } }`);
    expect(fig.get("a.benefits")).toBe(10 + 10 + 30 + 30);
    expect(fig.get("later.benefits")).toBe(30 + 30);
  });

  it("refuses what cannot vary by year, a list that does not fit the period, a map that starts late", () => {
    expect(problems(model.replace("quantity: 10,", "quantity: 10, duration: \"1 + t\",")).join("\n")).toMatch(/outcomes\[0\]\.duration {2}duration cannot vary by year \(it reads t, year or a number by year\)/);
    expect(problems(model.replace("[60%, 40%, 20%]", "[60%, 40%]")).join("\n")).toMatch(/parameters\.success {2}a list by year has 2 values, the period 2026-2028 has 3 years/);
    expect(problems(model.replace("{ 2026: 500, 2027: 0 }", "{ 2027: 500 }")).join("\n")).toMatch(/outcomes\[1\]\.amount\["2027"\] {2}a map by year starts in 2027, after the first year of the period \(2026\)\n {2}hint: give a value for 2026/);
  });
});

describe("the discount rate as an expression over parameters", () => {
  it("is computed per scenario, addressable as before, and described by its text", () => {
    const { result, fig } = run(`time: { period: 2024-2025, discount: disc }
parameters: { disc: 4% }
inputs: [ { id: i, name: I, amount: 100 } ]
outcomes: [ { id: o, name: O, amount: 300 } ]
scenarios:
  - { id: a, name: A }
  - { id: b, name: B, parameters: { disc: 0 } }`);
    expect(fig.get("a.benefits")).toBeCloseTo(300 + 300 / 1.04, 10);
    expect(fig.get("b.benefits")).toBe(600);
    expect(result.model.discount).toBe("disc, year 0 undiscounted");
    expect(problems(`time: { period: 2024-2025, discount: nl-mkb }
inputs: [ { id: i, name: I, amount: 100 } ]
scenarios: [ { id: a, name: A } ]`).join("\n")).toMatch(/time\.discount {2}no discount preset "nl-mkb"\n {2}hint: did you mean "nl-mkba"\?/);
    expect(problems(`time: { period: 2024-2025, discount: { rate: "disc * 40" } }
parameters: { disc: 4% }
inputs: [ { id: i, name: I, amount: 100 } ]
scenarios: [ { id: a, name: A } ]`).join("\n")).toMatch(/time\.discount\.rate {2}a rate is between -100% and 100% \(got 1\.6\)/);
  });
});

describe("messages for numbers by year and expressions", () => {
  const model = `time: { period: 2026-2028 }
parameters: { q: 1 }
inputs: [ { id: i, name: I, amount: 100 } ]
outcomes: [ { id: o, name: O, amount: AMOUNT } ]
scenarios: [ { id: s, name: S } ]`;
  it("a map key that is not a year says so, with the key", () => {
    expect(problems(model.replace("AMOUNT", "{ 26: 5 }")).join("\n")).toMatch(/outcomes\[0\]\.amount\["26"\] {2}a year key is four digits \(got "26"\)/);
  });
  it("an expression's error names the expression once", () => {
    const p = problems(model.replace("AMOUNT", '"q / (q - 1)"')).join("\n");
    expect(p).toMatch(/outcomes\[0\]\.amount {2}division by zero in "q \/ \(q - 1\)"$/m);
  });
});
