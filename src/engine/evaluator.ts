// The contract between the engine and everything that evaluates one model many times (what-if,
// tornado, break-even, Monte Carlo, funding key). A normalised model is compiled once into a
// `Compiled` evaluator; each evaluation is plain arithmetic over typed arrays, no objects walked and
// no expressions parsed per call. `runModel` (the full report result) is a function on top of it.
import type { Path } from "./model.js";

/** The values a number can take; a value outside is an error, never a silent wrong figure. */
export interface NumberDomain {
  min: number; // -Infinity when unbounded
  max: number; // Infinity when unbounded
  /** share: 0..1 (shown as %), count: >= 0, money, rate (-1..1), year, any */
  kind: "share" | "count" | "money" | "rate" | "years" | "any";
  /** Whole numbers only (years of start and duration). */
  integer?: boolean;
}

export type DistributionKind = "uniform" | "triangular" | "pert" | "normal" | "lognormal";

/** A number's declared (or --spread) uncertainty: its range and the shape Monte Carlo draws from. */
export interface Uncertainty {
  /** The low and high value: the ends of a one-way sensitivity. */
  low: number;
  high: number;
  distribution: DistributionKind;
  /** triangular and PERT: the most likely value (default: the base value). */
  mode?: number;
  /** normal and lognormal: the standard deviation of the value (default: (high - low) / 3.29, so low..high is the 90% interval). */
  sd?: number;
  /** Where the range comes from: the model (declared), the model's result band shorthand, or --spread. */
  origin: "declared" | "band" | "spread";
}

/** One number a model states, addressable by one name (for --set, ranges and analyses). */
export interface NumberInfo {
  /**
   * Parameters and baselines by their name ("hourly_rate"); every other stated number by the path
   * validation errors print, with ids instead of list indexes: "outcomes.health_gain.impact_claim",
   * "time.discount.rate", "inputs.krachtenbinder.indexation", "scenarios.current.participants.reduced".
   */
  name: string;
  kind: "parameter" | "baseline" | "price" | "stated";
  /** Where it is written in the model file (for file:line:col). */
  path: Path;
  unit?: string;
  domain: NumberDomain;
  /** A plain number as written (not an expression): the leaves that ranges and --spread vary. */
  literal: boolean;
  /** Declared uncertainty, if the model gives one. */
  uncertainty?: Uncertainty;
  /** Scenarios whose evaluation this number can change (a scenario's own participants change only that scenario). */
  scenarios: readonly string[];
}

export interface Evaluation {
  ok: true;
  /** benefits / inputs; NaN when there are no inputs (renderers say why). */
  ratio: number;
  inputs: number;
  benefits: number;
  net: number;
  financialBenefits: number;
  /** In `Compiled.stakeholders` order. */
  stakeholderInputs: Float64Array;
  stakeholderBenefits: Float64Array;
  stakeholderFinancialBenefits: Float64Array;
  /** The model's own ratios (`ratios:`), in model order; NaN when undefined. */
  ratios: Float64Array;
}

/** A model that validated but cannot be computed with these numbers (a negative count, a division by zero). */
export interface EvalFailure {
  ok: false;
  path: Path;
  message: string;
  hint?: string;
}

export interface Compiled {
  readonly scenarios: readonly { id: string; name: string; variant: boolean }[];
  readonly stakeholders: readonly { id: string; name: string }[];
  readonly ratios: readonly { id: string; name: string }[];
  /** Every addressable number; an index into this list is a "slot". */
  readonly numbers: readonly NumberInfo[];
  slot(name: string): number | undefined;
  /** A number's value in a scenario before overrides (NaN when it does not apply to that scenario). */
  base(scenario: number, slot: number): number;
  /**
   * Evaluates one scenario (index into `scenarios`). `overrides` has one entry per slot, NaN meaning
   * "as the model says". With `out`, the result is written into it and nothing is allocated.
   */
  evaluate(scenario: number, overrides?: Float64Array, out?: Evaluation): Evaluation | EvalFailure;
}

/** An Evaluation to write into again and again (`evaluate(..., out)`: no allocation per call). */
export function newEvaluation(stakeholders: number, ratios: number): Evaluation {
  return {
    ok: true,
    ratio: NaN,
    inputs: 0,
    benefits: 0,
    net: 0,
    financialBenefits: 0,
    stakeholderInputs: new Float64Array(stakeholders),
    stakeholderBenefits: new Float64Array(stakeholders),
    stakeholderFinancialBenefits: new Float64Array(stakeholders),
    ratios: new Float64Array(ratios),
  };
}
