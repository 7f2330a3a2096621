// sroi sensitivity | breakeven | simulate | split FILE: load one model, compile it, parse --set and
// --spread, run the analysis, print a table or JSON. Bad input is one line on stderr and exit 2.
import { AnalysisError, parseSets, parseSpread } from "../../analysis/inputs.js";
import { compileModel } from "../../analysis/load.js";
import { analysisProblem } from "../../analysis/problem.js";
import type { AnalysisOptions } from "../../analysis/sensitivity.js";
import type { Compiled } from "../../engine/evaluator.js";
import { ModelEvalError } from "../../engine/engine.js";
import { loadModel, positioned } from "../../load/load.js";
import { formatProblem } from "../../load/problems.js";
import type { Locale } from "../../render/format.js";
import type { AnalysisRenderOptions } from "../../render/analysis/common.js";
import { supportedFormat } from "../../render/formats.js";
import { analysisRenderers } from "../../render/registry.js";
import type { Io } from "../io.js";

type AnalysisCommand = "sensitivity" | "breakeven" | "simulate" | "split";

export interface AnalysisCliOptions {
  format: string;
  set?: string[];
  spread?: string;
  scenario?: string[];
  /** --lang; by default the model's own language (meta.locale). */
  locale?: Locale;
}

export function analysisCommand<R>(
  file: string,
  opts: AnalysisCliOptions,
  io: Io,
  analyse: (c: Compiled, base: AnalysisOptions) => R,
  render: { table: (r: R, o: AnalysisRenderOptions) => string; json: (r: R) => string },
  command: AnalysisCommand,
): number {
  const format = supportedFormat(command, opts.format);
  const loaded = loadModel(file);
  if (!loaded.model) {
    for (const p of loaded.problems) io.err(formatProblem(p) + "\n");
    return 2;
  }
  const model = loaded.model;
  try {
    const compiled = compileModel(model);
    const base: AnalysisOptions = {
      model: { id: model.id, title: model.title },
      overrides: parseSets(compiled, opts.set),
      spread: parseSpread(opts.spread),
      scenarios: opts.scenario,
    };
    const result = analyse(compiled, base);
    io.out(format === "json" ? render.json(result) : render.table(result, { chalk: io.chalk, locale: opts.locale ?? model.locale }));
    return 0;
  } catch (err) {
    if (err instanceof AnalysisError) {
      io.err(formatProblem(analysisProblem(file, loaded.doc, err.problem)) + "\n");
      return 2;
    }
    if (err instanceof ModelEvalError && loaded.doc) {
      io.err(formatProblem(positioned({ path: err.path, message: err.message, hint: err.hint }, loaded.doc)) + "\n");
      return 2;
    }
    throw err;
  }
}

export async function sensitivityCommand(file: string, opts: AnalysisCliOptions, io: Io): Promise<number> {
  const { sensitivity } = await import("../../analysis/sensitivity.js");
  return analysisCommand(file, opts, io, sensitivity, await analysisRenderers.sensitivity(), "sensitivity");
}

export async function breakevenCommand(file: string, opts: AnalysisCliOptions & { param: string; target?: string }, io: Io): Promise<number> {
  const { breakeven } = await import("../../analysis/breakeven.js");
  const render = await analysisRenderers.breakeven();
  return analysisCommand(file, opts, io, (c, base) => breakeven(c, { ...base, param: opts.param, target: number(opts.target, "--target") }), render, "breakeven");
}

export async function simulateCommand(
  file: string,
  opts: AnalysisCliOptions & { iterations: string; seed: string; target?: string },
  io: Io,
  progressOnTty = process.stderr.isTTY === true,
): Promise<number> {
  const { simulate } = await import("../../analysis/simulate.js");
  const render = await analysisRenderers.simulate();
  // Progress only on a terminal: a log or a pipe gets the result and nothing else.
  let shown = -1;
  const onProgress = progressOnTty
    ? (done: number, total: number) => {
        const pct = Math.floor((100 * done) / total);
        if (pct === shown) return;
        shown = pct;
        io.err(`\rsimulating ${pct}%${done === total ? "\r\x1b[K" : ""}`);
      }
    : undefined;
  return analysisCommand(
    file,
    opts,
    io,
    (c, base) =>
      simulate(c, {
        ...base,
        iterations: number(opts.iterations, "--iterations")!,
        seed: number(opts.seed, "--seed")!,
        target: number(opts.target, "--target"),
        onProgress,
      }),
    render,
    "simulate",
  );
}

export async function splitCommand(file: string, opts: AnalysisCliOptions & { key?: string }, io: Io): Promise<number> {
  const { split } = await import("../../analysis/split.js");
  return analysisCommand(file, opts, io, (c, base) => split(c, { ...base, key: opts.key }), await analysisRenderers.split(), "split");
}

/** A numeric option; the analyses check the range, this only that it is a number. */
function number(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text.trim().replace(/_/g, ""));
  if (text.trim() === "" || Number.isNaN(v)) throw new AnalysisError({ option, message: `"${text}" is not a number` });
  return v;
}
