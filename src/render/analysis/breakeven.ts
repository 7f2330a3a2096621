// sroi breakeven: the value at which each scenario's ratio reaches the target, and its JSON ("sroi-breakeven/1").
import type { BreakevenResult } from "../../analysis/breakeven.js";
import { wrapText } from "../fit.js";
import { fmt, grid, json, ratio, value, wordsOf, type AnalysisRenderOptions } from "./common.js";

export function renderBreakevenTable(r: BreakevenResult, o: AnalysisRenderOptions): string {
  const c = o.chalk;
  const f = fmt(o);
  const w = wordsOf(o);
  const goal = r.target === 1 ? w.stopsPaying : w.reachesRatio(ratio(f, r.target));
  const out = [c.bold.underline(w.breakevenTitle(r.param, r.model.title))];
  const rows = r.scenarios.map((s) => {
    const change = s.value !== null && s.base !== 0 ? `${s.value > s.base ? "+" : ""}${f.share((s.value - s.base) / Math.abs(s.base), 1)}` : "";
    const why = s.reason === "unreachable" ? w.unreachable : s.reason === "no-effect" ? w.noEffect : s.reason === "not-applicable" ? w.notApplicable : change;
    return [`${s.name} [${s.id}]`, value(f, s.base, r.kind), ratio(f, s.base_ratio), value(f, s.value, r.kind), why];
  });
  out.push(grid(w.breakevenHead(r.param), rows, c));
  out.push("");
  for (const s of r.scenarios) {
    if (s.value === null) continue;
    // Wrapped within 100 columns as every table line is.
    out.push(...wrapText(w.couldMove(r.param, s.value > s.base, value(f, s.base, r.kind), value(f, s.value, r.kind), `${s.name} [${s.id}]`, goal)));
  }
  return out.join("\n") + "\n";
}

export function renderBreakevenJson(r: BreakevenResult): string {
  return json({
    schema: r.schema,
    model: r.model.id,
    scenarios: r.scenarios.map((s) => ({ id: s.id, param: s.param, base: s.base, value: s.value, target: s.target })),
  });
}
