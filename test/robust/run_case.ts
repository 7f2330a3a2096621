// Runs one hostile case in a scratch project (a folder with a package.json, so it is a project root)
// and asserts the error contract: the expected status and messages, every problem line
// `file:line:col  path  message` (or an `sroi:` usage line), no stack trace, no echoed secret.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { sroi } from "../cli/capture.js";
import type { HostileCase } from "./hostile_cases.js";

/** A problem line: `file:line:col  path  message`; a hint line; or a usage/summary line of sroi itself. */
export const PROBLEM_LINE = /^(\S.*:\d+:\d+ {2}\S.* {2}.+|  hint: .*|sroi: .+|saved \d+ results? to .+)$/;

export async function runCase(c: HostileCase): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "sroi-hostile-"));
  try {
    writeFileSync(join(dir, "package.json"), "{}\n");
    const args = c.setup(dir);
    const r = await sroi(...args);
    const codes = Array.isArray(c.code) ? c.code : [c.code];
    expect(codes, `exit status; stderr:\n${r.stderr.slice(0, 2000)}`).toContain(r.code);
    for (const re of c.stderr ?? []) expect(r.stderr).toMatch(re);
    for (const re of c.stdout ?? []) expect(r.stdout).toMatch(re);
    for (const re of c.never ?? []) {
      expect(r.stdout).not.toMatch(re);
      expect(r.stderr).not.toMatch(re);
    }
    const lines = r.stderr.split("\n").filter((l) => l !== "");
    for (const line of lines) expect(line.slice(0, 300)).toMatch(PROBLEM_LINE);
    expect(r.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
