// A funding key: how the inputs could be shared over the stakeholders who gain money from the
// intervention (Eijsden leaves this open "te bepalen"). Each funder's share of the inputs, what it
// pays, what it gets back and its own ratio. Keys:
//   proportional  to each funder's present-value financial benefits (default): every funder then
//                 gets the same return per euro, the overall financial ratio;
//   equal         the same share for every funder;
//   model         as the model allocates the inputs today (funders: those who pay now, and those
//                 with financial benefits).
import type { Compiled } from "../engine/evaluator.js";
import { evaluateOrThrow, scenarioIndexes, type ModelRef } from "./evaluate.js";
import { AnalysisError } from "./inputs.js";
import type { AnalysisOptions } from "./sensitivity.js";

export const SPLIT_SCHEMA = "sroi-split/1";
export const SPLIT_KEYS = ["proportional", "equal", "model"] as const;
export type SplitKey = (typeof SPLIT_KEYS)[number];

export interface Funder {
  id: string;
  name: string;
  share: number;
  /** Its part of the inputs under the key. */
  inputs: number;
  /** Its present-value financial benefits. */
  benefits: number;
  /** benefits / inputs; null when it pays nothing. */
  ratio: number | null;
}

export interface SplitResult {
  schema: typeof SPLIT_SCHEMA;
  model: ModelRef;
  key: SplitKey;
  scenarios: { id: string; name: string; key: SplitKey; inputs: number; financial_benefits: number; funders: Funder[] }[];
}

export function split(c: Compiled, o: AnalysisOptions & { key?: string }): SplitResult {
  const key = (o.key ?? "proportional") as SplitKey;
  if (!SPLIT_KEYS.includes(key)) {
    throw new AnalysisError({ option: "--key", subject: String(o.key), message: `no funding key "${o.key}"`, hint: `keys: ${SPLIT_KEYS.join(", ")}` });
  }
  const ov = Float64Array.from(o.overrides);
  const scenarios = scenarioIndexes(c, o.scenarios).map((s) => {
    const e = evaluateOrThrow(c, s, ov);
    const fin = e.stakeholderFinancialBenefits;
    const pays = e.stakeholderInputs;
    const who = c.stakeholders.map((_, i) => i).filter((i) => fin[i]! > 0 || (key === "model" && pays[i]! > 0));
    if (who.length === 0) {
      throw new AnalysisError({ option: "--key", message: `no stakeholder has financial benefits in scenario "${c.scenarios[s]!.id}", so there is no one to share the inputs by` });
    }
    const weight = (i: number) => (key === "proportional" ? fin[i]! : key === "equal" ? 1 : pays[i]!);
    const sum = who.reduce((t, i) => t + weight(i), 0);
    if (!(sum > 0)) {
      throw new AnalysisError({ option: "--key", message: `the "${key}" key gives no one a share in scenario "${c.scenarios[s]!.id}" (the model allocates no inputs)` });
    }
    const funders = who.map((i): Funder => {
      const share = weight(i) / sum;
      const inputs = share * e.inputs;
      return { id: c.stakeholders[i]!.id, name: c.stakeholders[i]!.name, share, inputs, benefits: fin[i]!, ratio: inputs > 0 ? fin[i]! / inputs : null };
    });
    return { id: c.scenarios[s]!.id, name: c.scenarios[s]!.name, key, inputs: e.inputs, financial_benefits: e.financialBenefits, funders };
  });
  return { schema: SPLIT_SCHEMA, model: o.model, key, scenarios };
}
