// One evaluation that must succeed: a failure (a drawn or chosen value the model cannot compute with)
// becomes an AnalysisError at the place in the model that failed.
import { newEvaluation as engineNewEvaluation, type Compiled, type Evaluation } from "../engine/evaluator.js";
import { AnalysisError } from "./inputs.js";

export function evaluateOrThrow(c: Compiled, scenario: number, overrides: Float64Array, out?: Evaluation, during?: string): Evaluation {
  const e = c.evaluate(scenario, overrides, out);
  if (!e.ok) throw new AnalysisError({ path: e.path, message: during ? `${e.message} (${during})` : e.message, hint: e.hint });
  return e;
}

/** Scenario indexes for `--scenario` ids (all when none are given); an unknown id is a usage problem. */
export function scenarioIndexes(c: Compiled, ids?: readonly string[]): number[] {
  if (!ids || ids.length === 0) return c.scenarios.map((_, i) => i);
  return ids.map((id) => {
    const i = c.scenarios.findIndex((s) => s.id === id);
    if (i < 0) {
      throw new AnalysisError({ option: "--scenario", subject: id, message: `no scenario "${id}"`, hint: `scenarios: ${c.scenarios.map((s) => s.id).join(", ")}` });
    }
    return i;
  });
}

/** An Evaluation to write into again and again (no allocation per draw). */
export function newEvaluation(c: Pick<Compiled, "stakeholders" | "ratios">): Evaluation {
  return engineNewEvaluation(c.stakeholders.length, c.ratios.length);
}

export interface ModelRef {
  id: string;
  title: string;
}
