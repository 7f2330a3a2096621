// sroi run --min-certainty N: each scenario's ratio without the benefits resting on low-rated studies.
import type { CertaintyComparison } from "../../analysis/certainty.js";
import { dimText, fmt, grid, ratio, wordsOf, type AnalysisRenderOptions } from "./common.js";

const STARS = ["", "*", "**", "***"];

export function renderCertaintyTable(r: CertaintyComparison, o: AnalysisRenderOptions): string {
  const c = o.chalk;
  const f = fmt(o);
  const w = wordsOf(o);
  const out = [c.bold(w.certaintyTitle(STARS[r.min_certainty] ?? String(r.min_certainty), r.min_certainty))];
  out.push(
    r.dropped.length === 0
      ? c.dim(w.certaintyNone)
      : dimText(c, w.certaintyDropped(r.dropped.map((d) => `${d.name} [${d.id}] (${STARS[d.certainty] ?? d.certainty})`).join(", "))),
  );
  out.push(grid(w.certaintyHead(r.min_certainty), r.scenarios.map((s) => [`${s.name} [${s.id}]`, ratio(f, s.full_ratio), ratio(f, s.ratio)]), c));
  return out.join("\n") + "\n";
}
