// The analysis commands in-process: tables, JSON contracts, --set on run and check, bad input.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { copyRepo, edit, sroi } from "./capture.js";

const EIJSDEN = "models/eijsden.yaml";
const NUMANSDORP = "models/numansdorp.yaml";
// run -f json prints the sroi-run/1 envelope; these tests read its one model.
const runJson = (s: string) => (JSON.parse(s) as { models: Record<string, unknown>[] }).models[0]!;
const json = (s: string) => JSON.parse(s) as Record<string, unknown> & { scenarios: Record<string, unknown>[] };
const runResult = (s: string) => runJson(s).result as { scenarios: Record<string, unknown>[] };

describe("sroi run --set", () => {
  it("gives the Austerlitz variant: fulltime at EUR 75.000 a year is 13,50", async () => {
    const r = await sroi("run", EIJSDEN, "-s", "fulltime", "--set", "annual_cost=75000");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/SROI-ratio\s+13,5 \(13,50\)/);
  });

  it("takes several --set and gives the JSON result of the changed model", async () => {
    const r = await sroi("run", EIJSDEN, "-s", "current", "-f", "json", "--set", "hours_per_week=20", "--set", "hourly_rate=43.75");
    expect(r.code).toBe(0);
    const s = runResult(r.stdout).scenarios[0]!;
    expect((s.parameters as Record<string, number>).annual_cost).toBe(42000);
  });

  it("names an unknown number with a did-you-mean, exit 2, and runs the other models of a batch", async () => {
    const r = await sroi("run", EIJSDEN, NUMANSDORP, "--summary", "--set", "hourly_rate=90");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('models/numansdorp.yaml  hourly_rate  --set: no number named "hourly_rate" in this model\n  hint: parameters and baselines: qaly_price, activity_participants_total, social_domain_per_inhabitant, zvw_per_inhabitant, wlz_per_inhabitant, inhabitants_numansdorp\n');
    expect(r.stdout).toContain("eijsden");
  });

  it("on check: a changed number no longer reproduces the published figures (exit 1)", async () => {
    const r = await sroi("check", EIJSDEN, "--set", "hourly_rate=90");
    expect(r.code).toBe(1);
  });
});

describe("sroi run --min-certainty", () => {
  it("shows Eijsden's ratios without the one-star loneliness study beside the full ones", async () => {
    const r = await sroi("run", EIJSDEN, "-s", "current", "--min-certainty", "2");
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\n\s+/g, " ")).toContain("Weggelaten: de waarden uit Aanpakken eenzaamheid drukt ook zorgkosten (Maastricht University) [maastricht_eenzaamheid] (*).");
    expect(r.stdout).toMatch(/│ scenario\s+│ volledige ratio │ ratio >= 2 sterren │/);
    expect(r.stdout).toMatch(/Huidig \(10 uur\/week\) \[current\]\s+│\s+6,17 │\s+5,39 │/);
  });

  it("speaks English with --lang en", async () => {
    const r = await sroi("run", EIJSDEN, "-s", "current", "--min-certainty", "2", "--lang", "en");
    expect(r.stdout.replace(/\n\s+/g, " ")).toContain("Dropped the values from: Aanpakken eenzaamheid drukt ook zorgkosten (Maastricht University) [maastricht_eenzaamheid] (*).");
    expect(r.stdout).toMatch(/Huidig \(10 uur\/week\) \[current\]\s+│\s+6.17 │\s+5.39 │/);
  });

  it("adds min_certainty to the JSON result", async () => {
    const r = await sroi("run", EIJSDEN, "-f", "json", "--min-certainty", "2");
    const m = runJson(r.stdout).min_certainty as { min_certainty: number; dropped: { id: string }[]; scenarios: { id: string; ratio: number; full_ratio: number }[] };
    expect(m.min_certainty).toBe(2);
    expect(m.dropped.map((d) => d.id)).toEqual(["maastricht_eenzaamheid"]);
    for (const s of m.scenarios) expect(s.ratio).toBeLessThan(s.full_ratio);
  });

  it("refuses a star count outside 1-3", async () => {
    const r = await sroi("run", EIJSDEN, "--min-certainty", "4");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("sroi: --min-certainty 4: must be 1, 2 or 3 (stars)\n");
  });
});

describe("sroi sensitivity", () => {
  it("prints the tornado with the drivers first", async () => {
    const r = await sroi("sensitivity", EIJSDEN, "--spread", "20%", "-s", "current");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Gevoeligheidsanalyse: SROI Krachtenbinder, Sociaal Centrum Eijsden");
    expect(r.stdout).toMatch(/│ getal\s+│ +laag │ +hoog │ ratio laag │ ratio hoog │ uitslag │/);
    expect(r.stdout).toContain("Scenario: Huidig (10 uur/week) [current]  ratio 6,17");
    expect(r.stdout).toMatch(/│ hourly_rate\s+│\s+70 │\s+105 │\s+7,71 │\s+5,14 │\s+2,57 │/);
  });

  it("follows the model's own language: an English model prints English, --lang overrides", async () => {
    const model = "models/examples/social_enterprise.yaml";
    const en = await sroi("sensitivity", model, "--spread", "10%");
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/^Sensitivity: /);
    expect(en.stdout).toMatch(/│ number\s+│ +low │ +high │ ratio low │ ratio high │ swing │/);
    const nl = await sroi("sensitivity", model, "--spread", "10%", "--lang", "nl");
    expect(nl.stdout).toMatch(/^Gevoeligheidsanalyse: /);
  });

  it("gives the sroi-sensitivity/1 JSON", async () => {
    const r = await sroi("sensitivity", NUMANSDORP, "--spread", "10%", "-f", "json");
    const out = json(r.stdout);
    expect(out.schema).toBe("sroi-sensitivity/1");
    expect(out.model).toBe("numansdorp");
    const s = out.scenarios[0]! as { id: string; base_ratio: number; parameters: Record<string, unknown>[] };
    expect(s.id).toBe("ambition");
    expect(Object.keys(s.parameters[0]!)).toEqual(["name", "low", "high", "ratio_low", "ratio_high", "swing"]);
  });

  it("without ranges or --spread: one line and a hint, exit 2", async () => {
    const r = await sroi("sensitivity", EIJSDEN);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^models\/eijsden.yaml  \(file\)  --spread: the model declares no ranges, so there is nothing to vary\n  hint: /);
  });
});

describe("sroi breakeven", () => {
  it("says how far the hourly rate could rise before Eijsden stops paying", async () => {
    const r = await sroi("breakeven", EIJSDEN, "--param", "hourly_rate", "-s", "current");
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\n\s+/g, " ")).toContain("hourly_rate kan stijgen van 87,50 tot 539,75 voordat Huidig (10 uur/week) [current] niet meer rendeert (ratio 1).");
    const en = await sroi("breakeven", EIJSDEN, "--param", "hourly_rate", "-s", "current", "--lang", "en");
    expect(en.stdout.replace(/\n\s+/g, " ")).toContain("hourly_rate could rise from 87.50 to 539.75 before Huidig (10 uur/week) [current] stops paying (ratio 1).");
  });

  it("gives the sroi-breakeven/1 JSON with null when unreachable", async () => {
    const r = await sroi("breakeven", EIJSDEN, "--param", "hourly_rate", "-f", "json");
    const out = json(r.stdout);
    expect(out.schema).toBe("sroi-breakeven/1");
    expect(out.scenarios.map((s) => s.value === null)).toEqual([false, false, true]);
    expect(Object.keys(out.scenarios[0]!)).toEqual(["id", "param", "base", "value", "target"]);
  });

  it("refuses a number that does not move the ratio, exit 2", async () => {
    const r = await sroi("breakeven", EIJSDEN, "--param", "inhabitants_municipality");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('models/eijsden.yaml  inhabitants_municipality  --param: "inhabitants_municipality" does not move the ratio in any scenario');
  });

  it("refuses an unknown number with a did-you-mean", async () => {
    const r = await sroi("breakeven", EIJSDEN, "--param", "hourly_rat");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('models/eijsden.yaml  hourly_rat  --param: no number named "hourly_rat" in this model\n  hint: did you mean "hourly_rate"?\n');
  });
});

describe("sroi simulate", () => {
  it("prints the same numbers twice for the same seed", async () => {
    const args = ["simulate", EIJSDEN, "--spread", "20%", "--iterations", "200", "--seed", "5", "-s", "current"];
    const a = await sroi(...args);
    const b = await sroi(...args);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain("200 trekkingen, seed 5");
    expect(a.stdout).toMatch(/│\s+│ +model │ gemiddelde │ +P5 │ +mediaan │ +P95 │/);
    expect(a.stderr).toBe(""); // no progress when stderr is not a terminal
  });

  it("gives the sroi-simulate/1 JSON", async () => {
    const r = await sroi("simulate", NUMANSDORP, "--spread", "20%", "--iterations", "100", "--target", "5", "-f", "json");
    const out = json(r.stdout);
    expect(out).toMatchObject({ schema: "sroi-simulate/1", model: "numansdorp", seed: 1, iterations: 100 });
    const s = out.scenarios[0]! as Record<string, unknown>;
    expect(Object.keys(s)).toEqual(["id", "ratio", "p_above_1", "p_above_target", "stakeholders"]);
    expect(Object.keys(s.ratio as object)).toEqual(["mean", "p5", "p50", "p95"]);
  });

  it("refuses a non-number --iterations, exit 2", async () => {
    const r = await sroi("simulate", EIJSDEN, "--spread", "20%", "--iterations", "lots");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('models/eijsden.yaml  (file)  --iterations: "lots" is not a number\n');
  });
});

describe("sroi split", () => {
  it("shares Eijsden's inputs over the municipality, the insurer and the care office, adding up to 100%", async () => {
    const r = await sroi("split", EIJSDEN, "-s", "current");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/│ Gemeente\s+│\s+32,7% │/);
    expect(r.stdout).toMatch(/│ totaal\s+│\s+100% │ € 220.766 │/);
    const en = await sroi("split", EIJSDEN, "-s", "current", "--lang", "en");
    expect(en.stdout).toMatch(/│ total\s+│\s+100% │ € 220,766 │/);
  });

  it("gives the sroi-split/1 JSON", async () => {
    const r = await sroi("split", NUMANSDORP, "--key", "equal", "-f", "json");
    const out = json(r.stdout);
    expect(out.schema).toBe("sroi-split/1");
    const s = out.scenarios[0]! as { key: string; funders: { share: number }[] };
    expect(s.key).toBe("equal");
    expect(s.funders.reduce((t, f) => t + f.share, 0)).toBeCloseTo(1, 12);
  });

  it("refuses an impossible --set value, exit 2", async () => {
    const r = await sroi("split", EIJSDEN, "--set", "scenarios.current.participants.reduced=-5");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("models/eijsden.yaml  scenarios.current.participants.reduced  --set: a count cannot be negative (got -5)\n");
  });

  it("refuses a --set value the model cannot compute with, at the place that fails", async () => {
    const r = await sroi("split", EIJSDEN, "--set", "hourly_rate=-3");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^models\/eijsden\.yaml:\d+:13  inputs\[0\]\.amount  an amount must not be negative \(got -1440\)\n$/);
  });
});

describe("declared ranges", () => {
  const withRange = (from: string, to: string) => {
    const dir = copyRepo();
    edit(join(dir, "models", "eijsden.yaml"), from, to);
    return join(dir, "models", "eijsden.yaml");
  };
  const RATE = 'value: 87.5               # "€87,50 per uur, incl. btw, prijspeil 2025"';

  it("vary without --spread: the tornado and the simulation use the model's own range", async () => {
    const file = withRange(RATE, "value: 87.5\n    low: 70                   # test range\n    high: 110\n    distribution: pert");
    const t = await sroi("sensitivity", file, "-s", "current", "-f", "json");
    expect(t.code).toBe(0);
    const rows = (json(t.stdout).scenarios[0] as { parameters: { name: string; low: number; high: number }[] }).parameters;
    expect(rows).toEqual([expect.objectContaining({ name: "hourly_rate", low: 70, high: 110 })]);
    const s = await sroi("simulate", file, "-s", "current", "--iterations", "500", "-f", "json");
    expect(s.code).toBe(0);
    const ratio = (json(s.stdout).scenarios[0] as { ratio: { p5: number; p95: number } }).ratio;
    // The ratio is 6,17 at 87,50, so 539,75 / rate: between 539,75/110 and 539,75/70.
    expect(ratio.p5).toBeGreaterThan(539.748 / 110);
    expect(ratio.p95).toBeLessThan(539.748 / 70);
  });

  it("an inverted range is one line at the parameter, exit 2", async () => {
    const file = withRange(RATE, "value: 87.5\n    low: 110                  # test range\n    high: 70");
    const r = await sroi("simulate", file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/eijsden\.yaml:\d+:\d+  parameters\.hourly_rate\.low  the low end \(110\) is above the high end \(70\)\n  hint: swap them\n$/);
  });

  it("a range that allows a share above 100% is refused, exit 2", async () => {
    const file = withRange("value: 20%                # \"procentuele", "value: 20%\n    low: 0.1\n    high: 1.2                 # \"procentuele");
    const r = await sroi("sensitivity", file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("parameters.social_domain_saving.value  the range's high end allows an impossible value: a share cannot exceed 100% (got 120%)");
  });

  it("a distribution that draws impossible values fails at the place that cannot take them, exit 2", async () => {
    // Normal over 10..200 (the 90% interval) draws a negative hourly rate now and then: a negative cost.
    const file = withRange(RATE, "value: 87.5\n    low: 10                   # test range\n    high: 200\n    distribution: normal");
    const r = await sroi("simulate", file, "-s", "current", "--iterations", "2000");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/eijsden\.yaml:\d+:\d+  inputs\[0\]\.amount  an amount must not be negative \(got -[\d.]+\) \(in draw \d+: hourly_rate=-[\d.]+\)\n$/);
  });

  it("a range with one end is a model problem", async () => {
    const file = withRange(RATE, "value: 87.5\n    low: 70");
    const r = await sroi("run", file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/parameters\.hourly_rate\.high  a range needs both "low" and "high"/);
  });
});

describe("simulate progress", () => {
  it("goes to stderr on a terminal, ending with a cleared line, and never into stdout", async () => {
    const { Chalk } = await import("chalk");
    const { simulateCommand } = await import("../../src/cli/commands/analysis.js");
    let out = "";
    let err = "";
    const io = { out: (t: string) => void (out += t), err: (t: string) => void (err += t), chalk: new Chalk({ level: 0 }), errChalk: new Chalk({ level: 0 }) };
    const opts = { format: "json" as const, spread: "20%", iterations: "1000", seed: "1", locale: "nl" as const, set: [], scenario: ["current"] };
    expect(await simulateCommand(EIJSDEN, opts, io, true)).toBe(0);
    expect(err).toContain("\rsimulating 50%");
    expect(err.endsWith("\rsimulating 100%\r\u001b[K")).toBe(true);
    expect(JSON.parse(out).schema).toBe("sroi-simulate/1");
  });
});

describe("run --min-certainty on several models", () => {
  it("adds min_certainty to each model of the JSON batch", async () => {
    const r = await sroi("run", EIJSDEN, NUMANSDORP, "-f", "json", "--min-certainty", "2");
    expect(r.code).toBe(0);
    const models = (JSON.parse(r.stdout) as { models: { min_certainty: { scenarios: { ratio: number; full_ratio: number }[] } }[] }).models;
    expect(models).toHaveLength(2);
    for (const m of models) for (const s of m.min_certainty.scenarios) expect(s.ratio).toBeLessThan(s.full_ratio);
  });
});
