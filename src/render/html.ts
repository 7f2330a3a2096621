// `sroi report FILE -o FILE.html`: one self-contained page per model. A factsheet first (ratio per
// scenario with its band or simulated P5-P95, inputs and benefits per stakeholder as SVG bar charts, the
// per-stakeholder ratios, the activities counted), then the full tables and the sources of every
// reference value. No network: inline CSS and SVG only, and a CSP that forbids loading anything.
import type { ModelResult, ScenarioResult } from "../engine/result.js";
import { formatter, withStakeholders, type Formatter, type Locale } from "./format.js";
import { discountText, modelLocale, words, type Words } from "./i18n.js";
import { warningText } from "./messages.js";

/** Optional analysis results the page shows when given (shapes of `sroi simulate|sensitivity -f json`). */
export interface SimulationResult {
  model: string;
  seed?: number;
  iterations: number;
  scenarios: { id: string; ratio: { mean: number; p5: number; p50: number; p95: number }; p_above_1?: number }[];
}
export interface SensitivityResult {
  model: string;
  scenarios: {
    id: string;
    base_ratio: number;
    parameters: { name: string; low: number; high: number; ratio_low: number; ratio_high: number; swing: number }[];
  }[];
}
export interface ReportExtras {
  simulation?: SimulationResult;
  sensitivity?: SensitivityResult;
}

export interface HtmlOptions {
  locale?: Locale;
  extras?: ReportExtras;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const esc = (s: string | number) => String(s).replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);

/** The page forbids every fetch: no scripts, fonts, images or frames from anywhere. */
export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const CSS = `
:root { --ink: #1d2731; --muted: #5b6770; --line: #d5dbe0; --inputs: #c4603b; --benefits: #2f7d6d; --accent: #24507a; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1000px; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 2px solid var(--accent); padding-bottom: 2px; }
h3 { font-size: 15px; margin: 18px 0 6px; } .meta { color: var(--muted); margin: 0 0 2px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; min-width: 200px; flex: 1; }
.card .label { color: var(--muted); font-size: 12px; } .card .ratio { font-size: 30px; font-weight: 700; color: var(--accent); }
.card .range { color: var(--muted); font-size: 12px; }
.scenario { break-inside: avoid; page-break-inside: avoid; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; } .chart { flex: 1; min-width: 300px; }
svg text { font: 12px system-ui, Arial, sans-serif; fill: var(--ink); }
table { border-collapse: collapse; margin: 6px 0 12px; width: 100%; font-size: 12.5px; }
th, td { border-bottom: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f1f4f6; } td.n, th.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 700; } .warn { color: #8a5a00; } footer { color: var(--muted); font-size: 11px; margin-top: 24px; }
.wide { overflow-x: auto; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; } table { font-size: 9.5px; } .wide { overflow: visible; }
  h2 { break-after: avoid; page-break-after: avoid; } .full { break-before: page; page-break-before: always; }
  tr, .chart, .card { break-inside: avoid; page-break-inside: avoid; } .card .ratio { font-size: 22px; }
}`;

function table(head: string[], rows: string[][], opts: { numericFrom?: number; totalLast?: boolean } = {}): string {
  const from = opts.numericFrom ?? 1;
  const cls = (i: number) => (i >= from ? ' class="n"' : "");
  const body = rows
    .map((r, ri) => `<tr${opts.totalLast && ri === rows.length - 1 ? ' class="total"' : ""}>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join("")}</tr>`)
    .join("\n");
  return `<div class="wide"><table><thead><tr>${head.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join("")}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

/**
 * A horizontal bar chart, plain SVG. Each bar carries its stakeholder and exact value as data
 * attributes (the browser test reads them) and its value in the report's notation as text.
 */
export function barChart(title: string, kind: "inputs" | "benefits", bars: { id: string; name: string; value: number }[], f: Formatter, currency: string): string {
  const W = 460;
  const label = 130;
  const valueW = 90;
  const row = 26;
  const top = 8;
  const H = top + bars.length * row + 6;
  const max = Math.max(...bars.map((b) => Math.abs(b.value)), 1);
  const span = W - label - valueW;
  const rects = bars
    .map((b, i) => {
      const y = top + i * row;
      const w = Math.max(0, (Math.abs(b.value) / max) * span);
      const shown = f.money(b.value, currency);
      return (
        `<g class="bar" data-stakeholder="${esc(b.id)}" data-value="${b.value}">` +
        `<text x="${label - 6}" y="${y + 15}" text-anchor="end">${esc(b.name)}</text>` +
        `<rect x="${label}" y="${y + 3}" width="${w.toFixed(1)}" height="${row - 8}" fill="var(--${kind})"><title>${esc(b.name)}: ${esc(shown)}</title></rect>` +
        `<text class="value" x="${(label + w + 5).toFixed(1)}" y="${y + 15}">${esc(shown)}</text></g>`
      );
    })
    .join("");
  return (
    `<figure class="chart" data-chart="${kind}"><figcaption><h3>${esc(title)}</h3></figcaption>` +
    `<svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${W} ${H}" width="100%" preserveAspectRatio="xMinYMin meet">${rects}</svg></figure>`
  );
}

export function renderHtml(result: ModelResult, opts: HtmlOptions = {}): string {
  const locale = modelLocale(result, opts.locale);
  const f = formatter(locale);
  const w = words(locale, result.model.method);
  const m = result.model;
  const src = `${esc(m.source.report)}${m.source.publisher ? ` · ${esc(m.source.publisher)}` : ""}${m.source.published ? ` · ${esc(m.source.published)}` : ""}`;
  const parts: string[] = [];
  parts.push(`<header><h1>${esc(m.title)}</h1><p class="meta">${w.source}: ${src}</p>`);
  parts.push(`<p class="meta">${esc(w.period)} ${m.period.start}–${m.period.end} · ${esc(m.currency)}${m.price_year ? ` (${esc(w.prices)} ${m.price_year})` : ""} · ${esc(w.discount)}: ${esc(discountText(m.discount, locale))}</p></header>`);

  parts.push(`<section class="factsheet"><h2>${esc(w.factsheet)}</h2>`);
  parts.push(`<div class="cards">${result.scenarios.map((s) => ratioCard(s, f, w, m.ratio_digits ?? 1, opts.extras)).join("")}</div>`);
  for (const s of result.scenarios) parts.push(factsheetScenario(result, s, f, w));
  parts.push(`</section>`);

  parts.push(`<section class="full"><h2>${esc(w.fullTables)}</h2>`);
  for (const s of result.scenarios) parts.push(fullScenario(result, s, f, w));
  const sens = opts.extras?.sensitivity;
  if (sens) parts.push(sensitivity(sens, f, w));
  parts.push(warnings(result, f, w));
  parts.push(`</section>`);

  if (result.references.length > 0) {
    parts.push(`<section class="sources"><h2>${esc(w.sourcesTitle)}</h2>`);
    parts.push(
      table(
        [w.study, w.certainty, w.valuesPerParticipant, w.sourceCol],
        result.references.map((r) => [
          esc(r.name),
          "★".repeat(r.certainty ?? 0) || "–",
          esc(Object.entries(r.values).map(([d, v]) => `${d} ${f.number(v, 2)}`).join(", ")),
          esc(r.source),
        ]),
        { numericFrom: 99 },
      ),
    );
    parts.push(`</section>`);
  }
  parts.push(`<footer>${esc(w.generated)} · ${esc(m.id)}</footer>`);

  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(m.title)}</title>
<style>${CSS}</style>
</head>
<body>
${parts.join("\n")}
</body>
</html>
`;
}

/** The scenario's ratio at the report's precision (meta.ratio_digits), its headline ratio first when the model marks one. */
function ratioCard(s: ScenarioResult, f: Formatter, w: Words, d: number, extras?: ReportExtras): string {
  const sim = extras?.simulation?.scenarios.find((x) => x.id === s.id);
  const range = sim
    ? `${esc(w.simulated)}: ${f.ratio(sim.ratio.p5)} – ${f.ratio(sim.ratio.p95)}`
    : s.band
      ? `${esc(w.band)} ±${f.share(s.band.share, 0)}: ${f.ratio(s.band.low)} – ${f.ratio(s.band.high)}`
      : "";
  const h = s.headline;
  const headline =
    h && h.ratio !== null
      ? `<div class="card headline" data-scenario="${esc(s.id)}" data-headline="${esc(h.id)}" data-ratio="${h.ratio}"><div class="label">${esc(w.headlineRatio)} · ${esc(s.name)}</div>` +
        `<div class="ratio">${f.ratio(h.ratio, d)}</div><div class="range">${esc(h.name)} · ${f.ratio(h.ratio, d + 1)}</div></div>`
      : "";
  return (
    headline +
    `<div class="card" data-scenario="${esc(s.id)}" data-ratio="${s.ratio ?? ""}"><div class="label">${esc(w.ratioLabel)} · ${esc(s.name)}</div>` +
    `<div class="ratio">${s.ratio === null ? "–" : f.ratio(s.ratio, d)}</div>` +
    `<div class="range">${s.ratio === null ? esc(s.totals.inputs > 0 ? w.inputsTooSmall : w.noInputs) : `${f.ratio(s.ratio, d + 1)}${range ? ` · ${range}` : ""}`}</div></div>`
  );
}

function factsheetScenario(result: ModelResult, s: ScenarioResult, f: Formatter, w: Words): string {
  const cur = result.model.currency;
  const st = s.stakeholders;
  const out = [`<div class="scenario" data-scenario="${esc(s.id)}"><h3>${esc(w.scenario)}: ${esc(s.name)}</h3><div class="charts">`];
  out.push(barChart(w.inputsPerStakeholder, "inputs", st.map((x) => ({ id: x.id, name: x.name, value: x.inputs })), f, cur));
  out.push(barChart(w.benefitsPerStakeholder, "benefits", st.map((x) => ({ id: x.id, name: x.name, value: x.benefits })), f, cur));
  out.push(`</div>`);
  out.push(
    table(
      [w.stakeholder, w.inputs, w.benefitsPv, w.netColumnLabel, w.ratio],
      [
        ...st.map((x) => [esc(x.name), f.money(x.inputs, cur), f.money(x.benefits, cur), f.money(x.net, cur), f.ratio(x.ratio)]),
        [esc(w.total), f.money(s.totals.inputs, cur), f.money(s.totals.benefits, cur), f.money(s.totals.net, cur), f.ratio(s.ratio)],
      ],
      { totalLast: true },
    ),
  );
  if (s.participants) {
    const p = s.participants;
    out.push(`<h3>${esc(w.participantGroups)}</h3>`);
    out.push(
      table(
        [w.group, w.counterfactual, w.scenario, w.difference],
        [
          ...p.groups.map((g) => [esc(g.name), f.count(g.counterfactual), f.count(g.scenario), f.count(g.difference)]),
          [esc(w.extraParticipants), "", "", f.count(p.extra)],
        ],
        { totalLast: true },
      ),
    );
  }
  if (s.activities.length > 0) {
    out.push(`<h3>${esc(w.activities)}</h3>`);
    out.push(table([w.activity, w.participantsCol], s.activities.map((a) => [esc(a.name), f.count(a.participants)])));
  }
  out.push(`</div>`);
  return out.join("\n");
}

function fullScenario(result: ModelResult, s: ScenarioResult, f: Formatter, w: Words): string {
  const cur = result.model.currency;
  const years = s.years.length > 1 ? s.years : [];
  const out = [`<h3>${esc(w.scenario)}: ${esc(s.name)}</h3>`];
  if (s.time) out.push(`<p class="meta">${esc(w.period)} ${s.time.period.start}–${s.time.period.end} · ${esc(w.discount)}: ${esc(discountText(s.time.discount, f.locale))}</p>`);
  const unit = s.valuation.filter((v) => v.value_source !== "amount");
  if (unit.length > 0) {
    out.push(`<h3>${esc(w.valuationTitle)}</h3>`);
    out.push(
      table(
        [w.outcome, w.weighted, w.usedValue, w.impactClaim, w.netValueUnit, w.vsBaseline, w.quantity],
        unit.map((v) => [
          esc(withStakeholders(v.name, v.stakeholders)),
          v.weighted === null ? "–" : f.number(v.weighted, 2),
          f.number(v.used, 2),
          f.share(v.impact_claim, 0),
          f.number(v.net, 2),
          v.baseline_change === null ? "–" : f.share(v.baseline_change, 1, 1),
          f.count(v.quantity),
        ]),
      ),
    );
  }
  if (s.inputs.length > 0) {
    out.push(`<h3>${esc(w.inputsTitle)}</h3>`);
    out.push(
      table(
        [w.input, ...years.map(String), w.total, w.counted],
        [
          ...s.inputs.map((r) => [esc(r.name), ...(years.length ? r.per_year.map((v) => f.money(v, cur)) : []), f.money(r.nominal, cur), f.money(r.counted, cur) + (r.discounted ? ` (${w.pv})` : "")]),
          [esc(w.total), ...(years.length ? s.totals.inputs_per_year.map((v) => f.money(v, cur)) : []), f.money(s.inputs.reduce((a, r) => a + r.nominal, 0), cur), f.money(s.totals.inputs, cur)],
        ],
        { totalLast: true },
      ),
    );
  }
  if (s.outcomes.length > 0) {
    out.push(`<h3>${esc(w.benefitsTitle)}</h3>`);
    out.push(
      table(
        [w.outcome, ...years.map(String), w.presentValue],
        [
          ...s.outcomes.map((r) => [esc(r.name) + (r.kind === "immaterial" ? ` <small>(${esc(w.immaterial)})</small>` : ""), ...(years.length ? r.per_year.map((v) => f.money(v, cur)) : []), f.money(r.present_value, cur)]),
          [esc(w.total), ...(years.length ? s.totals.benefits_per_year.map((v) => f.money(v, cur)) : []), f.money(s.totals.benefits, cur)],
        ],
        { totalLast: true },
      ),
    );
  }
  if (years.length > 0) {
    // Inputs and benefits per stakeholder and year, as the reports' figures per belanghebbende show them.
    const rows: string[][] = [];
    for (const st of s.stakeholders) {
      if (st.inputs_per_year.some((v) => v !== 0)) rows.push([esc(`${st.name}: ${w.inputsLower}`), ...st.inputs_per_year.map((v) => f.money(v, cur)), f.money(st.inputs, cur)]);
      if (st.benefits_per_year.some((v) => v !== 0)) rows.push([esc(`${st.name}: ${w.benefitsLower}`), ...st.benefits_per_year.map((v) => f.money(v, cur)), f.money(st.benefits, cur)]);
    }
    out.push(`<h3>${esc(w.perStakeholderYear)}</h3>`);
    out.push(table([w.stakeholder, ...years.map(String), w.countedOrPv], rows));
  }
  if (s.groups.length > 0) {
    out.push(`<h3>${esc(w.groups)}</h3>`);
    out.push(table([w.group, w.costs, w.benefits], s.groups.map((g) => [esc(g.name), g.inputs ? f.money(g.inputs, cur) : "–", g.benefits ? f.money(g.benefits, cur) : "–"])));
  }
  if (s.ratios.length > 0) {
    out.push(table([w.ratio, w.benefits, w.inputs, w.ratio], s.ratios.map((r) => [esc(r.name), f.money(r.benefits, cur), f.money(r.inputs, cur), f.ratio(r.ratio)])));
  }
  if (s.ratio !== null) {
    const payback = s.payback_years !== null ? w.fill(w.payback, f.number(s.payback_years, 2)) : w.noPayback;
    out.push(`<p>${esc(w.netRatioLabel)} ${f.ratio(s.net_ratio)} · ${esc(w.financialRatio)} ${f.ratio(s.financial_ratio)} · ${esc(w.netValueLabel)} ${f.money(s.totals.net, cur)} · ${esc(payback)}</p>`);
  }
  return out.join("\n");
}

function sensitivity(sens: SensitivityResult, f: Formatter, w: Words): string {
  return [
    `<h3>${esc(w.sensitivity)}</h3>`,
    ...sens.scenarios.map((s) =>
      table(
        [`${w.parameter} (${s.id})`, w.low, w.high, `${w.ratio} (${w.low})`, `${w.ratio} (${w.high})`],
        s.parameters.map((p) => [esc(p.name), f.number(p.low, 2), f.number(p.high, 2), f.ratio(p.ratio_low), f.ratio(p.ratio_high)]),
      ),
    ),
  ].join("\n");
}

function warnings(result: ModelResult, f: Formatter, w: Words): string {
  if (result.warnings.length === 0) return `<h3>${esc(w.warnings)}</h3><p>${esc(w.noWarnings)}</p>`;
  return `<h3>${esc(w.warnings)} (${result.warnings.length})</h3><ul class="warn">${result.warnings
    .map((x) => `<li>${x.scenario ? `[${esc(x.scenario)}] ` : ""}${esc(warningText(x, f))}</li>`)
    .join("")}</ul>`;
}
