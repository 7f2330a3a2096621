// One invalid model per cross-reference rule: the rule's problem, as the user sees it.
import { describe, expect, it } from "vitest";
import { runText } from "../../src/api.js";
import { formatProblem } from "../../src/load/problems.js";
import { RULES } from "../../src/load/normalize/rules.js";

// A valid model; each row below changes one thing in it.
const VALID = `sroi: 1
meta: { title: T, source: { report: t } }
library: [models/library/studies.yaml]
time: { period: 2026 }
parameters: { qaly_price: 50000 }
stakeholders: [ { id: a, name: A }, { id: b, name: B } ]
groups: [ { id: costs, name: Costs } ]
activities: [ { id: walk, name: Walk, participants: 10, values: { health: 100 } } ]
participants: { groups: [ { id: g, name: G } ] }
counterfactual: { name: C, participants: { g: 10 } }
inputs: [ { id: c, name: C, stakeholder: a, amount: 1000, group: costs } ]
outcomes: [ { id: o, name: O, stakeholder: b, domain: health } ]
ratios: [ { id: r, name: R } ]
scenarios: [ { id: s, name: S, participants: { g: 20 } }, { id: t, name: T, extends: s } ]
`;

const change = (from: string, to: string) => {
  if (!VALID.includes(from)) throw new Error(`not in the valid model: ${from}`);
  return VALID.replace(from, to);
};

const TABLE: [rule: string, model: string, problem: string][] = [
  ["unique-ids", change("{ id: b, name: B }", "{ id: a, name: B }"), "m.yaml:6:43  stakeholders[1].id  the id \"a\" is used twice"],
  ["one-name-per-number", change("parameters: { qaly_price: 50000 }", "parameters: { qaly_price: 50000 }\nbaselines: { qaly_price: 1 }"), "baselines.qaly_price  \"qaly_price\" is defined twice"],
  ["stakeholder-or-allocation", change("stakeholder: a, amount: 1000", "stakeholder: a, allocation: { a: 100% }, amount: 1000"), 'inputs[0].allocation  give either "stakeholder" or "allocation", not both'],
  ["stakeholder-exists", change("stakeholder: b, domain", "stakeholder: bb, domain"), 'outcomes[0].stakeholder  no stakeholder "bb"\n  hint: did you mean "b"?'],
  ["allocation-adds-up", change("stakeholder: a, amount: 1000", "allocation: { a: 50%, b: 40% }, amount: 1000"), "inputs[0].allocation  the shares add up to 90%, not 100%"],
  ["group-exists", change("group: costs }", "group: cost }"), 'inputs[0].group  no group "cost"\n  hint: did you mean "costs"?'],
  ["counterfactual-needs-groups", change("participants: { groups: [ { id: g, name: G } ] }\n", ""), "counterfactual  a counterfactual needs participant groups"],
  ["participant-group-exists", change("participants: { g: 20 }", "participants: { g: 20, h: 1 }"), 'scenarios[0].participants.h  no participant group "h"'],
  ["every-group-counted", change("participants: { g: 10 } }", "participants: {} }"), 'counterfactual.participants  no count for participant group "g"'],
  ["scenario-counts-need-counterfactual", change("counterfactual: { name: C, participants: { g: 10 } }\n", ""), 'scenarios[0].participants  scenario "s" counts participants but the model has no counterfactual'],
  ["scenario-extends-exists", change("extends: s }", "extends: u }"), 'scenarios[1].extends  no scenario "u"'],
  ["scenario-parameter-exists", change("extends: s }", "extends: s, parameters: { qaly_prize: 1 } }"), 'scenarios[1].parameters.qaly_prize  no parameter "qaly_prize" to change\n  hint: did you mean "qaly_price"?'],
  ["library-study-exists", change("participants: 10, values", "participants: 10, ref: wandel, values"), 'activities[0].ref  no library study "wandel"'],
  ["outcome-amount-or-unit", change("domain: health }", "domain: health, amount: 5, value: 3 }"), 'outcomes[0].amount  give either "amount" (per year) or "quantity" and "value", not both'],
  ["outcome-value-source", change("domain: health }", "domain: wealth }"), 'outcomes[0].domain  no activity carries a value for domain "wealth"\n  hint: did you mean "health"?'],
  ["outcome-quantity-source", change("participants: { groups: [ { id: g, name: G } ] }\ncounterfactual: { name: C, participants: { g: 10 } }\n", "").replace(", participants: { g: 20 }", ""), 'outcomes[0]  an outcome without "quantity" counts the extra participants, but the model has no participant groups'],
  ["input-amount", change(", amount: 1000", ""), 'inputs[0]  an input needs an "amount" (per year), "per_year" amounts or a "present_value"'],
  ["qaly-price", change("parameters: { qaly_price: 50000 }", "parameters: { price_per_qaly: 50000 }").replace("domain: health }", "domain: health, qaly: true }"), 'outcomes[0].qaly  a QALY outcome needs a parameter "qaly_price"'],
  ["ratio-formula-or-selection", change("{ id: r, name: R }", "{ id: r, name: R, numerator: benefits, benefits_of: [a] }"), 'ratios[0]  give either a formula ("numerator", "denominator") or a selection ("benefits_of", "inputs_of"), not both'],
  ["time-year-or-period", change("time: { period: 2026 }", "time: { period: 2026, year: 2026 }"), 'time.year  give either "year" or "period", not both'],
  ["year-names-reserved", change("parameters: { qaly_price: 50000 }", "parameters: { qaly_price: 50000, t: 3 }"), 'parameters.t  "t" is a built-in name (the years since year 0 of a number that varies by year)\n  hint: choose another name'],
  ["scenario-time", change("{ id: t, name: T, extends: s }", "{ id: t, name: T, extends: s, time: { year: 2027, period: 2027 } }"), 'scenarios[1].time.year  give either "year" or "period", not both'],
];

describe("cross-reference rules", () => {
  it("the valid model is valid", () => {
    expect(runText("m.yaml", VALID).problems.map(formatProblem)).toEqual([]);
  });

  it("every rule has a row in the table", () => {
    expect(TABLE.map(([rule]) => rule).sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  it.each(TABLE)("%s", (rule, model, problem) => {
    const lines = runText("m.yaml", model).problems.map(formatProblem);
    expect(lines.some((l) => l.includes(problem)), `${rule}:\n${lines.join("\n")}`).toBe(true);
    // The problem comes from that rule (not from elsewhere in the loader).
    const raw = RULES.find((r) => r.id === rule)!;
    expect(raw.says.length).toBeGreaterThan(10);
  });
});
