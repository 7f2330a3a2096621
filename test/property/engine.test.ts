// Property tests of the engine's invariants over generated models (fast-check, fixed seed so a failure
// reproduces): the sums add up, the ratio is benefits over inputs, present values stay below nominal
// values at positive rates, benefits grow with participants and the impact claim, and scaling every
// money amount leaves the ratio unchanged.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runText, type ModelResult, type ScenarioResult } from "../../src/api.js";

interface Spec {
  start: number;
  years: number;
  rate: number;
  stakeholders: number;
  inputs: { amount: number; stakeholder: number }[];
  outcomes: { perParticipant: boolean; amount: number; claim: number; duration: number; stakeholder: number }[];
  counterfactual: number;
  extra: number;
  uniqueFactor: number;
}

const spec: fc.Arbitrary<Spec> = fc.record({
  start: fc.integer({ min: 2000, max: 2040 }),
  years: fc.integer({ min: 1, max: 8 }),
  rate: fc.integer({ min: 0, max: 100 }).map((r) => r / 1000), // 0% to 10%
  stakeholders: fc.integer({ min: 1, max: 4 }),
  inputs: fc.array(fc.record({ amount: fc.integer({ min: 1, max: 1_000_000 }), stakeholder: fc.nat(3) }), { minLength: 1, maxLength: 3 }),
  outcomes: fc.array(
    fc.record({
      perParticipant: fc.boolean(),
      amount: fc.integer({ min: 1, max: 1_000_000 }),
      claim: fc.integer({ min: 1, max: 100 }).map((c) => c / 100),
      duration: fc.integer({ min: 1, max: 4 }),
      stakeholder: fc.nat(3),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  counterfactual: fc.integer({ min: 0, max: 500 }),
  extra: fc.integer({ min: 1, max: 2000 }),
  uniqueFactor: fc.integer({ min: 10, max: 100 }).map((u) => u / 100),
});

/** The model text for a spec; `money` scales every money amount. */
function modelText(s: Spec, money = 1): string {
  const st = (i: number) => `s${i % s.stakeholders}`;
  const lines = [
    "sroi: 1",
    "meta: { title: Generated, source: { report: generated } }",
    "time:",
    `  period: ${s.start}-${s.start + s.years - 1}`,
    `  discount: ${s.rate}`,
    "stakeholders:",
    ...Array.from({ length: s.stakeholders }, (_, i) => `  - { id: s${i}, name: S${i} }`),
    "participants:",
    `  unique_factor: ${s.uniqueFactor}`,
    "  groups: [{ id: people, name: People }]",
    "counterfactual:",
    "  name: Without",
    `  participants: { people: ${s.counterfactual} }`,
    "inputs:",
    ...s.inputs.map((x, i) => `  - { id: i${i}, name: I${i}, stakeholder: ${st(x.stakeholder)}, amount: ${x.amount * money} }`),
    "outcomes:",
    ...s.outcomes.map((o, i) =>
      o.perParticipant
        ? `  - { id: o${i}, name: O${i}, stakeholder: ${st(o.stakeholder)}, value: ${o.amount * money}, impact_claim: ${o.claim}, duration: ${o.duration} }`
        : `  - { id: o${i}, name: O${i}, stakeholder: ${st(o.stakeholder)}, amount: ${o.amount * money}, impact_claim: ${o.claim}, duration: ${o.duration} }`,
    ),
    "scenarios:",
    `  - { id: base, name: Base, participants: { people: ${s.counterfactual + s.extra} } }`,
  ];
  return lines.join("\n") + "\n";
}

function scenario(text: string): ScenarioResult {
  const r = runText("generated.yaml", text);
  if (!r.result) throw new Error(`generated model does not run:\n${r.problems.map((p) => p.message).join("\n")}\n${text}`);
  return (r.result as ModelResult).scenarios[0]!;
}

const close = (a: number, b: number, rel = 1e-9) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const RUNS = { numRuns: 100, seed: 20261123 };

describe("engine invariants over generated models", () => {
  it("totals are the sums of their rows, per stakeholder and per year", () => {
    fc.assert(
      fc.property(spec, (s) => {
        const r = scenario(modelText(s));
        expect(close(r.totals.benefits, sum(r.outcomes.map((o) => o.present_value)))).toBe(true);
        expect(close(r.totals.inputs, sum(r.inputs.map((i) => i.counted)))).toBe(true);
        expect(close(r.totals.benefits, sum(r.stakeholders.map((x) => x.benefits)))).toBe(true);
        expect(close(r.totals.inputs, sum(r.stakeholders.map((x) => x.inputs)))).toBe(true);
        expect(close(r.totals.benefits_nominal, sum(r.outcomes.map((o) => o.nominal)))).toBe(true);
        for (const o of r.outcomes) expect(close(o.nominal, sum(o.per_year))).toBe(true);
        expect(close(r.totals.net, r.totals.benefits - r.totals.inputs)).toBe(true);
      }),
      RUNS,
    );
  });

  it("the ratio is benefits over inputs", () => {
    fc.assert(
      fc.property(spec, (s) => {
        const r = scenario(modelText(s));
        expect(r.totals.inputs).toBeGreaterThan(0);
        expect(r.ratio).not.toBeNull();
        expect(close(r.ratio!, r.totals.benefits / r.totals.inputs)).toBe(true);
      }),
      RUNS,
    );
  });

  it("present values are at most the nominal values at a positive rate, and equal at 0%", () => {
    fc.assert(
      fc.property(spec, (s) => {
        const r = scenario(modelText(s));
        for (const o of r.outcomes) {
          expect(o.present_value).toBeLessThanOrEqual(o.nominal * (1 + 1e-12));
          if (s.rate === 0) expect(close(o.present_value, o.nominal)).toBe(true);
        }
        for (const f of r.discount_factors.effects) expect(f).toBeLessThanOrEqual(1);
      }),
      RUNS,
    );
  });

  it("benefits do not fall when participants or an impact claim rise", () => {
    fc.assert(
      fc.property(spec, fc.integer({ min: 1, max: 500 }), fc.nat(3), (s, more, which) => {
        const before = scenario(modelText(s)).totals.benefits;
        const moreParticipants = scenario(modelText({ ...s, extra: s.extra + more })).totals.benefits;
        expect(moreParticipants).toBeGreaterThanOrEqual(before * (1 - 1e-12));
        const i = which % s.outcomes.length;
        const outcomes = s.outcomes.map((o, j) => (j === i ? { ...o, claim: Math.min(1, o.claim + 0.1) } : o));
        const moreClaim = scenario(modelText({ ...s, outcomes })).totals.benefits;
        expect(moreClaim).toBeGreaterThanOrEqual(before * (1 - 1e-12));
      }),
      RUNS,
    );
  });

  it("scaling every money amount leaves the ratio unchanged", () => {
    fc.assert(
      fc.property(spec, fc.constantFrom(2, 10, 1000), (s, k) => {
        const a = scenario(modelText(s));
        const b = scenario(modelText(s, k));
        expect(close(a.ratio!, b.ratio!, 1e-9)).toBe(true);
        expect(close(b.totals.benefits, a.totals.benefits * k, 1e-9)).toBe(true);
      }),
      RUNS,
    );
  });
});
