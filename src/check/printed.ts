// A model's own printed figures (`checks:`): compared with the computed result by the same reader
// and rule as fixtures (check/published.ts). A slip becomes a warning with both numbers.
import { figureOf, modelFigures } from "../engine/figures.js";
import type { NModel, Path } from "../engine/model.js";
import type { ModelResult, Warning } from "../engine/result.js";
import { didYouMean } from "../load/problems.js";
import { figureMatches, PrintedParseError, readPrinted } from "./published.js";

export interface CheckProblem {
  path: Path;
  message: string;
  hint?: string;
}

export function checkPrinted(model: NModel, result: ModelResult): { warnings: Warning[]; problems: CheckProblem[] } {
  if (model.checks.length === 0) return { warnings: [], problems: [] };
  const warnings: Warning[] = [];
  const problems: CheckProblem[] = [];
  for (const c of model.checks) {
    const computed = figureOf(result, c.figure);
    if (computed === undefined) {
      problems.push({ path: [...c.path, "figure"], message: `no figure named "${c.figure}"`, hint: figureHint(c.figure, modelFigures(result)) });
      continue;
    }
    let printed;
    try {
      printed = readPrinted(c.printed, model.locale);
    } catch (err) {
      if (!(err instanceof PrintedParseError)) throw err;
      problems.push({ path: [...c.path, "printed"], message: err.message });
      continue;
    }
    if (figureMatches(computed, printed)) continue;
    warnings.push({
      code: "printed-figure",
      figure: c.figure,
      printed: String(c.printed),
      computed,
      where: c.where,
      note: c.note,
      difference: computed - printed.value,
    });
  }
  return { warnings, problems };
}

function figureHint(name: string, figures: Map<string, number>): string {
  const guess = didYouMean(name, [...figures.keys()]);
  if (guess) return `did you mean "${guess}"?`;
  const prefix = name.split(".").slice(0, -1).join(".");
  const near = [...figures.keys()].filter((k) => k.startsWith(prefix)).slice(0, 6);
  return near.length > 0 ? `figures there: ${near.join(", ")}` : `run "sroi figures FILE" to list the figure names`;
}
