// sroi report FILE -o FILE.html : the HTML factsheet of one model, written atomically.
import { runFile } from "../../api.js";
import { writeAtomic } from "../../batch/save.js";
import { formatProblem } from "../../load/problems.js";
import type { Locale } from "../../render/format.js";
import { supportedFormat } from "../../render/formats.js";
import type { ReportExtras } from "../../render/html.js";
import { fileRenderers } from "../../render/registry.js";
import { exitCode } from "../exit.js";
import type { Io } from "../io.js";
import { outputFile } from "../output.js";

export interface ReportOptions {
  output: string;
  format: string;
  locale?: Locale;
  /** Analysis results to show (simulated P5-P95, sensitivity), when the caller has them. */
  extras?: ReportExtras;
}

export async function reportCommand(file: string, opts: ReportOptions, io: Io): Promise<number> {
  const format = supportedFormat("report", opts.format);
  outputFile(opts.output, [file], ".html");
  const run = runFile(file);
  for (const p of run.problems) io.err(formatProblem(p) + "\n");
  if (!run.result) return exitCode({ invalidInput: true });
  const html = await fileRenderers.report[format](run.result, { chalk: io.chalk, locale: opts.locale, extras: opts.extras });
  writeAtomic(opts.output, html);
  io.err(`wrote ${opts.output}\n`);
  return 0;
}
