// The library surface the CLI and the tests share: load a model file and run it.
import { ModelEvalError, runModel, type RunOptions as EngineRunOptions } from "./engine/engine.js";
import type { ModelResult } from "./engine/result.js";
import { checkPrinted } from "./check/printed.js";
import { warningMessage } from "./render/messages.js";
import { LibraryCache, loadModel, loadModelText, positioned, type Loaded } from "./load/load.js";
import { didYouMean, type Problem } from "./load/problems.js";
import { compareCertainty, type CertaintyComparison } from "./analysis/certainty.js";
import { AnalysisError, namedOverrides, parseSets } from "./analysis/inputs.js";
import { compileModel } from "./analysis/load.js";
import { compile } from "./engine/compile.js";
import { analysisProblem } from "./analysis/problem.js";

export interface FileRun {
  file: string;
  result?: ModelResult;
  problems: Problem[];
  libraries: string[];
  /** With --min-certainty: the ratios without the low-rated studies. */
  certainty?: CertaintyComparison;
}

/** The engine's options, and the what-if options of run and check: --set NAME=VALUE, --min-certainty N. */
export interface RunOptions extends EngineRunOptions {
  set?: readonly string[];
  minCertainty?: number;
}

/** Loads and runs one model file. Bad input comes back as problems, never as an exception. */
export function runFile(file: string, cache = new LibraryCache(), opts: RunOptions = {}): FileRun {
  return runLoaded(file, loadModel(file, cache), opts);
}

/** Runs model text given in memory (file is the name problems show). */
export function runText(file: string, text: string, cache = new LibraryCache(), opts: RunOptions = {}): FileRun {
  return runLoaded(file, loadModelText(file, text, cache), opts);
}

function runLoaded(file: string, loaded: Loaded, opts: RunOptions): FileRun {
  if (!loaded.model || !loaded.doc) return { file, problems: loaded.problems, libraries: loaded.libraries };
  const model = loaded.model;
  try {
    // Names given to --set (or as overrides) are checked first, so a typo gets a did-you-mean rather than a run.
    const compiled = opts.compiled ?? (opts.set && opts.set.length > 0 ? compileModel(model) : compile(model));
    const unknown = Object.keys(opts.overrides ?? {}).filter((name) => compiled.slot(name) === undefined || !Object.hasOwn(opts.overrides!, name));
    if (unknown.length > 0) {
      const names = compiled.numbers.map((n) => n.name);
      const problems = unknown.map((name): Problem => {
        const guess = didYouMean(name, names);
        return { file, path: ["set", name], message: `no number named "${name}" in this model`, hint: guess ? `did you mean "${guess}"?` : 'see README "Addressable numbers"', severity: "error" };
      });
      return { file, problems, libraries: loaded.libraries };
    }
    const overrides = opts.set && opts.set.length > 0 ? { ...opts.overrides, ...namedOverrides(compiled, parseSets(compiled, opts.set)) } : opts.overrides;
    const result = runModel(model, { ...opts, compiled, overrides });
    const checked = checkPrinted(model, result);
    if (checked.problems.length > 0) {
      const doc = loaded.doc;
      return { file, problems: checked.problems.map((p) => positioned(p, doc)), libraries: loaded.libraries };
    }
    result.warnings.push(...checked.warnings);
    for (const w of result.warnings) w.message ??= warningMessage(w);
    const certainty = opts.minCertainty !== undefined ? compareCertainty(model, result, opts.minCertainty, overrides) : undefined;
    return { file, result, problems: [], libraries: loaded.libraries, ...(certainty ? { certainty } : {}) };
  } catch (err) {
    if (err instanceof AnalysisError) return { file, problems: [analysisProblem(file, loaded.doc, err.problem)], libraries: loaded.libraries };
    if (!(err instanceof ModelEvalError)) throw err;
    const p = positioned({ path: err.path, message: err.message, hint: err.hint }, loaded.doc);
    return { file, problems: [p], libraries: loaded.libraries };
  }
}

export { LibraryCache } from "./load/load.js";
export { modelFigures, scenarioFigures } from "./engine/figures.js";
export { compile } from "./engine/compile.js";
export type { Compiled, Evaluation, EvalFailure, NumberInfo, NumberDomain, Uncertainty } from "./engine/evaluator.js";
export type { ModelResult, ScenarioResult, Warning, PrintedFigureWarning, WeightedVsUsedWarning, RatioUndefinedWarning, NoteWarning } from "./engine/result.js";
export type { Problem } from "./load/problems.js";
