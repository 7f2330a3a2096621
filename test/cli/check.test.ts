// sroi check: the repository's models reproduce their reports; a changed model or library value, a
// broken model and a broken fixture are caught with the right exit status.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CheckOutput } from "../../src/render/check.js";
import { copyRepo, edit, REPO, sroi } from "./capture.js";

const SUMMARY = /^(\d+) modellen, (\d+) cijfers: (\d+) gereproduceerd, (\d+) vastgelegd als niet reproduceerbaar, (\d+) mislukt/m;

function json(stdout: string): CheckOutput {
  const out = JSON.parse(stdout) as CheckOutput;
  expect(out.schema).toBe("sroi-check/1");
  return out;
}

function model(out: CheckOutput, id: string) {
  const m = out.models.find((x) => x.model === id);
  if (!m) throw new Error(`no model ${id} in the check output`);
  return m;
}

describe("sroi check on the repository's models", () => {
  it("passes, with a table per model and the closing summary", async () => {
    const r = await sroi("check");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const m = SUMMARY.exec(r.stdout);
    expect(m, r.stdout.slice(-500)).not.toBeNull();
    expect(Number(m![5])).toBe(0);
    expect(Number(m![2])).toBe(Number(m![3]) + Number(m![4]));
    // Tables show where a figure was published, the printed and the computed value.
    // Where each figure was published, under its name (wrapped within the column).
    expect(r.stdout).toMatch(/│ current\.ratio +│.*\n│ SROI - Krachtenbinder - huidige /);
    expect(r.stdout).toMatch(/current\.ratio\s+│\s+6,2 │\s+6,17 │\s+-0,03 │ ok/);
    // Figures recorded as not reproducible are listed with their reason, and model warnings follow.
    expect(r.stdout).toContain("– ambition.outcome.health_gain.weighted: niet reproduceerbaar: Tabel 4's own rows weigh to 581,50");
    expect(r.stdout.replace(/\n\s+/g, " ")).toContain("in het rapport staat 472, het model rekent 471");
  });

  it("--format json is the sroi-check/1 contract", async () => {
    const r = await sroi("check", "--format", "json");
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(out.ok).toBe(true);
    expect(out.exit_code).toBe(0);
    expect(out.summary.fail).toBe(0);
    const eijsden = model(out, "eijsden");
    expect(eijsden.status).toBe("ok");
    expect(eijsden.fixture).toBe(join("fixtures", "eijsden.yaml"));
    const ratio = eijsden.figures.find((f) => f.figure === "current.ratio")!;
    expect(ratio).toMatchObject({ published: "6,2", published_value: 6.2, status: "ok", rule: "rounds to 6.2 (±0.05)" });
    expect(ratio.computed).toBeCloseTo(6.1685, 3);
    const numansdorp = model(out, "numansdorp");
    expect(numansdorp.counts.not_reproducible).toBe(2);
    expect(numansdorp.warnings.map((w) => w.code)).toContain("library-override");
  });

  it("--locale en prints English notation", async () => {
    const r = await sroi("check", join("models", "eijsden.yaml"), "--locale", "en");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/current\.ratio\s+│\s+6,2 │\s+6\.17 │\s+-0\.03 │ ok/);
  });

  it("speaks each model's language without --lang: English for the English examples, Dutch for a mix", async () => {
    const en = await sroi("check", join("models", "examples", "two_editions.yaml"));
    expect(en.code).toBe(0);
    expect(en.stdout.trim().split("\n").at(-1)).toBe("1 model, 7 figures: 7 reproduce, 0 recorded as not reproducible, 0 fail");
    const mixed = await sroi("check", join("models", "eijsden.yaml"), join("models", "examples", "two_editions.yaml"));
    expect(mixed.stdout).toMatch(/^2 modellen, \d+ cijfers: /m);
    const out = json((await sroi("check", join("models", "examples", "two_editions.yaml"), "--format", "json")).stdout);
    expect(out.models[0]!.locale).toBe("en");
  });

  it("with no paths checks models/ and models/examples/ (not models/library/), the example against its fixture", async () => {
    const out = json((await sroi("check", "--format", "json")).stdout);
    const example = model(out, "social_enterprise");
    expect(example.file).toBe(join("models", "examples", "social_enterprise.yaml"));
    expect(example.fixture).toBe(join("fixtures", "social_enterprise.yaml"));
    expect(example.status).toBe("ok");
    expect(example.counts.ok).toBeGreaterThan(0);
    expect(out.models.some((m) => m.file.includes("library"))).toBe(false);
    // The same as naming the folder, as .ci/run does.
    expect(json((await sroi("check", "models", "--format", "json")).stdout).summary).toEqual(out.summary);
  });

  it("the README's models table lists every checked model and its count line is the check's", async () => {
    const readme = readFileSync(join(REPO, "README.md"), "utf8");
    const block = readme.slice(readme.indexOf("<!-- models-table:start -->"), readme.indexOf("<!-- models-table:end -->"));
    const out = json((await sroi("check", "--format", "json")).stdout);
    const listed = [...block.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!.split("/").pop());
    expect(listed.sort()).toEqual(out.models.map((m) => m.model).sort());
    const s = out.summary;
    expect(block.replace(/\s+/g, " ")).toContain(
      `compares ${s.figures} published figures: ${s.reproduce} reproduce at their printed precision, ${s.not_reproducible} are recorded as not reproducible with the reason, ${s.fail} fail.`,
    );
  });

  it("works from the built CLI (./bin/sroi, after npm run build)", () => {
    expect(existsSync(join(REPO, "dist", "cli", "main.js")), "run `npm run build` before these tests").toBe(true);
    const p = spawnSync(process.execPath, [join(REPO, "bin", "sroi"), "check"], { cwd: REPO, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(p.stderr).toBe("");
    expect(p.status).toBe(0);
    expect(p.stdout).toMatch(SUMMARY);
  });
});

describe("sroi check on a changed copy", () => {
  it("fails with exit 1 naming the figure when a model value changes (Eijsden hourly_rate 87.5 -> 97.5)", async () => {
    const dir = copyRepo();
    edit(join(dir, "models", "eijsden.yaml"), "value: 87.5 ", "value: 97.5 ");
    const r = await sroi("check", join(dir, "models"));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/current\.ratio\s+│\s+6,2 │\s+5,54 │\s+-0,66 │ AFWIJKING/);
    expect(r.stdout).toContain("✗ current.ratio: berekend 5,54, dat klopt niet: afgerond 6,2 (±0,05)");
    expect((await sroi("check", join(dir, "models"), "--lang", "en")).stdout).toContain("rounds to 6.2 (±0.05)");
    expect(SUMMARY.exec(r.stdout)![5]).not.toBe("0");

    const out = json((await sroi("check", join(dir, "models"), "--format", "json")).stdout);
    expect(out.exit_code).toBe(1);
    expect(model(out, "eijsden").status).toBe("fail");
    const failing = model(out, "eijsden").figures.filter((f) => f.status === "mismatch").map((f) => f.figure);
    expect(failing).toEqual(expect.arrayContaining(["current.ratio", "fulltime.ratio", "current.inputs", "current.input.krachtenbinder.year.2026"]));
    // Only the model that changed fails.
    expect(out.models.filter((m) => m.status === "fail").map((m) => m.model)).toEqual(["eijsden"]);
  });

  it("fails with exit 1 when a library value changes so a published figure no longer reproduces", async () => {
    const dir = copyRepo();
    edit(join(dir, "models", "library", "studies.yaml"), "health: 845 ", "health: 900 ");
    const r = await sroi("check", join(dir, "models"), "--format", "json");
    expect(r.code).toBe(1);
    const out = json(r.stdout);
    const eijsden = model(out, "eijsden");
    expect(eijsden.status).toBe("fail");
    const weighted = eijsden.figures.find((f) => f.figure === "current.outcome.health_gain.weighted")!;
    expect(weighted.status).toBe("mismatch");
    // Tabel 7's health column: 68 x 950 + 60 x 375 + 20 x 790 + 160 x 845 + (86 + 23) x 367 over 417.
    const before = (68 * 950 + 60 * 375 + 20 * 790 + 160 * 845 + 109 * 367) / 417;
    expect(weighted.computed).toBeCloseTo(before + (160 * 55) / 417, 6);
    // Numansdorp uses its own 600 for health (its weighted figure was already recorded as not reproducible).
    expect(model(out, "numansdorp").status).toBe("ok");
  });

  it("fails when a figure recorded as not reproducible starts to reproduce", async () => {
    // Numansdorp's rows weigh to 581,50 where the report prints 600; a kunst_en_cultuur health value of
    // 967 lifts the weighted average by 122 x 2.028 / 13.354 = 18,5 to 600,0.
    const dir = copyRepo();
    edit(join(dir, "models", "library", "studies.yaml"), "health: 845 ", "health: 967 ");
    const r = await sroi("check", join(dir, "models", "numansdorp.yaml"));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ambition\.outcome\.(health_gain\.)?\s+│\s+€ 600 │\s+600 │\s+0 │ NU REPRODUCEERBAAR/);
    expect(r.stdout).toContain("✗ ambition.outcome.health_gain.weighted: vastgelegd als niet reproduceerbaar, maar nu wel");
  });

  it("exits 2 with file:line:col for a broken model, and still checks the others", async () => {
    const dir = copyRepo();
    writeFileSync(join(dir, "models", "broken.yaml"), "sroi: 1\nmeta:\n  title: Broken\n  source: { report: x }\n  colour: red\n");
    const r = await sroi("check", join(dir, "models"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.yaml:5:3 {2}meta\.colour {2}unknown key "colour"/);
    expect(r.stdout).toContain("het model laadt niet");
    // The other models are still checked and reported.
    expect(r.stdout).toMatch(/current\.ratio\s+│.*│ ok/);
    expect(r.stdout).toContain("ambition.ratio");
    expect(r.stdout).toMatch(/; 1 model laadt niet/);
  });

  it("exits 2 with file:line:col for a fixture whose published figure cannot be read", async () => {
    const dir = copyRepo();
    edit(join(dir, "fixtures", "eijsden.yaml"), 'published: "6,7"', 'published: "zes komma zeven"');
    const r = await sroi("check", join(dir, "models"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/fixtures[\\/]eijsden\.yaml:\d+:\d+ {2}figures\[1\]\.published {2}Cannot read printed figure "zes komma zeven"/);
    expect(r.stdout).toContain("de gepubliceerde cijfers laden niet");
  });

  it("lists a model without a fixture as having no published figures, and passes", async () => {
    const dir = copyRepo();
    copyFileSync(join(dir, "models", "eijsden.yaml"), join(dir, "models", "eijsden_variant.yaml"));
    const r = await sroi("check", join(dir, "models", "eijsden.yaml"), join(dir, "models", "eijsden_variant.yaml"));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/eijsden_variant · [^\n]*\n[^\n]*\ngeen gepubliceerde cijfers/);
    expect(r.stdout).toContain("; 1 model zonder gepubliceerde cijfers");
  });

  it("reads fixtures from --fixtures DIR", async () => {
    const dir = copyRepo();
    const elsewhere = join(dir, "published");
    mkdirSync(elsewhere);
    copyFileSync(join(dir, "fixtures", "eijsden.yaml"), join(elsewhere, "eijsden.yaml"));
    edit(join(elsewhere, "eijsden.yaml"), 'published: "6,2"', 'published: "6,3"');
    const r = await sroi("check", join(dir, "models", "eijsden.yaml"), "--fixtures", elsewhere, "--format", "json");
    expect(r.code).toBe(1);
    expect(model(json(r.stdout), "eijsden").figures.filter((f) => f.status === "mismatch").map((f) => f.figure)).toEqual(["current.ratio"]);
    expect((await sroi("check", join(dir, "models", "eijsden.yaml"), "--fixtures", join(dir, "nowhere"))).code).toBe(2);
  });
});
