// Running the CLI in-process, with its output captured (no colour), for the command tests.
import { Chalk } from "chalk";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { run } from "../../src/cli/main.js";
import type { Io } from "../../src/cli/io.js";

export const REPO = join(import.meta.dirname, "..", "..");

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

export async function sroi(...args: string[]): Promise<Ran> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    out: (t) => void (stdout += typeof t === "string" ? t : Buffer.from(t).toString()),
    err: (t) => void (stderr += t),
    chalk: new Chalk({ level: 0 }),
    errChalk: new Chalk({ level: 0 }),
  };
  const code = await run(["node", "sroi", ...args], io);
  return { code, stdout, stderr };
}

const scratch: string[] = [];
// Registered in the root suite of every test file that imports this helper.
afterAll(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A scratch copy of the repository's models/ and fixtures/ (library included), to change freely. */
export function copyRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), "sroi-test-"));
  scratch.push(dir);
  cpSync(join(REPO, "models"), join(dir, "models"), { recursive: true });
  cpSync(join(REPO, "fixtures"), join(dir, "fixtures"), { recursive: true });
  // A project root, as the repository is: models/examples/ then finds its fixture in fixtures/.
  writeFileSync(join(dir, "package.json"), "{}\n");
  return dir;
}

/** Replaces one exact piece of text in a file; fails loudly when it is not there exactly once. */
export function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, "utf8");
  const hits = text.split(from).length - 1;
  if (hits !== 1) throw new Error(`expected "${from}" once in ${file}, found it ${hits} times`);
  writeFileSync(file, text.replace(from, to));
}
