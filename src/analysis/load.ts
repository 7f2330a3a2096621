// The one place the analyses get a `Compiled` from a normalised model: the engine's compile, with
// one reading of its own. `--spread` varies the numbers a model states as plain numbers; a number
// written as arithmetic on numbers only ("152410 / 5", Numansdorp's participants per year) is as
// plain a statement as "30482", so it counts as literal here too. And a parameter written as a
// percentage reads as a share.
import { compile, type CompiledModel } from "../engine/compile.js";
import type { NExpr, NModel } from "../engine/model.js";
import type { Expr } from "../expr/expr.js";
import type { NumberDomain } from "../engine/evaluator.js";

const SHARE: NumberDomain = { min: 0, max: 1, kind: "share" };

export function compileModel(model: NModel): CompiledModel {
  const c = compile(model);
  const constants = new Set<number>();
  for (const e of statedExprs(model)) {
    const slot = c.slotOfExpr(e);
    if (slot >= 0 && slot < c.numbers.length && !c.numbers[slot]!.literal && Number.isFinite(constant(e.expr))) constants.add(slot);
  }
  // A parameter written as a percentage ("20%") is a share: shown as one, and kept within 0..100%.
  const shares = new Set<number>();
  for (const p of model.params.values()) {
    const slot = c.slot(p.name);
    if (slot !== undefined && /%\s*$/.test(p.value.text) && c.numbers[slot]!.domain.kind === "any") shares.add(slot);
  }
  if (constants.size === 0 && shares.size === 0) return c;
  const numbers = c.numbers.map((n, slot) => {
    if (!constants.has(slot) && !shares.has(slot)) return n;
    return { ...n, ...(constants.has(slot) ? { literal: true } : {}), ...(shares.has(slot) ? { domain: SHARE } : {}) };
  });
  // The compiled model's methods are closures over its own state: only `numbers` changes.
  return { ...c, numbers };
}

function* statedExprs(m: NModel): Generator<NExpr> {
  for (const p of m.params.values()) yield p.value;
  // Not a scenario's own parameter values: a parameter's name stands for its model-wide statement.
  for (const s of m.scenarios) yield* s.participants.values();
  yield* m.counterfactual?.participants.values() ?? [];
  if (m.participants?.uniqueFactor) yield m.participants.uniqueFactor;
  for (const a of m.activities) {
    yield a.participants;
    for (const v of a.values) yield v.value;
  }
  for (const i of m.inputs) {
    if (i.amount) yield i.amount;
    yield* i.perYear.values();
  }
  for (const o of m.outcomes) for (const e of [o.amount, o.value, o.quantity]) if (e) yield e;
}

/** The value of arithmetic on numbers only; NaN when it reads a name. */
function constant(e: Expr): number {
  switch (e.kind) {
    case "num":
      return e.value;
    case "neg":
      return -constant(e.arg);
    case "bin": {
      const a = constant(e.left);
      const b = constant(e.right);
      return e.op === "+" ? a + b : e.op === "-" ? a - b : e.op === "*" ? a * b : e.op === "/" ? a / b : Math.pow(a, b);
    }
    default:
      return NaN;
  }
}
