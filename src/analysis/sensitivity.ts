// One-way sensitivity (tornado): each uncertain number from its low to its high value with all others
// at their base, the ratio at each end and the swing between them, largest swing first.
import type { Compiled, NumberDomain } from "../engine/evaluator.js";
import { evaluateOrThrow, scenarioIndexes, type ModelRef } from "./evaluate.js";
import { nothingUncertain, uncertainties, type Uncertain } from "./inputs.js";

export const SENSITIVITY_SCHEMA = "sroi-sensitivity/1";

export interface SensitivityRow {
  name: string;
  base: number;
  low: number;
  high: number;
  ratio_low: number;
  ratio_high: number;
  swing: number;
  origin: Uncertain["origin"];
  /** How the number reads (a share is shown as a percentage). */
  kind: NumberDomain["kind"];
}

export interface SensitivityResult {
  schema: typeof SENSITIVITY_SCHEMA;
  model: ModelRef;
  spread: number | null;
  scenarios: { id: string; name: string; base_ratio: number; parameters: SensitivityRow[]; unmoved: number }[];
}

export interface AnalysisOptions {
  model: ModelRef;
  /** --set, by slot (NaN: as the model says). */
  overrides: Float64Array;
  spread?: number;
  scenarios?: readonly string[];
}

export function sensitivity(c: Compiled, o: AnalysisOptions): SensitivityResult {
  const picked = scenarioIndexes(c, o.scenarios);
  const lists = picked.map((s) => uncertainties(c, s, o.overrides, o.spread));
  if (lists.every((l) => l.length === 0)) throw nothingUncertain();
  const ov = Float64Array.from(o.overrides);
  const scenarios = picked.map((s, k) => {
    const base = evaluateOrThrow(c, s, ov).ratio;
    const rows: SensitivityRow[] = [];
    let unmoved = 0;
    for (const u of lists[k]!) {
      ov[u.slot] = u.low;
      const lo = evaluateOrThrow(c, s, ov, undefined, `${u.name} at ${u.low}`).ratio;
      ov[u.slot] = u.high;
      const hi = evaluateOrThrow(c, s, ov, undefined, `${u.name} at ${u.high}`).ratio;
      ov[u.slot] = o.overrides[u.slot]!;
      const swing = Math.abs(hi - lo);
      // A number that leaves the ratio where it is (a baseline only shown for comparison) is no driver.
      if (!(swing > 1e-12 * Math.max(1, Math.abs(base)))) {
        unmoved++;
        continue;
      }
      rows.push({ name: u.name, base: u.base, low: u.low, high: u.high, ratio_low: lo, ratio_high: hi, swing, origin: u.origin, kind: c.numbers[u.slot]!.domain.kind });
    }
    rows.sort((a, b) => b.swing - a.swing || a.name.localeCompare(b.name));
    return { id: c.scenarios[s]!.id, name: c.scenarios[s]!.name, base_ratio: base, parameters: rows, unmoved };
  });
  return { schema: SENSITIVITY_SCHEMA, model: o.model, spread: o.spread ?? null, scenarios };
}
