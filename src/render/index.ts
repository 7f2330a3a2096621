// The one registry of renderers: one per format in formats.ts (`--format` choices come from there).
import type { ChalkInstance } from "chalk";
import type { ModelResult } from "../engine/result.js";
import type { Locale } from "./format.js";
import type { Format } from "./formats.js";
import { renderJson } from "./json.js";
import { renderTable } from "./table.js";

export interface RenderOptions {
  chalk: ChalkInstance;
  locale: Locale;
}

export const renderers: Record<Format, (r: ModelResult, o: RenderOptions) => string> = {
  table: (r, o) => renderTable(r, { chalk: o.chalk, locale: o.locale }),
  json: (r) => renderJson(r),
};

export { FORMATS, type Format } from "./formats.js";
