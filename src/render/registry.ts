// The one registry of renderers, keyed by command and format (the formats each command supports are
// listed in formats.ts; the compiler checks that every one has a renderer here). A format a command does
// not support is a usage error naming the ones it does (supportedFormat), never a silent table.
// Renderers for file formats (xlsx, html) are imported only when used.
import type { ChalkInstance } from "chalk";
import type { CertaintyComparison } from "../analysis/certainty.js";
import { renderCertaintyTable } from "./analysis/certainty.js";
import type { FileRun } from "../api.js";
import type { ModelResult } from "../engine/result.js";
import type { Problem } from "../load/problems.js";
import { renderBatchSummary } from "./batch.js";
import { renderCheckJson, renderCheckTable, type CheckOutput } from "./check.js";
import { csvHeader, csvLine, csvRows } from "./csv.js";
import { renderDiffJson, renderDiffTable, type DiffOutput } from "./diff.js";
import type { Locale } from "./format.js";
import type { FormatOf } from "./formats.js";
import type { ReportExtras } from "./html.js";
import { modelLocale } from "./i18n.js";
import { chunked, writePrettyJson } from "./json-pieces.js";
import { renderMarkdown } from "./md.js";
import { renderTable } from "./table.js";

export interface RenderOptions {
  chalk: ChalkInstance;
  /** Labels and notation; undefined: each model's own language. */
  locale?: Locale;
  wide?: boolean;
  /** run: only the batch summary. */
  summary?: boolean;
  /** check: only the failures and the closing line. */
  quiet?: boolean;
}

export const RUN_SCHEMA = "sroi-run/1";

/** One entry of the `sroi run -f json` envelope (README "JSON output"). */
export interface RunEntry {
  file: string;
  ok: boolean;
  result: ModelResult | null;
  problems: Problem[];
  /** With --min-certainty: the ratios without the benefits that rest on low-rated studies. */
  min_certainty?: CertaintyComparison;
}

/**
 * run's renderers write model by model as each finishes: begin, each model's text through `out` (in
 * one piece or several), end. Only the table keeps anything (the batch summary at the end needs every
 * model's totals).
 */
export interface RunWriter {
  begin(): string;
  /** Text, or bytes where the renderer has them encoded already (JSON), valid until the next call: copy them to keep them. */
  model(run: FileRun, out: (text: string | Buffer) => void): void;
  end(): string;
}

/** Without --lang, a batch summary speaks the first model's language. */
function summaryLocale(runs: FileRun[]): Locale {
  const first = runs.find((r) => r.result)?.result;
  return first ? modelLocale(first) : "nl";
}

/**
 * A result of many rows (some ten thousand activities or outcomes over its scenarios): its JSON is
 * written in pieces (writePrettyJson) instead of as one string of megabytes. Smaller ones, nearly all,
 * are written by one JSON.stringify (entryAtDepth2), the fastest way for them.
 */
function large(result: ModelResult | undefined): boolean {
  let rows = 0;
  for (const s of result?.scenarios ?? []) rows += s.activities.length + s.outcomes.length + s.inputs.length + s.valuation.length;
  return rows > LARGE_ROWS;
}
const LARGE_ROWS = 5_000;

/**
 * A batch entry's JSON as it stands two levels deep in the pretty-printed document, after its separator
 * (",\n" or "\n"), as bytes. JSON.stringify indents it there itself when it is wrapped in two arrays
 * ("[\n  [\n" entry "\n  ]\n]"), faster than re-indenting; the wrapper is cut off the encoded bytes, as
 * cutting the string would copy the text twice more (it is two-byte text wherever a "€" appears).
 * json-pieces.ts's stringifyAt is the same wrapping at any depth, cut out of the string (its pieces are small).
 * The bytes are encoded into one buffer kept for the next entry (a thousand-model batch would otherwise
 * take 27 MB of fresh memory for them): they are valid until the next call.
 */
const entryAtDepth2 = (v: unknown, first: boolean): Buffer => {
  const text = JSON.stringify([[v]], null, 2);
  // A UTF-16 unit is at most 3 UTF-8 bytes; a larger entry gets a buffer of its own.
  const bytes = text.length * 3 <= ENTRY_BYTES ? (entryScratch ??= Buffer.allocUnsafeSlow(ENTRY_BYTES)).subarray(0, entryScratch.write(text)) : Buffer.from(text);
  if (first) return bytes.subarray(5, bytes.length - 6); // from the newline before the entry
  bytes[4] = 0x2c; // the inner "[" becomes the comma before that newline
  return bytes.subarray(4, bytes.length - 6);
};
const ENTRY_BYTES = 1 << 20;
let entryScratch: Buffer | undefined;

export const runWriters: Record<Exclude<FormatOf<"run">, "xlsx">, (o: RenderOptions, count: number) => RunWriter> = {
  table: (o, count) => {
    const runs: FileRun[] = [];
    let printed = 0;
    return {
      begin: () => "",
      model: (r, out) => {
        runs.push(r);
        if (!r.result || o.summary) return;
        const table = renderTable(r.result, { chalk: o.chalk, locale: o.locale, wide: o.wide });
        const certainty = r.certainty ? "\n" + renderCertaintyTable(r.certainty, { chalk: o.chalk, locale: modelLocale(r.result, o.locale) }) : "";
        out((printed++ > 0 ? "\n" : "") + table + certainty);
      },
      end: () => (count > 1 || o.summary ? (printed > 0 ? "\n" : "") + renderBatchSummary(runs, { chalk: o.chalk, locale: o.locale ?? summaryLocale(runs) }) + "\n" : ""),
    };
  },
  json: () => {
    let n = 0;
    return {
      begin: () => `{\n  "schema": "${RUN_SCHEMA}",\n  "models": [`,
      model: (r, out) => {
        const entry: RunEntry = { file: r.file, ok: !!r.result, result: r.result ?? null, problems: r.problems, ...(r.certainty ? { min_certainty: r.certainty } : {}) };
        if (!large(r.result)) return out(entryAtDepth2(entry, n++ === 0));
        const sink = chunked(out);
        sink.emit(n++ === 0 ? "\n    " : ",\n    ");
        writePrettyJson(entry, 2, sink.emit);
        sink.flush();
      },
      end: () => `${n > 0 ? "\n  " : ""}]\n}\n`,
    };
  },
  md: (o) => {
    let n = 0;
    return {
      begin: () => "",
      model: (r, out) => {
        if (r.result) out((n++ > 0 ? "\n" : "") + renderMarkdown(r.result, { locale: o.locale }));
      },
      end: () => "",
    };
  },
  csv: () => ({
    begin: csvHeader,
    model: (r, out) => {
      if (r.result) out(csvRows(r.result));
    },
    end: () => "",
  }),
};

/** Formats written to a file: the model's result in, the file's bytes out. */
export const fileRenderers: {
  run: Record<"xlsx", (r: ModelResult, o: RenderOptions) => Promise<Uint8Array>>;
  report: Record<"html", (r: ModelResult, o: RenderOptions & { extras?: ReportExtras }) => Promise<string>>;
} = {
  run: { xlsx: async (r, o) => (await import("./xlsx.js")).renderWorkbook(r, { locale: o.locale }) },
  report: { html: async (r, o) => (await import("./html.js")).renderHtml(r, { locale: o.locale, extras: o.extras }) },
};

export const checkRenderers: Record<FormatOf<"check">, (out: CheckOutput, o: RenderOptions) => string> = {
  table: (out, o) => renderCheckTable(out, { chalk: o.chalk, locale: o.locale, quiet: o.quiet }),
  json: (out) => renderCheckJson(out),
};

export const diffRenderers: Record<FormatOf<"diff">, (out: DiffOutput, o: RenderOptions) => string> = {
  table: (out, o) => renderDiffTable(out, { chalk: o.chalk, locale: o.locale ?? "nl" }),
  json: (out) => renderDiffJson(out),
};

export const figuresRenderers: Record<FormatOf<"figures">, (figures: [string, number][], o: RenderOptions) => string> = {
  // Full precision, no grouping, in the notation the fixtures are written in (nl: a decimal comma).
  table: (figures, o) => {
    const width = Math.max(...figures.map(([k]) => k.length), 10);
    const shown = (v: number) => (o.locale === "nl" ? String(v).replace(".", ",") : String(v));
    return figures.map(([k, v]) => `${k.padEnd(width)}  ${shown(v)}\n`).join("");
  },
  json: (figures) => JSON.stringify(Object.fromEntries(figures), null, 2) + "\n",
  csv: (figures) => csvLine(["figure", "value"]) + figures.map(([k, v]) => csvLine([k, v])).join(""),
};

/**
 * The analyses' renderers (sroi sensitivity | breakeven | simulate | split), each loaded only by its
 * command: a table and the versioned JSON contract.
 */
export const analysisRenderers = {
  sensitivity: async () => {
    const r = await import("./analysis/sensitivity.js");
    return { table: r.renderSensitivityTable, json: r.renderSensitivityJson };
  },
  breakeven: async () => {
    const r = await import("./analysis/breakeven.js");
    return { table: r.renderBreakevenTable, json: r.renderBreakevenJson };
  },
  simulate: async () => {
    const r = await import("./analysis/simulate.js");
    return { table: r.renderSimulateTable, json: r.renderSimulateJson };
  },
  split: async () => {
    const r = await import("./analysis/split.js");
    return { table: r.renderSplitTable, json: r.renderSplitJson };
  },
} satisfies Record<"sensitivity" | "breakeven" | "simulate" | "split", () => Promise<Record<FormatOf<"sensitivity">, unknown>>>;
