// writeAtomic writes a temporary file and renames it: a failure on the way (disk full, interrupted)
// leaves the original file as it was and no half-written file behind.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";

// Which fs call should fail next (set by a test); the real fs does everything else.
const fail = vi.hoisted(() => ({ on: null as null | "writeSync" | "fsyncSync" | "renameSync" }));

vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const failing =
    <K extends "writeSync" | "fsyncSync" | "renameSync">(name: K) =>
    (...args: unknown[]) => {
      if (fail.on === name) throw Object.assign(new Error(`simulated ${name} failure`), { code: "EIO" });
      return (fs[name] as (...a: unknown[]) => unknown)(...args);
    };
  return { ...fs, writeSync: failing("writeSync"), fsyncSync: failing("fsyncSync"), renameSync: failing("renameSync") };
});

const { writeAtomic } = await import("../../src/batch/save.js");

const dirs: string[] = [];
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), "sroi-atomic-"));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  fail.on = null;
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("writeAtomic", () => {
  it("replaces the file when all goes well, leaving no temporary file", () => {
    const dir = scratch();
    const file = join(dir, "eijsden.json");
    writeFileSync(file, "old\n");
    writeAtomic(file, "new\n");
    expect(readFileSync(file, "utf8")).toBe("new\n");
    expect(readdirSync(dir)).toEqual(["eijsden.json"]);
  });

  it.each(["writeSync", "fsyncSync", "renameSync"] as const)("a %s failure before the rename leaves the original intact", (step) => {
    const dir = scratch();
    const file = join(dir, "eijsden.json");
    writeFileSync(file, "the original\n");
    fail.on = step;
    expect(() => writeAtomic(file, "x".repeat(100_000))).toThrow(`simulated ${step} failure`);
    expect(readFileSync(file, "utf8")).toBe("the original\n");
    expect(readdirSync(dir)).toEqual(["eijsden.json"]);
  });

  it("a failed first write leaves no file at all", () => {
    const dir = scratch();
    fail.on = "writeSync";
    expect(() => writeAtomic(join(dir, "new.json"), "{}")).toThrow();
    expect(readdirSync(dir)).toEqual([]);
  });
});
