// Bad input: every problem as one line `file:line:col  path  message`, all of them at once.
import { describe, expect, it } from "vitest";
import { runText } from "../../src/api.js";
import { formatProblem } from "../../src/load/problems.js";

const VALID = `sroi: 1
meta:
  title: Test
  source: { report: test }
time:
  period: 2026-2030
stakeholders:
  - { id: residents, name: Inwoners }
  - { id: municipality, name: Gemeente }
activities:
  - { id: walk, name: Walk, participants: 10, values: { health: 100 } }
participants:
  groups: [ { id: g, name: G } ]
counterfactual: { name: Without, participants: { g: 10 } }
inputs:
  - { id: cost, name: Cost, stakeholder: municipality, amount: 1000 }
outcomes:
  - { id: health, name: Health, stakeholder: residents, domain: health, impact_claim: 50% }
scenarios:
  - { id: s, name: S, participants: { g: 20 } }
`;

function problems(text: string): string[] {
  const r = runText("m.yaml", text);
  return r.problems.map(formatProblem);
}

describe("a valid model", () => {
  it("runs", () => {
    const r = runText("m.yaml", VALID);
    expect(r.problems).toEqual([]);
    expect(r.result?.scenarios[0]?.ratio).toBeCloseTo((10 * 50 * 4) / 5000 * 1.25, 9);
  });
});

const cases: [string, (t: string) => string, string[]][] = [
  ["unknown key with a did-you-mean", (t) => t.replace("  title: Test", "  title: Test\n  titel: Oops"), [
    'm.yaml:4:3  meta.titel  unknown key "titel" (did you mean "title"?)',
  ]],
  ["unknown top-level key", (t) => t + "stakeholder: []\n", [
    'm.yaml:21:1  stakeholder  unknown key "stakeholder" (did you mean "stakeholders"?)',
  ]],
  ["wrong type", (t) => t.replace("amount: 1000", "amount: true"), [
    "m.yaml:16:64  inputs[0].amount  expected a number or text or a list or a block of keys, got boolean true",
  ]],
  ["a list by year that does not fit the period", (t) => t.replace("amount: 1000", "amount: [1000]"), [
    "m.yaml:16:64  inputs[0].amount  a list by year has 1 value, the period 2026-2030 has 5 years",
    "  hint: give one value per year, or a map by year ({ 2026: 0.6, 2028: 0.2 })",
  ]],
  ["negative count", (t) => t.replace("participants: 10, values", "participants: -10, values"), [
    "m.yaml:11:43  activities[0].participants  participants must not be negative (got -10)",
  ]],
  ["negative participants in a scenario", (t) => t.replace("participants: { g: 20 }", "participants: { g: -20 }"), [
    "m.yaml:20:42  scenarios[0].participants.g  participants must not be negative (got -20)",
  ]],
  ["share above 100%", (t) => t.replace("impact_claim: 50%", "impact_claim: 150%"), [
    "m.yaml:18:87  outcomes[0].impact_claim  a share is between 0 and 100%",
  ]],
  ["share written as a percentage number", (t) => t.replace("impact_claim: 50%", "impact_claim: 50"), [
    'm.yaml:18:87  outcomes[0].impact_claim  a share is between 0 and 1 (write 50% as 0.5 or "50%")',
  ]],
  ["a library reference that does not exist", (t) => t.replace("values: { health: 100 }", "values: { health: ref.no_such_study.health }"), [
    'm.yaml:11:65  activities[0].values.health  unknown name "ref.no_such_study.health" in "ref.no_such_study.health"',
    '  hint: ref.<study>.<domain> needs the study in a library file listed under "library:"',
  ]],
  ["a study id that does not exist", (t) => t.replace("participants: 10, values", "participants: 10, ref: walking, values"), [
    'm.yaml:11:52  activities[0].ref  no library study "walking"',
  ]],
  ["a scenario without a counterfactual", (t) => t.replace(/counterfactual: .*\n/, ""), [
    'm.yaml:19:37  scenarios[0].participants  scenario "s" counts participants but the model has no counterfactual',
    '  hint: add a "counterfactual:" block with the participants without the intervention',
  ]],
  ["a stakeholder in an allocation that is not declared", (t) => t.replace("stakeholder: municipality, amount", "allocation: { municipality: 50%, insurer: 50% }, amount"), [
    'm.yaml:16:71  inputs[0].allocation.insurer  no stakeholder "insurer"',
    "  hint: stakeholders: residents, municipality",
  ]],
  ["allocations that do not add up to 100%", (t) => t.replace("stakeholder: municipality, amount", "allocation: { municipality: 50%, residents: 40% }, amount"), [
    "m.yaml:16:41  inputs[0].allocation  the shares add up to 90%, not 100%",
  ]],
  ["an unknown parameter in an expression", (t) => t.replace("amount: 1000", "amount: hourly_rate * 10"), [
    'm.yaml:16:64  inputs[0].amount  unknown name "hourly_rate" in "hourly_rate * 10"',
    '  hint: define it under "parameters:" or "baselines:"',
  ]],
  ["an expression that does not parse", (t) => t.replace("amount: 1000", 'amount: "10 * (3 + "'), [
    "m.yaml:16:74  inputs[0].amount  cannot read expression: expected a number, a name or \"(\" at the end",
  ]],
  ["a parameter defined in terms of itself", (t) => t.replace("time:", "parameters: { a: b + 1, b: a * 2 }\ntime:"), [
    'm.yaml:5:18  parameters.a  "a" is defined in terms of itself',
    'm.yaml:5:28  parameters.b  "b" is defined in terms of itself',
  ]],
  ["a scenario extending one that does not exist", (t) => t.replace("{ id: s, name: S,", "{ id: s, name: S, extends: base,"), [
    'm.yaml:20:32  scenarios[0].extends  no scenario "base"',
    "  hint: scenarios: s",
  ]],
  ["a missing required block", (t) => t.replace(/scenarios:\n.*\n/, ""), [
    "m.yaml:1:1  scenarios  missing a list (required)",
  ]],
  ["an empty file", () => "", [
    "m.yaml:1:1  (file)  the file is empty",
    '  hint: a model starts with "sroi: 1" and a "meta:" block; see README "Writing a model"',
  ]],
  ["invalid YAML", (t) => t.replace("  title: Test", "  title: Test\n title2: x"), []],
];

describe("bad input", () => {
  for (const [name, mutate, expected] of cases) {
    it(name, () => {
      const got = problems(mutate(VALID)).flatMap((p) => p.split("\n"));
      if (name === "invalid YAML") {
        expect(got.length).toBeGreaterThan(0);
        expect(got[0]).toMatch(/^m\.yaml:4:\d+  \(file\)  /);
      } else expect(got).toEqual(expected);
    });
  }

  it("reports every problem at once, in file order", () => {
    const text = VALID.replace("  title: Test", "  title: Test\n  titel: x")
      .replace("impact_claim: 50%", "impact_claim: 150%")
      .replace("amount: 1000", "amount: -x");
    const got = problems(text);
    expect(got.map((l) => l.split("  ")[1])).toEqual(["meta.titel", "outcomes[0].impact_claim"]);
    // The shape is checked first; names in expressions after the shape is right.
    const second = problems(VALID.replace("amount: 1000", "amount: -x").replace("stakeholder: residents, domain", "stakeholder: resident, domain"));
    expect(second.map((l) => l.split("  ")[1])).toEqual(["inputs[0].amount", "outcomes[0].stakeholder"]);
  });

  it("never throws on arbitrary YAML shapes", () => {
    for (const text of ["[]", "42", "sroi: 1", "sroi: 2\nmeta: x", "null", "---\na: 1\n---\nb: 2", "a: *nope"]) {
      expect(() => runText("m.yaml", text)).not.toThrow();
      expect(runText("m.yaml", text).problems.length).toBeGreaterThan(0);
    }
  });
});

describe("the unique-participant factor", () => {
  const withFactor = (f: string) =>
    VALID.replace("participants:\n  groups:", `parameters: { factor: 0.7 }\nparticipants:\n  unique_factor: ${f}\n  groups:`);

  it("may be a share or an expression over parameters", () => {
    expect(runText("m.yaml", withFactor("70%")).result?.scenarios[0]?.participants?.extra).toBeCloseTo(7, 9);
    expect(runText("m.yaml", withFactor("factor * 1")).result?.scenarios[0]?.participants?.extra).toBeCloseTo(7, 9);
  });

  it("has its names checked like any expression", () => {
    expect(problems(withFactor("factr * 1"))).toEqual([
      'm.yaml:14:18  participants.unique_factor  unknown name "factr" in "factr * 1"\n  hint: did you mean "factor"?',
    ]);
  });
});
