// Shared pieces of the analysis renderers: the table style of the run report, and number reading by kind.
import { fitTable, wrapText } from "../fit.js";
import type { ChalkInstance } from "chalk";
import type { NumberDomain } from "../../engine/evaluator.js";
import { formatter, type Formatter, type Locale } from "../format.js";
import { analysisWords, type AnalysisWords } from "../i18n.js";

export interface AnalysisRenderOptions {
  chalk: ChalkInstance;
  locale?: Locale;
}

/** A table within 100 columns (its text columns wrap), as the run report's. */
export function grid(head: string[], rows: string[][], c: ChalkInstance, alignRightFrom = 1): string {
  return fitTable(head, rows, c, { alignRightFrom });
}

/** A sentence in dim type, wrapped within 100 columns before it is coloured (so each line is). */
export function dimText(c: ChalkInstance, text: string): string {
  return wrapText(text).map((l) => c.dim(l)).join("\n");
}

/** A number as its kind reads: shares as percentages, money and counts grouped, others to 2 decimals. */
export function value(f: Formatter, v: number | null, kind: NumberDomain["kind"]): string {
  if (v === null || !Number.isFinite(v)) return "–";
  if (kind === "share" || kind === "rate") return f.share(v, 2);
  if (Math.abs(v) >= 1000) return f.number(v, 0);
  // Fractions to two decimals as the reports print money: 87,50, not 87,5.
  if (!Number.isInteger(v)) return f.ratio(v, 2);
  return f.number(v, 2);
}

export const fmt = (o: AnalysisRenderOptions): Formatter => formatter(o.locale ?? "nl");

/** The labels in the output language (the commands pass the model's own language unless --lang is given). */
export const wordsOf = (o: AnalysisRenderOptions): AnalysisWords => analysisWords(o.locale ?? "nl");

export function ratio(f: Formatter, v: number | null): string {
  return v === null || !Number.isFinite(v) ? "–" : f.ratio(v);
}

export const json = (x: unknown): string => JSON.stringify(x, null, 2) + "\n";
