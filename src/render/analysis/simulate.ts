// sroi simulate: the Monte Carlo summary per scenario, and its JSON ("sroi-simulate/1").
import type { SimulateResult } from "../../analysis/simulate.js";
import type { Summary } from "../../analysis/stats.js";
import { dimText, fmt, grid, json, ratio, wordsOf, type AnalysisRenderOptions } from "./common.js";

export function renderSimulateTable(r: SimulateResult, o: AnalysisRenderOptions): string {
  const c = o.chalk;
  const f = fmt(o);
  const w = wordsOf(o);
  const out = [c.bold.underline(`${w.simulateTitle}: ${r.model.title}`)];
  out.push(dimText(c, `${w.draws(f.count(r.iterations), r.seed)}${r.spread !== null ? `${w.spreadNote.replace("{x}", f.share(r.spread))} (${w.triangular})` : ""}.`));
  const row = (label: string, s: Summary, num: (v: number) => string, base: string) => [label, base, num(s.mean), num(s.p5), num(s.p50), num(s.p95)];
  for (const s of r.scenarios) {
    out.push("", c.bold(`Scenario: ${s.name} [${s.id}]`) + c.dim(`  ${w.drawn(s.varied)}`));
    const rows = [row("ratio", s.ratio, (v) => ratio(f, v), ratio(f, s.base_ratio))];
    for (const st of s.stakeholders) rows.push(row(w.benefitsOf(st.name), st.benefits, (v) => f.money(v), f.money(st.base)));
    out.push(grid(w.simulateHead, rows, c));
    out.push(w.pAbove("1", f.share(s.p_above_1, 1)) + (s.p_above_target !== null && r.target !== null ? `   ${w.pAbove(ratio(f, r.target), f.share(s.p_above_target, 1))}` : ""));
  }
  return out.join("\n") + "\n";
}

export function renderSimulateJson(r: SimulateResult): string {
  return json({
    schema: r.schema,
    model: r.model.id,
    seed: r.seed,
    iterations: r.iterations,
    spread: r.spread,
    target: r.target,
    scenarios: r.scenarios.map((s) => ({
      id: s.id,
      ratio: s.ratio,
      p_above_1: s.p_above_1,
      ...(s.p_above_target !== null ? { p_above_target: s.p_above_target } : {}),
      stakeholders: s.stakeholders.map((st) => ({ id: st.id, benefits: st.benefits })),
    })),
  });
}
