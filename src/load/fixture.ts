// Reading fixtures/<model>.yaml (published figures) with positions for its problems.
import { existsSync, readdirSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { readPrinted, PrintedParseError } from "../check/published.js";
import { Fixture, type FixtureDoc } from "../schema/fixture.js";
import type { Problem } from "./problems.js";
import { readSourceFile } from "./source.js";
import { validateWith } from "./validate.js";

export interface LoadedFixture {
  file: string;
  fixture?: FixtureDoc;
  /** Absolute path of the model the fixture is for. */
  modelPath?: string;
  problems: Problem[];
}

export function loadFixture(file: string): LoadedFixture {
  const { doc, problems } = readSourceFile(file);
  if (!doc) return { file, problems };
  const v = validateWith(Fixture, doc);
  if (!v.data) return { file, problems: v.problems };
  // A published figure sroi cannot read is a fixture problem (at its line), not a failed check.
  const unreadable: Problem[] = [];
  v.data.figures.forEach((f, i) => {
    try {
      readPrinted(f.published, v.data!.locale ?? "nl");
    } catch (err) {
      if (!(err instanceof PrintedParseError)) throw err;
      const path = ["figures", i, "published"];
      const pos = doc.locate(path);
      unreadable.push({ file, line: pos?.line, col: pos?.col, path, message: err.message, severity: "error" });
    }
  });
  if (unreadable.length > 0) return { file, problems: unreadable };
  // The model path is relative to the folder that holds fixtures/ (the repository root).
  return { file, fixture: v.data, modelPath: resolve(dirname(file), "..", v.data.model), problems: [] };
}

/** The fixture for a model file: <fixturesDir>/<model name>.yaml, by default in the fixtures/ folder
 *  next to the models folder; undefined when there is none. */
export function fixtureFileFor(modelFile: string, fixturesDir?: string): string | undefined {
  const dir = fixturesDir ?? join(dirname(resolve(modelFile)), "..", "fixtures");
  const candidate = join(dir, basename(modelFile, extname(modelFile)) + ".yaml");
  return existsSync(candidate) ? candidate : undefined;
}

/** Every fixture file in a fixtures folder. */
export function fixtureFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
    .sort()
    .map((f) => join(dir, f));
}
