// Which model files a command line names: files, folders (their *.yaml files, not sub-folders such
// as library/) and simple globs (*, ?, **) for shells that do not expand them.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { UsageError } from "./exit.js";
import type { Io } from "./io.js";

const MODEL_EXT = /\.ya?ml$/i;

export function expandPaths(args: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const arg of args) {
    if (/[*?]/.test(arg)) {
      const hits = glob(arg);
      if (hits.length === 0) missing.push(arg);
      files.push(...hits);
    } else if (existsSync(arg) && statSync(arg).isDirectory()) {
      files.push(
        ...readdirSync(arg)
          .filter((f) => MODEL_EXT.test(f) && statSync(join(arg, f)).isFile())
          .sort()
          .map((f) => join(arg, f)),
      );
    } else files.push(arg); // a missing file is reported by the loader, with the others still running
  }
  return { files: [...new Set(files)], missing };
}

/** The model files a command names; patterns that match nothing are reported, none at all is a usage error. */
export function modelFiles(args: string[], io: Io, verb: string): { files: string[]; missing: string[] } {
  const found = expandPaths(args);
  for (const m of found.missing) io.err(`${m}  (file)  no model files match this pattern\n`);
  if (found.files.length === 0) throw new UsageError(`no model files to ${verb}`);
  return found;
}

function glob(pattern: string): string[] {
  const parts = pattern.split(/[\\/]/);
  const firstWild = parts.findIndex((p) => /[*?]/.test(p));
  const base = parts.slice(0, firstWild).join("/") || ".";
  const re = globRegExp(parts.slice(firstWild).join("/"));
  if (!existsSync(base)) return [];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
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
