// Writing results to disk: atomic (a temporary file in the same folder, then a rename), and never
// over a file that is not an earlier sroi result (so a model can never be overwritten).
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { RESULT_SCHEMA, type ModelResult } from "../engine/result.js";

export class SaveError extends Error {}

/** Writes `text` to `file` so that a reader sees the old file or the whole new one, never a part. */
export function writeAtomic(file: string, text: string | Uint8Array): void {
  const dir = dirname(file);
  const tmp = join(dir, `.sroi-tmp-${process.pid}-${Date.now()}-${basename(file)}`);
  const fd = openSync(tmp, "wx");
  try {
    try {
      if (typeof text === "string") writeSync(fd, text);
      else writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (err) {
    // A failed write (disk full, interrupted) must not leave a half temporary file behind either.
    rmSync(tmp, { force: true });
    throw err;
  }
}

function isSroiResult(file: string): boolean {
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as { schema?: unknown };
    return data.schema === RESULT_SCHEMA;
  } catch {
    return false;
  }
}

/** Saves each result as <dir>/<model id>.json; refuses to replace anything that is not an sroi result. */
export function saveResults(dir: string, results: ModelResult[], modelFiles: string[]): string[] {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new SaveError(`--save needs a folder, and ${dir} is a file`);
  // Results never go next to the models they come from: a later `sroi run DIR` or a careless clean-up
  // there would mix the two.
  const modelDirs = new Set(modelFiles.map((f) => dirname(resolve(f))));
  if (modelDirs.has(resolve(dir))) throw new SaveError(`refusing to save into ${dir}: it holds the models being run; save to a folder of its own`);
  mkdirSync(dir, { recursive: true });
  const inputs = new Set(modelFiles.map((f) => resolve(f)));
  const written: string[] = [];
  const planned = results.map((r) => ({ r, file: join(dir, `${r.model.id}.json`) }));
  for (const { file } of planned) {
    if (inputs.has(resolve(file))) throw new SaveError(`refusing to write ${file}: it is one of the models being run`);
    if (existsSync(file) && !isSroiResult(file)) {
      throw new SaveError(`refusing to overwrite ${file}: it is not an sroi result (schema ${RESULT_SCHEMA})`);
    }
  }
  const ids = planned.map((p) => p.file);
  const dup = ids.find((f, i) => ids.indexOf(f) !== i);
  if (dup) throw new SaveError(`two models have the id of ${basename(dup, ".json")}; give one a meta.id`);
  for (const { r, file } of planned) {
    writeAtomic(file, JSON.stringify(r, null, 2) + "\n");
    written.push(file);
  }
  return written;
}

/** Reads the results saved in a folder by `sroi run --save`, by model id. */
export function readSavedResults(dir: string): Map<string, ModelResult> {
  const out = new Map<string, ModelResult>();
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new SaveError(`no results folder ${dir}`);
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith(".json")) continue;
    try {
      const data = JSON.parse(readFileSync(join(dir, name), "utf8")) as ModelResult;
      if (data.schema === RESULT_SCHEMA) out.set(data.model.id, data);
    } catch {
      // not a result file: not ours to read
    }
  }
  return out;
}
