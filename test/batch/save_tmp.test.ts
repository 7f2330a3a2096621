// Temporary files of an interrupted --save: a killed run's are removed by the next run, a live one's stay.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cleanStaleTemporaries } from "../../src/batch/save.js";
import { copyRepo, sroi } from "../cli/capture.js";

/** A process id that is certainly not running: a child that has already exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", "0"]).pid!;
}

describe("temporary files of --save", () => {
  it("removes those of dead processes and keeps those of live ones", () => {
    const dir = mkdtempSync(join(tmpdir(), "sroi-tmp-"));
    const dead = `.sroi-tmp-${deadPid()}-1-a.json`;
    const live = `.sroi-tmp-${process.ppid}-1-b.json`;
    for (const f of [dead, live, "keep.json"]) writeFileSync(join(dir, f), "{");
    expect(cleanStaleTemporaries(dir)).toEqual([dead]);
    expect(readdirSync(dir).sort()).toEqual([live, "keep.json"].sort());
  });

  it("are cleaned by the next run --save into that folder", async () => {
    const dir = copyRepo();
    const out = join(dir, "results");
    expect((await sroi("run", join(dir, "models", "eijsden.yaml"), "--save", out, "-f", "json")).code).toBe(0);
    const stale = join(out, `.sroi-tmp-${deadPid()}-1-eijsden.json`);
    writeFileSync(stale, '{"schema": "sroi-res');
    expect((await sroi("run", join(dir, "models", "eijsden.yaml"), "--save", out, "-f", "json")).code).toBe(0);
    expect(existsSync(stale)).toBe(false);
  });
});

describe("a signal during --save", () => {
  it("lets the write in progress finish whole, leaves no temporary file, and exits with the signal's status", () => {
    const dir = mkdtempSync(join(tmpdir(), "sroi-signal-"));
    const save = join(import.meta.dirname, "..", "..", "dist", "batch", "save.js");
    const script = `
      const { writeAtomic } = await import(${JSON.stringify(save)});
      writeAtomic(${JSON.stringify(join(dir, "first.json"))}, "{}");
      process.kill(process.pid, "SIGTERM");
      writeAtomic(${JSON.stringify(join(dir, "second.json"))}, "x".repeat(20_000_000));
      setTimeout(() => process.exit(0), 5000);
    `;
    const p = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(p.status).toBe(143);
    expect(readdirSync(dir).sort()).toEqual(["first.json", "second.json"]);
    expect(readFileSync(join(dir, "second.json"), "utf8").length).toBe(20_000_000);
  });
});
