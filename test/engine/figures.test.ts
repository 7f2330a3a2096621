// figureOf (one figure by name, making only its scenario's figures) must answer as the map of every figure.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runFile } from "../../src/api.js";
import { figureOf, modelFigures, scenarioFigures } from "../../src/engine/figures.js";

const models = readdirSync("models").filter((f) => f.endsWith(".yaml")).map((f) => `models/${f}`);

describe("figureOf", () => {
  it("gives every figure of every model as modelFigures does, and nothing for a name it does not have", () => {
    for (const file of models) {
      const { result } = runFile(file);
      const fresh = () => structuredClone(result!); // a result of its own: nothing made for it yet
      const one = fresh();
      const all = modelFigures(fresh());
      expect(all.size).toBeGreaterThan(20);
      for (const [name, value] of all) expect(figureOf(one, name), `${file} ${name}`).toBe(value);
      const ids = one.scenarios.map((s) => s.id);
      for (const name of ["ratio", `${ids[0]}`, `${ids[0]}.`, `${ids[0]}.no_such_figure`, `no_such_scenario.ratio`, `${ids[0]}x.ratio`, "", ".ratio"]) {
        expect(figureOf(one, name), `${file} "${name}"`).toBeUndefined();
        expect(all.get(name)).toBeUndefined();
      }
    }
  });

  it("gives what scenarioFigures gives, and modelFigures made after it the same", () => {
    const { result } = runFile("models/eijsden.yaml");
    const r = structuredClone(result!);
    expect(r.scenarios.length).toBeGreaterThan(2);
    const name = `${r.scenarios[1]!.id}.ratio`;
    expect(figureOf(r, name)).toBe(scenarioFigures(r.scenarios[1]!).get(name));
    expect(modelFigures(r).get(name)).toBe(figureOf(r, name));
  });

  it("takes the last of two scenarios with one id, as the map of every figure does", () => {
    const { result } = runFile("models/eijsden.yaml");
    const r = structuredClone(result!);
    const twin = structuredClone(r.scenarios[1]!);
    twin.id = r.scenarios[0]!.id;
    twin.ratio = 123.25;
    r.scenarios.push(twin);
    const name = `${twin.id}.ratio`;
    expect(figureOf(structuredClone(r), name)).toBe(123.25);
    expect(modelFigures(r).get(name)).toBe(123.25);
  });
});
