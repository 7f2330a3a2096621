// The engine: a normalised model in, plain results out. No I/O, no formatting.
import { evaluateExpr, ExprEvalError } from "../expr/expr.js";
import { compile, discountFactor, inText, type CompiledModel } from "./compile.js";
import type { Compiled } from "./evaluator.js";
import { scenarioTime, type ScenarioTime } from "./time.js";
import type { NExpr, NModel, NOutcome, NScenario, Path, RateStep } from "./model.js";
export { discountFactor } from "./compile.js";
import {
  RESULT_SCHEMA,
  type InputRow,
  type ModelResult,
  type OutcomeRow,
  type ScenarioResult,
  type StakeholderRow,
  type ValuationRow,
  type Warning,
} from "./result.js";

/** A model that validated but cannot be computed (division by zero, a reference cycle ...). */
export class ModelEvalError extends Error {
  constructor(
    message: string,
    public readonly path: Path,
    public readonly hint?: string,
  ) {
    super(message);
  }
}

export interface RunOptions {
  /** Values for addressable numbers by name (see `Compiled.numbers`), as `--set` gives them. */
  overrides?: Record<string, number>;
  /** A compiled form of the model to reuse (compiling again gives the same). */
  compiled?: CompiledModel;
}

/** The full report of a model: every scenario computed from the same compiled slots `evaluate` uses. */
export function runModel(model: NModel, opts: RunOptions = {}): ModelResult {
  const compiled = opts.compiled ?? compile(model);
  const overrides = overridesArray(compiled, opts.overrides);
  const warnings: Warning[] = model.libraryNotes.map((n) => ({ code: n.code, message: n.message, ...(n.detail ? { detail: n.detail } : {}) }));
  const scenarios = model.scenarios.map((s, k) => runScenario(compiled, k, overrides, warnings));
  return {
    schema: RESULT_SCHEMA,
    model: {
      id: model.id,
      title: model.title,
      source: model.source,
      method: model.method ?? null,
      currency: model.currency,
      locale: model.locale,
      price_year: model.priceYear ?? null,
      ratio_digits: model.ratioDigits ?? null,
      period: model.period,
      year0: model.year0,
      discount: model.discount.label,
    },
    scenarios,
    references: [...model.studies.values()].map((s) => ({
      id: s.id,
      name: s.name,
      source: s.source,
      certainty: s.certainty ?? null,
      price_year: s.priceYear ?? null,
      values: Object.fromEntries(s.values),
    })),
    warnings,
  };
}

/** Overrides by name as one value per slot (NaN: as the model says); an unknown name is an error. */
export function overridesArray(compiled: Compiled, overrides: Record<string, number> | undefined): Float64Array | undefined {
  if (!overrides) return undefined;
  const out = new Float64Array(compiled.numbers.length).fill(NaN);
  for (const [name, value] of Object.entries(overrides)) {
    const slot = Object.hasOwn(overrides, name) ? compiled.slot(name) : undefined;
    if (slot === undefined) {
      throw new ModelEvalError(`no number named "${name}" to set`, [], 'see README "Addressable numbers" for the names');
    }
    out[slot] = value;
  }
  return out;
}

// ---- evaluation environment ---------------------------------------------------------------------

/** Reads a scenario's computed slots by expression or by name. */
class Env {
  constructor(
    private readonly c: CompiledModel,
    private readonly k: number,
    readonly v: Float64Array,
  ) {}

  eval(e: NExpr): number {
    const s = this.c.slotOfExpr(e);
    if (s < 0) throw new ModelEvalError(`cannot compute "${e.text}"`, e.path);
    return this.v[s]!;
  }

  lookup(name: string): number | undefined {
    const s = this.c.slotOfName(name);
    return s < 0 ? undefined : this.v[s];
  }

  /** Participants-weighted mix of one domain over the activities that carry a value for it. */
  activityMix(domain: string): { weighted: number; total: number; over: number } | undefined {
    const over = this.lookup(`activities.over.${domain}`);
    if (over === undefined || over === 0) return undefined;
    return { weighted: this.lookup(`activities.weighted.${domain}`)!, total: this.lookup(`activities.total.${domain}`)!, over };
  }

  participants(): ScenarioResult["participants"] {
    const model = this.c.model;
    const scenario = model.scenarios[this.k]!;
    const spec = model.participants;
    if (!spec || scenario.participants.size === 0) return null;
    const uniqueFactor = spec.uniqueFactor ? this.eval(spec.uniqueFactor) : 1;
    const groups = spec.groups.map((g) => {
      const s = scenario.participants.get(g.id);
      const c = model.counterfactual?.participants.get(g.id);
      const sv = s ? this.eval(s) : 0;
      const cv = c ? this.eval(c) : 0;
      return { id: g.id, name: g.name, counterfactual: cv, scenario: sv, difference: sv - cv };
    });
    return { groups, unique_factor: uniqueFactor, extra: this.lookup("extra_participants")! };
  }
}

// ---- time ---------------------------------------------------------------------------------------

function yearsOf(c: CompiledModel, v: Float64Array, t: ScenarioTime): number[] {
  let last = t.period.end;
  t.outcomeYears.forEach((y, j) => {
    const s = c.outcomeSlots[j]!;
    last = Math.max(last, y.end + v[s.start]! + v[s.duration]! - 1);
  });
  for (const y of t.inputYears) last = Math.max(last, y.end);
  if (t.horizon !== undefined) last = t.horizon;
  const first = t.first;
  const out: number[] = [];
  for (let y = first; y <= last; y++) out.push(y);
  return out;
}

// ---- one scenario -------------------------------------------------------------------------------

/**
 * A ratio, or null where it is undefined: no inputs, or inputs so small next to the benefits that the
 * quotient is beyond the largest number (a ratio of "infinity" is no figure to print).
 */
export function quotient(benefits: number, inputs: number): number | null {
  if (!(inputs > 0)) return null;
  const q = benefits / inputs;
  return Number.isFinite(q) ? q : null;
}

/** Sums beyond the largest number refuse the model at the number that drives them. */
function finite(x: number, path: Path, what: string): void {
  if (!Number.isFinite(x)) {
    throw new ModelEvalError(`${what} add up beyond the largest number a model can compute with`, path, "check the amount's size and unit");
  }
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const dot = (xs: number[], ys: number[]) => xs.reduce((a, x, i) => a + x * (ys[i] ?? 0), 0);

/** Each parameter's and baseline's value in the scenario, in the model's order (library prices are not shown). */
function parameterValues(model: NModel, env: Env): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of model.params.values()) {
    if (p.kind === "price") continue;
    // As Object.fromEntries would: an own property even for a name objects carry (the loader refuses __proto__).
    if (p.name === "__proto__") Object.defineProperty(out, p.name, { value: env.lookup(p.name)!, enumerable: true, writable: true, configurable: true });
    else out[p.name] = env.lookup(p.name)!;
  }
  return out;
}

function runScenario(c: CompiledModel, k: number, overrides: Float64Array | undefined, warnings: Warning[]): ScenarioResult {
  const model = c.model;
  const scenario = model.scenarios[k]!;
  const v = new Float64Array(c.size).fill(NaN);
  const failure = c.computeSlots(k, overrides, v);
  if (failure) throw new ModelEvalError(failure.message, failure.path, failure.hint);
  const env = new Env(c, k, v);
  const time = scenarioTime(model, k);
  const years = yearsOf(c, v, time);
  const steps = (slot: number, fixed: RateStep[]): RateStep[] => (slot >= 0 ? [{ fromYear: 0, rate: v[slot]! }] : fixed);
  const effects = steps(c.discountSlots[k]!.effects, time.discount.effects);
  const costs = steps(c.discountSlots[k]!.costs, time.discount.costs);
  const dfEffects = years.map((y) => discountFactor(effects, y, time.year0, time.discount.firstYear));
  const dfCosts = years.map((y) => discountFactor(costs, y, time.year0, time.discount.firstYear));
  const participants = env.participants();
  // Numbers that vary by year are computed for each year in turn (c.atYear), then back at the first year.
  const yearly = c.yearly[k];
  const atYear = (y: number) => {
    const f = c.atYear(k, v, y, overrides);
    if (f) throw new ModelEvalError(f.message, f.path, f.hint);
  };

  // Inputs (inbreng): amount per year, indexed, possibly discounted.
  const inputs: InputRow[] = model.inputs.map((inp, j) => {
    if (inp.presentValue) {
      // Shown in year 0 (or the first year); counted as written whether inputs are discounted or not.
      const pv = env.eval(inp.presentValue);
      const at = Math.max(0, years.indexOf(time.year0));
      const perYear = years.map((_, i) => (i === at ? pv : 0));
      return { id: inp.id, name: inp.name, group: inp.group ?? null, allocation: inp.allocation, per_year: perYear, nominal: pv, present_value: pv, discounted: inp.discounted, counted: pv };
    }
    const base = inp.amount ? env.eval(inp.amount) : 0;
    const indexRate = v[c.inputSlots[j]!.indexation]!;
    const byYear = yearly?.inputs[j] === 1;
    const perYear = years.map((y) => {
      if (y < time.inputYears[j]!.start || y > time.inputYears[j]!.end) return 0;
      if (byYear) atYear(y);
      const listed = inp.perYear.get(y);
      if (listed) return env.eval(listed);
      if (!inp.amount) return 0;
      return (byYear ? env.eval(inp.amount) : base) * Math.pow(1 + indexRate, Math.max(0, y - inp.indexFrom));
    });
    if (byYear) atYear(time.period.start);
    const nominal = sum(perYear);
    const pv = dot(perYear, dfCosts);
    finite(nominal, inp.amount?.path ?? ["inputs", j], "the input's amounts");
    return {
      id: inp.id,
      name: inp.name,
      group: inp.group ?? null,
      allocation: inp.allocation,
      per_year: perYear,
      nominal,
      present_value: pv,
      discounted: inp.discounted,
      counted: inp.discounted ? pv : nominal,
    };
  });

  // Outcomes (opbrengst): valuation per unit, then a yearly flow with start, duration and drop-off.
  const valuation: ValuationRow[] = [];
  const outcomes: OutcomeRow[] = model.outcomes.map((o, j) => {
    const slots = c.outcomeSlots[j]!;
    const impact = v[slots.impact]!;
    const row = valueOutcome(env, o, impact, participants?.extra);
    valuation.push(row.row);
    const scale = c.benefitsScale >= 0 ? v[c.benefitsScale]! : 1; // benefits.scale (band): 1 unless --set or an analysis moves it
    const firstYearValue = (row.mode === "amount" ? env.eval(o.amount!) * impact : row.row.net! * row.row.quantity!) * scale;
    // An outcome that varies by year: its value in each year of activity (the valuation shows the first).
    const byYear = yearly?.outcomes[j] === 1;
    const valueIn = (a: number): number => {
      if (!byYear) return firstYearValue;
      atYear(a);
      const imp = v[slots.impact]!;
      if (row.mode === "amount") return env.eval(o.amount!) * imp * scale;
      const r = valueOutcome(env, o, imp, env.lookup("extra_participants")).row;
      return r.net! * r.quantity! * scale;
    };
    const start = v[slots.start]!;
    const duration = v[slots.duration]!;
    const dropOff = v[slots.dropOff]!;
    const perYear = years.map(() => 0);
    for (let a = time.outcomeYears[j]!.start; a <= time.outcomeYears[j]!.end; a++) {
      const yearly = valueIn(a);
      for (let t = 0; t < duration; t++) {
        const i = a + start + t - years[0]!; // years are consecutive
        if (i >= 0 && i < perYear.length) perYear[i] = (perYear[i] ?? 0) + yearly * Math.pow(1 - dropOff, t);
      }
    }
    if (byYear) atYear(time.period.start);
    finite(sum(perYear), o.path, "the outcome's yearly values");
    return {
      id: o.id,
      name: o.name,
      group: o.group ?? null,
      kind: o.kind,
      allocation: o.allocation,
      per_year: perYear,
      nominal: sum(perYear),
      present_value: dot(perYear, dfEffects),
    };
  });
  warnWeightedVsUsed(model, scenario, valuation, warnings);
  // Per stakeholder: each row's share looked up once, and summed in the rows' order (as sum() would).
  const share = (alloc: { stakeholder: string; share: number }[], id: string) =>
    alloc.find((a) => a.stakeholder === id)?.share ?? 0;
  const byYear = (rows: { per_year: number[] }[], shares: number[]) =>
    years.map((_, i) => {
      let acc = 0;
      for (let j = 0; j < rows.length; j++) acc += (rows[j]!.per_year[i] ?? 0) * shares[j]!;
      return acc;
    });
  const stakeholders: StakeholderRow[] = model.stakeholders.map((s) => {
    const inShares = inputs.map((r) => share(r.allocation, s.id));
    const outShares = outcomes.map((r) => share(r.allocation, s.id));
    const inputsPerYear = byYear(inputs, inShares);
    const benefitsPerYear = byYear(outcomes, outShares);
    const inputsCounted = sum(inputs.map((r, j) => r.counted * inShares[j]!));
    const benefits = sum(outcomes.map((r, j) => r.present_value * outShares[j]!));
    return {
      id: s.id,
      name: s.name,
      inputs: inputsCounted,
      benefits,
      net: benefits - inputsCounted,
      ratio: quotient(benefits, inputsCounted),
      inputs_per_year: inputsPerYear,
      benefits_per_year: benefitsPerYear,
    };
  });

  const totalInputs = sum(inputs.map((r) => r.counted));
  const totalBenefits = sum(outcomes.map((r) => r.present_value));
  // Each row is finite (checked above); their sum may still overflow.
  const largest = inputs.reduce((m, r, j) => (r.nominal > inputs[m]!.nominal ? j : m), 0);
  finite(sum(inputs.map((r) => r.nominal)), model.inputs[largest]?.amount?.path ?? ["inputs"], "the inputs together");
  finite(sum(outcomes.map((r) => r.nominal)), ["outcomes"], "the outcomes together");
  const financial = sum(outcomes.filter((r) => r.kind === "financial").map((r) => r.present_value));
  const ratio = quotient(totalBenefits, totalInputs);
  if (ratio === null && totalInputs > 0) {
    warnings.push({ code: "ratio-undefined", scenario: scenario.id, reason: "inputs-too-small", inputs: totalInputs, benefits: totalBenefits });
  }

  const totalInputs0 = sum(inputs.map((r) => r.counted));
  const totalBenefits0 = sum(outcomes.map((r) => r.present_value));
  const financial0 = sum(outcomes.filter((r) => r.kind === "financial").map((r) => r.present_value));
  // The figures a ratio formula may name (RATIO_FIGURES), for this scenario.
  // Made only for a ratio formula (most models have none).
  let figuresForRatios: Map<string, number> | undefined;
  const ratioFigures = () => (figuresForRatios ??= new Map<string, number>([
    ["benefits", totalBenefits0],
    ["inputs", totalInputs0],
    ["net", totalBenefits0 - totalInputs0],
    ["financial_benefits", financial0],
    ["immaterial_benefits", totalBenefits0 - financial0],
    ...inputs.map((r) => [`input.${r.id}`, r.counted] as [string, number]),
    ...outcomes.map((r) => [`outcome.${r.id}.pv`, r.present_value] as [string, number]),
    ...stakeholders.flatMap((s) => [[`stakeholder.${s.id}.inputs`, s.inputs], [`stakeholder.${s.id}.benefits`, s.benefits]] as [string, number][]),
  ]));
  const formula = (e: NExpr) => {
    try {
      const figures = ratioFigures();
      return evaluateExpr(e.expr, (name) => figures.get(name) ?? env.lookup(name));
    } catch (err) {
      if (err instanceof ExprEvalError) throw new ModelEvalError(inText(err.message, e.text), e.path);
      throw err;
    }
  };
  const ratios = model.ratios.map((r) => {
    if (r.numerator && r.denominator) {
      const b = formula(r.numerator);
      const c = formula(r.denominator);
      return { id: r.id, name: r.name, benefits_of: [], inputs_of: [], numerator: r.numerator.text, denominator: r.denominator.text, benefits: b, inputs: c, ratio: quotient(b, c) };
    }
    // No selection: all benefits and all inputs, also those that belong to no stakeholder.
    const b = r.benefitsOf ? sum(stakeholders.filter((s) => r.benefitsOf!.includes(s.id)).map((s) => s.benefits)) : totalBenefits0;
    const c = r.inputsOf ? sum(stakeholders.filter((s) => r.inputsOf!.includes(s.id)).map((s) => s.inputs)) : totalInputs0;
    const all = model.stakeholders.map((s) => s.id);
    return { id: r.id, name: r.name, benefits_of: r.benefitsOf ?? all, inputs_of: r.inputsOf ?? all, numerator: null, denominator: null, benefits: b, inputs: c, ratio: quotient(b, c) };
  });
  const headlineIndex = model.ratios.findIndex((r) => r.headline);
  const headline = headlineIndex >= 0 ? { id: ratios[headlineIndex]!.id, name: ratios[headlineIndex]!.name, ratio: ratios[headlineIndex]!.ratio } : null;

  const groups = model.groups.map((g) => ({
    id: g.id,
    name: g.name,
    inputs: sum(inputs.filter((r) => r.group === g.id).map((r) => r.counted)),
    benefits: sum(outcomes.filter((r) => r.group === g.id).map((r) => r.present_value)),
  }));

  const inputsPerYearCounted = years.map((_, i) =>
    sum(inputs.map((r) => (r.per_year[i] ?? 0) * (r.discounted ? (dfCosts[i] ?? 1) : 1))),
  );
  const benefitsPerYearPv = years.map((_, i) => sum(outcomes.map((r) => (r.per_year[i] ?? 0) * (dfEffects[i] ?? 1))));

  // QALYs: each QALY outcome's nominal value over the price of a QALY it names.
  const qalyRows: { nominal: number; price: number }[] = [];
  for (const [j, o] of model.outcomes.entries()) {
    if (o.qaly && o.qalyPrice) qalyRows.push({ nominal: outcomes[j]!.nominal, price: env.lookup(o.qalyPrice) ?? 0 });
  }
  const qalys = qalyRows.length > 0 && qalyRows.every((q) => q.price > 0) ? sum(qalyRows.map((q) => q.nominal / q.price)) : null;

  return {
    id: scenario.id,
    name: scenario.name,
    variant: scenario.variant,
    extends: scenario.extends ?? null,
    years,
    // Only a scenario with its own time says so; the others follow result.model's period and discount.
    ...(time.own ? { time: { period: time.period, year0: time.year0, discount: time.discount.label } } : {}),
    parameters: parameterValues(model, env),
    discount_factors: { effects: dfEffects, costs: dfCosts },
    participants,
    activities: model.activities.map((a) => ({ id: a.id, name: a.name, group: a.group ?? null, participants: env.eval(a.participants) })),
    valuation,
    inputs,
    outcomes,
    stakeholders,
    groups,
    ratios,
    headline,
    totals: {
      inputs: totalInputs,
      benefits: totalBenefits,
      net: totalBenefits - totalInputs,
      benefits_nominal: sum(outcomes.map((r) => r.nominal)),
      financial_benefits: financial,
      immaterial_benefits: totalBenefits - financial,
      inputs_per_year: years.map((_, i) => sum(inputs.map((r) => r.per_year[i] ?? 0))),
      benefits_per_year: years.map((_, i) => sum(outcomes.map((r) => r.per_year[i] ?? 0))),
    },
    ratio,
    net_ratio: ratio === null ? null : ratio - 1,
    financial_ratio: quotient(financial, totalInputs),
    payback_years: totalInputs > 0 ? payback(inputsPerYearCounted, benefitsPerYearPv) : null,
    band: model.band !== undefined && ratio !== null
      ? { share: model.band, low: ratio * (1 - model.band), high: ratio * (1 + model.band) }
      : null,
    qalys,
  };
}

function valueOutcome(
  env: Env,
  o: NOutcome,
  impact: number,
  extra: number | undefined,
): { mode: "amount" | "unit"; row: ValuationRow } {
  const mix = o.domain ? env.activityMix(o.domain) : undefined;
  // Each row made by one literal with every field (not spread from a shared base: this runs for every
  // outcome of every scenario of every model in a batch), in the order the JSON shows them.
  const row = (used: number | null, source: ValuationRow["value_source"], net: number | null, quantity: number | null, baselineChange: number | null, qalysPerUnit: number | null): ValuationRow => ({
    outcome: o.id,
    name: o.name,
    stakeholders: o.allocation.map((a) => a.stakeholder),
    domain: o.domain ?? null,
    weighted: mix?.weighted ?? null,
    weighted_over: mix?.over ?? null,
    value_choice: o.valueChoice ?? null,
    impact_claim: impact,
    baseline,
    used,
    value_source: source,
    net,
    quantity,
    baseline_change: baselineChange,
    qalys_per_unit: qalysPerUnit,
  });
  const baseline = o.baseline ? env.eval(o.baseline) : null;
  if (o.mode === "amount") return { mode: "amount", row: row(null, "amount", null, null, null, null) };
  let used: number;
  if (o.value) used = env.eval(o.value);
  else if (mix) used = mix.weighted;
  else {
    throw new ModelEvalError(
      `outcome "${o.id}" has no value: no activity carries a value for domain "${o.domain}"`,
      o.path,
      `give the outcome a "value", or give activities a value for "${o.domain}"`,
    );
  }
  let quantity: number;
  if (o.quantity) quantity = env.eval(o.quantity);
  else if (extra !== undefined) quantity = extra;
  else {
    throw new ModelEvalError(
      `outcome "${o.id}" has no quantity and the scenario counts no participants`,
      o.path,
      `give the outcome a "quantity", or give the scenario participants and a counterfactual`,
    );
  }
  const net = used * impact;
  const sign = o.effect === "saving" ? -1 : 1;
  const qalyPrice = o.qaly && o.qalyPrice ? env.lookup(o.qalyPrice) : undefined;
  return {
    mode: "unit",
    row: row(used, o.value ? "model" : "weighted", net, quantity, baseline ? (sign * net) / baseline : null, qalyPrice ? net / qalyPrice : null),
  };
}

/** A used value that differs from the computed weighted average, without a stated reason, is a slip to show. */
function warnWeightedVsUsed(model: NModel, scenario: NScenario, rows: ValuationRow[], warnings: Warning[]): void {
  for (const r of rows) {
    if (r.weighted === null || r.used === null || r.value_source !== "model" || r.value_choice) continue;
    const gap = r.used - r.weighted;
    if (Math.abs(gap) <= Math.max(0.5, 0.005 * Math.abs(r.weighted))) continue;
    // The same gap in every scenario is one slip, shown once.
    if (warnings.some((w) => w.code === "weighted-vs-used" && w.figure?.endsWith(`.outcome.${r.outcome}.used`) && w.computed === r.weighted)) continue;
    warnings.push({
      code: "weighted-vs-used",
      scenario: model.scenarios.length > 1 ? scenario.id : undefined,
      figure: `${scenario.id}.outcome.${r.outcome}.used`,
      computed: r.weighted,
      used: r.used,
      participants: r.weighted_over ?? 0,
      where: r.name,
    });
  }
}

/**
 * Payback in years from the first year: inputs are spent at the start of each year, benefits
 * (present values) come in evenly over the year. Null when the benefits never catch up.
 */
export function payback(inputsPerYear: number[], benefitsPerYear: number[]): number | null {
  let gap = 0;
  for (let i = 0; i < inputsPerYear.length; i++) {
    gap += inputsPerYear[i] ?? 0;
    const b = benefitsPerYear[i] ?? 0;
    if (gap <= 0) return i;
    if (b >= gap) return i + gap / b;
    gap -= b;
  }
  return null;
}
