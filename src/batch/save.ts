// Writing results to disk: atomic (a temporary file in the same folder, then a rename), and never
// over a file that is not an earlier sroi result (so a model can never be overwritten).
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { RESULT_SCHEMA, type ModelResult } from "../engine/result.js";
import { readTextFile } from "../load/read.js";

export class SaveError extends Error {}

const TMP_PREFIX = ".sroi-tmp-";

/** Temporary files being written now, removed if the process is interrupted (SIGINT, SIGTERM). */
const pending = new Set<string>();
let handlersInstalled = false;

function removePending(): void {
  for (const tmp of pending) rmSync(tmp, { force: true });
  pending.clear();
}

function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    process.once(signal, () => {
      removePending();
      process.exit(code);
    });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes temporary files that a killed run (kill -9, power loss) left in `dir`; those of a live process stay. */
export function cleanStaleTemporaries(dir: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = /^\.sroi-tmp-(\d+)-/.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid !== process.pid && alive(pid)) continue;
    if (pid === process.pid && pending.has(join(dir, name))) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

/** Writes `text` to `file` so that a reader sees the old file or the whole new one, never a part. */
export function writeAtomic(file: string, text: string | Uint8Array): void {
  const dir = dirname(file);
  const tmp = join(dir, `${TMP_PREFIX}${process.pid}-${Date.now()}-${basename(file)}`);
  installSignalHandlers();
  const fd = openSync(tmp, "wx");
  pending.add(tmp);
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
  } finally {
    pending.delete(tmp);
  }
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

function isSroiResult(file: string): boolean {
  // Read as every other file is (stat first): a FIFO or device named like a result must not hang the write.
  const text = readTextFile(file);
  if (typeof text !== "string") return false;
  try {
    const data = JSON.parse(text) as { schema?: unknown };
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
  // Compared on real paths: a link to the models folder is the models folder.
  const modelDirs = new Set(modelFiles.map((f) => real(dirname(resolve(f)))));
  const target = real(dir);
  if (modelDirs.has(target)) throw new SaveError(`refusing to save into ${dir}: it holds the models being run; save to a folder of its own`);
  const fixtureDirs = new Set([...modelDirs].map((d) => real(join(d, "..", "fixtures"))));
  if (fixtureDirs.has(target)) throw new SaveError(`refusing to save into ${dir}: it is the fixtures folder of the models being run; save to a folder of its own`);
  mkdirSync(dir, { recursive: true });
  cleanStaleTemporaries(dir);
  const inputs = new Set(modelFiles.map((f) => real(f)));
  const written: string[] = [];
  const planned = results.map((r) => ({ r, file: join(dir, `${r.model.id}.json`) }));
  for (const { file } of planned) {
    if (inputs.has(real(file))) throw new SaveError(`refusing to write ${file}: it is one of the models being run`);
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
