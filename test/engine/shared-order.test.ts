// A scenario takes the first scenario's order of steps when their graphs are the same up to the slots of
// the participants each scenario owns (compile.ts, sameSteps). That shortcut must give exactly the steps
// a scenario ordering itself gives (the same order, hence the same first failure), over the models and
// over generated models with scenarios that own, inherit, override and read participants.
import { readdirSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, type CompiledModel } from "../../src/engine/compile.js";
import { runModel } from "../../src/engine/engine.js";
import { loadModel, loadModelText } from "../../src/load/load.js";
import type { NModel } from "../../src/engine/model.js";

/** Both compilations' steps, as comparable data. */
function expectSameSteps(model: NModel): CompiledModel {
  const shared = compile(model);
  const own = compile(model, { ownOrders: true });
  expect(own.steps.every((s) => !s.shared)).toBe(true);
  expect(shared.steps.length).toBe(own.steps.length);
  shared.steps.forEach((s, k) => {
    const o = own.steps[k]!;
    expect(s.failure, `scenario ${k}: failure`).toEqual(o.failure);
    expect([...s.slots], `scenario ${k}: order`).toEqual([...o.slots]);
    expect(s.deps.map((d) => [...d]), `scenario ${k}: reads`).toEqual(o.deps.map((d) => [...d]));
    // The same definitions, step by step (compared as objects: each compilation makes its own).
    expect(s.defs.length).toBe(o.defs.length);
  });
  expect(report(model, shared)).toBe(report(model, own));
  return shared;
}

/** The report as JSON, or the failure it stops at (the first failing step, which the order decides). */
function report(model: NModel, compiled: CompiledModel): string {
  try {
    return JSON.stringify(runModel(model, { compiled }));
  } catch (err) {
    return `failed: ${err instanceof Error ? err.message : String(err)} ${JSON.stringify(err)}`;
  }
}

const files = [
  ...readdirSync("models").filter((f) => f.endsWith(".yaml")).map((f) => `models/${f}`),
  ...readdirSync("models/examples").filter((f) => f.endsWith(".yaml")).map((f) => `models/examples/${f}`),
];

describe("scenarios share the first scenario's order of steps", () => {
  it.each(files)("%s: the same steps as each scenario ordering its own", (file) => {
    const l = loadModel(file);
    expect(l.model, JSON.stringify(l.problems)).toBeDefined();
    expectSameSteps(l.model!);
  });

  it("is taken by scenarios that own participants (the scale model's shape), and by lpbl_de_kop's", () => {
    const text = [
      "sroi: 1",
      "meta: { title: T, source: { report: t } }",
      "time: { period: 2026-2030, discount: 3% }",
      "stakeholders: [ { id: s0, name: S0 } ]",
      "activities:",
      "  - { id: a0, name: A0, participants: 10, values: { d0: 100 } }",
      "  - { id: a1, name: A1, participants: 20, values: { d0: 200 } }",
      "participants: { groups: [ { id: g, name: G }, { id: h, name: H } ] }",
      "counterfactual: { name: none, participants: { g: 100, h: 0 } }",
      "inputs: [ { id: i0, name: I0, stakeholder: s0, amount: 1000 } ]",
      "outcomes: [ { id: o0, name: O0, stakeholder: s0, domain: d0, impact_claim: 50% } ]",
      "scenarios:",
      "  - { id: sc0, name: Sc0, participants: { g: 200, h: 5 } }",
      "  - { id: sc1, name: Sc1, participants: { g: 210, h: 6 } }",
      "  - { id: sc2, name: Sc2, extends: sc1 }",
    ].join("\n");
    const l = loadModelText("t.yaml", text);
    expect(l.model, JSON.stringify(l.problems)).toBeDefined();
    expect(expectSameSteps(l.model!).steps.map((s) => s.shared)).toEqual([false, true, true]);
    expect(expectSameSteps(loadModel("models/lpbl_de_kop.yaml").model!).steps.slice(1).every((s) => s.shared)).toBe(true);
  });

  it("gives the same steps and results on 300 generated models with scenarios", () => {
    // Mostly alike scenarios (as real ones are), now and then one that reads other slots or none.
    const rarely = <T,>(arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: arb, weight: 1 });
    const scenario = fc.record({
      counts: fc.option(fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 })), { nil: undefined, freq: 5 }),
      extendsPrevious: fc.boolean(),
      onlyG: fc.boolean(), // extending: counts only g and inherits h
      p0: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
      p1: rarely(fc.constantFrom("p0 * 2", "participants.g + 1", "extra_participants / 2", "p0 + participants.h", "p1 + 1")),
      discount: rarely(fc.constantFrom("2%", "4%")),
    });
    const spec = fc.record({
      scenarios: fc.array(scenario, { minLength: 2, maxLength: 5 }),
      p1: fc.constantFrom("p0 * 2", "participants.g * 3", "extra_participants + p0", "2"),
      quantity: fc.constantFrom("participants.h", "p1", "extra_participants", undefined),
      uniqueFactor: fc.boolean(),
      valueByYear: fc.boolean(),
    });
    let sharedSome = 0;
    let loaded = 0;
    fc.assert(
      fc.property(spec, (s) => {
        const lines = [
          "sroi: 1",
          "meta: { title: G, source: { report: generated } }",
          "time: { period: 2026-2028, discount: 3% }",
          "stakeholders: [ { id: s0, name: S0 } ]",
          `parameters: { p0: 10, p1: "${s.p1}" }`,
          `participants: { ${s.uniqueFactor ? "unique_factor: 80%, " : ""}groups: [ { id: g, name: G }, { id: h, name: H } ] }`,
          "counterfactual: { name: none, participants: { g: 5, h: 1 } }",
          'inputs: [ { id: i0, name: I0, stakeholder: s0, amount: "p0 * 100" } ]',
          "outcomes:",
          `  - { id: o0, name: O0, stakeholder: s0, amount: ${s.valueByYear ? '"10 * t + 50"' : "50"}, impact_claim: 50% }`,
          `  - { id: o1, name: O1, stakeholder: s0, value: 20, impact_claim: 40%${s.quantity ? `, quantity: "${s.quantity}"` : ""} }`,
          "scenarios:",
          ...s.scenarios.map((x, k) => {
            const parts = [`id: sc${k}`, `name: Sc${k}`];
            if (k > 0 && x.extendsPrevious) parts.push(`extends: sc${k - 1}`);
            if (x.counts) parts.push(`participants: { g: ${x.counts[0]}${k > 0 && x.extendsPrevious && x.onlyG ? "" : `, h: ${x.counts[1]}`} }`);
            const params = [x.p0 !== undefined ? `p0: ${x.p0}` : "", x.p1 !== undefined ? `p1: "${x.p1}"` : ""].filter(Boolean);
            if (params.length > 0) parts.push(`parameters: { ${params.join(", ")} }`);
            if (x.discount) parts.push(`time: { discount: ${x.discount} }`);
            return `  - { ${parts.join(", ")} }`;
          }),
        ];
        const l = loadModelText("g.yaml", lines.join("\n"));
        if (!l.model) return;
        loaded++;
        const c = expectSameSteps(l.model);
        if (c.steps.some((x) => x.shared)) sharedSome++;
      }),
      { seed: 20261206, numRuns: 300 },
    );
    // The generator must reach both paths often enough for the comparison to mean something.
    expect(loaded).toBeGreaterThan(200);
    expect(sharedSome).toBeGreaterThan(80);
  });
});
