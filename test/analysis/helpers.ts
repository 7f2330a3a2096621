// Loading a repository model and compiling it for the analysis tests.
import { join } from "node:path";
import { compileModel } from "../../src/analysis/load.js";
import { loadModel } from "../../src/load/load.js";

export const ROOT = join(import.meta.dirname, "..", "..");

export function compiledModel(name: string) {
  const loaded = loadModel(join(ROOT, "models", `${name}.yaml`));
  if (!loaded.model) throw new Error(`${name}: ${loaded.problems.map((p) => p.message).join("; ")}`);
  const compiled = compileModel(loaded.model);
  const ref = { id: loaded.model.id, title: loaded.model.title };
  const none = new Float64Array(compiled.numbers.length).fill(NaN);
  return { model: loaded.model, compiled, ref, none };
}
