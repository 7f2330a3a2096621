// The time a scenario is computed over: the model's, or the scenario's own (`scenarios[].time`, e.g. a
// 2019 and a 2022 edition of one SROI in one model). Inputs and outcomes without stated years follow
// the scenario's period; in a scenario with its own time, stated years count only within its period.
import type { NDiscount, NModel, YearRange } from "./model.js";

export interface ScenarioTime {
  /** Whether the scenario states its own time (else every field is the model's). */
  own: boolean;
  period: YearRange;
  year0: number;
  horizon?: number;
  discount: NDiscount;
  /** Per input and outcome, the years of activity counted in this scenario (may be empty: start > end). */
  inputYears: YearRange[];
  outcomeYears: YearRange[];
  /** The first year any flow is counted in (year index 0 of the discount arrays). */
  first: number;
}

export function scenarioTime(model: NModel, k: number): ScenarioTime {
  const t = model.scenarios[k]?.time;
  if (!t) {
    return {
      own: false,
      period: model.period,
      year0: model.year0,
      horizon: model.horizon,
      discount: model.discount,
      inputYears: model.inputs.map((i) => i.years),
      outcomeYears: model.outcomes.map((o) => o.years),
      first: Math.min(model.period.start, ...model.inputs.map((i) => i.years.start)),
    };
  }
  const within = (stated: boolean, y: YearRange): YearRange =>
    stated ? { start: Math.max(y.start, t.period.start), end: Math.min(y.end, t.period.end) } : t.period;
  return {
    own: true,
    period: t.period,
    year0: t.year0,
    horizon: t.horizon,
    discount: t.discount,
    inputYears: model.inputs.map((i) => within(i.yearsStated, i.years)),
    outcomeYears: model.outcomes.map((o) => within(o.yearsStated, o.years)),
    first: t.period.start,
  };
}
