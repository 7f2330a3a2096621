// -o FILE: where a report or workbook goes. Never over a model the command reads, never over a folder,
// and into a folder that exists (the write itself is atomic: temp file + rename).
import { existsSync, statSync } from "node:fs";
import { dirname, extname, resolve } from "node:path";
import { UsageError } from "./exit.js";

export function outputFile(file: string, inputs: string[], ext?: string): void {
  if (ext && extname(file).toLowerCase() !== ext) throw new UsageError(`-o ${file}: the file name should end in ${ext}`);
  if (/\.ya?ml$/i.test(file)) throw new UsageError(`-o ${file}: refusing to write a report to a .yaml file (models are YAML)`);
  const target = resolve(file);
  if (inputs.some((f) => resolve(f) === target)) throw new UsageError(`-o ${file}: that is a model being read; choose another file`);
  if (existsSync(file) && !statSync(file).isFile()) throw new UsageError(`-o ${file}: not a regular file`);
  const dir = dirname(target);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`-o ${file}: no folder ${dirname(file)}`);
}
