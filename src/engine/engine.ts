// The engine: a normalised model in, plain results out. No I/O, no formatting.
import { evaluateExpr, ExprEvalError } from "../expr/expr.js";
import { matchFigure, parsePrinted, PrintedParseError } from "../check/published.js";
import type { NExpr, NModel, NOutcome, NScenario, Path, RateStep } from "./model.js";
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
import { scenarioFigures } from "./figures.js";
import { didYouMean } from "../load/problems.js";

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

export function runModel(model: NModel): ModelResult {
  const warnings: Warning[] = model.libraryNotes.map((n) => ({ code: n.code, message: n.message }));
  const scenarios = model.scenarios.map((s) => runScenario(model, s, warnings));
  checkPrinted(model, scenarios, warnings);
  return {
    schema: RESULT_SCHEMA,
    model: {
      id: model.id,
      title: model.title,
      source: model.source,
      method: model.method ?? null,
      currency: model.currency,
      price_year: model.priceYear ?? null,
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

// ---- evaluation environment ---------------------------------------------------------------------

/** Lazily evaluates names for one scenario, memoised, with cycle detection. */
class Env {
  private memo = new Map<string, number>();
  private busy = new Set<string>();

  constructor(
    private readonly model: NModel,
    private readonly scenario: NScenario,
  ) {}

  eval(e: NExpr): number {
    try {
      return evaluateExpr(e.expr, (name) => this.lookup(name));
    } catch (err) {
      if (err instanceof ExprEvalError) throw new ModelEvalError(`${err.message} in "${e.text}"`, e.path);
      throw err;
    }
  }

  lookup(name: string): number | undefined {
    const hit = this.memo.get(name);
    if (hit !== undefined) return hit;
    if (this.busy.has(name)) {
      throw new ModelEvalError(`"${name}" is defined in terms of itself`, this.pathOf(name) ?? []);
    }
    this.busy.add(name);
    try {
      const v = this.compute(name);
      if (v !== undefined) this.memo.set(name, v);
      return v;
    } finally {
      this.busy.delete(name);
    }
  }

  private pathOf(name: string): Path | undefined {
    return (this.scenario.params.get(name) ?? this.model.params.get(name)?.value)?.path;
  }

  private compute(name: string): number | undefined {
    const override = this.scenario.params.get(name);
    if (override) return this.eval(override);
    const param = this.model.params.get(name);
    if (param) return this.eval(param.value);
    if (name === "extra_participants") return this.participants()?.extra;
    const [root, a, b] = name.split(".");
    if (root === "ref" && a && b) return this.model.studies.get(a)?.values.get(b);
    if (root === "participants" && a) {
      const e = this.scenario.participants.get(a);
      return e ? this.eval(e) : undefined;
    }
    if (root === "counterfactual" && a) {
      const e = this.model.counterfactual?.participants.get(a);
      return e ? this.eval(e) : undefined;
    }
    if (root === "activities" && a === "participants" && !b) {
      return this.model.activities.reduce((s, act) => s + this.eval(act.participants), 0);
    }
    if (root === "activities" && (a === "weighted" || a === "total") && b) {
      const mix = this.activityMix(b);
      if (!mix) return undefined;
      return a === "total" ? mix.total : mix.weighted;
    }
    return undefined;
  }

  private mixes = new Map<string, { weighted: number; total: number; over: number } | undefined>();

  /** Participants-weighted mix of one domain over the activities that carry a value for it. */
  activityMix(domain: string): { weighted: number; total: number; over: number } | undefined {
    if (!this.mixes.has(domain)) this.mixes.set(domain, this.computeMix(domain));
    return this.mixes.get(domain);
  }

  private computeMix(domain: string): { weighted: number; total: number; over: number } | undefined {
    let over = 0;
    let total = 0;
    for (const act of this.model.activities) {
      const v = act.values.find((x) => x.domain === domain);
      if (!v) continue;
      const p = this.eval(act.participants);
      if (p < 0) throw new ModelEvalError(`participants must not be negative (got ${p})`, act.participants.path);
      over += p;
      total += p * this.eval(v.value);
    }
    if (over === 0) return undefined;
    return { weighted: total / over, total, over };
  }

  private participantsCache: ScenarioResult["participants"] | undefined;
  participants(): ScenarioResult["participants"] {
    if (this.participantsCache !== undefined) return this.participantsCache;
    const spec = this.model.participants;
    if (!spec || this.scenario.participants.size === 0) return (this.participantsCache = null);
    const uniqueFactor = spec.uniqueFactor ? this.eval(spec.uniqueFactor) : 1;
    const groups = spec.groups.map((g) => {
      const s = this.scenario.participants.get(g.id);
      const c = this.model.counterfactual?.participants.get(g.id);
      const scenario = s ? this.eval(s) : 0;
      const counterfactual = c ? this.eval(c) : 0;
      for (const [v, e] of [[scenario, s], [counterfactual, c]] as const) {
        if (v < 0 && e) throw new ModelEvalError(`participants must not be negative (got ${v})`, e.path);
      }
      return { id: g.id, name: g.name, counterfactual, scenario, difference: scenario - counterfactual };
    });
    const extra = uniqueFactor * groups.reduce((sum, g) => sum + g.difference, 0);
    return (this.participantsCache = { groups, unique_factor: uniqueFactor, extra });
  }
}

// ---- time ---------------------------------------------------------------------------------------

function rateAt(steps: RateStep[], offset: number): number {
  let rate = steps[0]?.rate ?? 0;
  for (const s of steps) if (s.fromYear <= offset) rate = s.rate;
  return rate;
}

/** Discount factor for a year: the product of 1/(1+r) over the years since year 0 (stepwise schedules). */
export function discountFactor(steps: RateStep[], year: number, year0: number, firstYear: "year0" | "year1"): number {
  const k = year - year0 + (firstYear === "year1" ? 1 : 0);
  let f = 1;
  for (let i = 1; i <= k; i++) f /= 1 + rateAt(steps, i);
  for (let i = 0; i > k; i--) f *= 1 + rateAt(steps, 0);
  return f;
}

function yearsOf(model: NModel): number[] {
  let last = model.period.end;
  for (const o of model.outcomes) last = Math.max(last, o.years.end + o.start + o.duration - 1);
  for (const i of model.inputs) last = Math.max(last, i.years.end);
  if (model.horizon !== undefined) last = model.horizon;
  const first = Math.min(model.period.start, ...model.inputs.map((i) => i.years.start));
  const out: number[] = [];
  for (let y = first; y <= last; y++) out.push(y);
  return out;
}

// ---- one scenario -------------------------------------------------------------------------------

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const dot = (xs: number[], ys: number[]) => xs.reduce((a, x, i) => a + x * (ys[i] ?? 0), 0);

function runScenario(model: NModel, scenario: NScenario, warnings: Warning[]): ScenarioResult {
  const env = new Env(model, scenario);
  const years = yearsOf(model);
  const dfEffects = years.map((y) => discountFactor(model.discount.effects, y, model.year0, model.discount.firstYear));
  const dfCosts = years.map((y) => discountFactor(model.discount.costs, y, model.year0, model.discount.firstYear));
  const participants = env.participants();

  // Inputs (inbreng): amount per year, indexed, possibly discounted.
  const inputs: InputRow[] = model.inputs.map((inp) => {
    const base = inp.amount ? env.eval(inp.amount) : 0;
    const perYear = years.map((y) => {
      if (y < inp.years.start || y > inp.years.end) return 0;
      const listed = inp.perYear.get(y);
      if (listed) return env.eval(listed);
      if (!inp.amount) return 0;
      return base * Math.pow(1 + inp.indexRate, Math.max(0, y - inp.indexFrom));
    });
    const nominal = sum(perYear);
    const pv = dot(perYear, dfCosts);
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
  const outcomes: OutcomeRow[] = model.outcomes.map((o) => {
    const row = valueOutcome(env, o, participants?.extra);
    valuation.push(row.row);
    const yearly = row.mode === "amount" ? env.eval(o.amount!) * o.impact.share : row.row.net! * row.row.quantity!;
    const perYear = years.map(() => 0);
    for (let a = o.years.start; a <= o.years.end; a++) {
      for (let j = 0; j < o.duration; j++) {
        const i = a + o.start + j - years[0]!; // years are consecutive
        if (i >= 0 && i < perYear.length) perYear[i] = (perYear[i] ?? 0) + yearly * Math.pow(1 - o.dropOff, j);
      }
    }
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

  // Per stakeholder.
  const share = (alloc: { stakeholder: string; share: number }[], id: string) =>
    alloc.find((a) => a.stakeholder === id)?.share ?? 0;
  const stakeholders: StakeholderRow[] = model.stakeholders.map((s) => {
    const inputsPerYear = years.map((_, i) =>
      sum(inputs.map((r) => (r.per_year[i] ?? 0) * share(r.allocation, s.id))),
    );
    const benefitsPerYear = years.map((_, i) =>
      sum(outcomes.map((r) => (r.per_year[i] ?? 0) * share(r.allocation, s.id))),
    );
    const inputsCounted = sum(inputs.map((r) => r.counted * share(r.allocation, s.id)));
    const benefits = sum(outcomes.map((r) => r.present_value * share(r.allocation, s.id)));
    return {
      id: s.id,
      name: s.name,
      inputs: inputsCounted,
      benefits,
      net: benefits - inputsCounted,
      ratio: inputsCounted > 0 ? benefits / inputsCounted : null,
      inputs_per_year: inputsPerYear,
      benefits_per_year: benefitsPerYear,
    };
  });

  const totalInputs = sum(inputs.map((r) => r.counted));
  const totalBenefits = sum(outcomes.map((r) => r.present_value));
  const financial = sum(outcomes.filter((r) => r.kind === "financial").map((r) => r.present_value));
  const ratio = totalInputs > 0 ? totalBenefits / totalInputs : null;

  const ratios = model.ratios.map((r) => {
    const benefitsOf = r.benefitsOf ?? model.stakeholders.map((s) => s.id);
    const inputsOf = r.inputsOf ?? model.stakeholders.map((s) => s.id);
    const b = sum(stakeholders.filter((s) => benefitsOf.includes(s.id)).map((s) => s.benefits));
    const c = sum(stakeholders.filter((s) => inputsOf.includes(s.id)).map((s) => s.inputs));
    return { id: r.id, name: r.name, benefits_of: benefitsOf, inputs_of: inputsOf, benefits: b, inputs: c, ratio: c > 0 ? b / c : null };
  });

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

  const qalyPrice = model.params.has("qaly_price") ? env.lookup("qaly_price") : undefined;
  const qalyOutcomes = model.outcomes.filter((o) => o.qaly);
  const qalys =
    qalyPrice && qalyOutcomes.length > 0
      ? sum(outcomes.filter((r) => qalyOutcomes.some((o) => o.id === r.id)).map((r) => r.nominal)) / qalyPrice
      : null;

  return {
    id: scenario.id,
    name: scenario.name,
    variant: scenario.variant,
    extends: scenario.extends ?? null,
    years,
    parameters: Object.fromEntries(
      [...model.params.values()].filter((p) => p.kind !== "price").map((p) => [p.name, env.lookup(p.name)!]),
    ),
    discount_factors: { effects: dfEffects, costs: dfCosts },
    participants,
    valuation,
    inputs,
    outcomes,
    stakeholders,
    groups,
    ratios,
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
    financial_ratio: totalInputs > 0 ? financial / totalInputs : null,
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
  extra: number | undefined,
): { mode: "amount" | "unit"; row: ValuationRow } {
  const mix = o.domain ? env.activityMix(o.domain) : undefined;
  const base: Omit<ValuationRow, "used" | "value_source" | "net" | "quantity" | "baseline_change" | "qalys_per_unit"> = {
    outcome: o.id,
    name: o.name,
    stakeholders: o.allocation.map((a) => a.stakeholder),
    domain: o.domain ?? null,
    weighted: mix?.weighted ?? null,
    weighted_over: mix?.over ?? null,
    value_choice: o.valueChoice ?? null,
    impact_claim: o.impact.share,
    baseline: o.baseline ? env.eval(o.baseline) : null,
  };
  if (o.mode === "amount") {
    return {
      mode: "amount",
      row: { ...base, used: null, value_source: "amount", net: null, quantity: null, baseline_change: null, qalys_per_unit: null },
    };
  }
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
  const net = used * o.impact.share;
  const sign = o.effect === "saving" ? -1 : 1;
  const qalyPrice = o.qaly ? env.lookup("qaly_price") : undefined;
  return {
    mode: "unit",
    row: {
      ...base,
      used,
      value_source: o.value ? "model" : "weighted",
      net,
      quantity,
      baseline_change: base.baseline ? (sign * net) / base.baseline : null,
      qalys_per_unit: qalyPrice ? net / qalyPrice : null,
    },
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
      message: weightedVsUsedMessage(r.name, r.used, r.weighted, r.weighted_over ?? 0, plain),
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

function checkPrinted(model: NModel, scenarios: ScenarioResult[], warnings: Warning[]): void {
  const figures = new Map<string, number>();
  for (const s of scenarios) for (const [k, v] of scenarioFigures(s)) figures.set(k, v);
  for (const c of model.checks) {
    const computed = figures.get(c.figure);
    if (computed === undefined) {
      throw new ModelEvalError(`no figure named "${c.figure}"`, [...c.path, "figure"], figureHint(c.figure, figures));
    }
    let printed;
    try {
      printed = parsePrinted(c.printed);
    } catch (err) {
      if (err instanceof PrintedParseError) throw new ModelEvalError(err.message, [...c.path, "printed"]);
      throw err;
    }
    const m = matchFigure(computed, printed);
    if (m.ok) continue;
    warnings.push({
      code: "printed-figure",
      message: printedFigureMessage(c.where, c.printed, computed, m.difference, c.note, plain),
      figure: c.figure,
      printed: c.printed,
      computed,
      where: c.where,
      note: c.note,
      difference: m.difference,
    });
  }
}

function figureHint(name: string, figures: Map<string, number>): string {
  const guess = didYouMean(name, [...figures.keys()]);
  if (guess) return `did you mean "${guess}"?`;
  const prefix = name.split(".").slice(0, -1).join(".");
  const near = [...figures.keys()].filter((k) => k.startsWith(prefix)).slice(0, 6);
  return near.length > 0 ? `figures there: ${near.join(", ")}` : `run "sroi figures FILE" to list the figure names`;
}

/** Numbers in the JSON messages: no grouping, so they read the same in Dutch and English. */
function plain(n: number): string {
  const digits = Math.abs(n) >= 1000 ? 0 : 2;
  return String(Math.round(n * 10 ** digits) / 10 ** digits);
}

// The two audit messages, shared with the table renderer (which formats the numbers for its locale).
export function printedFigureMessage(
  where: string,
  printed: string,
  computed: number,
  difference: number,
  note: string | undefined,
  num: (n: number) => string,
): string {
  return `${where} prints ${printed}, the model computes ${num(computed)} (difference ${num(difference)})${note ? `: ${note}` : ""}`;
}

export function weightedVsUsedMessage(name: string, used: number, weighted: number, over: number, num: (n: number) => string): string {
  return (
    `${name}: the model uses ${num(used)} per unit, but the weighted average over the activities ` +
    `(${num(over)} participants) is ${num(weighted)} (difference ${num(used - weighted)})`
  );
}
