// The proof the shared library asks for: change ONE library entry in a copy of models/, re-run with
// `sroi diff` against results saved before, and exactly the reports that cite it move, by the amount the
// engine's method implies:
//
//   present value of an outcome = extra participants x impact claim (50%) x weighted value x annuity,
//   weighted value = sum(participants x value) / participants of the activities that carry the domain,
//   annuity = 1 + 1/1,035 + ... + 1/1,035^4 = 4,6730792 (3,5% over 2026-2030, 2026 undiscounted).
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { DiffOutput } from "../../src/render/diff.js";
import type { ModelDiff } from "../../src/diff/diff.js";
import type { ModelResult } from "../../src/engine/result.js";
import { copyRepo, edit, sroi } from "../cli/capture.js";

const ANNUITY = [0, 1, 2, 3, 4].reduce((a, t) => a + 1.035 ** -t, 0);
// Extra participants per year: Eijsden Tabel 5 (current, fulltime); Numansdorp Tabel 3
// (30.482 - 17.127,2 unique participants) x 70%.
const EIJSDEN = { current: 471, fulltime: 1841 };
const NUMANSDORP = (152410 / 5 - 85636 / 5) * 0.7;

/** A fresh copy with every model's result saved, then one library edit, then `sroi diff --format json`. */
async function changeLibrary(from: string, to: string): Promise<Map<string, ModelDiff>> {
  const dir = copyRepo();
  const base = join(dir, "baseline");
  const saved = await sroi("run", join(dir, "models"), "--save", base, "--summary");
  expect(saved.code, saved.stderr).toBe(0);
  edit(join(dir, "models", "library", "studies.yaml"), from, to);
  const r = await sroi("diff", base, join(dir, "models"), "--format", "json");
  expect(r.code, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout) as DiffOutput;
  expect(out.summary.new + out.summary.gone + out.summary.failed).toBe(0);
  return new Map(out.models.map((m) => [m.model, m]));
}

function changeOf(d: ModelDiff | undefined, figure: string): number | null {
  const row = d?.rows.find((r) => r.figure === figure);
  return row ? row.change : null;
}

function changed(models: Map<string, ModelDiff>): string[] {
  return [...models.values()].filter((m) => m.status === "changed").map((m) => m.model).sort();
}

it("the annuity factor is 4,6730792", () => {
  expect(ANNUITY).toBeCloseTo(4.6730792, 7);
});

describe("kunst_en_cultuur health 845 -> 900", () => {
  let models: Map<string, ModelDiff>;
  beforeAll(async () => {
    models = await changeLibrary("health: 845 ", "health: 900 ");
  });

  it("moves exactly the reports that cite the study (Eijsden and Numansdorp)", () => {
    expect(changed(models)).toEqual(["eijsden", "numansdorp"]);
    const others = [...models.values()].filter((m) => m.model !== "eijsden" && m.model !== "numansdorp");
    expect(others.length).toBeGreaterThan(0); // the MOgroep, LPBL and 2diabeat models
    for (const m of others) expect(m.status, m.model).toBe("unchanged");
  });

  it("Eijsden: health moves by participants x 50% x (160 of 417 health participants x 55) x annuity", () => {
    const d = models.get("eijsden");
    // Greune Hart (160 participants) is the one Eijsden activity citing kunst_en_cultuur; 417
    // participants carry a health value (Tabel 7).
    const weighted = (160 * 55) / 417;
    expect(changeOf(d, "current.outcome.health_gain.weighted")).toBeCloseTo(weighted, 9);
    for (const [scenario, n] of [["current", EIJSDEN.current], ["fulltime", EIJSDEN.fulltime], ["fulltime_austerlitz", EIJSDEN.fulltime]] as const) {
      const pv = n * 0.5 * weighted * ANNUITY;
      expect(changeOf(d, `${scenario}.stakeholder.residents.benefits`)).toBeCloseTo(pv, 4);
      expect(changeOf(d, `${scenario}.benefits`)).toBeCloseTo(pv, 4);
    }
    expect(changeOf(d, "current.stakeholder.residents.benefits")).toBeCloseTo(23224, 0);
    // Only health moved: the other stakeholders' values and all inputs stay.
    const moved = d!.rows.map((r) => r.figure);
    expect(moved.filter((f) => /municipality|insurer|care_office|social_domain|zvw|wlz|input/.test(f))).toEqual([]);
  });

  it("Numansdorp: the weighted health value moves, but its present values do not (the model uses 600)", () => {
    const d = models.get("numansdorp")!;
    // Schilderworkshop, Haakworkshop and Handwerkclub: 624 + 624 + 780 = 2.028 of 13.354 health participants.
    expect(d.rows.map((r) => r.figure)).toEqual(["ambition.outcome.health_gain.weighted"]);
    expect(changeOf(d, "ambition.outcome.health_gain.weighted")).toBeCloseTo((2028 * 55) / 13354, 9);
  });
});

describe("kunst_en_cultuur zvw 274 -> 300", () => {
  let models: Map<string, ModelDiff>;
  beforeAll(async () => {
    models = await changeLibrary("zvw: 274 ", "zvw: 300 ");
  });

  it("moves the insurer's value in both reports that cite it, by what each report's activity mix implies", () => {
    expect(changed(models)).toEqual(["eijsden", "numansdorp"]);
    // Eijsden: Greune Hart 160 of 456 Zvw participants; Numansdorp: 2.028 of 6.764.
    const eijsden = (160 * 26) / 456;
    const numansdorp = (2028 * 26) / 6764;
    expect(changeOf(models.get("eijsden"), "current.outcome.zvw_savings.weighted")).toBeCloseTo(eijsden, 9);
    expect(changeOf(models.get("eijsden"), "current.stakeholder.insurer.benefits")).toBeCloseTo(EIJSDEN.current * 0.5 * eijsden * ANNUITY, 4);
    expect(changeOf(models.get("eijsden"), "fulltime.stakeholder.insurer.benefits")).toBeCloseTo(EIJSDEN.fulltime * 0.5 * eijsden * ANNUITY, 4);
    expect(changeOf(models.get("numansdorp"), "ambition.outcome.zvw_savings.weighted")).toBeCloseTo(numansdorp, 9);
    expect(changeOf(models.get("numansdorp"), "ambition.stakeholder.insurer.benefits")).toBeCloseTo(NUMANSDORP * 0.5 * numansdorp * ANNUITY, 4);
    // Residents, municipality and care office do not move in either.
    for (const id of ["eijsden", "numansdorp"]) {
      expect(models.get(id)!.rows.filter((r) => /residents|municipality|care_office|health|wlz|social_domain/.test(r.figure))).toEqual([]);
    }
  });
});

describe("a library override stays local: maastricht_eenzaamheid zvw 482 -> 500", () => {
  let models: Map<string, ModelDiff>;
  beforeAll(async () => {
    models = await changeLibrary("zvw: 482 ", "zvw: 500 ");
  });

  it("moves Eijsden's Zvw figures (Inloop-café and Hoeskamer, 148 of 456 participants)", () => {
    const weighted = (148 * 18) / 456;
    expect(changeOf(models.get("eijsden"), "current.outcome.zvw_savings.weighted")).toBeCloseTo(weighted, 9);
    expect(changeOf(models.get("eijsden"), "current.stakeholder.insurer.benefits")).toBeCloseTo(EIJSDEN.current * 0.5 * weighted * ANNUITY, 4);
  });

  it("leaves Numansdorp, which overrides the study with its own 428, untouched", () => {
    expect(changed(models)).toEqual(["eijsden"]);
    expect(models.get("numansdorp")!.status).toBe("unchanged");
  });
});

describe("the override note", () => {
  it("sroi run shows Numansdorp's library override with both values (warning library-override)", async () => {
    const json = await sroi("run", join("models", "numansdorp.yaml"), "--format", "json");
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout).models[0].result as ModelResult;
    const notes = result.warnings.filter((w) => w.code === "library-override");
    expect(notes).toHaveLength(1);
    expect(notes[0]!.message).toMatch(/maastricht_eenzaamheid.*zvw: library 482, this model 428/);

    const table = await sroi("run", join("models", "numansdorp.yaml"), "--wide", "--lang", "en");
    expect(table.stdout).toMatch(/! overrides library study "maastricht_eenzaamheid" .* zvw: library 482, this model 428: Numansdorp's Tabel 4 prints EUR 428/);
  });

  it("Eijsden, which keeps the library's 482, has no override note", async () => {
    const result = JSON.parse((await sroi("run", join("models", "eijsden.yaml"), "--format", "json")).stdout).models[0].result as ModelResult;
    expect(result.warnings.filter((w) => w.code === "library-override")).toEqual([]);
  });
});
