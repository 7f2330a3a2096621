// Running many models at once: each on its own, so one bad model never stops the others.
import { LibraryCache, runFile, type FileRun, type RunOptions } from "../api.js";
import type { Problem } from "../load/problems.js";
import { DEFAULT_TIMEOUT_SECONDS } from "../schema/bounds.js";
import { startReadAhead } from "./read-ahead.js";

export interface BatchOptions extends RunOptions {
  /** Folders outside the project whose files models may name as library (--allow-path). */
  allowPaths?: string[];
  /** Time budget of one model in seconds (--timeout). */
  timeoutSeconds?: number;
  /** Put the stack of an unexpected error under its problem line (--debug). */
  debug?: boolean;
  /** Read and parse the files to come on a second thread (read-ahead.ts): the CLI's batches do. */
  readAhead?: boolean;
}

export interface BatchRow {
  file: string;
  model: string | null;
  scenario: string | null;
  inputs: number | null;
  benefits: number | null;
  ratio: number | null;
  /** The model's currency (meta.currency): each row's amounts are in its own model's. */
  currency: string | null;
  warnings: number;
  error: string | null;
}

export function runBatch(files: string[], opts?: BatchOptions): FileRun[];
/**
 * Each run handed to `each` as it finishes (progress, or reducing it to what the command keeps), so a
 * batch need not hold every full result at once.
 */
export function runBatch<T>(files: string[], opts: BatchOptions | undefined, each: (run: FileRun) => T): T[];
export function runBatch<T>(files: string[], opts: BatchOptions = {}, each?: (run: FileRun) => T): (T | FileRun)[] {
  const { cache, done } = batchCache(files, opts);
  try {
    return files.map((f) => {
      const r = runIsolated(f, cache, opts);
      return each ? each(r) : r;
    });
  } finally {
    done();
  }
}

/**
 * The cache a batch's models share: library files read once, and the model files read ahead on a
 * second thread when asked. Call `done` when the batch is over.
 */
export function batchCache(files: readonly string[], opts: BatchOptions = {}): { cache: LibraryCache; done: () => void } {
  const cache = new LibraryCache({ allowPaths: opts.allowPaths });
  const ahead = opts.readAhead ? startReadAhead(files) : undefined;
  cache.readAhead = ahead;
  return { cache, done: () => ahead?.close() };
}

/**
 * One model of a batch on its own: an unexpected exception becomes that model's problem, and a model
 * over its time budget is reported instead of its result, so the rest of the batch completes. The
 * bounds of the language keep each model's work linear, so a check after the model is enough; no
 * process or worker per model (batches run a thousand models a second).
 */
export function runIsolated(file: string, cache: LibraryCache, opts: BatchOptions = {}): FileRun {
  const budgetMs = (opts.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
  const started = nowMs();
  let run: FileRun;
  try {
    run = runFile(file, cache, opts);
  } catch (err) {
    return { file, problems: [internalProblem(file, err, opts.debug ?? false)], libraries: [] };
  }
  const elapsed = nowMs() - started;
  if (elapsed > budgetMs) {
    const problem: Problem = {
      file,
      line: 1,
      col: 1,
      path: [],
      message: `took ${(elapsed / 1000).toFixed(1)} s, over the time budget of ${budgetMs / 1000} s per model`,
      hint: "raise it with --timeout SECONDS",
      severity: "error",
    };
    return { file, problems: [problem], libraries: run.libraries };
  }
  return run;
}

/** Milliseconds from a monotonic clock (process.hrtime: the `performance` global loads perf_hooks on first use). */
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

export function internalProblem(file: string, err: unknown, debug: boolean): Problem {
  const message = err instanceof Error ? err.message.split("\n", 1)[0] : String(err);
  const stack = debug && err instanceof Error && err.stack ? { hint: err.stack } : {};
  return { file, line: 1, col: 1, path: [], message: `internal error: ${message} (run with --debug for the stack)`, ...stack, severity: "error" };
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
        currency: null,
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
        currency: r.result.model.currency,
        warnings: r.result.warnings.filter((w) => !w.scenario || w.scenario === s.id).length,
        error: null,
      });
    }
  }
  return rows;
}
