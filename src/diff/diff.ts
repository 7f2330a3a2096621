// What moved between two runs of the same models: pure functions over named figures (the names of
// engine/figures.ts), so `sroi diff` and its tests share one rule.

export type FigureStatus = "changed" | "same" | "added" | "removed";

export interface DiffRow {
  figure: string;
  /** Value in the baseline; null when the figure is new. */
  old: number | null;
  /** Value now; null when the figure is gone. */
  new: number | null;
  /** new - old (null when either side is missing). */
  change: number | null;
  /** change / |old|; null when either side is missing or old is 0 and new is too. */
  relative: number | null;
  status: FigureStatus;
  /** Whether the report's published figure still holds with the new value (null: not published). */
  published?: "holds" | "fails" | null;
}

/** Headline figures (ratios, totals, per-stakeholder ratios) come first in a diff. */
export function isHeadline(figure: string): boolean {
  return /^[^.]+\.(ratio|net_ratio|financial_ratio|inputs|benefits|net)$/.test(figure) || /\.stakeholder\.[^.]+\.ratio$/.test(figure) || /\.ratios?\.[^.]+$/.test(figure);
}

/** --figure: a name containing the pattern; "*" in it matches anything. */
export function figureMatcher(pattern: string | undefined): (figure: string) => boolean {
  if (!pattern) return () => true;
  if (!pattern.includes("*")) return (f) => f.includes(pattern);
  const re = new RegExp(pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*"));
  return (f) => re.test(f);
}

/** Headline figures first (in their own order), the rest after; filtered by --figure. */
export function headlineFirst(rows: DiffRow[], pattern?: string): DiffRow[] {
  const match = figureMatcher(pattern);
  const kept = rows.filter((r) => match(r.figure));
  return [...kept.filter((r) => isHeadline(r.figure)), ...kept.filter((r) => !isHeadline(r.figure))];
}

export type ModelStatus = "changed" | "unchanged" | "new" | "gone" | "failed";

export interface ModelDiff {
  model: string;
  /** The model file that ran now (null when the model is gone). */
  file: string | null;
  status: ModelStatus;
  /** Figures that moved, appeared or disappeared. */
  moved: number;
  /** Figures compared (the union of both sides). */
  figures: number;
  rows: DiffRow[];
}

/**
 * Saved results round-trip exactly through JSON, but a model edit that only reorders a sum can shift
 * the last bits; such noise is not a change anyone needs to read about.
 */
function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
}

/** Sort key: the size of the relative change; a move away from 0 counts as the largest. */
function magnitude(r: DiffRow): number {
  if (r.relative !== null) return Math.abs(r.relative);
  return r.change !== null && r.change !== 0 ? Infinity : 0;
}

/**
 * One row per figure that moved (every figure with `all`), the largest relative change first; figures
 * that exist on one side only come last, by name.
 */
export function diffFigures(before: Map<string, number>, after: Map<string, number>, opts: { all?: boolean } = {}): DiffRow[] {
  const rows: DiffRow[] = [];
  const names = new Set([...before.keys(), ...after.keys()]);
  for (const figure of names) {
    const o = before.get(figure);
    const n = after.get(figure);
    if (o === undefined || n === undefined) {
      rows.push({ figure, old: o ?? null, new: n ?? null, change: null, relative: null, status: o === undefined ? "added" : "removed" });
      continue;
    }
    const unchanged = same(o, n);
    if (unchanged && !opts.all) continue;
    const change = unchanged ? 0 : n - o;
    rows.push({ figure, old: o, new: n, change, relative: o !== 0 ? change / Math.abs(o) : null, status: unchanged ? "same" : "changed" });
  }
  const both = (r: DiffRow) => r.status === "changed" || r.status === "same";
  return rows.sort(
    (a, b) =>
      Number(both(b)) - Number(both(a)) ||
      magnitude(b) - magnitude(a) ||
      Math.abs(b.change ?? 0) - Math.abs(a.change ?? 0) ||
      (a.figure < b.figure ? -1 : a.figure > b.figure ? 1 : 0),
  );
}

export interface DiffInput {
  /** Figures of each model in the baseline, by model id. */
  baseline: Map<string, Map<string, number>>;
  /** Figures of each model that ran now, by model id, with its file. */
  current: Map<string, { file: string; figures: Map<string, number> }>;
  /** Model ids that did not run now (invalid input): neither compared nor reported as gone. */
  failed?: Map<string, string>;
  all?: boolean;
}

/** Every model's diff: those that ran now in their run order, then the ones only the baseline has. */
export function diffModels(input: DiffInput): ModelDiff[] {
  const out: ModelDiff[] = [];
  for (const [model, { file, figures }] of input.current) {
    const old = input.baseline.get(model);
    if (!old) {
      out.push({ model, file, status: "new", moved: 0, figures: figures.size, rows: [] });
      continue;
    }
    const rows = diffFigures(old, figures, { all: input.all });
    const moved = rows.filter((r) => r.status !== "same").length;
    const figureCount = new Set([...old.keys(), ...figures.keys()]).size;
    out.push({ model, file, status: moved > 0 ? "changed" : "unchanged", moved, figures: figureCount, rows });
  }
  for (const [model, file] of input.failed ?? []) {
    out.push({ model, file, status: "failed", moved: 0, figures: 0, rows: [] });
  }
  for (const [model, figures] of input.baseline) {
    if (input.current.has(model) || input.failed?.has(model)) continue;
    out.push({ model, file: null, status: "gone", moved: 0, figures: figures.size, rows: [] });
  }
  return out;
}
