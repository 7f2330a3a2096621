// sroi figures FILE : every named figure of a model's result, for writing fixtures and checks.
import { modelFigures } from "../../api.js";
import { runBatch, type BatchOptions } from "../../batch/batch.js";
import { formatProblem } from "../../load/problems.js";
import { supportedFormat } from "../../render/formats.js";
import { figuresRenderers } from "../../render/registry.js";
import { exitCode } from "../exit.js";
import type { Io } from "../io.js";
import type { Locale } from "../../render/format.js";

/** `locale`: the table's number notation; by default the model's own (meta.locale). */
export function figuresCommand(file: string, opts: { filter?: string; format: string; locale?: Locale; batch?: BatchOptions }, io: Io): number {
  const format = supportedFormat("figures", opts.format);
  const run = runBatch([file], opts.batch)[0]!;
  for (const p of run.problems) io.err(formatProblem(p) + "\n");
  if (!run.result) return exitCode({ invalidInput: true });
  const entries = [...modelFigures(run.result)].filter(([k]) => !opts.filter || k.includes(opts.filter));
  io.out(figuresRenderers[format](entries, { chalk: io.chalk, locale: opts.locale ?? run.result.model.locale }));
  return 0;
}
