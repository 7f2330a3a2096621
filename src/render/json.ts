// The JSON output: the ModelResult itself (schema "sroi-result/1", see README "JSON output").
import type { ModelResult } from "../engine/result.js";

export function renderJson(results: ModelResult | ModelResult[]): string {
  return JSON.stringify(results, null, 2) + "\n";
}
