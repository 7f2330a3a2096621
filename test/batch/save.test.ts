// sroi run --save: results are written whole or not at all, and never over anything that is not an
// earlier sroi result, nor into the models folder itself.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RESULT_SCHEMA } from "../../src/engine/result.js";
import { readBaseline } from "../../src/diff/baseline.js";
import { copyRepo, sroi } from "../cli/capture.js";

describe("run --save", () => {
  it("writes one sroi result per model, and may replace its own earlier results", async () => {
    const dir = copyRepo();
    const out = join(dir, "results");
    const first = await sroi("run", join(dir, "models"), "--save", out, "--summary");
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/^saved \d+ results to /m);
    const saved = readBaseline(out).results;
    expect([...saved.keys()]).toEqual(expect.arrayContaining(["eijsden", "numansdorp"]));
    expect(saved.get("eijsden")!.schema).toBe(RESULT_SCHEMA);
    expect((await sroi("run", join(dir, "models"), "--save", out, "--summary")).code).toBe(0);
    expect(readdirSync(out).filter((f) => f.startsWith(".sroi-tmp-"))).toEqual([]);
  });

  it("refuses to overwrite a file of the same name that is not an sroi result", async () => {
    const dir = copyRepo();
    const out = join(dir, "results");
    mkdirSync(out);
    writeFileSync(join(out, "eijsden.json"), '{"mine": true}\n');
    writeFileSync(join(out, "numansdorp.json"), "not json at all\n");
    const r = await sroi("run", join(dir, "models"), "--save", out, "--summary");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing to overwrite .*eijsden\.json: it is not an sroi result/);
    expect(readFileSync(join(out, "eijsden.json"), "utf8")).toBe('{"mine": true}\n');
    expect(readFileSync(join(out, "numansdorp.json"), "utf8")).toBe("not json at all\n");
    // Nothing was written: the refusal comes before the first file.
    expect(readdirSync(out).sort()).toEqual(["eijsden.json", "numansdorp.json"]);
  });

  it("refuses to save into the models folder itself", async () => {
    const dir = copyRepo();
    const models = join(dir, "models");
    const before = readdirSync(models).sort();
    const r = await sroi("run", models, "--save", models, "--summary");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing to save into .*models: it holds the models being run/);
    expect(readdirSync(models).sort()).toEqual(before);
  });

  it("refuses a --save path that is a file", async () => {
    const dir = copyRepo();
    const r = await sroi("run", join(dir, "models", "eijsden.yaml"), "--save", join(dir, "models", "numansdorp.yaml"), "--format", "json");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--save needs a folder/);
    expect(readFileSync(join(dir, "models", "numansdorp.yaml"), "utf8")).toMatch(/^# yaml-language-server: .*\n# Impactstudie/);
  });
});

describe("readBaseline", () => {
  it("reads sroi results by model id, leaves other tools' files alone and names a damaged one", async () => {
    const dir = copyRepo();
    const out = join(dir, "results");
    await sroi("run", join(dir, "models", "eijsden.yaml"), "--save", out, "--format", "json");
    writeFileSync(join(out, "notes.json"), '{"schema": "something-else/1"}');
    writeFileSync(join(out, "broken.json"), "{");
    writeFileSync(join(out, "readme.txt"), "hello");
    const read = readBaseline(out);
    expect([...read.results.keys()]).toEqual(["eijsden"]);
    expect(read.problems.map((p) => [p.file, p.line, p.col, p.message])).toEqual([
      [join(out, "broken.json"), 1, 2, "not valid JSON (truncated or damaged); save the baseline again"],
    ]);
    expect(() => readBaseline(join(dir, "nowhere"))).toThrow(/no results folder/);
    expect(existsSync(join(out, "eijsden.json"))).toBe(true);
  });
});
