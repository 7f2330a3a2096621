// The human report: what the source report's own tables show, as terminal tables that fit 100 columns
// (--wide for the full year-by-year view), labelled in the report's language.
import type { ChalkInstance } from "chalk";
import type { ModelResult, ScenarioResult, Warning } from "../engine/result.js";
import { fitTable, wrapText, type FitOptions } from "./fit.js";
import { formatter, withStakeholders, type Formatter, type Locale } from "./format.js";
import { discountText, modelLocale, words, type Words } from "./i18n.js";
import { warningText } from "./messages.js";

export interface TableOptions {
  chalk: ChalkInstance;
  /** Labels and number notation; default: the model's declared language, else Dutch. */
  locale?: Locale;
  /** Show year-by-year tables (default true). */
  years?: boolean;
  /** No 100-column limit: year tables in one piece. */
  wide?: boolean;
}

interface Ctx {
  c: ChalkInstance;
  f: Formatter;
  w: Words;
  fit: FitOptions;
  opts: TableOptions;
}

export function renderTable(result: ModelResult, opts: TableOptions): string {
  const c = opts.chalk;
  const locale = modelLocale(result, opts.locale);
  const ctx: Ctx = { c, f: formatter(locale), w: words(locale, result.model.method), fit: { wide: opts.wide }, opts };
  const { w } = ctx;
  const m = result.model;
  const out: string[] = [];
  const text = (s: string, style: (s: string) => string) => {
    for (const line of opts.wide ? [s] : wrapText(s)) out.push(style(line));
  };
  text(m.title, c.bold.underline);
  const src = [m.source.report, m.source.file ? `(${m.source.file})` : ""].filter(Boolean).join(" ");
  text(`${w.source}: ${src}`, c.dim);
  text(`${w.period} ${m.period.start}-${m.period.end} · ${m.currency}${m.price_year ? ` (${w.prices} ${m.price_year})` : ""} · ${w.discount}: ${discountText(m.discount, locale)}`, c.dim);
  if (result.references.length > 0) out.push("", ...renderReferences(result, ctx));
  for (const s of result.scenarios) out.push("", ...renderScenario(result, s, ctx));
  if (result.scenarios.length > 1) out.push("", ...renderSummary(result, ctx));
  out.push("", ...warningBlock(result.warnings, ctx));
  return out.join("\n") + "\n";
}

function renderScenario(result: ModelResult, s: ScenarioResult, ctx: Ctx): string[] {
  const { c, f, w, fit } = ctx;
  const cur = result.model.currency;
  const out: string[] = [];
  const title = `${w.scenario}: ${s.name} [${s.id}]${s.variant ? ` (${s.extends ? `${w.variantOf} ${s.extends}` : w.variant})` : ""}`;
  for (const line of ctx.opts.wide ? [title] : wrapText(title)) out.push(c.bold.cyan(line));
  // A scenario with its own time says it under its title (the model's time is in the header).
  if (s.time) {
    const t = `${w.period} ${s.time.period.start}-${s.time.period.end} · ${w.discount}: ${discountText(s.time.discount, ctx.f.locale)}`;
    for (const line of ctx.opts.wide ? [t] : wrapText(t)) out.push(c.dim(line));
  }

  if (s.participants) {
    const p = s.participants;
    const rows = p.groups.map((g) => [g.name, f.count(g.counterfactual), f.count(g.scenario), f.count(g.difference)]);
    rows.push([c.bold(w.extraParticipants + (p.unique_factor !== 1 ? ` (x ${f.share(p.unique_factor, 0)} ${w.unique})` : "")), "", "", c.bold(f.count(p.extra))]);
    out.push(c.bold(w.participantsTitle));
    out.push(fitTable([w.group, w.counterfactual, w.scenario, w.difference], rows, c, fit));
  }

  const unitRows = s.valuation.filter((v) => v.value_source !== "amount");
  if (unitRows.length > 0) {
    out.push(c.bold(w.valuationTitle));
    out.push(
      fitTable(
        [w.outcome, w.weighted, w.usedValue, w.impactClaim, w.netValueUnit, w.vsBaseline, w.quantity],
        unitRows.map((v) => [
          withStakeholders(v.name, v.stakeholders),
          v.weighted === null ? "–" : f.number(v.weighted, 2),
          `${f.number(v.used, 2)}${v.value_source === "model" ? c.dim(v.value_choice ? " *" : " !") : ""}`,
          f.share(v.impact_claim, 0),
          f.number(v.net, 2),
          v.baseline_change === null ? "–" : f.share(v.baseline_change, 1, 1) + (v.qalys_per_unit !== null ? " QALY" : ""),
          f.count(v.quantity),
        ]),
        c,
        fit,
      ),
    );
    for (const v of unitRows.filter((v) => v.value_choice)) out.push(...note(`  * ${v.name}: ${v.value_choice}`, ctx));
    if (unitRows.some((v) => v.value_source === "model" && !v.value_choice)) out.push(...note(`  ! ${w.modelSetsValue}`, ctx));
  }

  const years = s.years;
  const showYears = ctx.opts.years !== false && years.length > 1;
  const split: FitOptions = { ...fit, mode: "split" };
  if (s.inputs.length > 0) {
    out.push(c.bold(w.inputsTitle));
    const head = [w.input, ...(showYears ? years.map(String) : []), w.total, w.counted];
    const rows = s.inputs.map((r) => [
      r.name,
      ...(showYears ? r.per_year.map((v) => f.money(v, cur)) : []),
      f.money(r.nominal, cur),
      `${f.money(r.counted, cur)}${r.discounted ? ` (${w.pv})` : ""}`,
    ]);
    if (s.inputs.length > 1) {
      rows.push([
        c.bold(w.total),
        ...(showYears ? s.totals.inputs_per_year.map((v) => c.bold(f.money(v, cur))) : []),
        c.bold(f.money(s.inputs.reduce((a, r) => a + r.nominal, 0), cur)),
        c.bold(f.money(s.totals.inputs, cur)),
      ]);
    }
    out.push(fitTable(head, rows, c, split));
  }

  if (s.outcomes.length > 0) {
    out.push(c.bold(w.benefitsTitle));
    const head = [w.outcome, ...(showYears ? years.map(String) : []), w.presentValue];
    const names = new Map(result.scenarios[0]?.stakeholders.map((st) => [st.id, st.name]));
    const rows = s.outcomes.map((r) => [
      (r.allocation.length > 0 ? `${r.name} → ${r.allocation.map((a) => names.get(a.stakeholder) ?? a.stakeholder).join(", ")}` : r.name) +
        (r.kind === "immaterial" ? c.dim(` (${w.immaterial})`) : ""),
      ...(showYears ? r.per_year.map((v) => f.money(v, cur)) : []),
      f.money(r.present_value, cur),
    ]);
    if (s.outcomes.length > 1) {
      rows.push([
        c.bold(w.total),
        ...(showYears ? s.totals.benefits_per_year.map((v) => c.bold(f.money(v, cur))) : []),
        c.bold(f.money(s.totals.benefits, cur)),
      ]);
    }
    out.push(fitTable(head, rows, c, split));
  }

  if (s.groups.length > 0) {
    out.push(c.bold(w.groups));
    out.push(
      fitTable(
        [w.group, w.costs, w.benefits],
        s.groups.map((g) => [g.name, g.inputs ? f.money(g.inputs, cur) : "–", g.benefits ? f.money(g.benefits, cur) : "–"]),
        c,
        fit,
      ),
    );
  }

  if (showYears) {
    // Inputs and benefits per stakeholder and year, as the reports' figures per belanghebbende show them.
    const rows: string[][] = [];
    for (const st of s.stakeholders) {
      if (st.inputs_per_year.some((v) => v !== 0)) {
        rows.push([`${st.name}: ${w.inputsLower}`, ...st.inputs_per_year.map((v) => f.money(v, cur)), f.money(st.inputs, cur)]);
      }
      if (st.benefits_per_year.some((v) => v !== 0)) {
        rows.push([`${st.name}: ${w.benefitsLower}`, ...st.benefits_per_year.map((v) => f.money(v, cur)), f.money(st.benefits, cur)]);
      }
    }
    out.push(c.bold(w.perStakeholderYear));
    out.push(fitTable([w.stakeholder, ...years.map(String), w.countedOrPv], rows, c, split));
  }

  out.push(c.bold(w.perStakeholder));
  out.push(
    fitTable(
      [w.stakeholder, w.inputs, w.benefitsPv, w.netColumnLabel, w.ratio],
      [
        ...s.stakeholders.map((st) => [st.name, f.money(st.inputs, cur), f.money(st.benefits, cur), f.money(st.net, cur), f.ratio(st.ratio)]),
        [c.bold(w.total), c.bold(f.money(s.totals.inputs, cur)), c.bold(f.money(s.totals.benefits, cur)), c.bold(f.money(s.totals.net, cur)), c.bold(f.ratio(s.ratio))],
      ],
      c,
      fit,
    ),
  );
  if (s.ratios.length > 0) {
    out.push(
      fitTable(
        [w.ratio, w.benefits, w.inputs, w.ratio],
        s.ratios.map((r) => [r.name, f.money(r.benefits, cur), f.money(r.inputs, cur), f.ratio(r.ratio)]),
        c,
        fit,
      ),
    );
  }

  // The report's precision for its headline ratio (meta.ratio_digits), and one decimal more beside it.
  const d = result.model.ratio_digits ?? 1;
  if (s.headline && s.headline.ratio !== null) {
    out.push(`${c.bold(w.headlineRatio)}  ${s.headline.name}: ${c.bold.green(f.ratio(s.headline.ratio, d))} ${c.dim(`(${f.ratio(s.headline.ratio, d + 1)})`)}`);
  }
  if (s.ratio !== null) {
    out.push(
      `${c.bold(w.ratioLabel)}  ${c.bold.green(f.ratio(s.ratio, d))} ${c.dim(`(${f.ratio(s.ratio, d + 1)})`)}` +
        (s.band ? `  ${w.band} ±${f.share(s.band.share, 0)}: ${f.ratio(s.band.low)} – ${f.ratio(s.band.high)}` : ""),
    );
    const payback = s.payback_years !== null ? w.fill(w.payback, f.number(s.payback_years, 2)) : w.noPayback;
    const line = `${w.netRatioLabel} ${f.ratio(s.net_ratio)} · ${w.financialRatio} ${f.ratio(s.financial_ratio)} · ${w.netValueLabel} ${f.money(s.totals.net, cur)} · ${payback}`;
    out.push(...(ctx.opts.wide ? [line] : wrapText(line)));
  } else {
    out.push(`${c.bold(w.benefitsPv)} ${f.money(s.totals.benefits, cur)} ${c.dim(`(${s.totals.inputs > 0 ? w.inputsTooSmall : w.noInputs})`)}`);
  }
  if (s.qalys !== null) out.push(`${w.qalys}: ${f.number(s.qalys, 1)}`);
  return out;
}

function note(text: string, ctx: Ctx): string[] {
  return (ctx.opts.wide ? [text] : wrapText(text)).map((l) => ctx.c.dim(l));
}

const STARS = ["–", "*", "**", "***"];

function renderReferences(result: ModelResult, ctx: Ctx): string[] {
  const { c, f, w } = ctx;
  return [
    c.bold(w.references),
    fitTable(
      [w.study, w.certainty, w.valuesPerParticipant, w.sourceCol],
      result.references.map((r) => [
        r.name,
        STARS[r.certainty ?? 0] ?? "–",
        Object.entries(r.values).map(([d, v]) => `${d} ${f.number(v, 2)}`).join(", "),
        r.source.length > 60 ? r.source.slice(0, 57) + "..." : r.source,
      ]),
      c,
      { ...ctx.fit, alignRightFrom: 99 },
    ),
  ];
}

function renderSummary(result: ModelResult, ctx: Ctx): string[] {
  const { c, f, w } = ctx;
  const cur = result.model.currency;
  return [
    c.bold(w.scenarios),
    fitTable(
      [w.scenario, w.inputs, w.benefitsPv, w.netColumnLabel, w.ratioLabel],
      result.scenarios.map((s) => [
        s.name + (s.variant ? c.dim(` (${w.variant})`) : ""),
        f.money(s.totals.inputs, cur),
        f.money(s.totals.benefits, cur),
        f.money(s.totals.net, cur),
        s.ratio === null ? "–" : `${f.ratio(s.ratio, result.model.ratio_digits ?? 1)} (${f.ratio(s.ratio, (result.model.ratio_digits ?? 1) + 1)})`,
      ]),
      c,
      ctx.fit,
    ),
  ];
}

function warningBlock(warnings: Warning[], ctx: Ctx): string[] {
  const { c, w } = ctx;
  if (warnings.length === 0) return [c.dim(w.noWarnings)];
  return [c.yellow.bold(`${w.warnings} (${warnings.length})`), ...warningLines(warnings, c, ctx.f, ctx.opts.wide)];
}

export function renderWarnings(result: ModelResult, c: ChalkInstance, locale?: Locale): string[] {
  const l = modelLocale(result, locale);
  return warningBlock(result.warnings, { c, f: formatter(l), w: words(l, result.model.method), fit: {}, opts: { chalk: c } });
}

/** One line per warning (wrapped to 100 columns unless wide), as run, check and the batch summary show them. */
export function warningLines(warnings: Warning[], c: ChalkInstance, f: Formatter, wide = false): string[] {
  return warnings.flatMap((w) => {
    const text = `  ! ${w.scenario ? `[${w.scenario}] ` : ""}${warningText(w, f)}`;
    return (wide ? [text] : wrapText(text)).map((l) => c.yellow(l));
  });
}

export { warningText } from "./messages.js";
