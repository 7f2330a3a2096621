// `sroi run -f csv`: one tidy table over all models (model, scenario, stakeholder, year, measure, value),
// plain numbers with a decimal point, for spreadsheets and R/pandas. Written model by model.
import type { ModelResult } from "../engine/result.js";

export const CSV_COLUMNS = ["model", "scenario", "stakeholder", "year", "measure", "value"] as const;

/** RFC 4180: quote a field holding a comma, quote or line break. */
export function csvField(v: string | number | null): string {
  if (v === null) return "";
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (fields: (string | number | null)[]) => fields.map(csvField).join(",") + "\r\n";

export function csvHeader(): string {
  return csvLine([...CSV_COLUMNS]);
}

/**
 * Measures: per stakeholder and year `inputs` and `benefits` (nominal); per stakeholder over the period
 * `inputs`, `benefits` (present value), `net`, `ratio`; per scenario (stakeholder empty) the totals and
 * ratios. A measure without a value (no ratio, no payback) is left out rather than written empty.
 */
export function csvRows(result: ModelResult): string {
  const id = result.model.id;
  let out = "";
  const put = (scenario: string, stakeholder: string | null, year: number | null, measure: string, value: number | null) => {
    if (value !== null && Number.isFinite(value)) out += csvLine([id, scenario, stakeholder, year, measure, value]);
  };
  for (const s of result.scenarios) {
    put(s.id, null, null, "inputs", s.totals.inputs);
    put(s.id, null, null, "benefits", s.totals.benefits);
    put(s.id, null, null, "net", s.totals.net);
    put(s.id, null, null, "ratio", s.ratio);
    put(s.id, null, null, "net_ratio", s.net_ratio);
    put(s.id, null, null, "financial_ratio", s.financial_ratio);
    put(s.id, null, null, "payback_years", s.payback_years);
    if (s.band) {
      put(s.id, null, null, "ratio_low", s.band.low);
      put(s.id, null, null, "ratio_high", s.band.high);
    }
    s.years.forEach((y, i) => {
      put(s.id, null, y, "inputs", s.totals.inputs_per_year[i] ?? null);
      put(s.id, null, y, "benefits", s.totals.benefits_per_year[i] ?? null);
    });
    for (const st of s.stakeholders) {
      put(s.id, st.id, null, "inputs", st.inputs);
      put(s.id, st.id, null, "benefits", st.benefits);
      put(s.id, st.id, null, "net", st.net);
      put(s.id, st.id, null, "ratio", st.ratio);
      s.years.forEach((y, i) => {
        put(s.id, st.id, y, "inputs", st.inputs_per_year[i] ?? null);
        put(s.id, st.id, y, "benefits", st.benefits_per_year[i] ?? null);
      });
    }
  }
  return out;
}
