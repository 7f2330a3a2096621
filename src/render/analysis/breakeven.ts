// sroi breakeven: the value at which each scenario's ratio reaches the target, and its JSON ("sroi-breakeven/1").
import type { BreakevenResult } from "../../analysis/breakeven.js";
import { fmt, grid, json, ratio, value, type AnalysisRenderOptions } from "./common.js";

export function renderBreakevenTable(r: BreakevenResult, o: AnalysisRenderOptions): string {
  const c = o.chalk;
  const f = fmt(o);
  const goal = r.target === 1 ? "stops paying (ratio 1)" : `reaches a ratio of ${ratio(f, r.target)}`;
  const out = [c.bold.underline(`Break-even: ${r.param} in ${r.model.title}`)];
  const rows = r.scenarios.map((s) => {
    const change = s.value !== null && s.base !== 0 ? `${s.value > s.base ? "+" : ""}${f.share((s.value - s.base) / Math.abs(s.base), 1)}` : "";
    const why = s.reason === "unreachable" ? "no allowed value reaches it" : s.reason === "no-effect" ? "does not move this ratio" : s.reason === "not-applicable" ? "not in this scenario" : change;
    return [`${s.name} [${s.id}]`, value(f, s.base, r.kind), ratio(f, s.base_ratio), value(f, s.value, r.kind), why];
  });
  out.push(grid(["scenario", r.param, "ratio", "break-even", "change"], rows, c));
  out.push("");
  for (const s of r.scenarios) {
    if (s.value === null) continue;
    const verb = s.value > s.base ? "rise" : "fall";
    out.push(`${r.param} could ${verb} from ${value(f, s.base, r.kind)} to ${value(f, s.value, r.kind)} before ${s.name} [${s.id}] ${goal}.`);
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
