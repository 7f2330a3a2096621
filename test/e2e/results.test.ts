// Speed work must change no result: every model's JSON result, from the bundled CLI (bin/sroi, code cache,
// fast YAML path), byte for byte as committed in test/__snapshots__/results/ (first written by the code
// before the bundle and the fast parser). A deliberate change to a model or the engine updates them with
// `npx vitest run test/e2e/results.test.ts -u`, and the diff shows what moved.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");

describe("every model's JSON result", () => {
  // One batch run, with a code cache of its own; each model's result is compared on its own.
  const r = spawnSync(process.execPath, [join(ROOT, "bin", "sroi"), "run", "models", "-f", "json"], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: "1", XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), "sroi-results-")) },
  });
  const batch = JSON.parse(r.stdout) as { models: { file: string; result: unknown; problems: unknown[] }[] };

  it("streams the batch JSON model by model, byte for byte as one JSON.stringify of the whole", () => {
    expect(r.stdout).toBe(JSON.stringify(batch, null, 2) + "\n");
  });

  it("runs every model without a problem", () => {
    expect(r.status).toBe(0);
    expect(batch.models.length).toBeGreaterThanOrEqual(10);
    for (const m of batch.models) expect(m.problems, m.file).toEqual([]);
  });

  it.each(batch.models.map((m) => [basename(m.file, ".yaml"), m] as const))("%s is unchanged", async (name, m) => {
    await expect(JSON.stringify(m.result, null, 2) + "\n").toMatchFileSnapshot(join("..", "__snapshots__", "results", `${name}.json`));
  });
});
