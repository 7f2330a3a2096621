// The model language: one zod schema for every report shape (SROI value maps, one-year stakeholder
// tables, MKBA cost/benefit items, scale-up models, quick scans). This file describes the model *as
// written*; `src/load/normalize.ts` turns it into the plain model the engine computes on.
import { z } from "zod";
import { refinements as R } from "./refinements.js";

export const MODEL_LANGUAGE_VERSION = 1;

/** Prefix that marks an unknown-key message so the loader can split it per key (see load/validate.ts). */
export const UNKNOWN_KEYS_TAG = "\u0000unknown-keys:";

/** A strict object whose unknown keys are reported with the keys that *are* allowed, for a did-you-mean. */
function strict<T extends z.ZodRawShape>(shape: T) {
  const allowed = Object.keys(shape);
  return z.strictObject(shape, {
    error: (iss) => (iss.code === "unrecognized_keys" ? UNKNOWN_KEYS_TAG + allowed.join(",") : undefined),
  });
}

const ID_RE = /^[a-z][a-z0-9_]*$/;
/** "2026-2030", also with an en dash (\u2013: escaped in a string, so the bundle stays ASCII and the JSON schema reads "–"). */
const PERIOD_TEXT = new RegExp("^\\s*\\d{4}\\s*(-|\u2013|to)\\s*\\d{4}\\s*$");
/**
 * Every zod schema of the language, built on first use (memoised) rather than at import, so that a
 * command that validates nothing does not pay for building them.
 */
function build() {
  const Id = z
    .string()
    .regex(ID_RE, { message: "an id is lower case letters, digits and _, starting with a letter (e.g. care_office)" })
    .refine(R.notReserved, { message: "this name is reserved; choose another id" });

  /**
   * A share: 0.5 or "50%" (also "12,5%"). Numbers above 1 are refused rather than guessed at,
   * because 50 could mean 50% or 5000%.
   */
  const Share = z.union([
    z.number().min(0, { message: "a share is between 0 and 100%" }).max(1, {
      message: 'a share is between 0 and 1 (write 50% as 0.5 or "50%")',
    }),
    z
      .string()
      .refine(R.isPercent, { message: 'a share is a number from 0 to 1 or a percentage like "50%"' })
      .refine(R.percentIsShare, { message: "a share is between 0 and 100%" }),
  ]);

  /** A number, or an arithmetic expression over named parameters (parsed by sroi, never eval'd). */
  const Quantity = z.union([z.number(), z.string().min(1, { message: "an empty expression" })]);

  /**
   * A number by year: a list aligned with the model's period ([0.6, 0.4, 0.2]) or a map by year
   * ({ 2026: 0.6, 2028: 0.2 }: a value holds from its year on). Entries are numbers or percentages.
   */
  const ByYearEntry = z.union([
    z.number(),
    z.string().refine(R.isPercent, { message: 'an entry by year is a number or a percentage like "50%"' }),
  ]);
  const YearKey = z.string().regex(/^\d{4}$/, { message: "a year key is four digits" });
  const ByYearList = z.array(ByYearEntry).min(1, { message: "a list by year needs a value per year of the period" });
  const ByYearMap = z.record(YearKey, ByYearEntry);
  /** A number, an expression (which may read `t` and `year`), or a number by year (one flat union: one clear message). */
  const YearQuantity = z
    .union([z.number(), z.string().min(1, { message: "an empty expression" }), ByYearList, ByYearMap])
    .meta({ title: "number, expression or by year" });

  /**
   * A share as a literal (0.2, "20%"), or an expression over parameters ("dw_rate", "min(30%, x)")
   * whose value is checked to be a share when it is computed. Text that looks like a percentage is
   * read as one, with the share's checks ("50%%" and "150%" are refused here).
   */
  const ShareExpr = z.union([
    Share.options[0],
    z
      .string()
      .min(1, { message: "an empty expression" })
      .refine(R.expressionOrPercent, { message: 'a share is a number from 0 to 1 or a percentage like "50%"' })
      .refine(R.expressionOrShare, { message: "a share is between 0 and 100%" }),
  ]).meta({ title: "share or expression" });

  /** Whole years (start, duration): a literal, or an expression checked to be whole when computed. */
  const YearsExpr = (min: number) =>
    z.union([z.number().int().min(min), z.string().min(1, { message: "an empty expression" })]).meta({ title: "whole years or expression" });

  /** A year range: "2026-2030", 2018, or { start, end }. */
  const Period = z.union([
    z.number().int(),
    z.string().regex(PERIOD_TEXT, { message: 'a period is written "2026-2030"' }),
    strict({ start: z.number().int(), end: z.number().int() }),
  ]);

  const Text = z.string();

  /** A named number: a bare number or expression, or one with its unit, source and range. */
  const Parameter = z.union([
    Quantity,
    ByYearList,
    strict({
      value: YearQuantity,
      unit: Text.optional(),
      /** A label for tables; `baseline` (kentallen) marks the area's baseline figures. */
      group: Text.optional(),
      source: Text.optional(),
      note: Text.optional(),
      /** The report's own range: the ends of a one-way sensitivity and of a scenario's `range: low|high`. */
      low: z.number().optional(),
      high: z.number().optional(),
      /** The shape Monte Carlo draws from (default with low/high: triangular around the value). */
      distribution: z.enum(["uniform", "triangular", "pert", "normal", "lognormal"]).optional(),
      /** triangular and pert: the most likely value (default: the value). */
      mode: z.number().optional(),
      /** normal and lognormal: the standard deviation (default: (high - low) / 3.29). */
      sd: z.number().positive().optional(),
    }),
  ]);

  const Allocation = z.record(Id, Share);

  /** An impact claim or its parts may also be a list by year (a share that tapers: [60%, 40%, 20%]). */
  const ShareByYear = z.union([ShareExpr, ByYearList]);
  const ImpactClaim = z.union([
    ShareByYear,
    strict({
      deadweight: ShareByYear.optional(),
      attribution: ShareByYear.optional(),
      displacement: ShareByYear.optional(),
      leakage: ShareByYear.optional(),
    }),
  ]);

  const Stakeholder = strict({
    id: Id,
    name: Text,
    /** The domain or law the stakeholder stands for in the report (Wmo, Zvw, Wlz ...). */
    role: Text.optional(),
    note: Text.optional(),
  });

  const Activity = strict({
    id: Id,
    name: Text,
    /** Cluster label in the report (e.g. a Positive Health dimension, an organisation). */
    group: Text.optional(),
    /** Participants that weigh this activity in the weighted average (per year). */
    participants: Quantity,
    /** A study in the library whose values per domain this activity carries. */
    ref: Id.optional(),
    /** Values per participant per year, by domain; `null` drops a domain the study would give. */
    values: z.record(Id, z.union([Quantity, z.null()])).optional(),
    source: Text.optional(),
    note: Text.optional(),
  });

  const Input = strict({
    id: Id,
    name: Text,
    /** Who brings this input in (inbreng); or `allocation` to split it. */
    stakeholder: Id.optional(),
    allocation: Allocation.optional(),
    /** Amount per year in the first year (or a fixed amount per year when not indexed). */
    amount: YearQuantity.optional(),
    /** An amount already stated as a present value (at year 0): counted once as written, not indexed or discounted. */
    present_value: Quantity.optional(),
    /** Amounts by year, when a report lists them. */
    per_year: z.record(z.string().regex(/^\d{4}$/, { message: "a year key is four digits" }), Quantity).optional(),
    indexation: z.union([ShareExpr, strict({ rate: ShareExpr, from: z.number().int().optional() })]).optional(),
    /** Whether this input is discounted; default from `time.discount.inputs`. */
    discounted: z.boolean().optional(),
    /** Years in which the input is spent; default the analysis period. */
    years: Period.optional(),
    /** Cost group label (MKBA: "Kosten in 0-situatie", "Frictiekosten" ...). */
    group: Id.optional(),
    source: Text.optional(),
    note: Text.optional(),
  });

  const Outcome = strict({
    id: Id,
    name: Text,
    stakeholder: Id.optional(),
    allocation: Allocation.optional(),
    /** Column of reference values this outcome is valued from (health, social_domain, zvw, wlz ...). */
    domain: Id.optional(),
    /** Benefit group id (declared under `groups`). */
    group: Id.optional(),
    /** financial: money to an actor; immaterial: valued but not cash (QALYs, safety). */
    kind: z.enum(["financial", "immaterial"]).optional(),
    /** gain (more of something) or saving (less spending); a saving is shown as a negative share of baseline. */
    effect: z.enum(["gain", "saving"]).optional(),
    /** Units per year (default: the scenario's extra participants). */
    quantity: YearQuantity.optional(),
    /** Gross value per unit; default the weighted average over the activities that carry `domain`. */
    value: YearQuantity.optional(),
    /** Why the report used another value than the weighted average (silences the warning, shows the note). */
    value_choice: Text.optional(),
    /** Gross amount per year, for reports that give the benefit directly. */
    amount: YearQuantity.optional(),
    impact_claim: ImpactClaim.optional(),
    /** Years after the activity year in which the outcome starts (0 = same year). */
    start: YearsExpr(0).optional(),
    /** Years an outcome lasts, counted from its start (1 = only that year). */
    duration: YearsExpr(1).optional(),
    /** Share lost each year after the first year of the outcome. */
    drop_off: ShareExpr.optional(),
    /** Years of activity that generate this outcome; default the analysis period. */
    years: Period.optional(),
    /** Baseline per inhabitant to show the net value against (kentallen). */
    baseline: YearQuantity.optional(),
    /** The value is a health gain priced per QALY: the parameter holding the price of a QALY (QALYs are shown). `true` (deprecated) means `qaly_price`. */
    qaly: z.union([z.boolean(), Id]).optional(),
    certainty: z.number().int().min(1).max(3).optional(),
    source: Text.optional(),
    note: Text.optional(),
  });

  const Participants = z.record(Id, Quantity);

  const DiscountPreset = z.enum(["hm-treasury", "nl-mkba", "nl-health-2024", "none"]);
  const Schedule = z.array(strict({ from_year: z.number().int().min(0).optional(), rate: Share })).min(1);

  // A preset name first: any other text is a rate (a percentage or an expression over parameters).
  const Discount = z.union([
    DiscountPreset,
    ShareExpr,
    strict({
      preset: DiscountPreset.optional(),
      rate: ShareExpr.optional(),
      costs: ShareExpr.optional(),
      effects: ShareExpr.optional(),
      schedule: Schedule.optional(),
      /**
       * year0: the first year is not discounted (start of year); year1: it is discounted once (end of
       * year); mid_year: by half a year (exponent t - 0.5, as NZ Treasury's CBAx).
       */
      first_year: z.enum(["year0", "year1", "mid_year"]).optional(),
      /** Default for inputs that do not say `discounted`. */
      inputs: z.boolean().optional(),
    }),
  ]);

  const Time = strict({
    /** Years of activity; or `year` for a one-year model. */
    period: Period.optional(),
    /** A one-year model: the same as `period: 2022`. */
    year: z.number().int().optional(),
    /** Year that counts as year 0 for discounting (default: the first year of the period). */
    year0: z.number().int().optional(),
    discount: Discount.optional(),
    /** Last year whose benefits count (default: the last year any outcome reaches). */
    horizon: z.number().int().optional(),
  });

  const Scenario = strict({
    id: Id,
    name: Text,
    /** Start from another scenario and change only what is listed here. */
    extends: Id.optional(),
    /** A what-if or sensitivity variant rather than one of the report's own scenarios. */
    variant: z.boolean().optional(),
    participants: Participants.optional(),
    parameters: z.record(Id, z.union([Quantity, ByYearList])).optional(),
    /** Every parameter with a declared range takes its low (or high) end, unless this scenario sets it. */
    range: z.enum(["low", "high"]).optional(),
    /** The scenario's own period, year 0, discount or horizon (each over the model's `time`). */
    time: Time.optional(),
    source: Text.optional(),
    note: Text.optional(),
  });

  const Ratio = strict({
    id: Id,
    name: Text,
    /** Benefits of these stakeholders over the inputs of these (default: all benefits, all inputs). */
    benefits_of: z.array(Id).min(1).optional(),
    inputs_of: z.array(Id).min(1).optional(),
    /** Or a formula over the scenario's figures and parameters: "benefits + annual_sales". */
    numerator: Quantity.optional(),
    /** "input.operating_costs", "inputs" (figure names as `sroi figures` lists them, without the scenario). */
    denominator: Quantity.optional(),
    /** The model's headline ratio: shown first, instead of benefits / inputs. */
    headline: z.boolean().optional(),
    source: Text.optional(),
    note: Text.optional(),
  });

  const Check = strict({
    /** The computed figure, as `sroi` names it (see README "Figures"). */
    figure: z.string().min(1),
    /** The figure as the report printed it: "6,2", "€ 24.905", "€734K". */
    printed: z.union([z.string(), z.number()]),
    where: Text,
    note: Text.optional(),
  });

  const Meta = strict({
    id: Id.optional(),
    title: Text,
    /** The report this model reproduces. */
    source: strict({
      report: Text,
      file: Text.optional(),
      publisher: Text.optional(),
      published: z.union([Text, z.number()]).optional(),
      url: Text.optional(),
    }),
    method: z.enum(["sroi", "mkba", "sroi-quick-scan", "scale-up", "one-year-sroi"]).optional(),
    currency: z.string().regex(/^[A-Z]{3}$/).optional(),
    /** How the model's printed figures (checks, fixtures) are read and its numbers shown: nl (6,2) or en (6.2). */
    locale: z.enum(["nl", "en"]).optional(),
    price_year: z.number().int().optional(),
    /**
     * Decimals the report prints its headline ratio with ("6,2": 1, "1.96": 2): the tables' and the
     * factsheet's headline ratio is shown so, its more precise value beside it with one more. Default 1.
     */
    ratio_digits: z.number().int().min(0).max(4).optional(),
    note: Text.optional(),
  });

  const LibraryOverride = strict({
    values: z.record(Id, z.number()).optional(),
    value: z.number().optional(),
    reason: Text,
  });

  const Model = strict({
    sroi: z.literal(MODEL_LANGUAGE_VERSION, { message: `this sroi reads model language version ${MODEL_LANGUAGE_VERSION}` }),
    meta: Meta,
    /** Shared library files (reference values, prices, index series), relative to this file. */
    library: z.array(z.string()).optional(),
    /** Local changes to library entries, each with the reason the output shows. */
    library_overrides: z.record(Id, LibraryOverride).optional(),
    /** The least certainty (1-3 stars) the report says its studies have; lower-rated studies are warned about. */
    min_certainty: z.number().int().min(1).max(3).optional(),
    /** Index library study values to `meta.price_year` with this library index series (e.g. cpi). */
    reference_indexation: Id.optional(),
    /** Leave out for one undiscounted year. */
    time: Time.optional(),
    parameters: z.record(Id, Parameter).optional(),
    /** Deprecated: baseline figures of the area (kentallen); now parameters with `group: baseline` (sroi migrate). */
    baselines: z.record(Id, Parameter).optional(),
    /** Who brings inputs in and receives outcomes; optional (then only totals are shown). */
    stakeholders: z.array(Stakeholder).optional(),
    activities: z.array(Activity).optional(),
    participants: strict({
      /** The share of participants counted once (a share, or an expression over parameters). */
      unique_factor: z.union([Share, Quantity]).optional(),
      groups: z.array(strict({ id: Id, name: Text, note: Text.optional() })).min(1),
    }).optional(),
    counterfactual: strict({ name: Text, participants: Participants, note: Text.optional() }).optional(),
    inputs: z.array(Input).optional(),
    groups: z.array(strict({ id: Id, name: Text, kind: z.enum(["inputs", "outcomes"]).optional() })).optional(),
    outcomes: z.array(Outcome).optional(),
    scenarios: z.array(Scenario).min(1),
    ratios: z.array(Ratio).optional(),
    /** The result's uncertainty band as the report prints it (e.g. ±25%). */
    band: Share.optional(),
    /** Printed figures the report states, checked against the computation (slips become warnings). */
    checks: z.array(Check).optional(),
  });


  // ---- Library files -------------------------------------------------------------------------------

  const Study = strict({
    name: Text,
    source: Text,
    /** The report's one-to-three stars: 1 limited, 2 sufficient, 3 good. */
    certainty: z.number().int().min(1).max(3).optional(),
    price_year: z.number().int().optional(),
    unit: Text.optional(),
    values: z.record(Id, z.number()),
    note: Text.optional(),
  });

  const Price = strict({
    value: z.number(),
    unit: Text,
    source: Text,
    price_year: z.number().int().optional(),
    note: Text.optional(),
  });

  /** A yearly change, which may be negative (deflation): -0.5% or -0.005. */
  const Rate = z.union([
    z.number().min(-1).max(1, { message: 'a rate is between -100% and 100% (write 3% as 0.03 or "3%")' }),
    z
      .string()
      .refine(R.isPercent, { message: 'a rate is a number or a percentage like "3%"' })
      .refine(R.rateInRange, { message: "a rate is between -100% and 100%" }),
  ]);

  const IndexSeries = strict({
    name: Text,
    source: Text,
    /** Yearly change by year: the rate for 2023 takes 2022 prices to 2023 prices. */
    rates: z.record(z.string().regex(/^\d{4}$/), Rate),
    note: Text.optional(),
  });

  const Library = strict({
    "sroi-library": z.literal(1),
    title: Text.optional(),
    studies: z.record(Id, Study).optional(),
    prices: z.record(Id, Price).optional(),
    index: z.record(Id, IndexSeries).optional(),
  });
  return { Id, Share, Quantity, Period, Parameter, Stakeholder, Activity, Input, Outcome, Scenario, Ratio, Check, Discount, Time, Meta, LibraryOverride, Model, Study, Price, IndexSeries, Library };
}

let built: ReturnType<typeof build> | undefined;

export function schemas(): ReturnType<typeof build> {
  return (built ??= build());
}

type Schemas = ReturnType<typeof build>;
export type ModelInput = z.input<Schemas["Model"]>;
export type ModelDoc = z.output<Schemas["Model"]>;
export type LibraryDoc = z.output<Schemas["Library"]>;
