// Monte Carlo: per scenario, `iterations` draws of every uncertain number (declared distributions and
// --spread), the model evaluated for each, and the ratio and each stakeholder's benefits kept in typed
// arrays (no object per draw). Every scenario starts from the same seed (common random numbers), so
// scenarios are compared on the same draws and a run repeats exactly.
import type { Compiled } from "../engine/evaluator.js";
import { evaluateOrThrow, newEvaluation, scenarioIndexes, type ModelRef } from "./evaluate.js";
import { AnalysisError, nothingUncertain, uncertainties, type Uncertain } from "./inputs.js";
import { Rng, SamplerPlan } from "./random.js";
import { shareAbove, summarize, type Summary } from "./stats.js";
import type { AnalysisOptions } from "./sensitivity.js";

export const SIMULATE_SCHEMA = "sroi-simulate/1";
export const MAX_ITERATIONS = 10_000_000;

export interface SimulateScenario {
  id: string;
  name: string;
  base_ratio: number;
  /** How many numbers were drawn (those that move a reported figure). */
  varied: number;
  ratio: Summary;
  p_above_1: number;
  p_above_target: number | null;
  stakeholders: { id: string; name: string; base: number; benefits: Summary }[];
}

export interface SimulateResult {
  schema: typeof SIMULATE_SCHEMA;
  model: ModelRef;
  seed: number;
  iterations: number;
  spread: number | null;
  target: number | null;
  scenarios: SimulateScenario[];
}

export interface SimulateOptions extends AnalysisOptions {
  iterations: number;
  seed: number;
  target?: number;
  /** Called now and then with draws done and draws in all (for a progress line). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Whether a number moves any figure the simulation reports (the ratio, inputs, any stakeholder's
 * benefits) at either end of its range. One that does not (a library price the model never uses, a
 * baseline shown only for comparison) is not drawn: the figures are the same without the work.
 */
function moves(c: Compiled, s: number, ov: Float64Array, u: Uncertain): boolean {
  const base = evaluateOrThrow(c, s, ov);
  const ratio = base.ratio;
  const inputs = base.inputs;
  const benefits = Float64Array.from(base.stakeholderBenefits);
  let moved = false;
  for (const v of [u.low, u.high]) {
    ov[u.slot] = v;
    const e = evaluateOrThrow(c, s, ov, undefined, `${u.name} at ${v}`);
    if (!Object.is(e.ratio, ratio) || e.inputs !== inputs || e.stakeholderBenefits.some((b, i) => b !== benefits[i])) moved = true;
  }
  ov[u.slot] = NaN;
  return moved;
}

export function simulate(c: Compiled, o: SimulateOptions): SimulateResult {
  const n = o.iterations;
  if (!Number.isInteger(n) || n < 1 || n > MAX_ITERATIONS) {
    throw new AnalysisError({ option: "--iterations", message: `must be a whole number from 1 to ${MAX_ITERATIONS.toLocaleString("en")} (got ${n})` });
  }
  if (!Number.isSafeInteger(o.seed) || o.seed < 0) {
    throw new AnalysisError({ option: "--seed", message: `must be a whole number of at least 0 (got ${o.seed})` });
  }
  if (o.target !== undefined && !Number.isFinite(o.target)) throw new AnalysisError({ option: "--target", message: `must be a number (got ${o.target})` });
  const picked = scenarioIndexes(c, o.scenarios);
  const lists = picked.map((s) => uncertainties(c, s, o.overrides, o.spread));
  if (lists.every((l) => l.length === 0)) throw nothingUncertain();

  const k = c.stakeholders.length;
  const ratios = new Float64Array(n);
  const benefits = Array.from({ length: k }, () => new Float64Array(n));
  const scratch = new Float64Array(n);
  const ov = Float64Array.from(o.overrides);
  const out = newEvaluation(c);
  const total = n * picked.length;
  const every = Math.max(1, Math.min(65536, Math.floor(n / 100)));

  const scenarios = picked.map((s, j): SimulateScenario => {
    const list = lists[j]!;
    const base = evaluateOrThrow(c, s, ov);
    const baseRatio = base.ratio;
    const baseBenefits = Array.from(base.stakeholderBenefits);
    const plan = new SamplerPlan(list.filter((u) => moves(c, s, ov, u)));
    const slots = plan.slots;
    const rng = new Rng(o.seed);
    for (let i = 0; i < n; i++) {
      plan.drawInto(rng, ov);
      const e = c.evaluate(s, ov, out);
      if (!e.ok) {
        const names = Array.from(slots, (q) => `${c.numbers[q]!.name}=${ov[q]}`);
        const drawn = names.slice(0, 4).join(", ") + (names.length > 4 ? ", ..." : "");
        throw new AnalysisError({ path: e.path, message: `${e.message} (in draw ${i + 1}: ${drawn})`, hint: e.hint });
      }
      ratios[i] = e.ratio;
      for (let b = 0; b < k; b++) benefits[b]![i] = e.stakeholderBenefits[b]!;
      if (o.onProgress && (i + 1) % every === 0) o.onProgress(j * n + i + 1, total);
    }
    for (const q of slots) ov[q] = o.overrides[q]!;
    return {
      id: c.scenarios[s]!.id,
      name: c.scenarios[s]!.name,
      base_ratio: baseRatio,
      varied: slots.length,
      ratio: summarize(ratios, scratch),
      p_above_1: shareAbove(ratios, 1),
      p_above_target: o.target === undefined ? null : shareAbove(ratios, o.target),
      stakeholders: c.stakeholders.map((st, b) => ({ id: st.id, name: st.name, base: baseBenefits[b]!, benefits: summarize(benefits[b]!, scratch) })),
    };
  });
  o.onProgress?.(total, total);
  return { schema: SIMULATE_SCHEMA, model: o.model, seed: o.seed, iterations: n, spread: o.spread ?? null, target: o.target ?? null, scenarios };
}
