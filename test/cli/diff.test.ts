// sroi diff: the pure row computation on its own, then the command against results saved by run --save.
import { copyFileSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffFigures, diffModels, isHeadline } from "../../src/diff/diff.js";
import type { DiffOutput } from "../../src/render/diff.js";
import { copyRepo, edit, sroi } from "./capture.js";

const m = (o: Record<string, number>) => new Map(Object.entries(o));

describe("diffFigures", () => {
  it("lists only the figures that moved, the largest relative change first", () => {
    const rows = diffFigures(m({ a: 100, b: 10, c: 5, d: 1 }), m({ a: 110, b: 10, c: 4, d: 1.05 }));
    expect(rows.map((r) => r.figure)).toEqual(["c", "a", "d"]);
    expect(rows[0]).toEqual({ figure: "c", old: 5, new: 4, change: -1, relative: -0.2, status: "changed" });
    expect(rows[1]!.relative).toBeCloseTo(0.1, 12);
  });

  it("with all, also lists the figures that did not move, after those that did", () => {
    const rows = diffFigures(m({ a: 100, b: 10 }), m({ a: 110, b: 10 }), { all: true });
    expect(rows.map((r) => [r.figure, r.status, r.change])).toEqual([
      ["a", "changed", 10],
      ["b", "same", 0],
    ]);
  });

  it("ignores floating noise, not real changes", () => {
    expect(diffFigures(m({ a: 0.1 + 0.2 }), m({ a: 0.3 }))).toEqual([]);
    expect(diffFigures(m({ a: 1_000_000 }), m({ a: 1_000_000.01 }))).toHaveLength(1);
  });

  it("a move away from zero has no relative change but ranks first; equal relative changes rank by size", () => {
    const rows = diffFigures(m({ zero: 0, small: 10, big: 1000 }), m({ zero: 1, small: 11, big: 1100 }));
    expect(rows.map((r) => r.figure)).toEqual(["zero", "big", "small"]);
    expect(rows[0]!.relative).toBeNull();
  });

  it("figures on one side only come last, marked added or removed", () => {
    const rows = diffFigures(m({ a: 1, gone: 2 }), m({ a: 2, fresh: 3 }));
    expect(rows.map((r) => [r.figure, r.status])).toEqual([
      ["a", "changed"],
      ["fresh", "added"],
      ["gone", "removed"],
    ]);
    expect(rows[1]).toMatchObject({ old: null, new: 3, change: null, relative: null });
  });

  it("a negative baseline gives a relative change against its size", () => {
    expect(diffFigures(m({ a: -200 }), m({ a: -100 }))[0]!.relative).toBe(0.5);
  });
});

describe("diffModels", () => {
  it("reports changed, unchanged, new, gone and failed models", () => {
    const out = diffModels({
      baseline: new Map([["a", m({ x: 1 })], ["b", m({ x: 1 })], ["gone", m({ x: 1 })], ["broken", m({ x: 1 })]]),
      current: new Map([
        ["a", { file: "a.yaml", figures: m({ x: 2 }) }],
        ["b", { file: "b.yaml", figures: m({ x: 1 }) }],
        ["fresh", { file: "fresh.yaml", figures: m({ x: 1 }) }],
      ]),
      failed: new Map([["broken", "broken.yaml"]]),
    });
    expect(out.map((d) => [d.model, d.status, d.moved])).toEqual([
      ["a", "changed", 1],
      ["b", "unchanged", 0],
      ["fresh", "new", 0],
      ["broken", "failed", 0],
      ["gone", "gone", 0],
    ]);
  });
});

async function diffJson(...args: string[]): Promise<{ code: number; out: DiffOutput; stderr: string }> {
  const r = await sroi("diff", ...args, "--format", "json");
  return { code: r.code, out: JSON.parse(r.stdout) as DiffOutput, stderr: r.stderr };
}

describe("sroi diff", () => {
  it("shows nothing moved right after a save, and what moved after a model change, largest first", async () => {
    const dir = copyRepo();
    const base = join(dir, "baseline");
    const saved = await sroi("run", join(dir, "models"), "--save", base, "--summary");
    expect(saved.code).toBe(0);

    const same = await sroi("diff", base, join(dir, "models"));
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/^\d+ modellen: 0 veranderd \(0 cijfers veranderd\), \d+ ongewijzigd, 0 nieuw, 0 verdwenen$/m);

    edit(join(dir, "models", "eijsden.yaml"), "value: 87.5 ", "value: 97.5 ");
    const { code, out } = await diffJson(base, join(dir, "models"));
    expect(code).toBe(0);
    expect(out.schema).toBe("sroi-diff/1");
    expect(out.models.filter((d) => d.status === "changed").map((d) => d.model)).toEqual(["eijsden"]);
    const rows = out.models.find((d) => d.model === "eijsden")!.rows;
    // Inputs rise by 97,5 / 87,5: +11,43%; the ratios fall by 1 - 87,5 / 97,5 = 10,26%.
    expect(rows.find((r) => r.figure === "current.inputs")!.relative).toBeCloseTo(10 / 87.5, 9);
    const ratio = rows.find((r) => r.figure === "current.ratio")!;
    expect(ratio.relative).toBeCloseTo(87.5 / 97.5 - 1, 9);
    // Headline figures (ratios, totals, per-stakeholder ratios) first, each part largest change first.
    const headline = rows.filter((r) => isHeadline(r.figure));
    const rest = rows.filter((r) => !isHeadline(r.figure));
    expect(headline.map((r) => r.figure)).toContain("current.ratio");
    expect(rows).toEqual([...headline, ...rest]);
    for (const part of [headline, rest]) {
      const sizes = part.map((r) => Math.abs(r.relative!));
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    }
    // The published 6,2 no longer holds at 5,54; a figure the report did not publish has no verdict.
    expect(ratio.published).toBe("fails");
    expect(rows.find((r) => r.figure === "current.inputs.year.2027")?.published ?? null).toBe(null);
    // Benefits do not depend on the hourly rate.
    expect(rows.some((r) => r.figure === "current.benefits")).toBe(false);

    const table = await sroi("diff", base, join(dir, "models"));
    expect(table.stdout).toMatch(/eijsden .* \d+ van \d+ cijfers veranderd/);
    expect(table.stdout).toMatch(/current\.ratio\s+│\s+6,17 │\s+5,54 │\s+-0,63\d* │\s+-10,26% │ KLOPT NIET/);

    const only = await diffJson(base, join(dir, "models"), "--figure", "*.ratio");
    const figures = only.out.models.find((d) => d.model === "eijsden")!.rows.map((r) => r.figure);
    expect(figures.length).toBeGreaterThan(0);
    for (const f of figures) expect(f).toMatch(/\.ratio$/);
    expect(table.stdout).toMatch(/^\d+ modellen: 1 veranderd \(\d+ cijfers veranderd\), \d+ ongewijzigd, 0 nieuw, 0 verdwenen$/m);
    const en = await sroi("diff", base, join(dir, "models"), "--lang", "en");
    expect(en.stdout).toMatch(/^\d+ models: 1 changed \(\d+ figures moved\), \d+ unchanged, 0 new, 0 gone$/m);
    expect(en.stdout).toMatch(/current\.ratio\s+│\s+6\.17 │\s+5\.54 │\s+-0\.63\d* │\s+-10\.26% │ FAILS/);
  });

  it("speaks the models' language without --lang: English for an English model", async () => {
    const dir = copyRepo();
    const base = join(dir, "baseline");
    const model = join(dir, "models", "examples", "two_editions.yaml");
    await sroi("run", model, "--save", base, "--format", "json");
    const r = await sroi("diff", base, model);
    expect(r.stdout).toMatch(/^1 model: 0 changed \(0 figures moved\), 1 unchanged, 0 new, 0 gone$/m);
  });

  it("--all lists the figures that did not move too", async () => {
    const dir = copyRepo();
    const base = join(dir, "baseline");
    await sroi("run", join(dir, "models", "eijsden.yaml"), "--save", base, "--format", "json");
    const { out } = await diffJson(base, join(dir, "models", "eijsden.yaml"), "--all");
    const d = out.models[0]!;
    expect(d.status).toBe("unchanged");
    expect(d.rows.length).toBe(d.figures);
    expect(d.rows.every((r) => r.status === "same")).toBe(true);
  });

  it("lists models that are new or gone since the baseline", async () => {
    const dir = copyRepo();
    const base = join(dir, "baseline");
    await sroi("run", join(dir, "models"), "--save", base, "--summary");
    unlinkSync(join(dir, "models", "numansdorp.yaml"));
    copyFileSync(join(dir, "models", "eijsden.yaml"), join(dir, "models", "eijsden_copy.yaml"));
    const r = await sroi("diff", base, join(dir, "models"));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/eijsden_copy .* nieuw sinds de vergelijkingsbasis/);
    expect(r.stdout).toMatch(/numansdorp {2}verdwenen sinds de vergelijkingsbasis/);
    expect(r.stdout).toMatch(/1 nieuw, 1 verdwenen$/m);
  });

  it("exits 2 for a broken model (still diffing the others) and for a missing or empty baseline", async () => {
    const dir = copyRepo();
    const base = join(dir, "baseline");
    await sroi("run", join(dir, "models"), "--save", base, "--summary");
    edit(join(dir, "models", "numansdorp.yaml"), "sroi: 1", "sroi: 1\nbogus: true");
    const r = await sroi("diff", base, join(dir, "models"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/numansdorp\.yaml:\d+:\d+ {2}bogus {2}unknown key/);
    expect(r.stdout).toMatch(/numansdorp .* niet gedraaid/);
    expect(r.stdout).toMatch(/eijsden .* geen cijfer veranderd/);

    const none = await sroi("diff", join(dir, "nowhere"), join(dir, "models"));
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no results folder .*nowhere; save one first with: sroi run MODELS --save/);
    const empty = await sroi("diff", join(dir, "fixtures"), join(dir, "models"));
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/no saved results in/);
  });
});
