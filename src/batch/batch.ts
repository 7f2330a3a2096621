// Running many models at once: each on its own, so one bad model never stops the others.
import { LibraryCache, runFile, type FileRun } from "../api.js";

export interface BatchRow {
  file: string;
  model: string | null;
  scenario: string | null;
  inputs: number | null;
  benefits: number | null;
  ratio: number | null;
  warnings: number;
  error: string | null;
}

export function runBatch(files: string[]): FileRun[];
/** Each run handed to `each` as it finishes, so a batch need not hold every full result at once. */
export function runBatch<T>(files: string[], each: (run: FileRun) => T): T[];
export function runBatch<T>(files: string[], each?: (run: FileRun) => T): (T | FileRun)[] {
  const cache = new LibraryCache(); // libraries are read once for the whole batch
  return files.map((f) => (each ? each(runFile(f, cache)) : runFile(f, cache)));
}

/** One row per scenario of each model; a model that failed gets one row with its first problem. */
export function summaryRows(runs: FileRun[]): BatchRow[] {
  const rows: BatchRow[] = [];
  for (const r of runs) {
    if (!r.result) {
      const p = r.problems[0];
      rows.push({
        file: r.file,
        model: null,
        scenario: null,
        inputs: null,
        benefits: null,
        ratio: null,
        warnings: 0,
        error: p ? `${p.line ? `line ${p.line}: ` : ""}${p.message}${r.problems.length > 1 ? ` (+${r.problems.length - 1} more)` : ""}` : "failed",
      });
      continue;
    }
    for (const s of r.result.scenarios) {
      rows.push({
        file: r.file,
        model: r.result.model.id,
        scenario: s.id,
        inputs: s.totals.inputs,
        benefits: s.totals.benefits,
        ratio: s.ratio,
        warnings: r.result.warnings.filter((w) => !w.scenario || w.scenario === s.id).length,
        error: null,
      });
    }
  }
  return rows;
}
