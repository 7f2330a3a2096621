// sroi run FILE|DIR|GLOB... : run models and print their reports (or JSON); a batch ends with a summary.
import { runBatch } from "../../batch/batch.js";
import { saveResults, SaveError } from "../../batch/save.js";
import { formatProblem } from "../../load/problems.js";
import { renderBatchSummary } from "../../render/batch.js";
import type { Locale } from "../../render/format.js";
import { renderers, type Format } from "../../render/index.js";
import { exitCode, UsageError } from "../exit.js";
import type { Io } from "../io.js";
import { modelFiles } from "../paths.js";

export interface RunOptions {
  format: Format;
  scenario?: string[];
  save?: string;
  locale: Locale;
  summary?: boolean;
}

export function runCommand(paths: string[], opts: RunOptions, io: Io): number {
  const { files, missing } = modelFiles(paths, io, "run");
  const runs = runBatch(files);

  // --scenario keeps only the named scenarios; naming one that no model has is a usage error.
  if (opts.scenario && opts.scenario.length > 0) {
    const known = new Set(runs.flatMap((r) => r.result?.scenarios.map((s) => s.id) ?? []));
    const unknown = opts.scenario.filter((s) => !known.has(s));
    if (unknown.length > 0) throw new UsageError(`no scenario ${unknown.map((u) => `"${u}"`).join(", ")}; scenarios: ${[...known].join(", ")}`);
    for (const r of runs) if (r.result) r.result = { ...r.result, scenarios: r.result.scenarios.filter((s) => opts.scenario!.includes(s.id)) };
  }

  for (const r of runs) for (const p of r.problems) io.err(formatProblem(p) + "\n");
  const results = runs.flatMap((r) => (r.result ? [r.result] : []));
  const invalidInput = runs.some((r) => !r.result) || missing.length > 0;

  if (opts.format === "json") {
    if (files.length === 1 && missing.length === 0) {
      if (results[0]) io.out(renderers.json(results[0], { chalk: io.chalk, locale: opts.locale }));
    } else {
      // Written model by model, byte for byte what one JSON.stringify of the whole would give: that single
      // string (25 MB for a thousand models) was a large part of a batch's peak memory.
      io.out('{\n  "schema": "sroi-batch/1",\n  "models": [');
      runs.forEach((r, i) => {
        const model = JSON.stringify({ file: r.file, result: r.result ?? null, problems: r.problems }, null, 2);
        io.out((i > 0 ? ",\n    " : "\n    ") + model.replaceAll("\n", "\n    "));
      });
      io.out(runs.length > 0 ? "\n  ]\n}\n" : "]\n}\n");
    }
  } else {
    const multi = files.length > 1;
    if (!(multi && opts.summary)) {
      results.forEach((res, i) => io.out((i > 0 ? "\n" : "") + renderers.table(res, { chalk: io.chalk, locale: opts.locale })));
    }
    if (multi) io.out("\n" + renderBatchSummary(runs, { chalk: io.chalk, locale: opts.locale }) + "\n");
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
