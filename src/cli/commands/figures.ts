// sroi figures FILE : every named figure of a model's result, for writing fixtures and checks.
import { modelFigures } from "../../api.js";
import { runBatch, type BatchOptions } from "../../batch/batch.js";
import { formatProblem } from "../../load/problems.js";
import { exitCode } from "../exit.js";
import type { Io } from "../io.js";

export function figuresCommand(file: string, opts: { filter?: string; format: "table" | "json"; batch?: BatchOptions }, io: Io): number {
  const run = runBatch([file], opts.batch)[0]!;
  for (const p of run.problems) io.err(formatProblem(p) + "\n");
  if (!run.result) return exitCode({ invalidInput: true });
  const entries = [...modelFigures(run.result)].filter(([k]) => !opts.filter || k.includes(opts.filter));
  if (opts.format === "json") io.out(JSON.stringify(Object.fromEntries(entries), null, 2) + "\n");
  else {
    const width = Math.max(...entries.map(([k]) => k.length), 10);
    for (const [k, v] of entries) io.out(`${k.padEnd(width)}  ${v}\n`);
  }
  return 0;
}
