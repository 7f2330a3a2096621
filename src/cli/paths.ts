// Which model files a command line names: files, folders (their *.yaml files, not sub-folders such
// as library/) and simple globs (*, ?, **) for shells that do not expand them. Nothing here throws on
// a bad entry: a dangling link or a link loop named *.yaml is passed on to the loader, which reports
// it as that model's problem, and a folder that cannot be read is a problem of its own.
import { readdirSync, realpathSync, statSync, type Dirent, type Stats } from "node:fs";
import { join, relative, sep } from "node:path";
import { readFailure } from "../load/read.js";
import { UsageError } from "./exit.js";
import type { Io } from "./io.js";

const MODEL_EXT = /\.ya?ml$/i;

export interface Expanded {
  files: string[];
  /** Patterns that matched nothing, and folders that could not be read, as problem lines. */
  missing: string[];
}

function statOrUndefined(p: string): Stats | undefined {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}

/** A folder's entries by name, or a problem line when it cannot be read. */
function listDir(dir: string, problems: string[]): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (err) {
    problems.push(`${dir}:1:1  (folder)  ${readFailure(err, dir).replace("no such file", "no such folder")}`);
    return [];
  }
}

/**
 * Whether a folder entry is a folder, following links as stat does (undefined when stat fails): from the
 * listing itself for a plain file or folder, so a folder of a thousand models costs no stat per file.
 */
function isFolder(dir: string, e: Dirent): boolean | undefined {
  if (e.isFile()) return false;
  if (e.isDirectory()) return true;
  return statOrUndefined(join(dir, e.name))?.isDirectory(); // a link, or a file system that gives no types
}

export interface ExpandOptions {
  /**
   * Also the models in a named folder's sub-folders, one level down (models/examples/), except
   * library/, which holds reference values, not models. `sroi check` uses it.
   */
  subfolders?: boolean;
}

/** Folders below a models folder that never hold models. */
const NOT_MODEL_FOLDERS = new Set(["library", "node_modules"]);

export function expandPaths(args: string[], opts: ExpandOptions = {}): Expanded {
  const files: string[] = [];
  const missing: string[] = [];
  for (const arg of args) {
    if (/[*?]/.test(arg)) {
      const before = missing.length;
      const hits = glob(arg, missing);
      if (hits.length === 0 && missing.length === before) missing.push(`${arg}  (file)  no model files match this pattern`);
      files.push(...hits);
    } else if (statOrUndefined(arg)?.isDirectory()) {
      // Entries that cannot be stat'ed (dangling links, link loops) are kept: the loader names them.
      const sub: string[] = [];
      for (const e of listDir(arg, missing)) {
        const f = e.name;
        const isDir = isFolder(arg, e);
        if (MODEL_EXT.test(f) && !isDir) files.push(join(arg, f));
        else if (isDir && opts.subfolders && !NOT_MODEL_FOLDERS.has(f) && !f.startsWith(".")) sub.push(join(arg, f));
      }
      for (const dir of sub) {
        for (const e of listDir(dir, missing)) if (MODEL_EXT.test(e.name) && !isFolder(dir, e)) files.push(join(dir, e.name));
      }
    } else files.push(arg); // a missing file is reported by the loader, with the others still running
  }
  return { files: [...new Set(files)], missing };
}

/** The model files a command names; patterns that match nothing are reported, none at all is a usage error. */
export function modelFiles(args: string[], io: Io, verb: string, opts: ExpandOptions = {}): Expanded {
  const found = expandPaths(args, opts);
  for (const m of found.missing) io.err(`${m}\n`);
  if (found.files.length === 0) throw new UsageError(`no model files to ${verb}`);
  return found;
}

function glob(pattern: string, problems: string[]): string[] {
  const parts = pattern.split(/[\\/]/);
  const firstWild = parts.findIndex((p) => /[*?]/.test(p));
  const base = parts.slice(0, firstWild).join("/") || (pattern.startsWith("/") ? "/" : ".");
  const re = globRegExp(parts.slice(firstWild).join("/"));
  if (!statOrUndefined(base)?.isDirectory()) return [];
  const out: string[] = [];
  // Real paths of the folders walked: a link back up the tree is followed once, never in a loop.
  const seen = new Set<string>();
  const walk = (dir: string) => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch (err) {
      problems.push(`${dir}:1:1  (folder)  ${readFailure(err, dir)}`);
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    for (const e of listDir(dir, problems)) {
      const full = join(dir, e.name);
      if (isFolder(dir, e)) walk(full);
      else if (re.test(relative(base, full).split(sep).join("/"))) out.push(full);
    }
  };
  walk(base);
  return out;
}

/** "**\/" spans folders, "*" and "?" stay within one name. */
export function globRegExp(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (pattern.startsWith("**/", i)) {
      re += "(?:.*/)?";
      i += 2;
    } else if (ch === "*") re += "[^/]*";
    else if (ch === "?") re += "[^/]";
    else re += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}
