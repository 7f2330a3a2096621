// sroi split: the funding key per scenario, and its JSON ("sroi-split/1").
import type { SplitResult } from "../../analysis/split.js";
import { dimText, fmt, grid, json, ratio, wordsOf, type AnalysisRenderOptions } from "./common.js";

export function renderSplitTable(r: SplitResult, o: AnalysisRenderOptions): string {
  const c = o.chalk;
  const f = fmt(o);
  const w = wordsOf(o);
  const out = [c.bold.underline(`${w.splitTitle}: ${r.model.title}`), dimText(c, w.splitIntro(w.splitKeys[r.key]))];
  for (const s of r.scenarios) {
    out.push("", c.bold(`Scenario: ${s.name} [${s.id}]`));
    const rows = s.funders.map((x) => [x.name, f.share(x.share, 1), f.money(x.inputs), f.money(x.benefits), ratio(f, x.ratio)]);
    const share = s.funders.reduce((t, x) => t + x.share, 0);
    const benefits = s.funders.reduce((t, x) => t + x.benefits, 0);
    rows.push([c.bold(w.total), f.share(share, 1), f.money(s.inputs), f.money(benefits), ratio(f, s.inputs > 0 ? benefits / s.inputs : null)]);
    out.push(grid(w.splitHead, rows, c));
  }
  return out.join("\n") + "\n";
}

export function renderSplitJson(r: SplitResult): string {
  return json({
    schema: r.schema,
    model: r.model.id,
    scenarios: r.scenarios.map((s) => ({
      id: s.id,
      key: s.key,
      funders: s.funders.map((x) => ({ id: x.id, share: x.share, inputs: x.inputs, benefits: x.benefits, ratio: x.ratio })),
    })),
  });
}
