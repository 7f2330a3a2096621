// The summary that ends a batch run: one row per model and scenario (a failed model gets its error),
// then each model's recorded slips with both sides.
import Table from "cli-table3";
import type { FileRun } from "../api.js";
import { summaryRows } from "../batch/batch.js";
import { formatter } from "./format.js";
import { words } from "./i18n.js";
import type { Locale } from "./format.js";
import { warningLines } from "./table.js";

export function renderBatchSummary(runs: FileRun[], opts: { chalk: import("chalk").ChalkInstance; locale: Locale }): string {
  const c = opts.chalk;
  const f = formatter(opts.locale);
  const w = words(opts.locale, null);
  const t = new Table({
    head: [w.model, w.scenario, w.inputs, w.benefitsPv, w.ratio, w.warnings].map((h) => c.bold(h)),
    style: { head: [], border: [], compact: true },
    colAligns: ["left", "left", "right", "right", "right", "right"],
  });
  for (const r of summaryRows(runs)) {
    if (r.error) t.push([r.file, c.red(w.error), { colSpan: 4, content: c.red(r.error) }]);
    else t.push([r.model!, r.scenario!, f.money(r.inputs, r.currency ?? undefined), f.money(r.benefits, r.currency ?? undefined), f.ratio(r.ratio), r.warnings ? c.yellow(String(r.warnings)) : "0"]);
  }
  const failed = runs.filter((r) => !r.result).length;
  const line = w.batchLine.replace("{n}", String(runs.length)).replace("{ran}", String(runs.length - failed)).replace("{failed}", String(failed));
  const warnings = runs.flatMap((r) =>
    r.result && r.result.warnings.length > 0
      ? [c.yellow.bold(`${w.warnings}: ${r.result.model.id}`), ...warningLines(r.result.warnings, c, f)]
      : [],
  );
  return [c.bold(w.summary), t.toString(), failed ? c.red(line) : line, ...(warnings.length ? ["", ...warnings] : [])].join("\n");
}
