// sroi check [PATH...] : run models and compare each with the figures its report published
// (fixtures/<model>.yaml). Exit 0 when all reproduce, 1 when one does not, 2 on invalid input.
import { existsSync, statSync } from "node:fs";
import { relative } from "node:path";
import { modelFigures, type FileRun } from "../../api.js";
import { internalProblem, runBatch, type BatchOptions } from "../../batch/batch.js";
import { checkFigures, emptyCounts, FAILING } from "../../check/check.js";
import { fixtureFileFor, loadFixture } from "../../load/fixture.js";
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

export function checkModel(run: FileRun, fixturesDir: string | undefined): ModelCheck {
  const fixtureFile = fixtureFileFor(run.file, fixturesDir);
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
  const loaded = fixtureFile ? loadFixture(fixtureFile, run.file, fixturesDir) : undefined;
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
function checkIsolated(run: FileRun, fixturesDir: string | undefined, debug: boolean): ModelCheck {
  try {
    return checkModel(run, fixturesDir);
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
  const check = (r: FileRun) => checkIsolated(r, opts.fixtures, opts.batch?.debug ?? false);
  const batchOpts = { ...opts.batch, set: opts.set };

  if (format === "table") {
    // Printed model by model, each model's problems first: a batch holds only what the closing lines need.
    const writer = checkTableWriter({ chalk: io.chalk, locale: opts.locale, quiet: opts.quiet });
    const summary = checkSummary([]);
    let invalid = missing.length > 0;
    let failed = false;
    runBatch(files, batchOpts, (r) => {
      const m = check(r);
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

  const models = runBatch(files, batchOpts, (r) => {
    tick();
    return check(r);
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
