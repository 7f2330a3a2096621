// No exception escapes a command: the top-level guard, --debug, and per-model isolation and time budget.
import { Chalk } from "chalk";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";

// A model whose run throws something unforeseen (standing in for any bug below the loader).
vi.mock("../../src/api.js", async (importOriginal) => {
  const api = await importOriginal<typeof import("../../src/api.js")>();
  return {
    ...api,
    runFile: (file: string, ...rest: unknown[]) => {
      if (file.endsWith("explode.yaml")) throw new TypeError("cannot read properties of undefined");
      return (api.runFile as (...a: unknown[]) => unknown)(file, ...rest);
    },
  };
});
import { runBatch } from "../../src/batch/batch.js";
import { run } from "../../src/cli/main.js";
import type { Io } from "../../src/cli/io.js";
import { BASE } from "./hostile_cases.js";

function failingIo(): Io & { errText: () => string } {
  let err = "";
  return {
    // Printing the report fails unexpectedly (a bug anywhere below the command looks the same).
    out: () => {
      throw new Error("boom in a renderer");
    },
    err: (t) => void (err += t),
    chalk: new Chalk({ level: 0 }),
    errChalk: new Chalk({ level: 0 }),
    errText: () => err,
  };
}

function scratchModel(): string {
  const dir = mkdtempSync(join(tmpdir(), "sroi-guard-"));
  writeFileSync(join(dir, "package.json"), "{}\n");
  const file = join(dir, "m.yaml");
  writeFileSync(file, BASE);
  return file;
}

describe("the top-level guard", () => {
  it("turns an unexpected exception into one line and exit 2, without a stack", async () => {
    const io = failingIo();
    expect(await run(["node", "sroi", "run", scratchModel()], io)).toBe(2);
    expect(io.errText()).toBe("sroi: internal error: boom in a renderer (run with --debug for the stack)\n");
  });

  it("shows the stack under --debug", async () => {
    const io = failingIo();
    expect(await run(["node", "sroi", "--debug", "run", scratchModel()], io)).toBe(2);
    expect(io.errText()).toMatch(/^sroi: internal error: boom in a renderer .*\nError: boom in a renderer\n\s+at /);
  });
});

describe("a batch", () => {
  it("isolates a model whose run throws: it becomes that model's problem and the others complete", () => {
    const good = scratchModel();
    const runs = runBatch([good, "explode.yaml", good]);
    expect(runs.map((r) => r.result !== undefined)).toEqual([true, false, true]);
    expect(runs[1]!.problems[0]).toMatchObject({
      file: "explode.yaml",
      line: 1,
      col: 1,
      message: "internal error: cannot read properties of undefined (run with --debug for the stack)",
    });
    expect(runs[1]!.problems[0]!.hint).toBeUndefined();
    expect(runBatch(["explode.yaml"], { debug: true })[0]!.problems[0]!.hint).toMatch(/^TypeError: cannot read properties of undefined\n\s+at /);
  });

  it("reports a model over its time budget and runs the rest", () => {
    const runs = runBatch([scratchModel(), scratchModel()], { timeoutSeconds: 1e-9 });
    for (const r of runs) {
      expect(r.result).toBeUndefined();
      expect(r.problems[0]!.message).toMatch(/^took \d+\.\d s, over the time budget of .* s per model$/);
    }
  });

  it("takes --timeout on the command line", async () => {
    let err = "";
    const io: Io = { out: () => {}, err: (t) => void (err += t), chalk: new Chalk({ level: 0 }), errChalk: new Chalk({ level: 0 }) };
    expect(await run(["node", "sroi", "validate", scratchModel(), "--timeout", "0.000000001"], io)).toBe(2);
    expect(err).toMatch(/m\.yaml:1:1  \(file\)  took \d+\.\d s, over the time budget/);
    expect(await run(["node", "sroi", "validate", scratchModel(), "--timeout", "soon"], io)).toBe(2);
  });
});
