// YAML reads 25.000 as 25: a number written like Dutch thousands is never taken silently.
import { describe, expect, it } from "vitest";
import { runText } from "../../src/api.js";
import { formatProblem } from "../../src/load/problems.js";

const model = (amount: string, extra = "") => `sroi: 1
meta: { title: T, source: { report: t } }
time: { period: 2026, discount: 0 }
parameters: { inhabitants: { value: ${amount}, unit: inhabitants }, qalys: 1.364 }
stakeholders: [ { id: a, name: A } ]
inputs: [ { id: c, name: C, stakeholder: a, amount: ${amount} } ]
outcomes: [ { id: o, name: O, stakeholder: a, amount: 160000 } ]
scenarios: [ { id: s, name: S } ]
${extra}`;

describe("numbers written like Dutch thousands", () => {
  it("refuses amount: 25.000 (money) and a parameter 26.034 with a hint to write 25000", () => {
    const r = runText("m.yaml", model("25.000"));
    expect(r.result).toBeUndefined();
    expect(r.problems.map(formatProblem)).toEqual([
      "m.yaml:4:37  parameters.inhabitants.value  25.000 is read as 25, not 25000: YAML numbers use a decimal point\n  hint: write 25000",
      "m.yaml:6:53  inputs[0].amount  25.000 is read as 25, not 25000: YAML numbers use a decimal point\n  hint: write 25000",
    ]);
    expect(runText("m.yaml", model("1.250.000")).problems.map(formatProblem)[1]).toBe(
      "m.yaml:6:53  inputs[0].amount  1.250.000 is not a number: YAML numbers have no thousands separator\n  hint: write 1250000",
    );
  });

  it("accepts 25000, a quoted expression and ordinary decimals", () => {
    expect(runText("m.yaml", model("25000")).result?.scenarios[0]!.ratio).toBe(6.4);
    expect(runText("m.yaml", model("87.5")).problems).toEqual([]);
    expect(runText("m.yaml", model("0.750")).problems).toEqual([]);
  });

  it("warns where the number is not money or a count (a printed figure), and still runs", () => {
    const r = runText("m.yaml", model("25000", "checks: [ { figure: s.ratio, printed: 6.400, where: x } ]"));
    expect(r.problems).toEqual([]);
    expect(r.result!.warnings).toEqual([
      // a parameter without a unit that says money or a count
      expect.objectContaining({ code: "number-notation", message: expect.stringContaining('parameters.qalys: 1.364 is read as 1.364, not 1364') }),
      expect.objectContaining({ code: "number-notation", message: expect.stringContaining("checks[0].printed: 6.400 is read as 6.4") }),
    ]);
  });
});
