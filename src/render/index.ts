// The one registry of output formats; `--format` choices come from here so they cannot drift.
import type { ChalkInstance } from "chalk";
import type { ModelResult } from "../engine/result.js";
import type { Locale } from "./format.js";
import { renderJson } from "./json.js";
import { renderTable } from "./table.js";

export interface RenderOptions {
  chalk: ChalkInstance;
  locale: Locale;
}

export const renderers = {
  table: (r: ModelResult, o: RenderOptions) => renderTable(r, { chalk: o.chalk, locale: o.locale }),
  json: (r: ModelResult) => renderJson(r),
} as const;

export type Format = keyof typeof renderers;
export const FORMATS = Object.keys(renderers) as Format[];
