// Break-even: the value of one number at which a scenario's ratio reaches a target. The root is
// bracketed by stepping away from the base value in both directions (doubling steps; halving the
// distance towards a finite end of the number's domain), then refined with Brent's method. The
// root nearest the base value wins. No value in the domain reaching the target gives null.
import type { Compiled, NumberDomain } from "../engine/evaluator.js";
import { evaluateOrThrow, scenarioIndexes, type ModelRef } from "./evaluate.js";
import { AnalysisError, slotOf } from "./inputs.js";

export const BREAKEVEN_SCHEMA = "sroi-breakeven/1";

export interface BreakevenScenario {
  id: string;
  name: string;
  param: string;
  base: number;
  base_ratio: number;
  /** null when no value in the number's domain reaches the target. */
  value: number | null;
  target: number;
  /** Why value is null: the target is out of reach, or the number does not move this scenario's ratio. */
  reason: "unreachable" | "no-effect" | "not-applicable" | null;
}

export interface BreakevenResult {
  schema: typeof BREAKEVEN_SCHEMA;
  model: ModelRef;
  param: string;
  /** How the number reads (a share is shown as a percentage). */
  kind: NumberDomain["kind"];
  target: number;
  scenarios: BreakevenScenario[];
}

export interface BreakevenOptions {
  model: ModelRef;
  param: string;
  target?: number;
  overrides: Float64Array;
  scenarios?: readonly string[];
}

const MAX_STEPS = 80;
const LIMIT = 1e15; // beyond this no model quantity means anything

export function breakeven(c: Compiled, o: BreakevenOptions): BreakevenResult {
  const target = o.target ?? 1;
  if (!Number.isFinite(target)) throw new AnalysisError({ option: "--target", message: `must be a number (got ${target})` });
  const slot = slotOf(c, o.param, "--param");
  if (!Number.isNaN(o.overrides[slot]!)) {
    throw new AnalysisError({ subject: o.param, option: "--param", message: `"${o.param}" is also fixed with --set; break-even varies it`, hint: "drop the --set for it" });
  }
  const info = c.numbers[slot]!;
  const ov = Float64Array.from(o.overrides);
  const scenarios = scenarioIndexes(c, o.scenarios).map((s): BreakevenScenario => {
    const sc = c.scenarios[s]!;
    const x0 = c.base(s, slot);
    const r0 = evaluateOrThrow(c, s, ov).ratio;
    const row: BreakevenScenario = { id: sc.id, name: sc.name, param: o.param, base: x0, base_ratio: r0, value: null, target, reason: null };
    if (!info.scenarios.includes(sc.id) || !Number.isFinite(x0)) return { ...row, reason: "not-applicable" };
    // f(x) = ratio - target; NaN where the model cannot be computed (no inputs left, say).
    const f = (x: number): number => {
      ov[slot] = x;
      const e = c.evaluate(s, ov);
      ov[slot] = NaN;
      return e.ok ? e.ratio - target : NaN;
    };
    const f0 = r0 - target;
    if (f0 === 0) return { ...row, value: x0 };
    const { min, max } = info.domain;
    const scale = Math.abs(x0) > 0 ? Math.abs(x0) : max - min < Infinity ? (max - min) / 2 : 1;
    let moved = false;
    const roots: number[] = [];
    for (const dir of [1, -1]) {
      const end = dir > 0 ? max : min;
      let a = x0;
      let fa = f0;
      for (let k = 0; k < MAX_STEPS; k++) {
        let b = Number.isFinite(end) ? end - (end - x0) / 2 ** (k + 1) : x0 + dir * (scale / 64) * 2 ** k;
        if (k === MAX_STEPS - 1 && Number.isFinite(end)) b = end;
        if (Math.abs(b) > LIMIT) break;
        const fb = f(b);
        if (Number.isNaN(fb)) break;
        if (Math.abs(fb - f0) > 1e-12 * Math.max(1, Math.abs(r0))) moved = true;
        if (fb === 0) {
          roots.push(b);
          break;
        }
        if (Math.sign(fb) !== Math.sign(fa)) {
          roots.push(brent(f, a, b, fa, fb));
          break;
        }
        a = b;
        fa = fb;
      }
    }
    ov[slot] = NaN;
    if (roots.length === 0) return { ...row, reason: moved ? "unreachable" : "no-effect" };
    roots.sort((p, q) => Math.abs(p - x0) - Math.abs(q - x0));
    return { ...row, value: roots[0]! };
  });
  if (scenarios.every((s) => s.reason === "no-effect" || s.reason === "not-applicable")) {
    throw new AnalysisError({
      subject: o.param,
      option: "--param",
      message: `"${o.param}" does not move the ratio${c.scenarios.length > 1 ? " in any scenario" : ""}, so no value of it breaks even`,
      hint: "run sroi sensitivity FILE --spread 20% to see which numbers drive the ratio",
    });
  }
  return { schema: BREAKEVEN_SCHEMA, model: o.model, param: o.param, kind: info.domain.kind, target, scenarios };
}

/** Brent's method on [a, b] with f(a), f(b) of opposite sign (after Numerical Recipes' zbrent). */
export function brent(f: (x: number) => number, a: number, b: number, fa = f(a), fb = f(b), tol = 1e-13): number {
  let c = b;
  let fc = fb;
  let d = b - a;
  let e = d;
  for (let iter = 0; iter < 200; iter++) {
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol1 = 2 * Number.EPSILON * Math.abs(b) + 0.5 * tol * Math.max(1, Math.abs(b));
    const xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol1 || fb === 0) return b;
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * xm * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * xm * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      p = Math.abs(p);
      if (2 * p < Math.min(3 * xm * q - Math.abs(tol1 * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = xm;
        e = d;
      }
    } else {
      d = xm;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : xm > 0 ? tol1 : -tol1;
    fb = f(b);
    if (Number.isNaN(fb)) return NaN;
  }
  return b;
}
