// reference_indexation: library study values brought from their price year to the model's with the
// library's CBS CPI series (models/library/index.yaml), shown as warnings; a year the series does not
// have is a problem that names it.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { runFile } from "../../src/api.js";
import { modelFigures } from "../../src/engine/figures.js";
import { share } from "../../src/load/normalize.js";
import { formatProblem } from "../../src/load/problems.js";
import { copyRepo, REPO, sroi } from "../cli/capture.js";

const series = parse(readFileSync(join(REPO, "models", "library", "index.yaml"), "utf8")) as {
  index: { cpi: { source: string; rates: Record<string, string | number> } };
};
const rate = (year: number) => share(series.index.cpi.rates[String(year)]!);

/** A small model in a copy of models/ that reads study values as parameters. */
function model(priceYear: number, extraLibrary = ""): string {
  const dir = copyRepo();
  const file = join(dir, "models", "indexed.yaml");
  writeFileSync(
    file,
    `sroi: 1
meta:
  title: Indexation test
  source: { report: test }
  price_year: ${priceYear}
library: [library/studies.yaml, library/index.yaml${extraLibrary}]
reference_indexation: cpi
time:
  period: ${priceYear}
stakeholders:
  - { id: residents, name: Inwoners }
parameters:
  wandel: ref.wandelchallenge.health    # price year 2021
  kunst: ref.kunst_en_cultuur.health    # price year 2025
  lunch: ref.wijklunch.health           # no price year: never indexed
scenarios:
  - { id: base, name: Base }
`,
  );
  return file;
}

describe("the cpi series", () => {
  it("holds the CBS yearly CPI changes it cites, and names its source", () => {
    expect(series.index.cpi.source).toMatch(/CBS/);
    expect(series.index.cpi.source).toMatch(/83131NED/);
    expect(rate(2022)).toBeCloseTo(0.1, 12);
    expect(rate(2023)).toBeCloseTo(0.038, 12);
    expect(rate(2024)).toBeCloseTo(0.033, 12);
  });
});

describe("reference_indexation: cpi", () => {
  it("indexes each study from its price year: value x product of (1 + rate)", () => {
    const run = runFile(model(2024));
    expect(run.problems.map(formatProblem)).toEqual([]);
    const f = modelFigures(run.result!);
    // 2021 prices to 2024: the rates of 2022, 2023 and 2024.
    expect(f.get("base.param.wandel")).toBeCloseTo(950 * (1 + rate(2022)) * (1 + rate(2023)) * (1 + rate(2024)), 9);
    expect(f.get("base.param.wandel")).toBeCloseTo(950 * 1.1 * 1.038 * 1.033, 9);
    // 2025 prices back to 2024: divided by 2025's rate.
    expect(f.get("base.param.kunst")).toBeCloseTo(845 / (1 + rate(2025)), 9);
    expect(f.get("base.param.lunch")).toBe(367);
  });

  it("shows each indexation as a warning (code library-indexation) with its factor", () => {
    const run = runFile(model(2024));
    const notes = run.result!.warnings.filter((w) => w.code === "library-indexation");
    const factor = (1 + rate(2022)) * (1 + rate(2023)) * (1 + rate(2024));
    expect(notes.map((w) => w.message)).toEqual(
      expect.arrayContaining([
        `study "wandelchallenge" indexed from 2021 to 2024 prices with cpi: x${factor.toFixed(4)}`,
        `study "kunst_en_cultuur" indexed from 2025 to 2024 prices with cpi: x${(1 / (1 + rate(2025))).toFixed(4)}`,
      ]),
    );
    expect(notes.some((w) => w.message?.includes("wijklunch"))).toBe(false);
  });

  it("sroi run prints the indexation under the model's warnings", async () => {
    const r = await sroi("run", model(2024));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('! studie "wandelchallenge" geïndexeerd van prijspeil 2021 naar 2024 met cpi: x1,1795');
    const en = await sroi("run", model(2024), "--lang", "en");
    expect(en.stdout).toContain('! study "wandelchallenge" indexed from 2021 to 2024 prices with cpi: x1.1795');
  });

  it("a year the series does not have is a problem naming that year, at the model's line", async () => {
    const file = model(2024, ", library/old.yaml");
    writeFileSync(
      join(file, "..", "library", "old.yaml"),
      `sroi-library: 1
studies:
  old_study:
    name: An old study
    source: test
    price_year: 2010
    values: { health: 100 }
`,
    );
    const run = runFile(file);
    expect(run.result).toBeUndefined();
    expect(run.problems.map((p) => p.message)).toEqual([
      'index series "cpi" has no rate for 2011 (needed for study "old_study", price year 2010)',
    ]);
    const r = await sroi("run", file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/indexed\.yaml:7:\d+ {2}reference_indexation {2}index series "cpi" has no rate for 2011/);
  });
});
