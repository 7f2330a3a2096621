// The file formats and the commands that teach: xlsx read back with exceljs, the HTML report's writing
// rules, sroi init's starter model, sroi library, check --quiet and progress.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { runFile } from "../../src/api.js";
import { progress } from "../../src/cli/progress.js";
import type { Io } from "../../src/cli/io.js";
import { copyRepo, edit, REPO, sroi } from "../cli/capture.js";

const scratch = () => mkdtempSync(join(tmpdir(), "sroi-files-"));

describe("sroi run -f xlsx", () => {
  it("writes an impact-map workbook whose cells and formulas give the model's figures", async () => {
    const dir = scratch();
    const file = join(dir, "numansdorp.xlsx");
    const r = await sroi("run", join(REPO, "models", "numansdorp.yaml"), "-f", "xlsx", "-o", file);
    expect(r.code, r.stderr).toBe(0);
    const result = runFile(join(REPO, "models", "numansdorp.yaml")).result!;
    const { default: ExcelJS } = await import("exceljs");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Inbreng", "Meegetelde activiteiten", "Referenties", "Waardering per deelnemer per ja", "Samenvatting"]);
    const summary = wb.getWorksheet("Samenvatting")!;
    const s = result.scenarios[0]!;
    const rows = summary.getSheetValues().filter(Boolean) as unknown[][];
    const total = rows.find((x) => x[1] === s.id && x[2] === "Totaal")!;
    expect(total[3]).toBeCloseTo(s.totals.inputs, 6);
    expect(total[4]).toBeCloseTo(s.totals.benefits, 6);
    // Net and ratio are formulas over the cells beside them, with the computed value cached.
    const ratio = total[6] as { formula: string; result: number };
    expect(ratio.formula).toMatch(/^IF\(C\d+=0,"",D\d+\/C\d+\)$/);
    expect(ratio.result.toFixed(1)).toBe("6.7");
    const inputs = wb.getWorksheet("Inbreng")!.getRow(2);
    expect((inputs.getCell(2 + s.years.length + 1).value as { formula: string }).formula).toMatch(/^SUM\(C2:/);
    const refs = wb.getWorksheet("Referenties")!.getSheetValues().filter(Boolean) as unknown[][];
    expect(refs.some((x) => x[1] === "SROI Wijklunch" && x.includes(367))).toBe(true);
  });

  it("gives scenarios with their own years one column per year (two editions of one SROI)", async () => {
    const dir = scratch();
    const file = join(dir, "two.xlsx");
    const model = join(REPO, "models", "examples", "two_editions.yaml");
    const r = await sroi("run", model, "-f", "xlsx", "-o", file);
    expect(r.code, r.stderr).toBe(0);
    const { default: ExcelJS } = await import("exceljs");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const rows = wb.getWorksheet("Inputs")!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0]!.slice(3, 10)).toEqual(["2019", "2020", "2021", "2022", "2023", "2024", "2025"]);
    const e2019 = rows.find((x) => x[1] === "edition_2019")!;
    const e2022 = rows.find((x) => x[1] === "edition_2022")!;
    expect(e2019.slice(3, 7)).toEqual([60000, 60000, 60000, 0]);
    expect(e2022.slice(3, 6)).toEqual([undefined, undefined, undefined]);
    expect(e2022.slice(6, 10)).toEqual([66000, 66000, 66000, 0]);
    expect((e2022[10] as { result: number }).result).toBe(198000);
  });

  it("needs -o, and never writes over a model", async () => {
    expect((await sroi("run", "models/eijsden.yaml", "-f", "xlsx")).stderr).toContain("-o FILE.xlsx");
    const dir = copyRepo();
    const model = join(dir, "models", "eijsden.yaml");
    const before = readFileSync(model, "utf8");
    const r = await sroi("run", model, "-f", "md", "-o", model);
    expect(r.code).toBe(2);
    expect(readFileSync(model, "utf8")).toBe(before);
  });
});

describe("sroi report", () => {
  it("writes the page atomically, and refuses a .yaml or a model as the target", async () => {
    const dir = scratch();
    const out = join(dir, "eijsden.html");
    const r = await sroi("report", "models/eijsden.yaml", "-o", out);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, "utf8")).toMatch(/^<!doctype html>[\s\S]*<\/html>\n$/);
    expect(readdirSync(dir)).toEqual(["eijsden.html"]);
    const bad = await sroi("report", "models/eijsden.yaml", "-o", "models/eijsden.yaml");
    expect(bad.code).toBe(2);
    expect((await sroi("report", "models/eijsden.yaml", "-o", join(dir, "x.pdf"))).stderr).toContain("should end in .html");
    expect((await sroi("report", "models/eijsden.yaml", "-o", out, "-f", "md")).stderr).toContain("it supports: html");
  });

  it("speaks MKBA for LPBL De Kop", async () => {
    const dir = scratch();
    const out = join(dir, "kop.html");
    await sroi("report", "models/lpbl_de_kop.yaml", "-o", out);
    const html = readFileSync(out, "utf8");
    expect(html).toContain("Kosten-batenverhouding");
    expect(html).not.toContain("SROI-ratio");
  });
});

describe("sroi init", () => {
  it("writes a commented starter model that runs as is, and never overwrites", async () => {
    const dir = scratch();
    const file = join(dir, "mijn_project.yaml");
    const r = await sroi("init", join(dir, "mijn_project"));
    expect(r.code).toBe(0);
    const text = readFileSync(file, "utf8");
    // Every number carries a comment saying where it comes from.
    const numbers = text.split("\n").filter((l) => /:\s*[\d.]+%?\s*(#|$)/.test(l) && !l.startsWith("sroi:"));
    expect(numbers.length).toBeGreaterThan(5);
    for (const line of numbers) expect(line).toContain("#");
    const ran = await sroi("run", file);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/SROI-ratio\s+1,5/);
    writeFileSync(file, "mine\n");
    const again = await sroi("init", file);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already exists");
    expect(readFileSync(file, "utf8")).toBe("mine\n");
  });
});

describe("sroi library", () => {
  it("lists and searches the shared reference values", async () => {
    const all = await sroi("library", "--dir", join(REPO, "models", "library"));
    expect(all.code).toBe(0);
    expect(all.stdout).toContain("SROI Wijklunch [wijklunch]");
    const some = await sroi("library", "wandel", "--dir", join(REPO, "models", "library"), "--lang", "en");
    expect(some.stdout).toContain("wandelchallenge");
    expect(some.stdout).toContain("health 950, zvw 291");
    expect(some.stdout).not.toContain("wijklunch");
    for (const l of some.stdout.split("\n")) expect([...l].length).toBeLessThanOrEqual(100);
  });
});

describe("sroi check --quiet", () => {
  it("prints only the failures, listed with their model, and the closing line", async () => {
    const ok = await sroi("check", "--quiet");
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim().split("\n")).toHaveLength(1);
    expect(ok.stdout).toMatch(/^\d+ modellen, \d+ cijfers: \d+ gereproduceerd/);

    const dir = copyRepo();
    edit(join(dir, "models", "eijsden.yaml"), "value: 87.5 ", "value: 97.5 ");
    const bad = await sroi("check", join(dir, "models"), "--quiet");
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^Mislukt \(\d+\)$/m);
    expect(bad.stdout).toMatch(/✗ eijsden {2}current\.ratio: gepubliceerd 6,2, berekend 5,5\d? \(AFWIJKING\)/);
    expect(bad.stdout).not.toContain("numansdorp");
    // In English on request.
    const en = await sroi("check", join(dir, "models"), "--quiet", "--lang", "en");
    expect(en.stdout).toMatch(/✗ eijsden {2}current\.ratio: published 6,2, computed 5\.5\d? \(MISMATCH\)/);
    expect(en.stdout).toMatch(/^\d+ models, \d+ figures: \d+ reproduce, \d+ recorded as not reproducible, \d+ fail$/m);
    // Without --quiet the same failures close the full output.
    const full = await sroi("check", join(dir, "models"));
    expect(full.stdout.slice(full.stdout.lastIndexOf("Mislukt ("))).toContain("✗ eijsden  current.ratio");
  });
});

describe("progress", () => {
  const io = (): Io & { text: () => string } => {
    let err = "";
    return { out: () => {}, err: (t) => void (err += t), chalk: new Chalk({ level: 0 }), errChalk: new Chalk({ level: 0 }), text: () => err };
  };
  it("shows on a terminal for long batches only", () => {
    const tty = io();
    const t = progress(tty, 6, "run", true);
    for (let i = 0; i < 6; i++) t();
    t.done();
    expect(tty.text()).toContain("run: 6/6 models");
    const pipe = io();
    const p = progress(pipe, 6, "run", false);
    p();
    p.done();
    expect(pipe.text()).toBe("");
    const short = io();
    progress(short, 2, "run", true)();
    expect(short.text()).toBe("");
  });
  it("is erased before a report printed between ticks, and only once", () => {
    const tty = io();
    const t = progress(tty, 6, "check", true);
    t();
    t.clear();
    t.clear();
    expect(tty.text()).toBe("\rcheck: 1/6 models\r\u001b[K");
    t();
    t.done();
    expect(tty.text()).toBe("\rcheck: 1/6 models\r\u001b[K\rcheck: 2/6 models\r\u001b[K");
  });
});

describe("help", () => {
  it.each(["run", "report", "validate", "check", "diff", "figures", "init", "library"])("sroi %s --help has examples and the exit codes", async (cmd) => {
    const r = await sroi(cmd, "--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Examples:");
    expect(r.stdout).toContain(`$ sroi ${cmd}`);
    expect(r.stdout).toMatch(/Exit status:[\s\S]*2 {2}invalid input/);
  });
});

describe("the HTML page with analysis results", () => {
  it("shows a simulated P5-P95 instead of the band, and the sensitivity table", async () => {
    const { renderHtml } = await import("../../src/render/html.js");
    const r = runFile(join(REPO, "models", "eijsden.yaml")).result!;
    const html = renderHtml(r, {
      extras: {
        simulation: { model: "eijsden", seed: 1, iterations: 1000, scenarios: [{ id: "current", ratio: { mean: 6.2, p5: 4.85, p50: 6.1, p95: 7.46 } }] },
        sensitivity: {
          model: "eijsden",
          scenarios: [{ id: "current", base_ratio: 6.17, parameters: [{ name: "hourly_rate", low: 70, high: 105, ratio_low: 7.71, ratio_high: 5.14, swing: 2.57 }] }],
        },
      },
    });
    expect(html).toContain("gesimuleerd P5–P95: 4,85 – 7,46");
    expect(html).toMatch(/<h3>Gevoeligheid<\/h3>[\s\S]*<td>hourly_rate<\/td><td class="n">70<\/td><td class="n">105<\/td><td class="n">7,71<\/td><td class="n">5,14<\/td>/);
    const en = renderHtml(r, { locale: "en" });
    expect(en).toContain('<html lang="en">');
    expect(en).toContain("Inputs per stakeholder");
    expect(en).not.toContain("Gevoeligheid");
  });
});
