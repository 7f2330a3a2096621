// `sroi diff` output: a table per model that moved and a closing summary line, or the JSON contract
// (schema "sroi-diff/1").
import Table from "cli-table3";
import type { ChalkInstance } from "chalk";
import type { DiffRow, ModelDiff } from "../diff/diff.js";
import { formatter, type Formatter, type Locale } from "./format.js";

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

function relative(f: Formatter, r: DiffRow): string {
  if (r.status === "added") return "new";
  if (r.status === "removed") return "gone";
  if (r.relative === null) return r.change ? "from 0" : "–";
  return (r.relative > 0 ? "+" : "") + f.share(r.relative, 2, 2);
}

export function renderDiffTable(out: DiffOutput, opts: { chalk: ChalkInstance; locale: Locale }): string {
  const c = opts.chalk;
  const f = formatter(opts.locale);
  const lines: string[] = [c.dim(`Compared with ${out.baseline}`)];
  for (const m of out.models) {
    const head = `${c.bold(m.model)}${m.file ? c.dim(`  ${m.file}`) : ""}`;
    if (m.status === "new") lines.push("", `${head}  ${c.cyan("new since the baseline")}`);
    else if (m.status === "gone") lines.push("", `${head}  ${c.yellow("gone since the baseline (not among the models run now)")}`);
    else if (m.status === "failed") lines.push("", `${head}  ${c.red("did not run (see the problems above)")}`);
    else if (m.rows.length === 0) lines.push("", `${head}  ${c.dim(`no figure moved (${m.figures} figures)`)}`);
    else {
      lines.push("", `${head}  ${m.moved} of ${m.figures} figures moved`);
      const t = new Table({
        head: ["Figure", "Old", "New", "Change", "Relative", "Published"].map((h) => c.bold(h)),
        style: { head: [], border: [], compact: true },
        colAligns: ["left", "right", "right", "right", "right", "left"],
      });
      for (const r of m.rows) {
        const paint = r.status === "same" ? c.dim : (s: string) => s;
        t.push([paint(r.figure), paint(value(f, r.old)), paint(value(f, r.new)), paint(signed(f, r.change)), paint(relative(f, r)), r.published === "holds" ? c.green("holds") : r.published === "fails" ? c.red.bold("FAILS") : c.dim("–")]);
      }
      lines.push(t.toString());
    }
  }
  lines.push("", summaryLine(out.summary));
  return lines.join("\n") + "\n";
}

/** "6 models: 2 changed (25 figures moved), 4 unchanged, 0 new, 0 gone". */
export function summaryLine(s: DiffSummary): string {
  const parts = [
    `${s.changed} changed (${s.moved} figure${s.moved === 1 ? "" : "s"} moved)`,
    `${s.unchanged} unchanged`,
    `${s.new} new`,
    `${s.gone} gone`,
  ];
  if (s.failed > 0) parts.push(`${s.failed} did not run`);
  return `${s.models} model${s.models === 1 ? "" : "s"}: ${parts.join(", ")}`;
}
