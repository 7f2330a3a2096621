// sroi run --min-certainty N: each scenario's ratio without the benefits resting on low-rated studies.
import type { CertaintyComparison } from "../../analysis/certainty.js";
import { dimText, fmt, grid, ratio, type AnalysisRenderOptions } from "./common.js";

const STARS = ["", "*", "**", "***"];

export function renderCertaintyTable(r: CertaintyComparison, o: AnalysisRenderOptions): string {
  const c = o.chalk;
  const f = fmt(o);
  const out = [c.bold(`Only studies rated ${STARS[r.min_certainty] ?? r.min_certainty} or better (--min-certainty ${r.min_certainty})`)];
  out.push(
    r.dropped.length === 0
      ? c.dim("No benefit rests on a study rated lower; the ratios stand.")
      : dimText(c, `Dropped the values from: ${r.dropped.map((d) => `${d.name} [${d.id}] (${STARS[d.certainty] ?? d.certainty})`).join(", ")}.`),
  );
  out.push(grid(["scenario", "full ratio", `ratio >= ${r.min_certainty} stars`], r.scenarios.map((s) => [`${s.name} [${s.id}]`, ratio(f, s.full_ratio), ratio(f, s.ratio)]), c));
  return out.join("\n") + "\n";
}
