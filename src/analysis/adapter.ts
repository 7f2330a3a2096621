// TEMPORARY, SLOW: the `Compiled` contract (src/engine/evaluator.ts) implemented over today's
// `runModel`, so that the analyses can be built and tested before the engine's `compile` lands on
// branch core. Each evaluation copies the model with the overridden numbers written in as literals and
// runs the whole report for one scenario: correct, but thousands of times slower than a compiled
// evaluator. Replace with `compile` from src/engine/compile.ts when it exists.
import type { Compiled, EvalFailure, Evaluation, NumberDomain, NumberInfo } from "../engine/evaluator.js";
import { ModelEvalError, runModel } from "../engine/engine.js";
import type { Expr } from "../expr/expr.js";
import type { NExpr, NModel, NOutcome, NScenario, Path } from "../engine/model.js";
import type { ScenarioResult } from "../engine/result.js";

interface Stated {
  info: NumberInfo;
  /** Writes the value into a (shallow) copy of the model made by `writable`. */
  apply(m: NModel, v: number): void;
  /** Its value in one scenario, read from the unchanged model's result. */
  read(r: ScenarioResult): number;
}

const literal = (v: number, path: Path): NExpr => ({ expr: { kind: "num", value: v, start: 0, end: 0 }, text: String(v), path });
/** A number as written, or arithmetic on numbers only ("152410 / 5"): a leaf that ranges can vary. */
function constant(e: Expr): number {
  switch (e.kind) {
    case "num":
      return e.value;
    case "neg":
      return -constant(e.arg);
    case "bin": {
      const a = constant(e.left);
      const b = constant(e.right);
      return e.op === "+" ? a + b : e.op === "-" ? a - b : e.op === "*" ? a * b : a / b;
    }
    default:
      return NaN;
  }
}
const isLiteral = (e: NExpr | undefined): boolean => !!e && Number.isFinite(constant(e.expr));
const literalValue = (e: NExpr): number => constant(e.expr);

const SHARE: NumberDomain = { min: 0, max: 1, kind: "share" };
const COUNT: NumberDomain = { min: 0, max: Infinity, kind: "count" };
const RATE: NumberDomain = { min: -1, max: 1, kind: "rate" };

/** A copy of the model whose parts the overrides write into; the original is never changed. */
function writable(model: NModel, scenario: NScenario): NModel {
  return {
    ...model,
    params: new Map(model.params),
    scenarios: [{ ...scenario, params: new Map(scenario.params), participants: new Map(scenario.participants) }],
    outcomes: model.outcomes.map((o) => ({ ...o, impact: { ...o.impact } })),
    inputs: model.inputs.map((i) => ({ ...i })),
    activities: model.activities.map((a) => ({ ...a })),
    counterfactual: model.counterfactual && { ...model.counterfactual, participants: new Map(model.counterfactual.participants) },
    // Printed-figure checks and library notes are the report's business, not an evaluation's.
    checks: [],
    libraryNotes: [],
  };
}

function statedNumbers(model: NModel, results: ScenarioResult[]): Stated[] {
  const all = model.scenarios.map((s) => s.id);
  const out: Stated[] = [];
  const idAt = (list: { id: string }[], i: string | number) => (typeof i === "number" ? list[i]?.id ?? String(i) : i);

  for (const p of model.params.values()) {
    const values = p.kind === "price" ? [] : results.map((r) => r.parameters[p.name]!);
    const percent = p.value.text.includes("%");
    const money = /EUR|€/.test(p.unit ?? "");
    const nonNegative = p.kind === "price" ? literalValue(p.value) >= 0 : values.every((v) => v >= 0);
    const domain: NumberDomain = percent
      ? SHARE
      : { min: nonNegative ? 0 : -Infinity, max: Infinity, kind: money || p.kind === "price" ? "money" : nonNegative ? "count" : "any" };
    out.push({
      info: { name: p.name, kind: p.kind, path: p.value.path, unit: p.unit, domain, literal: isLiteral(p.value), scenarios: all },
      apply: (m, v) => {
        m.params.set(p.name, { ...p, value: literal(v, p.value.path) });
        // The override replaces a scenario's own value too.
        for (const s of m.scenarios) s.params.delete(p.name);
      },
      read: (r) => (p.kind === "price" ? literalValue(p.value) : r.parameters[p.name] ?? NaN),
    });
  }

  model.outcomes.forEach((o: NOutcome, i) => {
    const base = o.path;
    const name = `outcomes.${o.id}`;
    if (o.impact.share !== 1 || o.impact.deadweight !== undefined || o.impact.attribution !== undefined) {
      out.push({
        info: { name: `${name}.impact_claim`, kind: "stated", path: [...base, "impact_claim"], domain: SHARE, literal: true, scenarios: all },
        apply: (m, v) => void (m.outcomes[i]!.impact = { share: v }),
        read: () => o.impact.share,
      });
    }
    if (o.dropOff !== 0) {
      out.push({
        info: { name: `${name}.drop_off`, kind: "stated", path: [...base, "drop_off"], domain: SHARE, literal: true, scenarios: all },
        apply: (m, v) => void (m.outcomes[i]!.dropOff = v),
        read: () => o.dropOff,
      });
    }
    for (const key of ["amount", "value", "quantity"] as const) {
      const e = o[key];
      if (!e || !isLiteral(e)) continue;
      out.push({
        info: { name: `${name}.${key}`, kind: "stated", path: e.path, domain: key === "quantity" ? COUNT : { min: -Infinity, max: Infinity, kind: "money" }, literal: true, scenarios: all },
        apply: (m, v) => void (m.outcomes[i]![key] = literal(v, e.path)),
        read: () => literalValue(e),
      });
    }
  });

  model.inputs.forEach((inp, i) => {
    const name = `inputs.${inp.id}`;
    if (inp.amount && isLiteral(inp.amount)) {
      const e = inp.amount;
      out.push({
        info: { name: `${name}.amount`, kind: "stated", path: e.path, domain: { min: 0, max: Infinity, kind: "money" }, literal: true, scenarios: all },
        apply: (m, v) => void (m.inputs[i]!.amount = literal(v, e.path)),
        read: () => literalValue(e),
      });
    }
    if (inp.indexRate !== 0) {
      out.push({
        info: { name: `${name}.indexation`, kind: "stated", path: ["inputs", i, "indexation"], domain: RATE, literal: true, scenarios: all },
        apply: (m, v) => void (m.inputs[i]!.indexRate = v),
        read: () => inp.indexRate,
      });
    }
  });

  model.activities.forEach((a, i) => {
    if (!isLiteral(a.participants)) return;
    out.push({
      info: { name: `activities.${a.id}.participants`, kind: "stated", path: a.participants.path, domain: COUNT, literal: true, scenarios: all },
      apply: (m, v) => void (m.activities[i]!.participants = literal(v, a.participants.path)),
      read: () => literalValue(a.participants),
    });
  });

  const uf = model.participants?.uniqueFactor;
  if (uf && isLiteral(uf)) {
    out.push({
      info: { name: "participants.unique_factor", kind: "stated", path: uf.path, domain: SHARE, literal: true, scenarios: all },
      apply: (m, v) => void (m.participants = { ...m.participants!, uniqueFactor: literal(v, uf.path) }),
      read: () => literalValue(uf),
    });
  }

  for (const [g, e] of model.counterfactual?.participants ?? []) {
    if (!isLiteral(e)) continue;
    out.push({
      info: { name: `counterfactual.participants.${g}`, kind: "stated", path: e.path, domain: COUNT, literal: true, scenarios: all },
      apply: (m, v) => void m.counterfactual!.participants.set(g, literal(v, e.path)),
      read: () => literalValue(e),
    });
  }

  // A scenario's participants are named where they are written; a scenario that extends another and
  // inherits its counts shares the parent's number.
  const byName = new Map<string, { stated: Stated; scenarios: string[] }>();
  for (const s of model.scenarios) {
    for (const [g, e] of s.participants) {
      const at = e.path[1];
      const name = `scenarios.${idAt(model.scenarios, at ?? s.id)}.participants.${g}`;
      const hit = byName.get(name);
      if (hit) {
        hit.scenarios.push(s.id);
        continue;
      }
      const scenarios = [s.id];
      const stated: Stated = {
        info: { name, kind: "stated", path: e.path, domain: COUNT, literal: isLiteral(e), scenarios },
        apply: (m, v) => {
          const own = m.scenarios[0]!;
          if (scenarios.includes(own.id)) own.participants.set(g, literal(v, e.path));
        },
        read: (r) => (scenarios.includes(r.id) ? (r.participants?.groups.find((x) => x.id === g)?.scenario ?? NaN) : NaN),
      };
      byName.set(name, { stated, scenarios });
      out.push(stated);
    }
  }
  return out;
}

function financialByStakeholder(model: NModel, r: ScenarioResult, into: Float64Array): void {
  into.fill(0);
  for (const o of r.outcomes) {
    if (o.kind !== "financial") continue;
    for (const a of o.allocation) {
      const k = model.stakeholders.findIndex((s) => s.id === a.stakeholder);
      if (k >= 0) into[k] = into[k]! + o.present_value * a.share;
    }
  }
}

export function newEvaluation(c: Pick<Compiled, "stakeholders" | "ratios">): Evaluation {
  const n = c.stakeholders.length;
  return {
    ok: true,
    ratio: NaN,
    inputs: 0,
    benefits: 0,
    net: 0,
    financialBenefits: 0,
    stakeholderInputs: new Float64Array(n),
    stakeholderBenefits: new Float64Array(n),
    stakeholderFinancialBenefits: new Float64Array(n),
    ratios: new Float64Array(c.ratios.length),
  };
}

/** The slow stand-in for `compile(model)`. Throws ModelEvalError when the unchanged model cannot be computed. */
export function adapt(model: NModel): Compiled {
  const results = runModel({ ...model, checks: [] }).scenarios;
  const stated = statedNumbers(model, results);
  const slots = new Map(stated.map((s, i) => [s.info.name, i]));
  const base = results.map((r) => Float64Array.from(stated, (s) => s.read(r)));
  const scenarios = model.scenarios.map((s) => ({ id: s.id, name: s.name, variant: s.variant }));
  const stakeholders = model.stakeholders.map((s) => ({ id: s.id, name: s.name }));
  const ratios = model.ratios.map((r) => ({ id: r.id, name: r.name }));

  const compiled: Compiled = {
    scenarios,
    stakeholders,
    ratios,
    numbers: stated.map((s) => s.info),
    slot: (name) => slots.get(name),
    base: (scenario, slot) => base[scenario]?.[slot] ?? NaN,
    evaluate(scenario: number, overrides?: Float64Array, out?: Evaluation): Evaluation | EvalFailure {
      const m = writable(model, model.scenarios[scenario]!);
      if (overrides) {
        for (let i = 0; i < stated.length; i++) {
          const v = overrides[i]!;
          if (v === v) stated[i]!.apply(m, v);
        }
      }
      let r: ScenarioResult;
      try {
        r = runModel(m).scenarios[0]!;
      } catch (err) {
        if (err instanceof ModelEvalError) return { ok: false, path: err.path, message: err.message, hint: err.hint };
        throw err;
      }
      const e = out ?? newEvaluation(compiled);
      e.ratio = r.ratio ?? NaN;
      e.inputs = r.totals.inputs;
      e.benefits = r.totals.benefits;
      e.net = r.totals.net;
      e.financialBenefits = r.totals.financial_benefits;
      r.stakeholders.forEach((s, k) => {
        e.stakeholderInputs[k] = s.inputs;
        e.stakeholderBenefits[k] = s.benefits;
      });
      financialByStakeholder(model, r, e.stakeholderFinancialBenefits);
      r.ratios.forEach((x, k) => (e.ratios[k] = x.ratio ?? NaN));
      return e;
    },
  };
  return compiled;
}

/** The model with the overrides written in, for the full report (`sroi run --set`). */
export function withOverrides(model: NModel, compiled: Compiled, overrides: Float64Array): NModel {
  const out: NModel = {
    ...model,
    params: new Map(model.params),
    scenarios: model.scenarios.map((s) => ({ ...s, params: new Map(s.params), participants: new Map(s.participants) })),
    outcomes: model.outcomes.map((o) => ({ ...o, impact: { ...o.impact } })),
    inputs: model.inputs.map((i) => ({ ...i })),
    activities: model.activities.map((a) => ({ ...a })),
    counterfactual: model.counterfactual && { ...model.counterfactual, participants: new Map(model.counterfactual.participants) },
  };
  const stated = statedNumbers(model, []);
  for (let i = 0; i < overrides.length; i++) {
    const v = overrides[i]!;
    if (v !== v) continue;
    const s = stated.find((x) => x.info.name === compiled.numbers[i]!.name);
    if (!s) continue;
    // A scenario's participants apply to the scenarios that carry them, one scenario at a time.
    if (s.info.name.startsWith("scenarios.")) {
      const [, , , g] = s.info.name.split(".");
      for (const sc of out.scenarios) if (compiled.numbers[i]!.scenarios.includes(sc.id)) sc.participants.set(g!, literal(v, s.info.path));
    } else s.apply(out, v);
  }
  return out;
}
