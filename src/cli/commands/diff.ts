// sroi diff BASELINE [PATH...] : re-run models and show which figures moved against results saved with
// `sroi run --save BASELINE` (after a library or model change).
import { modelFigures } from "../../api.js";
import { runBatch, type BatchOptions } from "../../batch/batch.js";
import { BaselineError, readBaseline } from "../../diff/baseline.js";
import { diffModels, headlineFirst } from "../../diff/diff.js";
import { modelIdFromFile } from "../../load/load.js";
import { formatProblem } from "../../load/problems.js";
import { DIFF_SCHEMA, diffSummary, type DiffOutput } from "../../render/diff.js";
import type { Locale } from "../../render/format.js";
import { supportedFormat } from "../../render/formats.js";
import { diffRenderers } from "../../render/registry.js";
import { checkFigures } from "../../check/check.js";
import { fixtureFileFor, loadFixture } from "../../load/fixture.js";
import { exitCode, UsageError } from "../exit.js";
import type { Io } from "../io.js";
import { modelFiles } from "../paths.js";
import { progress } from "../progress.js";

export interface DiffOptions {
  format: string;
  all?: boolean;
  figure?: string;
  /** --lang; by default the language the models share (Dutch when they differ). */
  locale?: Locale;
  batch?: BatchOptions;
}

export function diffCommand(baselineDir: string, paths: string[], opts: DiffOptions, io: Io): number {
  const format = supportedFormat("diff", opts.format);
  let saved;
  try {
    saved = readBaseline(baselineDir);
  } catch (err) {
    if (err instanceof BaselineError) throw new UsageError(`${err.message}; save one first with: sroi run MODELS --save ${baselineDir}`);
    throw err;
  }
  // A damaged baseline file is named, and the diff exits 2: its model would otherwise show as "new".
  for (const p of saved.problems) io.err(formatProblem(p) + "\n");
  if (saved.results.size === 0 && saved.problems.length === 0) throw new UsageError(`no saved results in ${baselineDir}; save them first with: sroi run MODELS --save ${baselineDir}`);

  const { files, missing } = modelFiles(paths, io, "run");
  const tick = progress(io, files.length, "diff");
  const runs = runBatch(files, opts.batch, (r) => {
    tick();
    return r;
  });
  tick.done();
  for (const r of runs) for (const p of r.problems) io.err(formatProblem(p) + "\n");

  const current = new Map<string, { file: string; figures: Map<string, number>; locale: Locale }>();
  const failed = new Map<string, string>();
  for (const r of runs) {
    if (!r.result) {
      // Its id is unknown when it does not load; the file name is the best guess, so that its saved
      // result is reported as "did not run" rather than "gone".
      failed.set(modelIdFromFile(r.file), r.file);
      continue;
    }
    const id = r.result.model.id;
    if (current.has(id)) throw new UsageError(`${current.get(id)!.file} and ${r.file} have the same model id "${id}"; give one a meta.id`);
    current.set(id, { file: r.file, figures: modelFigures(r.result), locale: r.result.model.locale });
  }

  const baseline = saved.figures;
  const models = diffModels({ baseline, current, failed, all: opts.all });
  for (const m of models) {
    // Does each moved figure's published value (fixtures/) still hold? Checked against the new figures.
    const file = current.get(m.model)?.file;
    const fixtureFile = file ? fixtureFileFor(file, undefined) : undefined;
    const fixture = fixtureFile ? loadFixture(fixtureFile)?.fixture : undefined;
    const held = new Map<string, "holds" | "fails">();
    if (fixture) {
      const now = current.get(m.model)!;
      for (const r of checkFigures(fixture, now.figures, now.locale).rows) {
        if (r.figure) held.set(r.figure, r.status === "ok" || r.status === "not_reproducible" ? "holds" : "fails");
      }
    }
    m.rows = headlineFirst(m.rows, opts.figure).map((r) => ({ ...r, published: held.get(r.figure) ?? null }));
  }
  const out: DiffOutput = { schema: DIFF_SCHEMA, baseline: baselineDir, all: opts.all ?? false, summary: diffSummary(models), models };
  const langs = new Set([...current.values()].map((m) => m.locale));
  const locale: Locale = opts.locale ?? (langs.size === 1 ? [...langs][0]! : "nl");
  io.out(diffRenderers[format](out, { chalk: io.chalk, locale }));
  return exitCode({ invalidInput: missing.length > 0 || failed.size > 0 || saved.problems.length > 0 });
}
