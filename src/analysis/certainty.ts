// --min-certainty N: the model without the benefits that rest on studies rated below N stars. Each
// value taken from such a study becomes 0 (the activity's participants stay in the weighted average,
// so the benefit they brought is dropped, not re-spread over the other activities); every reference
// `ref.<study>.<domain>` to such a study in a formula reads 0 too.
import type { Expr } from "../expr/expr.js";
import type { NExpr, NModel } from "../engine/model.js";
import { runModel } from "../engine/engine.js";

export interface CertaintyFilter {
  model: NModel;
  min: number;
  /** The studies whose values were dropped, with their rating. */
  dropped: { id: string; name: string; certainty: number }[];
}

export function restrictToCertainty(model: NModel, min: number): CertaintyFilter {
  const low = new Set([...model.studies.values()].filter((s) => s.certainty !== undefined && s.certainty < min).map((s) => s.id));
  const used = new Set<string>();
  const zero = (path: NExpr["path"]): NExpr => ({ expr: { kind: "num", value: 0, start: 0, end: 0 }, text: "0", path });
  const rewrite = (e: Expr): Expr => {
    switch (e.kind) {
      case "ref": {
        const [root, study] = e.name.split(".");
        if (root === "ref" && study && low.has(study)) {
          used.add(study);
          return { kind: "num", value: 0, start: e.start, end: e.end };
        }
        return e;
      }
      case "neg":
        return { ...e, arg: rewrite(e.arg) };
      case "bin":
        return { ...e, left: rewrite(e.left), right: rewrite(e.right) };
      case "call":
        return { ...e, args: e.args.map(rewrite) };
      default:
        return e;
    }
  };
  const fix = (x: NExpr): NExpr => {
    const expr = rewrite(x.expr);
    return expr === x.expr ? x : { ...x, expr };
  };
  const fixOpt = (x: NExpr | undefined) => (x ? fix(x) : x);

  const activities = model.activities.map((a) => ({
    ...a,
    values: a.values.map((v) => {
      if (v.study && low.has(v.study)) {
        used.add(v.study);
        return { ...v, value: zero(v.value.path) };
      }
      return { ...v, value: fix(v.value) };
    }),
  }));
  const params = new Map([...model.params].map(([k, p]) => [k, { ...p, value: fix(p.value) }]));
  const outcomes = model.outcomes.map((o) => ({ ...o, amount: fixOpt(o.amount), value: fixOpt(o.value), quantity: fixOpt(o.quantity) }));
  const scenarios = model.scenarios.map((s) => ({ ...s, params: new Map([...s.params].map(([k, e]) => [k, fix(e)])) }));
  const dropped = [...used].sort().map((id) => {
    const s = model.studies.get(id)!;
    return { id, name: s.name, certainty: s.certainty! };
  });
  return { model: { ...model, activities, params, outcomes, scenarios, checks: [] }, min, dropped };
}

/** Each scenario's ratio without the low-rated studies, beside the full one (`sroi run --min-certainty N`). */
export interface CertaintyComparison {
  min_certainty: number;
  dropped: { id: string; name: string; certainty: number }[];
  scenarios: { id: string; name: string; ratio: number | null; full_ratio: number | null }[];
}

export function compareCertainty(
  model: NModel,
  full: { scenarios: { id: string; name: string; ratio: number | null }[] },
  min: number,
  overrides?: Record<string, number>,
): CertaintyComparison {
  const f = restrictToCertainty(model, min);
  const restricted = runModel(f.model, { overrides }).scenarios;
  return {
    min_certainty: min,
    dropped: f.dropped,
    scenarios: full.scenarios.map((s) => ({ id: s.id, name: s.name, ratio: restricted.find((r) => r.id === s.id)?.ratio ?? null, full_ratio: s.ratio })),
  };
}
