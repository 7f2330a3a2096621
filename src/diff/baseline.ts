// Reading the results a baseline folder holds (saved by `sroi run --save`). A damaged file (empty,
// truncated, junk, or an sroi result with fields missing) and two files with the same model id are
// named as problems: silently passing over one would show its model as "new" and hide what moved.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { modelFigures } from "../engine/figures.js";
import { RESULT_SCHEMA, type ModelResult } from "../engine/result.js";
import type { Problem } from "../load/problems.js";
import { readFailure, readTextFile } from "../load/read.js";

export class BaselineError extends Error {}

export interface Baseline {
  /** Results by model id. */
  results: Map<string, ModelResult>;
  /** Figures of each result, by model id. */
  figures: Map<string, Map<string, number>>;
  problems: Problem[];
}

function problem(file: string, message: string, pos = { line: 1, col: 1 }): Problem {
  return { file, line: pos.line, col: pos.col, path: [], message, severity: "error" };
}

/** Line and column of a 0-based offset in text. */
function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const line = before.split("\n").length;
  return { line, col: offset - before.lastIndexOf("\n") };
}

function readText(file: string): string | Problem {
  const got = readTextFile(file);
  return typeof got === "string" ? got : problem(file, got.refused);
}

/** One saved result file: its result, nothing (a JSON file that is not ours), or its problem. */
export function readResultFile(file: string): { result?: ModelResult; figures?: Map<string, number>; problem?: Problem } {
  const text = readText(file);
  if (typeof text !== "string") return { problem: text };
  if (text.trim() === "") return { problem: problem(file, "the file is empty: a damaged result; save the baseline again") };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const at = /position (\d+)/.exec(msg);
    const pos = at ? lineCol(text, Number(at[1])) : lineCol(text, text.length);
    return { problem: problem(file, "not valid JSON (truncated or damaged); save the baseline again", pos) };
  }
  const schema = data !== null && typeof data === "object" && !Array.isArray(data) ? (data as { schema?: unknown }).schema : undefined;
  // A JSON file with a schema of its own (notes, another tool's output) is not ours to read.
  if (typeof schema === "string" && !schema.startsWith("sroi-result/")) return {};
  if (schema === undefined) return { problem: problem(file, `not an sroi result: it has no "schema": "${RESULT_SCHEMA}"`) };
  if (schema !== RESULT_SCHEMA) return { problem: problem(file, `saved as ${JSON.stringify(schema)}, and this sroi reads ${RESULT_SCHEMA}; save the baseline again`) };
  const r = data as { model?: { id?: unknown }; scenarios?: unknown };
  if (!r.model || typeof r.model !== "object" || typeof r.model.id !== "string" || r.model.id === "") {
    return { problem: problem(file, 'an sroi result without "model.id": a damaged result; save the baseline again') };
  }
  if (!Array.isArray(r.scenarios) || r.scenarios.some((s) => !s || typeof s !== "object" || typeof (s as { id?: unknown }).id !== "string")) {
    return { problem: problem(file, 'an sroi result without a valid "scenarios" list: a damaged result; save the baseline again') };
  }
  try {
    const figures = modelFigures(data as ModelResult);
    return { result: data as ModelResult, figures };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return { problem: problem(file, `an sroi result with missing or invalid fields (${msg}): a damaged result; save the baseline again`) };
  }
}

/** Every result in a baseline folder, by model id, with a problem for each damaged file and each duplicate id. */
export function readBaseline(dir: string): Baseline {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new BaselineError(`${dir} is not a folder of saved results`);
    names = readdirSync(dir).sort();
  } catch (err) {
    if (err instanceof BaselineError) throw err;
    const why = readFailure(err, dir);
    throw new BaselineError(why === "no such file" ? `no results folder ${dir}` : `cannot read the results folder ${dir}: ${why}`);
  }
  const out: Baseline = { results: new Map(), figures: new Map(), problems: [] };
  const fileOf = new Map<string, string>();
  for (const name of names) {
    // Temporary files of a write that was interrupted are not results.
    if (!name.endsWith(".json") || name.startsWith(".sroi-tmp-")) continue;
    const file = join(dir, name);
    const got = readResultFile(file);
    if (got.problem) out.problems.push(got.problem);
    if (!got.result || !got.figures) continue;
    const id = got.result.model.id;
    const other = fileOf.get(id);
    if (other !== undefined) {
      out.problems.push(problem(file, `has the same model id "${id}" as ${other}; keep one of them`));
      // Neither wins: comparing against either would be a guess.
      out.results.delete(id);
      out.figures.delete(id);
      continue;
    }
    fileOf.set(id, file);
    out.results.set(id, got.result);
    out.figures.set(id, got.figures);
  }
  return out;
}
