// The normalised model the engine computes on: every shorthand resolved, every expression parsed,
// library values looked up. Plain data; built by src/load/normalize.ts.
import type { Expr } from "../expr/expr.js";
import type { Uncertainty } from "./evaluator.js";
import type { NoteDetail } from "./result.js";

export type Path = (string | number)[];

/** A parsed expression with the place it was written, so that evaluation errors can point at it. */
export interface NExpr {
  expr: Expr;
  text: string;
  path: Path;
}

export interface YearRange {
  start: number;
  end: number;
}

/** Rate in force from a year offset on (offset 1 = discounting year 1 back to year 0). */
export interface RateStep {
  fromYear: number;
  rate: number;
}

export interface NDiscount {
  effects: RateStep[];
  costs: RateStep[];
  firstYear: "year0" | "year1" | "mid_year";
  inputsDefault: boolean;
  /**
   * The flat rates the model states (addressable as "time.discount.rate", ".effects", ".costs"):
   * `applies` says which schedule the number sets. Presets and schedules state none.
   */
  stated: { name: string; rate: number; path: Path; applies: "both" | "effects" | "costs"; expr?: NExpr }[];
  /** Human description, e.g. "3.5% (effects and costs), year 0 undiscounted". */
  label: string;
}

export interface NParam {
  name: string;
  kind: "parameter" | "baseline" | "price";
  value: NExpr;
  unit?: string;
  group?: string;
  source?: string;
  note?: string;
  /** Declared range and distribution (`low`, `high`, `distribution`, `mode`, `sd`). */
  uncertainty?: Uncertainty;
}

export interface NStakeholder {
  id: string;
  name: string;
  role?: string;
}

export interface NActivity {
  id: string;
  name: string;
  group?: string;
  participants: NExpr;
  /** Value per participant per year by domain, with the study it came from. */
  values: { domain: string; value: NExpr; study?: string }[];
}

export interface NInput {
  id: string;
  name: string;
  allocation: { stakeholder: string; share: number }[];
  amount?: NExpr;
  /** Already a present value at year 0: counted once as written. */
  presentValue?: NExpr;
  perYear: Map<number, NExpr>;
  indexRate: number;
  /** The indexation as an expression over parameters (then indexRate is NaN). */
  indexExpr?: NExpr;
  indexFrom: number;
  /** Whether the model states an indexation (then "inputs.<id>.indexation" is addressable). */
  indexStated: boolean;
  discounted: boolean;
  years: YearRange;
  /** Whether `years` (or a per_year) is written, rather than the period's. */
  yearsStated: boolean;
  group?: string;
  source?: string;
}

export interface NImpactClaim {
  share: number;
  deadweight?: number;
  attribution?: number;
  displacement?: number;
  leakage?: number;
}

export interface NOutcome {
  id: string;
  name: string;
  allocation: { stakeholder: string; share: number }[];
  domain?: string;
  group?: string;
  kind: "financial" | "immaterial";
  effect: "gain" | "saving";
  /** amount: the benefit per year is given; unit: quantity x value per unit. */
  mode: "amount" | "unit";
  amount?: NExpr;
  quantity?: NExpr; // unit mode; absent = the scenario's extra participants
  value?: NExpr; // unit mode; absent = the weighted average over the activity mix
  valueChoice?: string;
  impact: NImpactClaim;
  start: number;
  duration: number;
  dropOff: number;
  years: YearRange;
  /** Whether `years` is written, rather than the period's. */
  yearsStated: boolean;
  baseline?: NExpr;
  qaly: boolean;
  /** The parameter that prices a QALY (`qaly: qaly_price`). */
  qalyPrice?: string;
  certainty?: number;
  source?: string;
  path: Path;
  /** Which of the plain numbers above the model states (only stated numbers are addressable). */
  stated: { impactClaim: boolean; start: boolean; duration: boolean; dropOff: boolean };
  /** The numbers above written as expressions over parameters (their plain number is then NaN). */
  exprs: Partial<Record<OutcomeNumber, NExpr>>;
}

/** An outcome's numbers besides its amount or quantity x value, by their name in the model. */
export type OutcomeNumber = "impact_claim" | "deadweight" | "attribution" | "displacement" | "leakage" | "start" | "duration" | "drop_off";

export interface NScenario {
  id: string;
  name: string;
  variant: boolean;
  extends?: string;
  participants: Map<string, NExpr>;
  params: Map<string, NExpr>;
  note?: string;
  /** The scenario's own time (`time:` in it or a scenario it extends, over the model's), if any. */
  time?: NTime;
}

/** A scenario's own period, year 0, horizon and discounting. */
export interface NTime {
  period: YearRange;
  year0: number;
  horizon?: number;
  discount: NDiscount;
}

export interface NRatio {
  id: string;
  name: string;
  benefitsOf?: string[];
  inputsOf?: string[];
  /** A formula ratio: expressions over the scenario's figures (RATIO_FIGURES) and parameters. */
  numerator?: NExpr;
  denominator?: NExpr;
  headline: boolean;
  source?: string;
}

export interface NCheck {
  figure: string;
  /** As written: a YAML number is that number, text is read in the model's locale. */
  printed: number | string;
  where: string;
  note?: string;
  path: Path;
}

export interface NStudy {
  id: string;
  name: string;
  source: string;
  certainty?: number;
  priceYear?: number;
  /** Values after local overrides and indexation, by domain. */
  values: Map<string, number>;
}

/** Something the loader noticed about library use that the output must show (override, indexation). */
export interface LibraryNote {
  code: "library-override" | "library-indexation" | "low-certainty" | "number-notation" | "deprecated";
  message: string;
  study?: string;
  domain?: string;
  libraryValue?: number;
  usedValue?: number;
  detail?: NoteDetail;
}

/**
 * The figures a ratio formula may name (without the scenario): totals, and per input, outcome and
 * stakeholder. `<id>` stands for an input, outcome or stakeholder id.
 */
export const RATIO_FIGURES = [
  "benefits",
  "inputs",
  "net",
  "financial_benefits",
  "immaterial_benefits",
  "input.<id>",
  "outcome.<id>.pv",
  "stakeholder.<id>.inputs",
  "stakeholder.<id>.benefits",
] as const;

export interface NModel {
  id: string;
  title: string;
  source: { report: string; file?: string; publisher?: string; published?: string; url?: string };
  method?: string;
  currency: string;
  locale: "nl" | "en";
  priceYear?: number;
  /** meta.ratio_digits: the decimals of the report's headline ratio. */
  ratioDigits?: number;
  note?: string;
  period: YearRange;
  year0: number;
  horizon?: number;
  discount: NDiscount;
  params: Map<string, NParam>;
  stakeholders: NStakeholder[];
  activities: NActivity[];
  participants?: { uniqueFactor?: NExpr; groups: { id: string; name: string }[] };
  counterfactual?: { name: string; participants: Map<string, NExpr> };
  inputs: NInput[];
  outcomes: NOutcome[];
  groups: { id: string; name: string }[];
  scenarios: NScenario[];
  ratios: NRatio[];
  band?: number;
  checks: NCheck[];
  studies: Map<string, NStudy>;
  libraryNotes: LibraryNote[];
}
