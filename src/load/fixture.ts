// Reading fixtures/<model>.yaml (published figures) with positions for its problems.
import { existsSync, lstatSync, readdirSync, realpathSync } from "node:fs";
import { basename, dirname, extname, join, resolve, sep } from "node:path";
import { isInside, projectRoot } from "./load.js";
import { readPrinted, PrintedParseError } from "../check/published.js";
import { acceptFixture } from "../schema/accept.generated.js";
import { fixtureSchemas, type FixtureDoc } from "../schema/fixture.js";
import type { Problem } from "./problems.js";
import { readSourceFile, type ReadAhead } from "./source.js";
import { validateWith } from "./validate.js";

export interface LoadedFixture {
  file: string;
  fixture?: FixtureDoc;
  /** Absolute path of the model the fixture is for. */
  modelPath?: string;
  problems: Problem[];
}

function realOr(p: string): string {
  try {
    return realpathSync.native(p); // one system call, where the JavaScript one lstats every folder on the way
  } catch {
    return resolve(p);
  }
}

/**
 * A fixture's real path. Its folder's real path is found once per folder and process (a batch checks a
 * thousand fixtures of one folder; a real path costs a system call per folder on the way), then joined
 * with its name, unless the file itself is a link.
 */
function realFile(p: string): string {
  let link: boolean;
  try {
    link = lstatSync(p, { throwIfNoEntry: false })?.isSymbolicLink() ?? true;
  } catch {
    link = true;
  }
  if (link) return realOr(p); // a link, or no such file: as before
  const dir = dirname(resolve(p));
  let real = realDirs.get(dir);
  if (real === undefined) realDirs.set(dir, (real = realOr(dir)));
  return join(real, basename(p));
}
const realDirs = new Map<string, string>();

/**
 * Reads a fixture. With `forModel`, the fixture's real path must lie inside that model's project, or
 * inside the fixtures folder as laid out next to the models folder, or inside the folder named with
 * --fixtures (`fixturesDir`); checked before anything is read. Its `model:` must name that model.
 * A fixture `ahead` has read already is taken from it.
 */
export function loadFixture(file: string, forModel?: string, fixturesDir?: string, ahead?: ReadAhead): LoadedFixture {
  if (forModel !== undefined) {
    const real = fixtureOutside(file, forModel, fixturesDir);
    if (real !== undefined) {
      const problem: Problem = { file, line: 1, col: 1, path: [], message: `fixture file outside the project (it leads to ${real}); not read`, severity: "error" };
      return { file, problems: [problem] };
    }
  }
  const { doc, problems } = readSourceFile(file, ahead);
  if (!doc) return { file, problems };
  const v = validateWith(doc, acceptFixture, () => fixtureSchemas().Fixture);
  if (!v.data) return { file, problems: v.problems };
  // A published figure sroi cannot read is a fixture problem (at its line), not a failed check.
  const unreadable: Problem[] = [];
  v.data.figures.forEach((f, i) => {
    try {
      readPrinted(f.published, v.data!.locale ?? "nl");
    } catch (err) {
      if (!(err instanceof PrintedParseError)) throw err;
      const path = ["figures", i, "published"];
      const pos = doc.locate(path);
      unreadable.push({ file, line: pos?.line, col: pos?.col, path, message: err.message, severity: "error" });
    }
  });
  if (unreadable.length > 0) return { file, problems: unreadable };
  // The model path is relative to the folder that holds fixtures/ (the repository root).
  const modelPath = resolve(dirname(file), "..", v.data.model);
  if (forModel !== undefined && !namesModel(v.data.model, modelPath, forModel)) {
    const pos = doc.locate(["model"]) ?? { line: 1, col: 1 };
    const problem: Problem = {
      file,
      line: pos.line,
      col: pos.col,
      path: ["model"],
      message: `this fixture is for ${v.data.model}, but it is checked against ${forModel}`,
      hint: "a fixture's model: names the model file its figures were published for",
      severity: "error",
    };
    return { file, problems: [problem] };
  }
  return { file, fixture: v.data, modelPath, problems: [] };
}

/**
 * Where a model's fixture leads when that is outside where it may be read (the model's project, the
 * fixtures folder next to the models folder, the folder named with --fixtures); undefined when inside.
 */
export function fixtureOutside(file: string, forModel: string, fixturesDir?: string): string | undefined {
  const real = realFile(file);
  const root = projectRoot(dirname(resolve(forModel)));
  const inside =
    isInside(real, root) ||
    isInside(real, defaultFixturesDir(forModel)) ||
    (fixturesDir !== undefined && (isInside(real, resolve(fixturesDir)) || isInside(real, realOr(fixturesDir))));
  return inside ? undefined : real;
}

/** Whether a fixture's `model:` names this model file: the same real file, or (with fixtures kept
 *  elsewhere, --fixtures) a path whose trailing folders and name are the model's. */
function namesModel(written: string, resolved: string, modelFile: string): boolean {
  if (resolved === resolve(modelFile)) return true; // the same path is the same file: no system call (a batch asks this per model)
  const model = realOr(modelFile);
  if (realOr(resolved) === model) return true;
  const tail = written.split(/[\\/]/).filter((s) => s !== "" && s !== ".");
  if (tail.includes("..")) return false;
  return model.split(sep).slice(-tail.length).join("/") === tail.join("/");
}

/** The fixture for a model file: <fixturesDir>/<model name>.yaml, by default in the fixtures/ folder
 *  next to the models folder; undefined when there is none. */
export function fixtureFileFor(modelFile: string, fixturesDir?: string): string | undefined {
  // A model in a sub-folder of the models folder (models/examples/) has its fixture in the same
  // fixtures/ as the others, when there is none beside its own folder.
  const dirs = [fixturesDir ?? defaultFixturesDir(modelFile)];
  const above = join(dirname(resolve(modelFile)), "..", "..", "fixtures");
  if (fixturesDir === undefined && isInside(above, projectRoot(dirname(resolve(modelFile))))) dirs.push(above);
  for (const dir of dirs) {
    const candidate = join(dir, basename(modelFile, extname(modelFile)) + ".yaml");
    // lstat, not exists: a dangling link where the fixture should be is a fixture that cannot be read
    // (an error), not a model without published figures.
    // No exception for a missing file: a batch asks this of every model.
    try {
      if (lstatSync(candidate, { throwIfNoEntry: false })) return candidate;
    } catch {
      // unreadable folder: the next place
    }
  }
  return undefined;
}

/** The fixtures/ folder next to a model's folder. */
export function defaultFixturesDir(modelFile: string): string {
  return join(dirname(resolve(modelFile)), "..", "fixtures");
}

/** Every fixture file in a fixtures folder. */
export function fixtureFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
    .sort()
    .map((f) => join(dir, f));
}
