// The renderers a report is made from: tables that fit 100 columns, the report's language and the
// method's words, Markdown and CSV read back, and the format registry's refusals.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { runFile } from "../../src/api.js";
import { csvHeader, csvRows } from "../../src/render/csv.js";
import { formatter } from "../../src/render/format.js";
import { supportedFormat } from "../../src/render/formats.js";
import { renderMarkdown } from "../../src/render/md.js";
import { renderTable } from "../../src/render/table.js";
import { copyRepo, edit, sroi } from "../cli/capture.js";

const ROOT = join(import.meta.dirname, "..", "..");
const MODELS = readdirSync(join(ROOT, "models")).filter((f) => f.endsWith(".yaml")).map((f) => join(ROOT, "models", f));
const chalk = new Chalk({ level: 0 });
const result = (name: string) => runFile(join(ROOT, "models", name)).result!;

/** Splits one CSV text (RFC 4180, as csv.ts writes it) into rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(field), (field = "");
    else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field), rows.push(row), (row = []), (field = ""), i++;
    } else field += ch;
  }
  return rows;
}

describe("table output", () => {
  it.each(MODELS)("%s fits 100 columns by default, and --wide does not cut the year view", (file) => {
    const r = runFile(file).result!;
    const lines = renderTable(r, { chalk }).split("\n");
    const over = lines.filter((l) => [...l].length > 100);
    expect(over).toEqual([]);
    const wide = renderTable(r, { chalk, wide: true });
    for (const y of r.scenarios[0]!.years) expect(wide).toContain(String(y));
  });

  it("speaks MKBA in Dutch for LPBL De Kop, and English on request", () => {
    const nl = renderTable(result("lpbl_de_kop.yaml"), { chalk });
    expect(nl).toContain("Kosten-batenverhouding");
    expect(nl).toContain("saldo");
    expect(nl).not.toContain("SROI");
    const en = renderTable(result("lpbl_de_kop.yaml"), { chalk, locale: "en" });
    expect(en).toContain("Benefit-cost ratio");
    expect(en).toContain("net present value");
    expect(en).toContain("Per stakeholder");
  });

  it("labels an SROI in Dutch by default: SROI-ratio, terugverdientijd in jaar", () => {
    const nl = renderTable(result("eijsden.yaml"), { chalk }).replace(/\n\s+/g, " ");
    expect(nl).toMatch(/SROI-ratio\s+6,2 \(6,17\)/);
    expect(nl).toContain("terugverdientijd 0,14 jaar");
    expect(nl).toContain("Inbreng");
    expect(nl).not.toMatch(/payback|Inputs \(|Warnings/);
  });

  it("makes each number format once per locale", () => {
    expect(formatter("nl")).toBe(formatter("nl"));
    expect(formatter("nl").money(220765.8)).toBe("€ 220.766");
    expect(formatter("en").money(220765.8)).toBe("€ 220,766");
  });
});

describe("markdown", () => {
  it("gives pipe tables with the published ratios", () => {
    const r = result("numansdorp.yaml");
    const municipality = r.scenarios[0]!.stakeholders.find((s) => s.id === "municipality")!;
    const md = renderMarkdown(r, {});
    const lines = md.split("\n");
    expect(lines[0]).toMatch(/^# /);
    const header = lines.findIndex((l) => l.startsWith("| Belanghebbende |"));
    expect(header).toBeGreaterThan(0);
    expect(lines[header + 1]).toMatch(/^\| :--- \| ---: \|/);
    const row = (name: string) => lines.find((l) => l.startsWith(`| ${name} |`))!.split(" | ");
    // Numansdorp publishes 6,3 for the municipality.
    expect(row(municipality.name).at(-1)).toMatch(/^6,3\d \|$/);
    expect(md).toMatch(/\*\*SROI-ratio: 6,7\*\*/);
  });
});

describe("csv", () => {
  it("is one tidy table whose figures equal the result's", () => {
    const r = result("eijsden.yaml");
    const rows = parseCsv(csvHeader() + csvRows(r));
    expect(rows[0]).toEqual(["model", "scenario", "stakeholder", "year", "measure", "value"]);
    const get = (scenario: string, stakeholder: string, year: string, measure: string) =>
      Number(rows.find((x) => x[1] === scenario && x[2] === stakeholder && x[3] === year && x[4] === measure)![5]);
    expect(get("current", "", "", "ratio").toFixed(2)).toBe("6.17");
    expect(get("fulltime", "", "", "ratio").toFixed(1)).toBe("6.7");
    expect(Math.round(get("current", "", "", "inputs"))).toBe(220766);
    expect(get("current", "municipality", "", "ratio")).toBeCloseTo(r.scenarios[0]!.stakeholders[1]!.ratio!, 12);
    expect(get("current", "municipality", "2027", "inputs")).toBeCloseTo(43050 / 2, 6);
    for (const x of rows.slice(1)) expect(x).toHaveLength(6);
  });

  it("comes from sroi run -f csv with one header over several models", async () => {
    const r = await sroi("run", "models/eijsden.yaml", "models/numansdorp.yaml", "-f", "csv");
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout);
    expect(rows.filter((x) => x[0] === "model")).toHaveLength(1);
    expect(new Set(rows.slice(1).map((x) => x[0]))).toEqual(new Set(["eijsden", "numansdorp"]));
  });
});

describe("the format registry", () => {
  it("refuses a format a command does not support, naming those it does", async () => {
    expect(() => supportedFormat("check", "csv")).toThrow("sroi check has no format \"csv\"; it supports: table, json");
    const r = await sroi("check", "-f", "md");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sroi check has no format "md"; it supports: table, json');
    expect(r.stdout).toBe("");
  });

  it("run -f json is one sroi-run/1 envelope whatever the count, and names a failing model", async () => {
    const r = await sroi("run", "models/eijsden.yaml", "models/nope.yaml", "-f", "json");
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.schema).toBe("sroi-run/1");
    expect(out.models.map((m: { ok: boolean }) => m.ok)).toEqual([true, false]);
    expect(out.models[1]).toEqual(
      expect.objectContaining({ file: "models/nope.yaml", ok: false, result: null, problems: [expect.objectContaining({ message: "no such file" })] }),
    );
  });

  it("run -f json writes, model by model, exactly the document JSON.stringify indents (stdout and -o alike)", async () => {
    // Entries are written as bytes cut out of a wrapper's JSON (src/render/registry.ts); "€" in a
    // model makes the text two-byte, so the cut must be by bytes of the encoded text.
    const files = ["models/eijsden.yaml", "models/numansdorp.yaml", "models/nope.yaml"];
    for (const n of [1, 2, 3]) {
      const r = await sroi("run", ...files.slice(0, n), "-f", "json");
      expect(r.stdout).toBe(JSON.stringify(JSON.parse(r.stdout), null, 2) + "\n");
      expect(JSON.parse(r.stdout).models).toHaveLength(n);
    }
    const all = await sroi("run", ...files.slice(0, 2), "-f", "json");
    expect(all.stdout).toContain("€");
    const dir = mkdtempSync(join(tmpdir(), "sroi-json-"));
    await sroi("run", ...files.slice(0, 2), "-f", "json", "-o", join(dir, "out.json"));
    expect(readFileSync(join(dir, "out.json"), "utf8")).toBe(all.stdout);
  });

  it("-s takes one scenario and leaves the file argument alone; --summary works for one model", async () => {
    const one = await sroi("run", "-s", "current", "models/eijsden.yaml", "--summary");
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/eijsden\s+│ current/);
    expect(one.stdout).not.toContain("fulltime");
    expect(one.stdout).not.toContain("Referenties");
    const bad = await sroi("run", "models/eijsden.yaml", "-f", "json", "--summary");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--summary");
  });
});

describe("the headline ratio at the report's precision (meta.ratio_digits)", () => {
  const example = runFile(join(ROOT, "models", "examples", "social_enterprise.yaml")).result!;

  it("is in the result's model, null where the model does not state it", () => {
    expect(example.model.ratio_digits).toBe(2);
    expect(result("eijsden.yaml").model.ratio_digits).toBeNull();
  });

  it("leads the table's summary line, at the stated decimals and one more", () => {
    const text = renderTable(example, { chalk });
    expect(text).toContain("Headline ratio  Value created plus sales over operating costs: 1.39 (1.391)");
    expect(text).toContain("SROI ratio  0.92 (0.918)");
    // Without ratio_digits, one decimal as before.
    expect(renderTable(result("eijsden.yaml"), { chalk })).toContain("SROI-ratio  6,2 (6,17)");
    expect(renderTable(result("eijsden.yaml"), { chalk })).not.toContain("Kernratio");
  });

  it("is the factsheet's first card", async () => {
    const { renderHtml } = await import("../../src/render/html.js");
    const html = renderHtml(example);
    const cards = html.slice(html.indexOf('<div class="cards">'));
    expect(cards.indexOf('data-headline="value_and_sales"')).toBeGreaterThan(0);
    expect(cards).toMatch(/data-headline="value_and_sales"[^>]*><div class="label">Headline ratio · [^<]+<\/div><div class="ratio">1\.39<\/div>/);
    expect(cards).toMatch(/<div class="ratio">0\.92<\/div><div class="range">0\.918/);
  });
});

describe("outcomes without a stakeholder and the activities counted", () => {
  const example = runFile(join(ROOT, "models", "examples", "social_enterprise.yaml")).result!;

  it("an outcome that belongs to no stakeholder prints as its bare name", () => {
    const co2 = example.scenarios[0]!.outcomes.find((o) => o.id === "co2")!;
    expect(co2.allocation).toEqual([]);
    for (const wide of [false, true]) {
      const text = renderTable(example, { chalk, wide });
      expect(text).toContain("CO2 avoided by reuse (immaterial)");
      expect(text).not.toMatch(/\(\)|→ {2}|→ \(/);
    }
    expect(renderMarkdown(example, {})).not.toMatch(/\(\)|→ {2}/);
  });

  it("the factsheet labels participant groups as such and lists the activities with their participants", async () => {
    const { renderHtml } = await import("../../src/render/html.js");
    const html = renderHtml(result("eijsden.yaml"));
    expect(html).toContain("<h3>Deelnemers per groep</h3>");
    const block = html.slice(html.indexOf("<h3>Meegetelde activiteiten</h3>"));
    expect(block).toMatch(/^<h3>Meegetelde activiteiten<\/h3>\n<div class="wide"><table><thead><tr><th>Activiteit<\/th><th class="n">Deelnemers<\/th>/);
    expect(block).toContain("<tr><td>Wandelclub</td><td class=\"n\">68</td></tr>");
    expect(renderHtml(example)).not.toContain("()");
  });
});

describe("the discount and a check's rule in the output language", () => {
  it("every discount description the loader makes reads as Dutch, none left in English", async () => {
    const { normalizeDiscount } = await import("../../src/load/normalize/time.js");
    const { discountText } = await import("../../src/render/i18n.js");
    const forms: Parameters<typeof normalizeDiscount>[0][] = [
      undefined,
      "3.5%",
      0.04,
      "hm-treasury",
      "nl-mkba",
      "nl-health-2024",
      "none",
      { rate: "3%", first_year: "mid_year", inputs: false },
      { effects: "1.5%", costs: "3%", first_year: "year1" },
      { schedule: [{ rate: "3.5%" }, { from_year: 31, rate: "3%" }] },
    ] as never[];
    for (const form of forms) {
      const label = normalizeDiscount(form).label;
      expect(discountText(label, "en")).toBe(label);
      const nl = discountText(label, "nl");
      expect(nl, label).not.toMatch(/\b(year|undiscounted|discounted|effects|costs|from|inputs|then|standard|guideline|schedule)\b|\d\.\d/);
    }
    expect(discountText(normalizeDiscount("hm-treasury").label, "nl")).toBe("HM Treasury Green Book-schema (3,5% tot jaar 30, daarna 3,0%, ...), jaar 0 niet verdisconteerd");
    expect(discountText("3.5%, year 0 undiscounted; inputs not discounted", "nl")).toBe("3,5%, jaar 0 niet verdisconteerd; inbreng niet verdisconteerd");
  });

  it("a check's rule", async () => {
    const { ruleText } = await import("../../src/render/i18n.js");
    expect(ruleText("rounds to 6.2 (±0.05)", "nl")).toBe("afgerond 6,2 (±0,05)");
    expect(ruleText("at least 3", "nl")).toBe("minstens 3");
    expect(ruleText("at most 3.5", "nl")).toBe("hoogstens 3,5");
    expect(ruleText("within 5% (±0.31)", "nl")).toBe("binnen 5% (±0,31)");
    expect(ruleText("within ±2", "nl")).toBe("binnen ±2");
    expect(ruleText("rounds to 6.2 (±0.05)", "en")).toBe("rounds to 6.2 (±0.05)");
  });
});

describe("every table command fits 100 columns by default", () => {
  const within = (text: string) => text.split("\n").filter((l) => [...l].length > 100);

  it("check (Dutch and English), library and figures", async () => {
    for (const args of [["check"], ["check", "--lang", "en"], ["library"], ...MODELS.map((m) => ["figures", m])]) {
      const r = await sroi(...args);
      expect(r.code, args.join(" ")).toBe(0);
      expect(within(r.stdout), args.join(" ")).toEqual([]);
    }
  });

  it("diff, every figure listed", async () => {
    const dir = copyRepo();
    expect((await sroi("run", join(dir, "models"), "--save", join(dir, "base"))).code).toBe(0);
    edit(join(dir, "models", "eijsden.yaml"), "value: 87.5 ", "value: 97.5 ");
    const r = await sroi("diff", join(dir, "base"), join(dir, "models"), "--all");
    expect(r.stdout).toContain("current.ratio");
    expect(within(r.stdout)).toEqual([]);
  });

  it.each(["eijsden.yaml", "lpbl_de_kop.yaml", "2diabeat_wijdemeren.yaml"])("the analysis commands on %s", async (name) => {
    for (const cmd of ["sensitivity", "breakeven", "simulate", "split"]) {
      const r = await sroi(cmd, join(ROOT, "models", name));
      if (r.code !== 0) continue; // a command that does not apply to this model says so on stderr
      expect(within(r.stdout), `${cmd} ${name}`).toEqual([]);
    }
  });
});

describe("sroi validate's ok lines", () => {
  it("follow the model's language, or --lang", async () => {
    const nl = await sroi("validate", join(ROOT, "models", "eijsden.yaml"), join(ROOT, "models", "examples", "social_enterprise.yaml"));
    expect(nl.code).toBe(0);
    expect(nl.stdout).toMatch(/^ok {2}\S+eijsden\.yaml {2}\(3 scenario's, \d+ waarschuwingen\)$/m);
    expect(nl.stdout).toMatch(/^ok {2}\S+social_enterprise\.yaml {2}\(2 scenarios, 0 warnings\)$/m);
    const en = await sroi("validate", join(ROOT, "models", "eijsden.yaml"), "--lang", "en");
    expect(en.stdout).toMatch(/^ok {2}\S+eijsden\.yaml {2}\(3 scenarios, \d+ warnings\)$/m);
  });
});

describe("sroi figures", () => {
  it("prints full-precision values in the model's notation, or --lang's", async () => {
    const nl = await sroi("figures", join(ROOT, "models", "eijsden.yaml"), "--filter", "current.ratio");
    expect(nl.stdout).toMatch(/^current\.ratio +6,1685\d+$/m);
    const en = await sroi("figures", join(ROOT, "models", "eijsden.yaml"), "--filter", "current.ratio", "--lang", "en");
    expect(en.stdout).toMatch(/^current\.ratio +6\.1685\d+$/m);
    const example = await sroi("figures", join(ROOT, "models", "examples", "social_enterprise.yaml"), "--filter", "base.headline_ratio");
    expect(example.stdout).toMatch(/^base\.headline_ratio +1\.3913\d+$/m);
    // JSON stays plain numbers.
    const json = await sroi("figures", join(ROOT, "models", "eijsden.yaml"), "--filter", "current.ratio", "-f", "json");
    expect(JSON.parse(json.stdout)["current.ratio"]).toBeCloseTo(6.1685, 4);
  });
});
