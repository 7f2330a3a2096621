// The result of running a model: plain numbers, no formatting. This is also the JSON contract
// (`sroi run --format json`, schema "sroi-result/1"); see README "JSON output".

export const RESULT_SCHEMA = "sroi-result/1";

/**
 * Something a reader of the result must see, as data: a union by `code`, each code with its own fields.
 * The text is built in src/render/messages.ts (nl and en); the JSON result carries a plain English
 * `message` beside the data for readers (src/api.ts fills it in).
 */
export type Warning = PrintedFigureWarning | WeightedVsUsedWarning | RatioUndefinedWarning | NoteWarning;

interface WarningBase {
  /** The scenario the warning is about, when it is about one. */
  scenario?: string;
  /** The warning as an English sentence: filled in for the JSON output only. */
  message?: string;
}

/** A figure the report prints that the model does not reproduce at the printed precision. */
export interface PrintedFigureWarning extends WarningBase {
  code: "printed-figure";
  figure: string;
  printed: string;
  computed: number;
  /** Computed minus printed. */
  difference: number;
  where: string;
  note?: string;
}

/** A value per unit that differs from the weighted average over the activities, without a stated reason. */
export interface WeightedVsUsedWarning extends WarningBase {
  code: "weighted-vs-used";
  figure: string;
  /** The weighted average. */
  computed: number;
  used: number;
  /** Participants the average is taken over. */
  participants: number;
  where: string;
}

/** Inputs above zero but so small next to the benefits that the ratio is beyond the largest number. */
export interface RatioUndefinedWarning extends WarningBase {
  code: "ratio-undefined";
  scenario: string;
  reason: "inputs-too-small";
  inputs: number;
  benefits: number;
}

/** What the loader noticed (library override or indexation, low certainty, notation, deprecation). */
export interface NoteWarning extends WarningBase {
  code: "library-override" | "library-indexation" | "low-certainty" | "number-notation" | "deprecated";
  message: string;
  /** The note as data, so that the text outputs can say it in Dutch or English (added in sroi-result/1). */
  detail?: NoteDetail;
}

export type NoteDetail =
  | { kind: "override"; study: string; study_name: string; domain: string; library_value: number | null; used_value: number; reason: string }
  | { kind: "indexation"; study: string; from: number; to: number; series: string; factor: number }
  | { kind: "low-certainty"; study: string; study_name: string; certainty: number; required: number; used_by: string[] }
  | { kind: "notation"; field: string; written: string; read_as: number; whole: string }
  | { kind: "deprecated"; form: "baselines" | "qaly-true" | "outcome-certainty" | "stakeholder-role"; field: string };

export interface ValuationRow {
  outcome: string;
  name: string;
  stakeholders: string[];
  domain: string | null;
  /** Weighted average over the activities that carry this domain, or null when none does. */
  weighted: number | null;
  /** Participants the weighted average is taken over. */
  weighted_over: number | null;
  /** Value per unit the model uses (null when the outcome gives an amount per year). */
  used: number | null;
  value_source: "weighted" | "model" | "amount";
  value_choice: string | null;
  impact_claim: number;
  /** used x impact claim. */
  net: number | null;
  quantity: number | null;
  baseline: number | null;
  /** net / baseline, negative for savings (as the reports' "t.o.v. kentallen" line). */
  baseline_change: number | null;
  qalys_per_unit: number | null;
}

export interface FlowRow {
  id: string;
  name: string;
  group: string | null;
  allocation: { stakeholder: string; share: number }[];
  /** Nominal amount per year (aligned with ScenarioResult.years). */
  per_year: number[];
  nominal: number;
  present_value: number;
}

export interface InputRow extends FlowRow {
  discounted: boolean;
  /** What the ratio counts: the present value when discounted, else the nominal total. */
  counted: number;
}

export interface OutcomeRow extends FlowRow {
  kind: "financial" | "immaterial";
}

export interface StakeholderRow {
  id: string;
  name: string;
  inputs: number;
  benefits: number;
  net: number;
  ratio: number | null;
  inputs_per_year: number[];
  benefits_per_year: number[];
}

export interface RatioRow {
  id: string;
  name: string;
  /** The stakeholders summed (empty for a formula ratio). */
  benefits_of: string[];
  inputs_of: string[];
  /** A formula ratio's numerator and denominator as written (null for a selection). */
  numerator: string | null;
  denominator: string | null;
  /** The numerator's and denominator's values. */
  benefits: number;
  inputs: number;
  ratio: number | null;
}

export interface GroupRow {
  id: string;
  name: string;
  inputs: number;
  benefits: number;
}

export interface ParticipantsResult {
  groups: { id: string; name: string; counterfactual: number; scenario: number; difference: number }[];
  unique_factor: number;
  extra: number;
}

export interface ScenarioResult {
  id: string;
  name: string;
  variant: boolean;
  extends: string | null;
  years: number[];
  /** A scenario with its own time (`scenarios[].time`): its period, year 0 and discount description. */
  time?: { period: { start: number; end: number }; year0: number; discount: string };
  /** Every model parameter and baseline (kentallen) as evaluated in this scenario. */
  parameters: Record<string, number>;
  discount_factors: { effects: number[]; costs: number[] };
  participants: ParticipantsResult | null;
  /** The model's activities with their participants in this scenario (empty when it lists none). */
  activities: { id: string; name: string; group: string | null; participants: number }[];
  valuation: ValuationRow[];
  inputs: InputRow[];
  outcomes: OutcomeRow[];
  stakeholders: StakeholderRow[];
  groups: GroupRow[];
  ratios: RatioRow[];
  /** The ratio marked `headline: true`, shown instead of benefits / inputs; null when none is. */
  headline: { id: string; name: string; ratio: number | null } | null;
  totals: {
    inputs: number;
    benefits: number;
    net: number;
    benefits_nominal: number;
    financial_benefits: number;
    immaterial_benefits: number;
    inputs_per_year: number[];
    benefits_per_year: number[];
  };
  ratio: number | null;
  net_ratio: number | null;
  financial_ratio: number | null;
  payback_years: number | null;
  band: { share: number; low: number; high: number } | null;
  qalys: number | null;
}

export interface ModelResult {
  schema: typeof RESULT_SCHEMA;
  model: {
    id: string;
    title: string;
    source: { report: string; file?: string; publisher?: string; published?: string; url?: string };
    method: string | null;
    currency: string;
    /** meta.locale: how the report writes numbers (nl or en). */
    locale: "nl" | "en";
    price_year: number | null;
    /** meta.ratio_digits: decimals of the report's headline ratio (null: not stated; renderers show 1). */
    ratio_digits: number | null;
    period: { start: number; end: number };
    year0: number;
    discount: string;
  };
  scenarios: ScenarioResult[];
  references: {
    id: string;
    name: string;
    source: string;
    certainty: number | null;
    price_year: number | null;
    values: Record<string, number>;
  }[];
  warnings: Warning[];
}
