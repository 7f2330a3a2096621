// sroi run FILE|DIR|GLOB... : run models and print their reports (or JSON); a batch ends with a summary.
import Table from "cli-table3";
import { runBatch, summaryRows } from "../../batch/batch.js";
import { saveResults, SaveError } from "../../batch/save.js";
import type { ModelResult } from "../../engine/result.js";
import { formatProblem } from "../../load/problems.js";
import { formatter, type Locale } from "../../render/format.js";
import { renderers, type Format } from "../../render/index.js";
import { warningText } from "../../render/table.js";
import { exitCode, UsageError } from "../exit.js";
import type { Io } from "../io.js";
import { expandPaths } from "../paths.js";

export interface RunOptions {
  format: Format;
  scenario?: string[];
  save?: string;
  locale: Locale;
  summary?: boolean;
}

export function runCommand(paths: string[], opts: RunOptions, io: Io): number {
  const { files, missing } = expandPaths(paths);
  for (const m of missing) io.err(`${m}  (file)  no model files match this pattern\n`);
  if (files.length === 0) throw new UsageError("no model files to run");
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
      io.out(
        JSON.stringify(
          { schema: "sroi-batch/1", models: runs.map((r) => ({ file: r.file, result: r.result ?? null, problems: r.problems })) },
          null,
          2,
        ) + "\n",
      );
    }
  } else {
    const multi = files.length > 1;
    if (!(multi && opts.summary)) {
      results.forEach((res, i) => io.out((i > 0 ? "\n" : "") + renderers.table(res, { chalk: io.chalk, locale: opts.locale })));
    }
    if (multi) io.out("\n" + renderSummary(runs, opts.locale, io) + "\n");
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

function renderSummary(runs: ReturnType<typeof runBatch>, locale: Locale, io: Io): string {
  const c = io.chalk;
  const f = formatter(locale);
  const rows = summaryRows(runs);
  const t = new Table({
    head: ["Model", "Scenario", "Inputs", "Benefits (PV)", "Ratio", "Warnings"].map((h) => c.bold(h)),
    style: { head: [], border: [], compact: true },
    colAligns: ["left", "left", "right", "right", "right", "right"],
  });
  for (const r of rows) {
    if (r.error) t.push([r.file, c.red("error"), { colSpan: 4, content: c.red(r.error) }]);
    else t.push([r.model!, r.scenario!, f.money(r.inputs), f.money(r.benefits), f.ratio(r.ratio), r.warnings ? c.yellow(String(r.warnings)) : "0"]);
  }
  const failed = runs.filter((r) => !r.result).length;
  const line = `${runs.length} model${runs.length === 1 ? "" : "s"}, ${runs.length - failed} ran, ${failed} failed`;
  // The slips each model records, with both sides, so a batch run shows them without the full reports.
  const warned = runs.filter((r) => r.result && r.result.warnings.length > 0);
  const warnings = warned.flatMap((r) => [
    c.yellow.bold(`Warnings: ${r.result!.model.id}`),
    ...r.result!.warnings.map((w) => c.yellow(`  ! ${w.scenario ? `[${w.scenario}] ` : ""}${warningText(w, f)}`)),
  ]);
  return [`${c.bold("Summary")}`, t.toString(), failed ? c.red(line) : line, ...(warnings.length ? ["", ...warnings] : [])].join("\n");
}

export type { ModelResult };
