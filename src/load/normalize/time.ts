// Time: the period (or one year), year 0 and the discounting (rate, presets, schedules, convention).
import type { ModelDoc } from "../../schema/model.js";
import type { NDiscount, NExpr, NTime, Path, RateStep, YearRange } from "../../engine/model.js";
import { readShare as share } from "../../schema/share.js";

export function yearRange(v: number | string | { start: number; end: number }): YearRange {
  if (typeof v === "number") return { start: v, end: v };
  if (typeof v === "string") {
    const [a, b] = v.split(/-|\u2013|to/).map((x) => Number(x.trim())); // \u2013: an en dash
    return { start: a!, end: b! };
  }
  return v;
}

const PRESETS: Record<string, { effects: RateStep[]; costs: RateStep[]; label: string }> = {
  // HM Treasury Green Book declining schedule (years 0-30 at 3.5%, 31-75 at 3.0%, ...).
  "hm-treasury": {
    effects: [
      { fromYear: 0, rate: 0.035 },
      { fromYear: 31, rate: 0.03 },
      { fromYear: 76, rate: 0.025 },
      { fromYear: 126, rate: 0.02 },
      { fromYear: 201, rate: 0.015 },
      { fromYear: 301, rate: 0.01 },
    ],
    costs: [],
    label: "HM Treasury Green Book schedule (3.5% to year 30, then 3.0%, ...)",
  },
  // Dutch MKBA standard discount rate (Werkgroep discontovoet 2020).
  "nl-mkba": { effects: [{ fromYear: 0, rate: 0.0225 }], costs: [], label: "Dutch MKBA standard 2.25%" },
  // Zorginstituut Nederland guideline for economic evaluations in health care (2024).
  "nl-health-2024": {
    effects: [{ fromYear: 0, rate: 0.015 }],
    costs: [{ fromYear: 0, rate: 0.03 }],
    label: "Dutch health-economics guideline 2024 (costs 3%, effects 1.5%)",
  },
  none: { effects: [{ fromYear: 0, rate: 0 }], costs: [], label: "not discounted" },
};

/** The discount presets by name (a misspelt one is reported as such, not read as an expression). */
export const DISCOUNT_PRESETS = Object.keys(PRESETS);

export function pct(r: number): string {
  return `${Math.round(r * 10000) / 100}%`;
}

export type TimeDoc = NonNullable<ModelDoc["time"]>;

/** Reads a rate as written: a literal now, an expression (computed per scenario, so a scenario can vary it). */
export type RateExpr = (text: string, path: Path) => NExpr;
const LOOKS_PERCENT = /^\s*[-+]?[\d.,e]*\s*%+\s*$/i;

export function normalizeDiscount(d: TimeDoc["discount"], exprOf?: RateExpr, base: Path = ["time"]): NDiscount {
  const flat = (r: number): RateStep[] => [{ fromYear: 0, rate: r }];
  // Steps made from an expression are described by its text (their rate is computed, not known here).
  const texts = new Map<RateStep[], string>();
  const read = (x: number | string, path: Path): { rate: number; expr?: NExpr; steps: RateStep[] } => {
    if (typeof x === "number" || LOOKS_PERCENT.test(x) || !exprOf) return { rate: share(x), steps: flat(share(x)) };
    const expr = exprOf(x, path);
    const steps = flat(Number.NaN);
    texts.set(steps, expr.text);
    return { rate: Number.NaN, expr, steps };
  };
  if (d === undefined) return { effects: flat(0), costs: flat(0), firstYear: "year0", inputsDefault: true, stated: [], label: "not discounted" };
  if (typeof d === "number" || (typeof d === "string" && !(d in PRESETS))) {
    const path = [...base, "discount"];
    const r = read(d as number | string, path);
    const stated = [{ name: "time.discount.rate", rate: r.rate, path, applies: "both" as const, ...(r.expr ? { expr: r.expr } : {}) }];
    return { effects: r.steps, costs: r.steps, firstYear: "year0", inputsDefault: true, stated, label: `${r.expr ? r.expr.text : pct(r.rate)}, year 0 undiscounted` };
  }
  type DiscountObj = Exclude<NonNullable<TimeDoc["discount"]>, string | number>;
  const obj: DiscountObj = typeof d === "string" ? { preset: d as DiscountObj["preset"] } : d;
  const preset = obj.preset ? PRESETS[obj.preset]! : undefined;
  const schedule = obj.schedule?.map((s) => ({ fromYear: s.from_year ?? 0, rate: share(s.rate) }));
  const rate = obj.rate !== undefined ? read(obj.rate, [...base, "discount", "rate"]) : undefined;
  const eff = obj.effects !== undefined ? read(obj.effects, [...base, "discount", "effects"]) : undefined;
  const cst = obj.costs !== undefined ? read(obj.costs, [...base, "discount", "costs"]) : undefined;
  const effects = schedule ?? eff?.steps ?? rate?.steps ?? preset?.effects ?? flat(0);
  const costs = schedule ?? cst?.steps ?? rate?.steps ?? (preset && preset.costs.length > 0 ? preset.costs : preset?.effects) ?? flat(0);
  const firstYear = obj.first_year ?? "year0";
  const describe = (s: RateStep[]) => texts.get(s) ?? (s.length === 1 ? pct(s[0]!.rate) : s.map((x) => `${pct(x.rate)} from year ${x.fromYear}`).join(", "));
  const same = describe(effects) === describe(costs);
  const label =
    (preset && !schedule && obj.rate === undefined && obj.effects === undefined && obj.costs === undefined
      ? preset.label
      : same
        ? describe(effects)
        : `effects ${describe(effects)}, costs ${describe(costs)}`) +
    (firstYear === "year0" ? ", year 0 undiscounted" : firstYear === "mid_year" ? ", mid-year (t - 0.5)" : ", discounted from year 1") +
    (obj.inputs === false ? "; inputs not discounted" : "");
  const stated: NDiscount["stated"] = [];
  const state = (name: string, r: { rate: number; expr?: NExpr }, path: Path, applies: "both" | "effects" | "costs") =>
    stated.push({ name, rate: r.rate, path, applies, ...(r.expr ? { expr: r.expr } : {}) });
  if (!schedule) {
    const rateApplies = obj.effects === undefined ? (obj.costs === undefined ? "both" : "effects") : obj.costs === undefined ? "costs" : undefined;
    if (rate && rateApplies) state("time.discount.rate", rate, [...base, "discount", "rate"], rateApplies);
    if (eff) state("time.discount.effects", eff, [...base, "discount", "effects"], "effects");
    if (cst) state("time.discount.costs", cst, [...base, "discount", "costs"], "costs");
  }
  return { effects, costs, firstYear, inputsDefault: obj.inputs ?? true, stated, label };
}

/**
 * A scenario's own time: the `time:` of the scenario and the scenarios it extends (root first, each
 * field over the model's). Undefined when none of them has one. A new period without a `year0` starts
 * year 0 at its first year; a discount written in a scenario is addressable as
 * `scenarios.<id>.time.discount.rate` (the id of the scenario that writes it).
 */
export function scenarioTime(
  doc: ModelDoc,
  i: number,
  model: { period: YearRange; year0?: number; horizon?: number; discount: NDiscount },
  exprOf?: RateExpr,
): NTime | undefined {
  const byId = new Map(doc.scenarios.map((s, j) => [s.id, j]));
  const chain: number[] = [];
  for (let j: number | undefined = i; j !== undefined && !chain.includes(j); j = doc.scenarios[j]!.extends ? byId.get(doc.scenarios[j]!.extends!) : undefined) chain.unshift(j);
  const links = chain.filter((j) => doc.scenarios[j]!.time);
  if (links.length === 0) return undefined;
  let period = model.period;
  let year0 = model.year0;
  let horizon = model.horizon;
  let discount = model.discount;
  for (const j of links) {
    const t = doc.scenarios[j]!.time!;
    if (t.year !== undefined || t.period !== undefined) {
      period = t.year !== undefined ? { start: t.year, end: t.year } : yearRange(t.period!);
      year0 = undefined; // a new period counts from its own first year unless year0 is given
    }
    if (t.year0 !== undefined) year0 = t.year0;
    if (t.horizon !== undefined) horizon = t.horizon;
    if (t.discount !== undefined) {
      const d = normalizeDiscount(t.discount, exprOf, ["scenarios", j, "time"]);
      const owner = doc.scenarios[j]!.id;
      d.stated = d.stated.map((st) => ({ ...st, name: `scenarios.${owner}.${st.name}` }));
      discount = d;
    }
  }
  return { period, year0: year0 ?? period.start, horizon, discount };
}
