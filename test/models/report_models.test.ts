// What the fixtures cannot assert about the report models: printed slips surface as warnings (with the
// printed and the computed figure), the quick scans carry their ±25% band, and the LPBL what-if knobs
// are variants of the forward look.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { runFile, modelFigures, type ModelResult, type PrintedFigureWarning } from "../../src/api.js";

const root = join(import.meta.dirname, "..", "..");

function run(name: string): ModelResult {
  const r = runFile(join(root, "models", `${name}.yaml`));
  expect(r.problems).toEqual([]);
  expect(r.result).toBeDefined();
  return r.result!;
}

function printedWarnings(result: ModelResult): PrintedFigureWarning[] {
  return result.warnings.filter((w): w is PrintedFigureWarning => w.code === "printed-figure");
}

function slip(result: ModelResult, figure: string): PrintedFigureWarning {
  const w = printedWarnings(result).find((x) => x.figure === figure);
  expect(w, `a printed-figure warning for ${figure}`).toBeDefined();
  return w!;
}

describe("printed slips become warnings", () => {
  it("Mentorproject: Kessler surplus 24.905 and total surplus 39.782 (computed 24.904 and 39.781)", () => {
    const result = run("mogroep_mentorproject");
    const kessler = slip(result, "one_year.stakeholder.kessler_foundation.net");
    expect(kessler.printed).toBe("€ 24.905");
    expect(kessler.computed).toBe(24904);
    expect(kessler.message).toContain("€ 24.905");
    expect(kessler.message).toContain("24904");
    const total = slip(result, "one_year.net");
    expect(total.printed).toBe("€ 39.782");
    expect(total.computed).toBe(39781);
    expect(total.message).toContain("39781");
    expect(printedWarnings(result)).toHaveLength(2);
  });

  it("Thuisbegeleiding: Beweging 3.0 surplus printed 19.970, its value is 17.970", () => {
    const result = run("mogroep_thuisbegeleiding");
    const w = slip(result, "one_year.stakeholder.beweging_3_0.net");
    expect(w.printed).toBe("€ 19.970");
    expect(w.computed).toBe(17970);
    expect(w.message).toContain("17970");
    expect(printedWarnings(result)).toHaveLength(1);
  });

  it("2diabeat scale-up: employers over 855 districts printed 177.477.421, computed 177.447.421", () => {
    const result = run("2diabeat_scale_up");
    const w = slip(result, "national_2030.stakeholder.employers.benefits");
    expect(w.printed).toBe("€ 177.477.421");
    expect(Math.round(w.computed!)).toBe(177447421);
    expect(w.message).toContain("177447421");
    expect(printedWarnings(result)).toHaveLength(1);
  });

  it.each(["mogroep_samenoud", "mogroep_meer_kracht_minder_zorg", "lpbl_de_kop", "2diabeat_wijdemeren", "2diabeat_vijlen"])(
    "%s runs without warnings",
    (name) => {
      expect(run(name).warnings).toEqual([]);
    },
  );
});

describe("quick-scan bands (±25%)", () => {
  it("Gezond Wijdemeren: 4,1 ±25% -> 3,07 to 5,12", () => {
    const result = run("2diabeat_wijdemeren");
    const s = result.scenarios.find((x) => x.id === "update_2024")!;
    expect(s.band?.share).toBe(0.25);
    expect(s.ratio).toBeCloseTo(8.6 / 2.1, 10);
    expect(s.band?.low).toBeCloseTo((0.75 * 8.6) / 2.1, 10);
    expect(s.band?.high).toBeCloseTo((1.25 * 8.6) / 2.1, 10);
    const f = modelFigures(result);
    expect(f.get("update_2024.band.low")).toBeCloseTo(3.071, 3);
    expect(f.get("update_2024.band.high")).toBeCloseTo(5.119, 3);
  });

  it("Blue Zone Vijlen: 2,3 ±25% -> 1,72 to 2,87", () => {
    const result = run("2diabeat_vijlen");
    const s = result.scenarios.find((x) => x.id === "five_years")!;
    expect(s.band?.share).toBe(0.25);
    expect(s.ratio).toBeCloseTo(912300 / 398000, 10);
    const f = modelFigures(result);
    expect(f.get("five_years.band.low")).toBeCloseTo(0.75 * (912300 / 398000), 10);
    expect(f.get("five_years.band.high")).toBeCloseTo(1.25 * (912300 / 398000), 10);
    expect(f.get("five_years.band.low")).toBeCloseTo(1.719, 3);
    expect(f.get("five_years.band.high")).toBeCloseTo(2.865, 3);
  });
});

describe("LPBL De Kop what-if knobs", () => {
  const result = run("lpbl_de_kop");
  const byId = new Map(result.scenarios.map((s) => [s.id, s]));

  it("the report's own scenarios are not variants", () => {
    expect(byId.get("retrospective_2018")?.variant).toBe(false);
    expect(byId.get("forward_look")?.variant).toBe(false);
  });

  it.each(["no_prevented_escalation", "broader_substitution", "extra_heavy_trajectories"])(
    "%s is a variant of the forward look",
    (id) => {
      const s = byId.get(id);
      expect(s?.variant).toBe(true);
      expect(s?.extends).toBe("forward_look");
    },
  );

  it("knob 1 removes exactly the prevented-escalation benefit", () => {
    const f = modelFigures(result);
    expect(f.get("forward_look.net")! - f.get("no_prevented_escalation.net")!).toBeCloseTo(84600, 6);
    expect(f.get("no_prevented_escalation.group.prevented_escalation.benefits")).toBe(0);
  });

  it("knob 3 lowers the saldo by 65.000", () => {
    const f = modelFigures(result);
    expect(f.get("forward_look.net")! - f.get("extra_heavy_trajectories.net")!).toBeCloseTo(65000, 6);
  });
});
