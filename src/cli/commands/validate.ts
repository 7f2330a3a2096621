// sroi validate FILE... : load and compute each model, report every problem, print nothing else on success.
import { runBatch, type BatchOptions } from "../../batch/batch.js";
import { formatProblem } from "../../load/problems.js";
import { exitCode } from "../exit.js";
import type { Io } from "../io.js";
import { modelFiles } from "../paths.js";

export function validateCommand(paths: string[], io: Io, batch: BatchOptions = {}): number {
  const { files, missing } = modelFiles(paths, io, "validate");
  const runs = runBatch(files, batch);
  for (const r of runs) {
    if (r.result) io.out(`${io.chalk.green("ok")}  ${r.file}  (${r.result.scenarios.length} scenario${r.result.scenarios.length === 1 ? "" : "s"}, ${r.result.warnings.length} warning${r.result.warnings.length === 1 ? "" : "s"})\n`);
    else for (const p of r.problems) io.err(formatProblem(p) + "\n");
  }
  return exitCode({ invalidInput: missing.length > 0 || runs.some((r) => !r.result) });
}
