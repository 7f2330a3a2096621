// runBatch runs every model on its own (one bad model never stops the others); summaryRows gives one
// row per scenario, and one error row for a model that failed.
import { readFileSync, writeFileSync } from "node:fs";
import { Chalk } from "chalk";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBatch, summaryRows } from "../../src/batch/batch.js";
import { renderBatchSummary } from "../../src/render/batch.js";
import { copyRepo } from "../cli/capture.js";

describe("runBatch and summaryRows", () => {
  it("runs the good models around a bad one and summarises both", () => {
    const dir = copyRepo();
    const bad = join(dir, "models", "bad.yaml");
    writeFileSync(bad, "sroi: 1\nmeta: [\n");
    const runs = runBatch([join(dir, "models", "eijsden.yaml"), bad, join(dir, "models", "numansdorp.yaml")]);
    expect(runs.map((r) => r.result?.model.id ?? null)).toEqual(["eijsden", null, "numansdorp"]);
    expect(runs[1]!.problems[0]!.line).toBeGreaterThan(0);

    const rows = summaryRows(runs);
    expect(rows.map((r) => [r.model, r.scenario])).toEqual([
      ["eijsden", "current"],
      ["eijsden", "fulltime"],
      ["eijsden", "fulltime_austerlitz"],
      [null, null],
      ["numansdorp", "ambition"],
    ]);
    expect(rows[3]!.error).toMatch(/^line \d+: /);
    expect(rows[0]!.ratio).toBeCloseTo(6.17, 2);
    expect(rows[4]!.warnings).toBe(runs[2]!.result!.warnings.length);
  });

  it("records the library files each model read", () => {
    const dir = copyRepo();
    const runs = runBatch([join(dir, "models", "eijsden.yaml"), join(dir, "models", "numansdorp.yaml")]);
    // Both cite the same studies: the same library files, resolved to the same absolute paths.
    expect(runs[0]!.libraries).toEqual(runs[1]!.libraries);
    expect(runs[0]!.libraries.some((l) => l.endsWith(join("library", "studies.yaml")))).toBe(true);
  });
});

describe("the batch summary", () => {
  it("prints each model's amounts in its own currency", () => {
    const dir = copyRepo();
    const usd = join(dir, "models", "usd.yaml");
    writeFileSync(usd, readFileSync(join(dir, "models", "examples", "social_enterprise.yaml"), "utf8").replace("currency: EUR", "currency: USD"));
    const runs = runBatch([usd, join(dir, "models", "eijsden.yaml")]);
    const rows = summaryRows(runs);
    expect(rows.map((r) => r.currency)).toEqual(["USD", "USD", "EUR", "EUR", "EUR"]);
    const lines = renderBatchSummary(runs, { chalk: new Chalk({ level: 0 }), locale: "nl" }).split("\n");
    const usdLines = lines.filter((l) => l.includes("usd "));
    expect(usdLines).toHaveLength(2);
    for (const l of usdLines) {
      expect(l).toMatch(/US\$|USD|\$/);
      expect(l).not.toContain("€");
    }
    expect(lines.find((l) => l.includes("eijsden"))).toContain("€");
  });
});
