// sroi sensitivity: the tornado per scenario, and its JSON ("sroi-sensitivity/1", README).
import type { SensitivityResult } from "../../analysis/sensitivity.js";
import { breakAtDots } from "../fit.js";
import { dimText, fmt, grid, json, ratio, value, wordsOf, type AnalysisRenderOptions } from "./common.js";

const BAR = 10;
// Names are paths (outcomes.health_gain.impact_claim): broken after a dot rather than cut, so each stays readable.
const NAME = 28;

export function renderSensitivityTable(r: SensitivityResult, o: AnalysisRenderOptions): string {
  const c = o.chalk;
  const f = fmt(o);
  const w = wordsOf(o);
  const out = [c.bold.underline(`${w.sensitivityTitle}: ${r.model.title}`)];
  out.push(dimText(c, `${w.sensitivityIntro}${r.spread !== null ? w.spreadNote.replace("{x}", f.share(r.spread)) : ""}.`));
  for (const s of r.scenarios) {
    out.push("", c.bold(`Scenario: ${s.name} [${s.id}]`) + `  ratio ${ratio(f, s.base_ratio)}`);
    if (s.parameters.length === 0) {
      out.push(c.dim(`  ${w.nothingMoves}`));
      continue;
    }
    const widest = s.parameters[0]!.swing || 1;
    const rows = s.parameters.map((p) => [
      breakAtDots(p.name, NAME),
      value(f, p.low, p.kind),
      value(f, p.high, p.kind),
      ratio(f, p.ratio_low),
      ratio(f, p.ratio_high),
      ratio(f, p.swing),
      "█".repeat(Math.max(1, Math.round((p.swing / widest) * BAR))),
    ]);
    out.push(grid([...w.sensitivityHead, ""], rows, c));
    if (s.unmoved > 0) out.push(c.dim(`  ${w.moreUnmoved(s.unmoved)}`));
  }
  return out.join("\n") + "\n";
}

export function renderSensitivityJson(r: SensitivityResult): string {
  return json({
    schema: r.schema,
    model: r.model.id,
    spread: r.spread,
    scenarios: r.scenarios.map((s) => ({
      id: s.id,
      base_ratio: s.base_ratio,
      parameters: s.parameters.map((p) => ({ name: p.name, low: p.low, high: p.high, ratio_low: p.ratio_low, ratio_high: p.ratio_high, swing: p.swing })),
    })),
  });
}
