// Which model files a command line names: files, folders (their *.yaml files, not sub-folders such
// as library/) and simple globs (*, ?, **) for shells that do not expand them. Nothing here throws on
// a bad entry: a dangling link or a link loop named *.yaml is passed on to the loader, which reports
// it as that model's problem, and a folder that cannot be read is a problem of its own.
import { readdirSync, realpathSync, statSync, type Stats } from "node:fs";
import { join, relative, sep } from "node:path";
import { readFailure } from "../load/source.js";
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

/** A folder's entries, or a problem line when it cannot be read. */
function listDir(dir: string, problems: string[]): string[] {
  try {
    return readdirSync(dir).sort();
  } catch (err) {
    problems.push(`${dir}:1:1  (folder)  ${readFailure(err, dir).replace("no such file", "no such folder")}`);
    return [];
  }
}

export function expandPaths(args: string[]): Expanded {
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
      for (const f of listDir(arg, missing)) if (MODEL_EXT.test(f) && !statOrUndefined(join(arg, f))?.isDirectory()) files.push(join(arg, f));
    } else files.push(arg); // a missing file is reported by the loader, with the others still running
  }
  return { files: [...new Set(files)], missing };
}

/** The model files a command names; patterns that match nothing are reported, none at all is a usage error. */
export function modelFiles(args: string[], io: Io, verb: string): Expanded {
  const found = expandPaths(args);
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
    for (const name of listDir(dir, problems)) {
      const full = join(dir, name);
      if (statOrUndefined(full)?.isDirectory()) walk(full);
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
