// sroi check [PATH...] : run models and compare each with the figures its report published
// (fixtures/<model>.yaml). Exit 0 when all reproduce, 1 when one does not, 2 on invalid input.
import { existsSync, statSync } from "node:fs";
import { relative } from "node:path";
import { modelFigures, type FileRun } from "../../api.js";
import { batchCache, internalProblem, runIsolated, type BatchOptions } from "../../batch/batch.js";
import { checkFigures, emptyCounts, FAILING } from "../../check/check.js";
import { fixtureFileFor, fixtureOutside, loadFixture } from "../../load/fixture.js";
import type { ReadAhead } from "../../load/source.js";
import { formatProblem } from "../../load/problems.js";
import {
  addToSummary,
  CHECK_SCHEMA,
  checkSummary,
  checkTableWriter,
  type CheckOutput,
  type ModelCheck,
} from "../../render/check.js";
import type { Locale } from "../../render/format.js";
import { supportedFormat } from "../../render/formats.js";
import { checkRenderers } from "../../render/registry.js";
import { exitCode, UsageError } from "../exit.js";
import type { Io } from "../io.js";
import { modelFiles } from "../paths.js";
import { progress } from "../progress.js";

export interface CheckOptions {
  format: string;
  fixtures?: string;
  /** --lang; by default each model's own language. */
  locale?: Locale;
  quiet?: boolean;
  set?: string[];
  batch?: BatchOptions;
}

/** Shown relative to the working folder, as the user would type it. */
function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith("..") ? rel : file;
}

/** `found`: the model's fixture file as found already (null: it has none); undefined: look for it here. */
export function checkModel(run: FileRun, fixturesDir: string | undefined, found?: string | null, ahead?: ReadAhead): ModelCheck {
  const fixtureFile = found === undefined ? fixtureFileFor(run.file, fixturesDir) : (found ?? undefined);
  const check: ModelCheck = {
    file: run.file,
    model: run.result?.model.id ?? null,
    title: run.result?.model.title ?? null,
    locale: run.result?.model.locale ?? null,
    fixture: fixtureFile ? shown(fixtureFile) : null,
    report: null,
    status: "no_fixture",
    counts: emptyCounts(),
    figures: [],
    warnings: run.result?.warnings ?? [],
    problems: [...run.problems],
  };
  const loaded = fixtureFile ? loadFixture(fixtureFile, run.file, fixturesDir, ahead) : undefined;
  if (loaded) {
    check.problems.push(...loaded.problems.map((p) => ({ ...p, file: shown(p.file) })));
    check.report = loaded.fixture?.report ?? null;
  }
  if (run.result && loaded?.fixture) {
    const report = checkFigures(loaded.fixture, modelFigures(run.result), run.result.model.locale);
    check.figures = report.rows;
    check.counts = report.counts;
  }
  if (check.problems.length > 0) check.status = "invalid";
  else if (loaded) check.status = FAILING.some((s) => check.counts[s] > 0) ? "fail" : "ok";
  return check;
}

/** checkModel, with an unexpected exception turned into that model's problem so the others are still checked. */
function checkIsolated(run: FileRun, fixturesDir: string | undefined, debug: boolean, found?: string | null, ahead?: ReadAhead): ModelCheck {
  try {
    return checkModel(run, fixturesDir, found, ahead);
  } catch (err) {
    return {
      file: run.file,
      model: run.result?.model.id ?? null,
      title: run.result?.model.title ?? null,
      locale: run.result?.model.locale ?? null,
      fixture: null,
      report: null,
      status: "invalid",
      counts: emptyCounts(),
      figures: [],
      warnings: [],
      problems: [...run.problems, internalProblem(run.file, err, debug)],
    };
  }
}

export function checkCommand(paths: string[], opts: CheckOptions, io: Io): number {
  const format = supportedFormat("check", opts.format);
  if (opts.fixtures && !(existsSync(opts.fixtures) && statSync(opts.fixtures).isDirectory())) {
    throw new UsageError(`--fixtures ${opts.fixtures}: no such folder`);
  }
  const { files, missing } = modelFiles(paths, io, "check", { subfolders: true });

  // Every model runs, even after one fails to load: a CI log should show all that is wrong at once.
  // Each model's result is reduced to its check as it finishes (holding every result cost a batch memory).
  const tick = progress(io, files.length, "check");

  if (format === "table") {
    // Printed model by model, each model's problems first: a batch holds only what the closing lines need.
    const writer = checkTableWriter({ chalk: io.chalk, locale: opts.locale, quiet: opts.quiet });
    const summary = checkSummary([]);
    let invalid = missing.length > 0;
    let failed = false;
    checkEach(files, opts, (m) => {
      tick.clear(); // the model's problems and table take the progress line's place; the next tick draws it again
      for (const p of m.problems) io.err(formatProblem(p) + "\n");
      addToSummary(summary, m);
      invalid ||= m.status === "invalid";
      failed ||= m.status === "fail";
      io.out(writer.model(m));
      tick(); // shown while the next model runs
    });
    tick.done();
    const code = exitCode({ invalidInput: invalid, checkFailed: failed });
    io.out(writer.end(summary, code));
    return code;
  }

  const models: ModelCheck[] = [];
  checkEach(files, opts, (m) => {
    tick();
    models.push(m);
  });
  tick.done();
  for (const m of models) for (const p of m.problems) io.err(formatProblem(p) + "\n");

  const code = exitCode({
    invalidInput: missing.length > 0 || models.some((m) => m.status === "invalid"),
    checkFailed: models.some((m) => m.status === "fail"),
  });
  const out: CheckOutput = { schema: CHECK_SCHEMA, ok: code === 0, exit_code: code, summary: checkSummary(models), models };
  io.out(checkRenderers[format](out, { chalk: io.chalk, locale: opts.locale, quiet: opts.quiet }));
  return code;
}

/**
 * Runs and checks each model in turn, handing each check to `visit` as it is done. The batch's files
 * are read ahead (when the batch asks) in the order the loop reads them: each model, then its fixture,
 * a fixture only once it is known to lie where it may be read.
 */
function checkEach(files: string[], opts: CheckOptions, visit: (m: ModelCheck) => void): void {
  // null: no fixture; undefined (something unforeseen): checkModel looks again, where its failure is that model's.
  const fixtures = files.map((f): string | null | undefined => {
    try {
      return fixtureFileFor(f, opts.fixtures) ?? null;
    } catch {
      return undefined;
    }
  });
  const reads = files.flatMap((f, i) => {
    const fixture = fixtures[i];
    if (typeof fixture !== "string") return [f];
    try {
      return fixtureOutside(fixture, f, opts.fixtures) === undefined ? [f, fixture] : [f];
    } catch {
      return [f];
    }
  });
  const batchOpts = { ...opts.batch, set: opts.set };
  const { cache, done } = batchCache(reads, batchOpts);
  try {
    files.forEach((file, i) => visit(checkIsolated(runIsolated(file, cache, batchOpts), opts.fixtures, opts.batch?.debug ?? false, fixtures[i], cache.readAhead)));
  } finally {
    done();
  }
}
