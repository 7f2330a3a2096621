// Loading a model file: read, parse YAML with positions, validate the shape, read its library files,
// normalise. Returns the model or every problem, each with file:line:col; never throws for bad input.
import { existsSync, realpathSync } from "node:fs";
import { basename, dirname, extname, isAbsolute, join, resolve, relative, sep } from "node:path";
import { acceptLibrary, acceptModel } from "../schema/accept.generated.js";
import { schemas, type ModelDoc } from "../schema/model.js";
import type { NModel } from "../engine/model.js";
import { normalize, type LoadedLibrary, type RawProblem } from "./normalize.js";
import { formatPath, sortProblems, type Problem } from "./problems.js";
import { readTextFile } from "./read.js";
import { parseSource, readSourceFile, type PlainSource, type ReadAhead, type SourceDoc } from "./source.js";
import { validateWith } from "./validate.js";
import { BOUNDS_HINT, checkBounds } from "./bounds.js";

export interface Loaded {
  file: string;
  model?: NModel;
  problems: Problem[];
  /** Library files this model read (absolute paths), for batch reports. */
  libraries: string[];
  /** The parsed file, to place problems found later (while computing) at their line. */
  doc?: SourceDoc;
}

export interface LoadOptions {
  /** Folders outside the project whose files a model may name as library (--allow-path). */
  allowPaths?: string[];
}

type CacheEntry = { lib?: LoadedLibrary; doc?: SourceDoc; problems: Problem[] };

/** Library files are shared by many models in a batch: read each once. */
export class LibraryCache {
  private cache = new Map<string, CacheEntry>();
  /** Real paths of the allowed folders. */
  readonly allowed: string[];

  constructor(readonly options: LoadOptions = {}) {
    this.allowed = (options.allowPaths ?? []).map((d) => realOr(resolve(d)));
  }

  private reals = new Map<string, string>();

  /** Where a batch's model files are read and parsed ahead of their turn (src/batch/read-ahead.ts), if anywhere. */
  readAhead?: ReadAhead;

  /** A library path's real path, found once per batch (every model of a folder names the same files). */
  realPath(absPath: string): string {
    let real = this.reals.get(absPath);
    if (real === undefined) this.reals.set(absPath, (real = realOr(absPath)));
    return real;
  }

  get(absPath: string, shownAs: string): CacheEntry {
    const hit = this.cache.get(absPath);
    if (hit) return hit;
    const notLibrary: Problem[] = [{ file: shownAs, line: 1, col: 1, path: [], message: 'not an sroi library file (it has no "sroi-library: 1" line)', severity: "error" }];
    const text = readTextFile(absPath);
    let out: CacheEntry;
    if (typeof text !== "string") out = { problems: [{ file: shownAs, line: 1, col: 1, path: [], message: text.refused, severity: "error" }] };
    // Never echo what a file that is not a library holds (it may be any file a model names): not
    // even a YAML error, which can quote a key.
    else if (!/^\s*["']?sroi-library["']?\s*:/m.test(text)) out = { problems: notLibrary };
    else {
      const { doc, problems } = parseSource(absPath, text);
      out = doc ? this.validate(doc, shownAs, notLibrary) : { problems: problems.map((p) => ({ ...p, file: shownAs })) };
    }
    this.cache.set(absPath, out);
    return out;
  }

  private validate(doc: SourceDoc, shownAs: string, notLibrary: Problem[]): CacheEntry {
    const shown = { ...doc, file: shownAs };
    const data = doc.data as Record<string, unknown> | null;
    if (data === null || typeof data !== "object" || Array.isArray(data) || !("sroi-library" in data)) return { problems: notLibrary };
    const bounds = boundProblems(shown);
    const v = bounds.length > 0 ? { problems: bounds } : validateWith(shown, acceptLibrary, () => schemas().Library);
    return v.data ? { lib: { file: shownAs, doc: v.data }, doc: shown, problems: [] } : { problems: v.problems };
  }
}

/** The folder a model's library files must lie in: the nearest parent with package.json or .git, else the model's own folder. */
export function projectRoot(modelDir: string): string {
  // Asked for every model of a batch, mostly of the same folder: once per folder and process.
  let root = projectRoots.get(modelDir);
  if (root === undefined) projectRoots.set(modelDir, (root = findProjectRoot(modelDir)));
  return root;
}
const projectRoots = new Map<string, string>();

function findProjectRoot(modelDir: string): string {
  const start = realOr(modelDir);
  for (let dir = start; ; ) {
    if (existsSync(join(dir, "package.json")) || existsSync(join(dir, ".git"))) return dir;
    const up = dirname(dir);
    if (up === dir) return start;
    dir = up;
  }
}

export function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === "" || (!rel.startsWith(".." + sep) && rel !== ".." && !isAbsolute(rel));
}

function realOr(p: string): string {
  try {
    return realpathSync.native(p); // one system call, where the JavaScript one lstats every folder on the way
  } catch {
    return p;
  }
}

function boundProblems(doc: SourceDoc): Problem[] {
  return checkBounds(doc.data).map((b) => {
    const pos = (b.key ? doc.locateKey(b.path) : doc.locate(b.path)) ?? { line: 1, col: 1 };
    return { file: doc.file, line: pos.line, col: pos.col, path: b.path, message: b.message, hint: BOUNDS_HINT, severity: "error" as const };
  });
}

export function loadModel(file: string, cache = new LibraryCache()): Loaded {
  const { doc, problems, ahead } = readSourceFile(file, cache.readAhead);
  if (!doc) return { file, problems: problems.map((p) => ({ ...p, file })), libraries: [] };
  return loadDoc(file, doc, cache, ahead);
}

/** The same, for model text that is not in a file (tests, editors); library paths resolve from cwd. */
export function loadModelText(file: string, text: string, cache = new LibraryCache()): Loaded {
  const { doc, problems } = parseSource(file, text);
  if (!doc) return { file, problems, libraries: [] };
  return loadDoc(file, doc, cache);
}

/** `ahead`: a file the batch's read-ahead read, with what it checked (bounds, validation, the model's own rules) and found. */
function loadDoc(file: string, doc: SourceDoc, cache: LibraryCache, ahead?: PlainSource): Loaded {
  const bounds = ahead ? [] : boundProblems(doc);
  if (bounds.length > 0) return { file, problems: bounds, libraries: [] };
  const shaped = ahead?.validated ? { data: doc.data as ModelDoc, problems: [] } : validateWith(doc, acceptModel, () => schemas().Model);
  if (!shaped.data) return { file, problems: sortProblems(shaped.problems), libraries: [] };

  const libraries: LoadedLibrary[] = [];
  const libPaths: string[] = [];
  const libProblems: Problem[] = [];
  const libDocs = new Map<string, SourceDoc>();
  const modelDir = dirname(resolve(file));
  const root = shaped.data.library?.length ? projectRoot(modelDir) : modelDir;
  shaped.data.library?.forEach((rel, i) => {
    const abs = resolve(modelDir, rel);
    libPaths.push(abs);
    const shownAs = relative(process.cwd(), abs) || abs;
    // Checked before anything is read: a model under review is untrusted input, and a library path
    // must not be a way to read (or probe) files elsewhere on the machine.
    const real = cache.realPath(abs);
    if (!isInside(real, root) && !cache.allowed.some((d) => isInside(real, d))) {
      const pos = doc.locate(["library", i]) ?? { line: 1, col: 1 };
      libProblems.push({
        file,
        line: pos.line,
        col: pos.col,
        path: ["library", i],
        message: `library file outside the project: ${rel} (the project is ${root}); not read`,
        hint: "keep library files inside the project, or allow a folder with --allow-path DIR",
        severity: "error",
      });
      return;
    }
    const got = cache.get(abs, shownAs);
    if (got.lib) libraries.push(got.lib);
    if (got.doc) libDocs.set(got.doc.file, got.doc);
    for (const p of got.problems) {
      // A missing library file is the model's problem: point at the line that names it.
      if (p.message === "no such file") {
        const pos = doc.locate(["library", i]);
        libProblems.push({ file, line: pos?.line, col: pos?.col, path: ["library", i], message: `library file not found: ${rel} (looked for ${shownAs})`, severity: "error" });
      } else libProblems.push(p);
    }
  });
  if (libProblems.length > 0) return { file, problems: sortProblems(libProblems), libraries: libPaths };

  const n = normalize(shaped.data, modelIdFromFile(file), libraries, { rulesClean: ahead?.rulesClean ?? false });
  const notation = dutchThousands(doc);
  const errors = notation.filter((x) => x.error);
  if (errors.length > 0 || !n.model) {
    const all = [...n.problems, ...errors.map((x) => ({ path: x.path, message: x.message, hint: x.hint }))];
    return { file, problems: sortProblems(all.map((p) => positioned(p, doc, libDocs))), libraries: libPaths, doc };
  }
  for (const x of notation) {
    const field = formatPath(x.path);
    const detail = { kind: "notation" as const, field, written: x.text, read_as: Number(x.text), whole: x.text.replace(/\./g, "") };
    n.model.libraryNotes.push({ code: "number-notation", detail, message: `${field}: ${x.message}; ${x.hint}` });
  }
  return { file, model: n.model, problems: sortProblems(n.problems.map((p) => positioned(p, doc, libDocs))), libraries: libPaths, doc };
}

// YAML reads 25.000 as 25: a Dutch user's twenty-five thousand becomes twenty-five without a word.
const DOTTED_THOUSANDS = /^-?[1-9]\d{0,2}(\.\d{3})+$/;
/** Where a number is money or a count (a dotted-thousands look there is an error, elsewhere a warning). */
const MONEY_OR_COUNT = [
  /^inputs\.\d+\.(amount|per_year\.\d+)$/,
  /^outcomes\.\d+\.(amount|value|quantity|baseline)$/,
  /^activities\.\d+\.(participants|values\.\w+)$/,
  /^counterfactual\.participants\.\w+$/,
  /^scenarios\.\d+\.participants\.\w+$/,
  /^library_overrides\.\w+\.values?(\.\w+)?$/,
];

// A parameter's unit says whether it is money or a count; without one it is only warned about.
// (\u20ac: the euro sign; cli\u00ebnt: cliënt. Escaped so the bundle stays ASCII, see scripts/build.mjs.)
const MONEY_OR_COUNT_UNIT = /eur|\u20ac|usd|\$|inhabitant|inwoner|person|people|participant|deelnemer|count|aantal|clients?\b|cli\u00ebnt/i;

function parameterIsMoneyOrCount(data: unknown, path: (string | number)[]): boolean {
  const [block, name] = path;
  if ((block !== "parameters" && block !== "baselines" && block !== "scenarios") || typeof name !== "string" && block !== "scenarios") return false;
  const root = data as Record<string, Record<string, unknown> | undefined>;
  const paramName = block === "scenarios" ? (path[2] === "parameters" ? path[3] : undefined) : name;
  if (typeof paramName !== "string") return false;
  const p = root.parameters?.[paramName] ?? root.baselines?.[paramName];
  const unit = typeof p === "object" && p !== null ? (p as { unit?: unknown }).unit : undefined;
  return typeof unit === "string" && MONEY_OR_COUNT_UNIT.test(unit);
}

function dutchThousands(doc: SourceDoc): { path: (string | number)[]; text: string; message: string; hint: string; error: boolean }[] {
  return doc
    .numberTexts()
    .filter((n) => DOTTED_THOUSANDS.test(n.text))
    .map((n) => {
      const error = MONEY_OR_COUNT.some((re) => re.test(n.path.join("."))) || parameterIsMoneyOrCount(doc.data, n.path);
      const whole = n.text.replace(/\./g, "");
      return {
        path: n.path,
        text: n.text,
        error,
        message: `${n.text} is read as ${Number(n.text)}, not ${whole}: YAML numbers use a decimal point`,
        hint: error ? `write ${whole}` : `write ${whole} if thousands are meant, or quote it ("${n.text}") to keep ${Number(n.text)}`,
      };
    });
}

/** The id a model gets from its file name when it has no meta.id: "models/2diabeat-x.yaml" -> "2diabeat_x". */
export function modelIdFromFile(file: string): string {
  return basename(file, extname(file)).replace(/[^a-z0-9_]/gi, "_").toLowerCase();
}

/** Gives a normaliser or engine problem its file position. */
export function positioned(p: RawProblem, doc: SourceDoc, libDocs?: Map<string, SourceDoc>): Problem {
  if (p.file) {
    // A problem in a library file (a study defined twice): at its line there, or the file's start.
    const pos = libDocs?.get(p.file)?.locateKey(p.path) ?? { line: 1, col: 1 };
    return { file: p.file, line: pos.line, col: pos.col, path: p.path, message: p.message, hint: p.hint, severity: "error" };
  }
  const pos = doc.locate(p.path);
  return {
    file: doc.file,
    line: pos?.line ?? 1,
    col: pos ? (p.offset !== undefined ? pos.col + p.offset : pos.col) : 1,
    path: p.path,
    message: p.message,
    hint: p.hint,
    severity: "error",
  };
}
