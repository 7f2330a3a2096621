// One share/percentage reader for the schema, the normaliser and the checks.
import { describe, expect, it } from "vitest";
import { parsePercent, readShare } from "../../src/schema/share.js";
import { schemas } from "../../src/schema/model.js";

const { Id, Share } = schemas();
import { runText } from "../../src/api.js";
import { formatProblem } from "../../src/load/problems.js";

describe("parsePercent", () => {
  it.each([
    ["50%", 0.5],
    ["12,5%", 0.125],
    ["2.5 %", 0.025],
    ["1.1%", 0.011],
    ["-3%", -0.03],
    ["0%", 0],
  ])("%s = %s", (text, value) => expect(parsePercent(text)).toBe(value));

  it.each(["50%%", "1e5%", "abc%", "%", "50", "5 0%", "50% 1", ""])("%s is not a percentage", (text) => {
    expect(parsePercent(text)).toBeUndefined();
  });

  it("reads a number as is and refuses a non-percentage text", () => {
    expect(readShare(0.35)).toBe(0.35);
    expect(readShare("35%")).toBe(0.35);
    expect(() => readShare("abc%")).toThrow(RangeError);
  });
});

describe("where a share is meant", () => {
  it.each(["50%%", "1e5%", "-50%", "150%", "abc%"])("the schema refuses %s", (text) => {
    expect(Share.safeParse(text).success).toBe(false);
  });
  it.each([-0.5, 1.5, Number.NaN])("the schema refuses %s", (n) => expect(Share.safeParse(n).success).toBe(false));

  it("a unique-participant factor of 150% is refused when computed, not taken as 1.5", () => {
    const model = (uf: string) => `sroi: 1
meta: { title: T, source: { report: t } }
time: { period: 2026 }
participants: { unique_factor: "${uf}", groups: [ { id: g, name: G } ] }
counterfactual: { name: C, participants: { g: 0 } }
inputs: [ { id: c, name: C, amount: 100 } ]
outcomes: [ { id: o, name: O, value: 10 } ]
scenarios: [ { id: s, name: S, participants: { g: 20 } } ]`;
    expect(runText("m.yaml", model("70%")).result?.scenarios[0]!.participants?.extra).toBe(14);
    expect(runText("m.yaml", model("150%")).problems.map(formatProblem)).toEqual([
      "m.yaml:4:32  participants.unique_factor  a share is between 0 and 100% (got 1.5)",
    ]);
    expect(runText("m.yaml", model("abc%")).problems[0]!.message).toContain("cannot read expression");
  });

  it("refuses ids that name a property every object has", () => {
    expect(Id.safeParse("constructor").success).toBe(false);
    expect(Id.safeParse("__proto__").success).toBe(false);
    expect(Id.safeParse("care_office").success).toBe(true);
  });
});
