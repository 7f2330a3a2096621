// sroi migrate FILE: prints the model in the current language form; never writes the file.
import { readFileSync } from "node:fs";
import { migrateText } from "../../load/migrate.js";
import { UsageError } from "../exit.js";
import type { Io } from "../io.js";

export function migrateCommand(file: string, io: Io): number {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new UsageError(`migrate: cannot read ${file}`);
  }
  const m = migrateText(text);
  io.out(m.text);
  if (m.changes.length === 0) io.err(`${file}: already in the current form\n`);
  else for (const c of m.changes) io.err(`${file}: ${c}\n`);
  return 0;
}
