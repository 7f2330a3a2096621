// sroi run FILE|DIR|GLOB... : run models and print their reports (table, json, md, csv) model by model
// as each finishes, or write an xlsx workbook with -o; a batch ends with a summary.
import type { FileRun } from "../../api.js";
import { batchCache, runIsolated, type BatchOptions } from "../../batch/batch.js";
import { saveResults, SaveError, writeAtomic } from "../../batch/save.js";
import type { ModelResult } from "../../engine/result.js";
import { formatProblem } from "../../load/problems.js";
import type { Locale } from "../../render/format.js";
import { supportedFormat } from "../../render/formats.js";
import { fileRenderers, runWriters } from "../../render/registry.js";
import { exitCode, UsageError } from "../exit.js";
import type { Io } from "../io.js";
import { modelFiles } from "../paths.js";
import { outputFile } from "../output.js";
import { progress } from "../progress.js";

export interface RunOptions {
  format: string;
  scenario?: string[];
  save?: string;
  /** Labels and notation; undefined: the model's own language. */
  locale?: Locale;
  summary?: boolean;
  wide?: boolean;
  output?: string;
  set?: string[];
  minCertainty?: string;
  batch?: BatchOptions;
}

/** Keeps only the asked scenarios; a model that has none of them gets a problem instead of a result. */
function onlyScenarios(r: FileRun, wanted: string[] | undefined): FileRun {
  if (!wanted || wanted.length === 0 || !r.result) return r;
  const scenarios = r.result.scenarios.filter((s) => wanted.includes(s.id));
  const certainty = r.certainty && { ...r.certainty, scenarios: r.certainty.scenarios.filter((s) => wanted.includes(s.id)) };
  if (scenarios.length > 0) return { ...r, result: { ...r.result, scenarios }, ...(certainty ? { certainty } : {}) };
  const known = r.result.scenarios.map((s) => s.id).join(", ");
  const problem = { file: r.file, path: ["scenarios"], message: `no scenario ${wanted.map((u) => `"${u}"`).join(", ")}; scenarios: ${known}`, severity: "error" as const };
  return { file: r.file, problems: [problem], libraries: r.libraries };
}

export async function runCommand(paths: string[], opts: RunOptions, io: Io): Promise<number> {
  const format = supportedFormat("run", opts.format);
  if (opts.summary && format !== "table") throw new UsageError(`--summary prints the summary table; it does not go with -f ${format}`);
  if (format === "xlsx" && !opts.output) throw new UsageError("-f xlsx writes a workbook: give the file with -o FILE.xlsx");
  const wanted = opts.scenario?.flatMap((s) => s.split(",")).filter(Boolean);
  const minCertainty = opts.minCertainty === undefined ? undefined : Number(opts.minCertainty);
  if (minCertainty !== undefined && !(Number.isInteger(minCertainty) && minCertainty >= 1 && minCertainty <= 3)) {
    throw new UsageError(`--min-certainty ${opts.minCertainty}: must be 1, 2 or 3 (stars)`);
  }
  const runOpts: BatchOptions = { ...opts.batch, set: opts.set, minCertainty };
  const { files, missing } = modelFiles(paths, io, "run");
  if (opts.output) outputFile(opts.output, files, format === "xlsx" ? ".xlsx" : undefined);

  if (format === "xlsx" && files.length !== 1) throw new UsageError(`-f xlsx writes one model's workbook; ${files.length} models given`);
  const { cache, done } = batchCache(files, runOpts); // libraries are read once for the whole batch
  const results: ModelResult[] = [];
  let invalidInput = missing.length > 0;
  const tick = progress(io, files.length, "run");

  try {
    if (format === "xlsx") {
      const r = onlyScenarios(runIsolated(files[0]!, cache, runOpts), wanted);
      for (const p of r.problems) io.err(formatProblem(p) + "\n");
      if (!r.result) return exitCode({ invalidInput: true });
      writeAtomic(opts.output!, await fileRenderers.run.xlsx(r.result, { chalk: io.chalk, locale: opts.locale }));
      io.err(`wrote ${opts.output}\n`);
      results.push(r.result);
    } else {
      // Written as each model finishes: a long batch shows its first report at once, and nothing but the
      // current model is held (the table's closing summary keeps only totals).
      // chalk as a getter: only a table asks whether stdout is a terminal.
      const renderOpts = {
        get chalk() {
          return io.chalk;
        },
        locale: opts.locale,
        wide: opts.wide,
        summary: opts.summary,
      };
      const writer = runWriters[format](renderOpts, files.length);
      const buffered: (string | Buffer)[] = [];
      const out = (t: string | Buffer) => {
        if (opts.output) buffered.push(typeof t === "string" ? t : Buffer.from(t)); // bytes are the writer's until its next call
        else if (t.length > 0) {
          tick.clear(); // a report between two ticks takes the progress line's place
          io.out(t);
        }
      };
      out(writer.begin());
      for (const file of files) {
        const r = onlyScenarios(runIsolated(file, cache, runOpts), wanted);
        if (r.problems.length > 0) tick.clear();
        for (const p of r.problems) io.err(formatProblem(p) + "\n");
        if (r.result) {
          if (opts.save) results.push(r.result);
        } else invalidInput = true;
        writer.model(r, out);
        tick();
      }
      out(writer.end());
      tick.done();
      if (opts.output) {
        writeAtomic(opts.output, Buffer.concat(buffered.map((t) => (typeof t === "string" ? Buffer.from(t) : t))));
        io.err(`wrote ${opts.output}\n`);
      }
    }
  } finally {
    done();
  }

  if (opts.save) {
    try {
      const written = saveResults(opts.save, results, files);
      io.err(`saved ${written.length} result${written.length === 1 ? "" : "s"} to ${opts.save}\n`);
    } catch (err) {
      if (err instanceof SaveError) throw new UsageError(err.message);
      throw err;
    }
  }
  return exitCode({ invalidInput });
}
