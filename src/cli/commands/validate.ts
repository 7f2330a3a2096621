// sroi validate FILE... : load and compute each model, report every problem, print nothing else on success.
import { runBatch, type BatchOptions } from "../../batch/batch.js";
import { formatProblem } from "../../load/problems.js";
import { exitCode } from "../exit.js";
import type { Io } from "../io.js";
import { modelFiles } from "../paths.js";
import type { Locale } from "../../render/format.js";
import { validatedText } from "../../render/i18n.js";

/** `locale`: the language of the ok lines; by default each model's own (meta.locale), as run. */
export function validateCommand(paths: string[], io: Io, batch: BatchOptions = {}, locale?: Locale): number {
  const { files, missing } = modelFiles(paths, io, "validate");
  const runs = runBatch(files, batch);
  for (const r of runs) {
    if (r.result) io.out(`${io.chalk.green("ok")}  ${r.file}  (${validatedText(r.result.scenarios.length, r.result.warnings.length, locale ?? r.result.model.locale)})\n`);
    else for (const p of r.problems) io.err(formatProblem(p) + "\n");
  }
  return exitCode({ invalidInput: missing.length > 0 || runs.some((r) => !r.result) });
}
