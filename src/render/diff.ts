// `sroi diff` output: a table per model that moved and a closing summary line, or the JSON contract
// (schema "sroi-diff/1").
import { breakAtDots, fitTable, wrapText } from "./fit.js";
import type { ChalkInstance } from "chalk";
import type { DiffRow, ModelDiff } from "../diff/diff.js";
import { formatter, type Formatter, type Locale } from "./format.js";
import { checkWords, type CheckWords } from "./i18n-check.js";

export const DIFF_SCHEMA = "sroi-diff/1";

export interface DiffSummary {
  models: number;
  changed: number;
  unchanged: number;
  new: number;
  gone: number;
  failed: number;
  /** Figures that moved, appeared or disappeared, over all models. */
  moved: number;
}

/** The JSON contract of `sroi diff --format json`. */
export interface DiffOutput {
  schema: typeof DIFF_SCHEMA;
  /** The folder of saved results compared against. */
  baseline: string;
  /** true with --all: rows include figures that did not move (status "same"). */
  all: boolean;
  summary: DiffSummary;
  models: ModelDiff[];
}

export function diffSummary(models: ModelDiff[]): DiffSummary {
  const count = (s: ModelDiff["status"]) => models.filter((m) => m.status === s).length;
  return {
    models: models.length,
    changed: count("changed"),
    unchanged: count("unchanged"),
    new: count("new"),
    gone: count("gone"),
    failed: count("failed"),
    moved: models.reduce((a, m) => a + m.moved, 0),
  };
}

export function renderDiffJson(out: DiffOutput): string {
  return JSON.stringify(out, null, 2) + "\n";
}

/** Enough digits to see a change: whole numbers for money-sized figures, more for ratios and shares. */
function value(f: Formatter, v: number | null): string {
  if (v === null) return "–";
  const a = Math.abs(v);
  return f.number(v, a >= 1000 ? 0 : a >= 1 ? 2 : 4);
}

function signed(f: Formatter, v: number | null): string {
  if (v === null) return "–";
  return (v > 0 ? "+" : "") + value(f, v);
}

function relative(f: Formatter, r: DiffRow, w: CheckWords["diff"]): string {
  if (r.status === "added") return w.newFigure;
  if (r.status === "removed") return w.goneFigure;
  if (r.relative === null) return r.change ? w.fromZero : "–";
  return (r.relative > 0 ? "+" : "") + f.share(r.relative, 2, 2);
}

export function renderDiffTable(out: DiffOutput, opts: { chalk: ChalkInstance; locale: Locale }): string {
  const c = opts.chalk;
  const f = formatter(opts.locale);
  const w = checkWords(opts.locale).diff;
  const lines: string[] = [c.dim(`${w.comparedWith} ${out.baseline}`)];
  for (const m of out.models) {
    const head = `${c.bold(m.model)}${m.file ? c.dim(`  ${m.file}`) : ""}`;
    if (m.status === "new") lines.push("", `${head}  ${c.cyan(w.newModel)}`);
    else if (m.status === "gone") lines.push("", `${head}  ${c.yellow(w.goneModel)}`);
    else if (m.status === "failed") lines.push("", `${head}  ${c.red(w.failedModel)}`);
    else if (m.rows.length === 0) lines.push("", ...wrapText(`${head}  ${c.dim(w.nothingMoved(m.figures))}`));
    else {
      lines.push("", ...wrapText(`${head}  ${w.moved(m.moved, m.figures)}`));
      // Within 100 columns: the figure's name wraps, the numbers never.
      const rows = m.rows.map((r) => {
        const paint = r.status === "same" ? c.dim : (s: string) => s;
        const published = r.published === "holds" ? c.green(w.holds) : r.published === "fails" ? c.red.bold(w.fails) : c.dim("–");
        return [paint(breakAtDots(r.figure, 32)), paint(value(f, r.old)), paint(value(f, r.new)), paint(signed(f, r.change)), paint(relative(f, r, w)), published];
      });
      lines.push(fitTable(w.head, rows, c, { colAligns: ["left", "right", "right", "right", "right", "left"], keep: [0, 5] }));
    }
  }
  lines.push("", summaryLine(out.summary, opts.locale));
  return lines.join("\n") + "\n";
}

/** "6 models: 2 changed (25 figures moved), 4 unchanged, 0 new, 0 gone" (or in Dutch). */
export function summaryLine(s: DiffSummary, locale: Locale = "en"): string {
  return checkWords(locale).diff.summary(s.models, s);
}
