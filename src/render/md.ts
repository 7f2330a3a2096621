// `sroi run -f md`: the tables a report needs, as Markdown (GitHub/Pandoc pipe tables), in the
// report's language and number notation.
import type { ModelResult, ScenarioResult } from "../engine/result.js";
import { formatter, type Formatter, type Locale } from "./format.js";
import { discountText, modelLocale, words, type Words } from "./i18n.js";
import { warningText } from "./messages.js";

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function mdTable(head: string[], rows: string[][], rightFrom = 1): string {
  const align = head.map((_, i) => (i >= rightFrom ? "---:" : ":---"));
  return [head, align, ...rows].map((r, i) => `| ${(i === 1 ? r : r.map(cell)).join(" | ")} |`).join("\n");
}

export function renderMarkdown(result: ModelResult, opts: { locale?: Locale }): string {
  const locale = modelLocale(result, opts.locale);
  const f = formatter(locale);
  const w = words(locale, result.model.method);
  const m = result.model;
  const out: string[] = [`# ${m.title}`, "", `${w.source}: ${m.source.report}${m.source.file ? ` (${m.source.file})` : ""}  `];
  out.push(`${w.period} ${m.period.start}–${m.period.end} · ${m.currency}${m.price_year ? ` (${w.prices} ${m.price_year})` : ""} · ${w.discount}: ${discountText(m.discount, f.locale)}`);
  if (result.scenarios.length > 1) {
    out.push("", `## ${w.scenarios}`, "", scenarioSummary(result, f, w));
  }
  for (const s of result.scenarios) out.push("", ...scenario(result, s, f, w));
  if (result.references.length > 0) {
    out.push("", `## ${w.references}`, "");
    out.push(
      mdTable(
        [w.study, w.certainty, w.valuesPerParticipant, w.sourceCol],
        result.references.map((r) => [
          r.name,
          "*".repeat(r.certainty ?? 0) || "–",
          Object.entries(r.values).map(([d, v]) => `${d} ${f.number(v, 2)}`).join(", "),
          r.source,
        ]),
        99,
      ),
    );
  }
  if (result.warnings.length > 0) {
    out.push("", `## ${w.warnings}`, "", ...result.warnings.map((x) => `- ${x.scenario ? `[${x.scenario}] ` : ""}${warningText(x, f)}`));
  }
  return out.join("\n") + "\n";
}

function scenarioSummary(result: ModelResult, f: Formatter, w: Words): string {
  const cur = result.model.currency;
  return mdTable(
    [w.scenario, w.inputs, w.benefitsPv, w.netColumnLabel, w.ratioLabel],
    result.scenarios.map((s) => [s.name, f.money(s.totals.inputs, cur), f.money(s.totals.benefits, cur), f.money(s.totals.net, cur), f.ratio(s.ratio)]),
  );
}

function scenario(result: ModelResult, s: ScenarioResult, f: Formatter, w: Words): string[] {
  const cur = result.model.currency;
  const out = [`## ${w.scenario}: ${s.name}`, ""];
  if (s.time) out.push(`${w.period} ${s.time.period.start}–${s.time.period.end} · ${w.discount}: ${discountText(s.time.discount, f.locale)}`, "");
  if (s.ratio !== null) {
    out.push(`**${w.ratioLabel}: ${f.ratio(s.ratio, 1)}** (${f.ratio(s.ratio, 2)})${s.band ? ` · ${w.band} ${f.ratio(s.band.low)} – ${f.ratio(s.band.high)}` : ""}`, "");
  }
  out.push(`### ${w.perStakeholder}`, "");
  out.push(
    mdTable(
      [w.stakeholder, w.inputs, w.benefitsPv, w.netColumnLabel, w.ratio],
      [
        ...s.stakeholders.map((st) => [st.name, f.money(st.inputs, cur), f.money(st.benefits, cur), f.money(st.net, cur), f.ratio(st.ratio)]),
        [`**${w.total}**`, `**${f.money(s.totals.inputs, cur)}**`, `**${f.money(s.totals.benefits, cur)}**`, `**${f.money(s.totals.net, cur)}**`, `**${f.ratio(s.ratio)}**`],
      ],
    ),
  );
  const years = s.years.length > 1 ? s.years : [];
  if (s.inputs.length > 0) {
    out.push("", `### ${w.inputsTitle}`, "");
    out.push(
      mdTable(
        [w.input, ...years.map(String), w.total, w.counted],
        s.inputs.map((r) => [r.name, ...(years.length ? r.per_year.map((v) => f.money(v, cur)) : []), f.money(r.nominal, cur), f.money(r.counted, cur)]),
      ),
    );
  }
  if (s.outcomes.length > 0) {
    out.push("", `### ${w.benefitsTitle}`, "");
    out.push(
      mdTable(
        [w.outcome, ...years.map(String), w.presentValue],
        s.outcomes.map((r) => [r.name, ...(years.length ? r.per_year.map((v) => f.money(v, cur)) : []), f.money(r.present_value, cur)]),
      ),
    );
  }
  return out;
}
