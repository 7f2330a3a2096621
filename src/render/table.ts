// The human report: what the source report's own tables show, as terminal tables.
import Table from "cli-table3";
import type { ChalkInstance } from "chalk";
import type { ModelResult, ScenarioResult, Warning } from "../engine/result.js";
import { warningMessage } from "./messages.js";
import { formatter, type Formatter, type Locale } from "./format.js";

export interface TableOptions {
  chalk: ChalkInstance;
  locale?: Locale;
  /** Show year-by-year tables (default true). */
  years?: boolean;
}

const plain = { chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" } };

function table(head: string[], rows: (string | number)[][], c: ChalkInstance, alignRightFrom = 1): string {
  const t = new Table({
    head: head.map((h) => c.bold(h)),
    style: { head: [], border: [], compact: true },
    colAligns: head.map((_, i) => (i >= alignRightFrom ? "right" : "left")),
    ...plain,
  });
  for (const r of rows) t.push(r.map(String));
  return t.toString();
}

export function renderTable(result: ModelResult, opts: TableOptions): string {
  const c = opts.chalk;
  const f = formatter(opts.locale);
  const m = result.model;
  const out: string[] = [];
  out.push(c.bold.underline(m.title));
  const src = [m.source.report, m.source.file ? `(${m.source.file})` : ""].filter(Boolean).join(" ");
  out.push(c.dim(`Source: ${src}`));
  out.push(
    c.dim(
      `Period ${m.period.start}-${m.period.end} · ${m.currency}${m.price_year ? ` (prices ${m.price_year})` : ""} · discount: ${m.discount}`,
    ),
  );
  if (result.references.length > 0) out.push("", ...renderReferences(result, c));
  for (const s of result.scenarios) out.push("", ...renderScenario(result, s, f, opts));
  if (result.scenarios.length > 1) out.push("", ...renderSummary(result, f, c));
  out.push("", ...renderWarnings(result, c, opts.locale));
  return out.join("\n") + "\n";
}

function renderScenario(result: ModelResult, s: ScenarioResult, f: Formatter, opts: TableOptions): string[] {
  const c = opts.chalk;
  const cur = result.model.currency;
  const out: string[] = [];
  const title = `Scenario: ${s.name} [${s.id}]${s.variant ? " (variant" + (s.extends ? ` of ${s.extends}` : "") + ")" : ""}`;
  out.push(c.bold.cyan(title));

  if (s.participants) {
    const p = s.participants;
    const rows = p.groups.map((g) => [g.name, f.count(g.counterfactual), f.count(g.scenario), f.count(g.difference)]);
    rows.push([c.bold("Extra participants" + (p.unique_factor !== 1 ? ` (x ${f.share(p.unique_factor, 0)} unique)` : "")), "", "", c.bold(f.count(p.extra))]);
    out.push(c.bold("Participants per year (deelnemers)"));
    out.push(table(["Group", "Counterfactual", "Scenario", "Difference"], rows, c));
  }

  const unitRows = s.valuation.filter((v) => v.value_source !== "amount");
  if (unitRows.length > 0) {
    out.push(c.bold("Valuation per participant per year (waardering)"));
    out.push(
      table(
        ["Outcome", "Weighted avg", "Used value", "Impact claim", "Net value", "vs baseline", "Quantity"],
        unitRows.map((v) => [
          `${v.name} (${v.stakeholders.join(", ")})`,
          v.weighted === null ? "–" : f.number(v.weighted, 2),
          `${f.number(v.used, 2)}${v.value_source === "model" ? c.dim(v.value_choice ? " *" : " !") : ""}`,
          f.share(v.impact_claim, 0),
          f.number(v.net, 2),
          v.baseline_change === null ? "–" : f.share(v.baseline_change, 1, 1) + (v.qalys_per_unit !== null ? " QALY" : ""),
          f.count(v.quantity),
        ]),
        c,
      ),
    );
    const chosen = unitRows.filter((v) => v.value_choice);
    for (const v of chosen) out.push(c.dim(`  * ${v.name}: ${v.value_choice}`));
    if (unitRows.some((v) => v.value_source === "model" && !v.value_choice)) {
      out.push(c.dim("  ! the model sets this value itself; see warnings when it differs from the weighted average"));
    }
  }

  const years = s.years;
  const showYears = opts.years !== false && years.length > 1;
  if (s.inputs.length > 0) {
    out.push(c.bold("Inputs (inbreng)"));
    const head = ["Input", ...(showYears ? years.map(String) : []), "Total", "Counted"];
    const rows = s.inputs.map((r) => [
      r.name,
      ...(showYears ? r.per_year.map((v) => f.money(v, cur)) : []),
      f.money(r.nominal, cur),
      `${f.money(r.counted, cur)}${r.discounted ? " (PV)" : ""}`,
    ]);
    if (s.inputs.length > 1) {
      rows.push([
        c.bold("Total"),
        ...(showYears ? s.totals.inputs_per_year.map((v) => c.bold(f.money(v, cur))) : []),
        c.bold(f.money(s.inputs.reduce((a, r) => a + r.nominal, 0), cur)),
        c.bold(f.money(s.totals.inputs, cur)),
      ]);
    }
    out.push(table(head, rows, c));
  }

  if (s.outcomes.length > 0) {
    out.push(c.bold("Benefits (opbrengst)"));
    const head = ["Outcome", ...(showYears ? years.map(String) : []), "Present value"];
    const names = new Map(result.scenarios[0]?.stakeholders.map((st) => [st.id, st.name]));
    const rows = s.outcomes.map((r) => [
      `${r.name} → ${r.allocation.map((a) => names.get(a.stakeholder) ?? a.stakeholder).join(", ")}` +
        (r.kind === "immaterial" ? c.dim(" (immaterial)") : ""),
      ...(showYears ? r.per_year.map((v) => f.money(v, cur)) : []),
      f.money(r.present_value, cur),
    ]);
    if (s.outcomes.length > 1) {
      rows.push([
        c.bold("Total"),
        ...(showYears ? s.totals.benefits_per_year.map((v) => c.bold(f.money(v, cur))) : []),
        c.bold(f.money(s.totals.benefits, cur)),
      ]);
    }
    out.push(table(head, rows, c));
  }

  if (s.groups.length > 0) {
    out.push(c.bold("Groups"));
    out.push(
      table(
        ["Group", "Costs", "Benefits"],
        s.groups.map((g) => [g.name, g.inputs ? f.money(g.inputs, cur) : "–", g.benefits ? f.money(g.benefits, cur) : "–"]),
        c,
      ),
    );
  }

  if (showYears) {
    // Inputs and benefits per stakeholder and year, as the reports' figures per belanghebbende show them.
    const rows: string[][] = [];
    for (const st of s.stakeholders) {
      if (st.inputs_per_year.some((v) => v !== 0)) {
        rows.push([`${st.name}: inputs`, ...st.inputs_per_year.map((v) => f.money(v, cur)), f.money(st.inputs, cur)]);
      }
      if (st.benefits_per_year.some((v) => v !== 0)) {
        rows.push([`${st.name}: benefits`, ...st.benefits_per_year.map((v) => f.money(v, cur)), f.money(st.benefits, cur)]);
      }
    }
    out.push(c.bold("Per stakeholder and year"));
    out.push(table(["Stakeholder", ...years.map(String), "Counted / PV"], rows, c));
  }

  out.push(c.bold("Per stakeholder (belanghebbende)"));
  out.push(
    table(
      ["Stakeholder", "Inputs", "Benefits (PV)", "Net", "Ratio"],
      [
        ...s.stakeholders.map((st) => [st.name, f.money(st.inputs, cur), f.money(st.benefits, cur), f.money(st.net, cur), f.ratio(st.ratio)]),
        [c.bold("Total"), c.bold(f.money(s.totals.inputs, cur)), c.bold(f.money(s.totals.benefits, cur)), c.bold(f.money(s.totals.net, cur)), c.bold(f.ratio(s.ratio))],
      ],
      c,
    ),
  );
  if (s.ratios.length > 0) {
    out.push(
      table(
        ["Ratio", "Benefits", "Inputs", "Ratio"],
        s.ratios.map((r) => [r.name, f.money(r.benefits, cur), f.money(r.inputs, cur), f.ratio(r.ratio)]),
        c,
      ),
    );
  }

  const lines: string[] = [];
  if (s.ratio !== null) {
    lines.push(`${c.bold("SROI ratio")}  ${c.bold.green(f.ratio(s.ratio, 1))} ${c.dim(`(${f.ratio(s.ratio, 2)})`)}` +
      (s.band ? `  band ±${f.share(s.band.share, 0)}: ${f.ratio(s.band.low)} – ${f.ratio(s.band.high)}` : ""));
    lines.push(`Net SROI ratio ${f.ratio(s.net_ratio)} · financial ratio ${f.ratio(s.financial_ratio)} · net value ${f.money(s.totals.net, cur)}` +
      (s.payback_years !== null ? ` · payback ${f.number(s.payback_years, 2)} years` : " · no payback within the horizon"));
  } else {
    lines.push(`${c.bold("Benefits (PV)")} ${f.money(s.totals.benefits, cur)} ${c.dim("(no inputs: no ratio)")}`);
  }
  if (s.qalys !== null) lines.push(`QALYs over the period: ${f.number(s.qalys, 1)}`);
  out.push(...lines);
  return out;
}

const STARS = ["–", "*", "**", "***"];

function renderReferences(result: ModelResult, c: ChalkInstance): string[] {
  const f = formatter();
  return [
    c.bold("References (referenties)"),
    table(
      ["Study", "Certainty", "Values per participant per year", "Source"],
      result.references.map((r) => [
        r.name,
        STARS[r.certainty ?? 0] ?? "–",
        Object.entries(r.values).map(([d, v]) => `${d} ${f.number(v, 2)}`).join(", "),
        r.source.length > 60 ? r.source.slice(0, 57) + "..." : r.source,
      ]),
      c,
      99,
    ),
  ];
}

function renderSummary(result: ModelResult, f: Formatter, c: ChalkInstance): string[] {
  const cur = result.model.currency;
  return [
    c.bold("Scenarios"),
    table(
      ["Scenario", "Inputs", "Benefits (PV)", "Net", "SROI ratio"],
      result.scenarios.map((s) => [
        s.name + (s.variant ? c.dim(" (variant)") : ""),
        f.money(s.totals.inputs, cur),
        f.money(s.totals.benefits, cur),
        f.money(s.totals.net, cur),
        s.ratio === null ? "–" : `${f.ratio(s.ratio, 1)} (${f.ratio(s.ratio, 2)})`,
      ]),
      c,
    ),
  ];
}

export function renderWarnings(result: ModelResult, c: ChalkInstance, locale: Locale = "nl"): string[] {
  if (result.warnings.length === 0) return [c.dim("No warnings.")];
  return [c.yellow.bold(`Warnings (${result.warnings.length})`), ...warningLines(result.warnings, c, formatter(locale))];
}

/** One line per warning, as run, check and the batch summary show them. */
export function warningLines(warnings: Warning[], c: ChalkInstance, f: Formatter): string[] {
  return warnings.map((w) => c.yellow(`  ! ${w.scenario ? `[${w.scenario}] ` : ""}${warningText(w, f)}`));
}

/** A warning's message with its numbers in the report's notation. */
export function warningText(w: Warning, f: Formatter): string {
  return warningMessage(w, (n: number) => f.number(n, Math.abs(n) >= 1000 ? 0 : 2));
}

