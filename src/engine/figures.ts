// Names for every headline number of a result, so fixtures, model checks and `sroi diff` can address
// them the same way: "<scenario>.ratio", "<scenario>.stakeholder.<id>.benefits", ... (README "Figures").
import type { ModelResult, ScenarioResult } from "./result.js";

export function scenarioFigures(s: ScenarioResult): Map<string, number> {
  const f = new Map<string, number>();
  const put = (name: string, v: number | null | undefined) => {
    if (v !== null && v !== undefined && Number.isFinite(v)) f.set(`${s.id}.${name}`, v);
  };
  put("ratio", s.ratio);
  put("headline_ratio", s.headline?.ratio);
  put("net_ratio", s.net_ratio);
  put("financial_ratio", s.financial_ratio);
  put("payback_years", s.payback_years);
  put("inputs", s.totals.inputs);
  put("benefits", s.totals.benefits);
  put("net", s.totals.net);
  put("benefits_nominal", s.totals.benefits_nominal);
  put("financial_benefits", s.totals.financial_benefits);
  put("immaterial_benefits", s.totals.immaterial_benefits);
  put("qalys", s.qalys);
  for (const [name, v] of Object.entries(s.parameters)) put(`param.${name}`, v);
  if (s.band) {
    put("band.low", s.band.low);
    put("band.high", s.band.high);
  }
  s.years.forEach((y, i) => {
    put(`inputs.year.${y}`, s.totals.inputs_per_year[i]);
    put(`benefits.year.${y}`, s.totals.benefits_per_year[i]);
  });
  if (s.participants) {
    put("extra_participants", s.participants.extra);
    for (const g of s.participants.groups) {
      put(`participants.${g.id}`, g.scenario);
      put(`counterfactual.${g.id}`, g.counterfactual);
    }
  }
  for (const r of s.inputs) {
    put(`input.${r.id}`, r.counted);
    put(`input.${r.id}.nominal`, r.nominal);
    s.years.forEach((y, i) => put(`input.${r.id}.year.${y}`, r.per_year[i]));
  }
  for (const r of s.outcomes) {
    put(`outcome.${r.id}.pv`, r.present_value);
    put(`outcome.${r.id}.nominal`, r.nominal);
  }
  for (const v of s.valuation) {
    put(`outcome.${v.outcome}.weighted`, v.weighted);
    put(`outcome.${v.outcome}.used`, v.used);
    put(`outcome.${v.outcome}.net_value`, v.net);
    put(`outcome.${v.outcome}.quantity`, v.quantity);
    put(`outcome.${v.outcome}.baseline_change`, v.baseline_change);
    put(`outcome.${v.outcome}.qalys_per_unit`, v.qalys_per_unit);
  }
  for (const st of s.stakeholders) {
    put(`stakeholder.${st.id}.inputs`, st.inputs);
    put(`stakeholder.${st.id}.benefits`, st.benefits);
    put(`stakeholder.${st.id}.net`, st.net);
    put(`stakeholder.${st.id}.ratio`, st.ratio);
  }
  for (const g of s.groups) {
    put(`group.${g.id}.inputs`, g.inputs);
    put(`group.${g.id}.benefits`, g.benefits);
  }
  for (const r of s.ratios) {
    put(`ratio.${r.id}`, r.ratio);
    put(`ratio.${r.id}.benefits`, r.benefits);
    put(`ratio.${r.id}.inputs`, r.inputs);
  }
  return f;
}

/**
 * Every figure of a model result, in a stable order. Made once per result (a run checks the model's
 * own printed figures, `sroi check` its fixture, from the same map); read it, never change it.
 */
export function modelFigures(result: ModelResult): Map<string, number> {
  let all = made.get(result);
  if (all === undefined) {
    all = new Map<string, number>();
    for (const s of result.scenarios) for (const [k, v] of figuresOf(s)) all.set(k, v);
    made.set(result, all);
  }
  return all;
}
const made = new WeakMap<ModelResult, Map<string, number>>();

/**
 * One figure of a result by name: modelFigures(result).get(name), making only the named scenario's
 * figures (a model's own checks name a figure or two of one scenario; a scenario has some hundreds).
 * A figure's name starts with its scenario's id, which has no dot.
 */
export function figureOf(result: ModelResult, name: string): number | undefined {
  const all = made.get(result);
  if (all !== undefined) return all.get(name);
  const dot = name.indexOf(".");
  if (dot < 0) return undefined;
  const id = name.slice(0, dot);
  // The last scenario of that id, as in the map of them all, where a later one's figures would win.
  for (let i = result.scenarios.length - 1; i >= 0; i--) if (result.scenarios[i]!.id === id) return figuresOf(result.scenarios[i]!).get(name);
  return undefined;
}

/** A scenario's figures, made once (modelFigures and figureOf share them). */
function figuresOf(s: ScenarioResult): Map<string, number> {
  let f = madeForScenario.get(s);
  if (f === undefined) madeForScenario.set(s, (f = scenarioFigures(s)));
  return f;
}
const madeForScenario = new WeakMap<ScenarioResult, Map<string, number>>();
