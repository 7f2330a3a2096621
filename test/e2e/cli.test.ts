// End to end: the real binary (bin/sroi, built by `npm test`'s pretest), spawned as a user would.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "bin", "sroi");

function sroi(args: string[], env: Record<string, string> = {}, cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "", ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const ESC = "\u001b[";
const noStackTrace = (s: string) => expect(s).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

describe("sroi run", () => {
  it("prints Eijsden's tables with ratios 6,2 and 6,7", () => {
    const r = sroi(["run", "models/eijsden.yaml"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Scenario: Huidig (10 uur/week) [current]");
    expect(r.out).toMatch(/SROI-ratio\s+6,2 \(6,17\)/);
    expect(r.out).toMatch(/SROI-ratio\s+6,7 \(6,70\)/);
    expect(r.out).toContain("€ 220.766");
    expect(r.out).toContain("Waarschuwingen (2)");
    expect(r.out.replace(/\n\s+/g, " ")).toContain("heeft zekerheid * (beperkt), lager dan de ** (voldoende) die het model vraagt; gebruikt door Inloop-café, Hoeskamer");
    expect(r.out).not.toContain(ESC);
    expect(r.err).toBe("");
  });

  it("keeps its table output stable", async () => {
    const r = sroi(["run", "models/eijsden.yaml", "--scenario", "current"]);
    await expect(r.out).toMatchFileSnapshot("__snapshots__/eijsden-current.txt");
  });

  it("gives the JSON contract with plain numbers", () => {
    const r = sroi(["run", "models/eijsden.yaml", "--format", "json"]);
    expect(r.code).toBe(0);
    const envelope = JSON.parse(r.out);
    expect(envelope.schema).toBe("sroi-run/1");
    expect(envelope.models).toHaveLength(1);
    expect(envelope.models[0]).toMatchObject({ file: "models/eijsden.yaml", ok: true, problems: [] });
    const j = envelope.models[0].result;
    expect(j.schema).toBe("sroi-result/1");
    expect(Object.keys(j)).toEqual(["schema", "model", "scenarios", "references", "warnings"]);
    const [current, fulltime] = j.scenarios;
    expect(current.id).toBe("current");
    expect(Math.abs(current.ratio - 6.17)).toBeLessThan(0.01);
    expect(Math.abs(fulltime.ratio - 6.7)).toBeLessThan(0.01);
    expect(current.totals).toMatchObject({ inputs: expect.any(Number), benefits: expect.any(Number), net: expect.any(Number) });
    expect(current.stakeholders.map((s: { id: string }) => s.id)).toEqual(["residents", "municipality", "insurer", "care_office"]);
    for (const s of current.stakeholders) expect(Object.keys(s)).toEqual(expect.arrayContaining(["id", "inputs", "benefits", "ratio"]));
    expect(j.warnings).toContainEqual(expect.objectContaining({ code: "printed-figure", printed: "472", computed: 471 }));
    expect(j.references.map((r: { id: string }) => r.id)).toContain("kunst_en_cultuur");
  });

  it("reproduces Numansdorp's 6,7, 6,3 and 2,8", () => {
    const j = JSON.parse(sroi(["run", "models/numansdorp.yaml", "--format", "json"]).out).models[0].result;
    const s = j.scenarios[0];
    expect(s.ratio.toFixed(1)).toBe("6.7");
    expect(s.stakeholders.find((x: { id: string }) => x.id === "municipality").ratio.toFixed(1)).toBe("6.3");
    expect(s.ratios.find((x: { id: string }) => x.id === "insurers_vs_alerimus").ratio.toFixed(1)).toBe("2.8");
  });

  it("shows slips with both sides, in the report's notation (or English on request)", () => {
    const nl = sroi(["run", "models/numansdorp.yaml"]).out;
    const unwrapped = nl.replace(/\n\s+/g, " ");
    expect(unwrapped).toContain("het gewogen gemiddelde over de activiteiten (13.354 deelnemers) is 581,5 (verschil 18,5)");
    expect(unwrapped).toContain("in het rapport staat € 3.344.000, het model rekent 3.334.137 (verschil -9.863)");
    const en = sroi(["run", "models/numansdorp.yaml", "--locale", "en"]).out;
    expect(en.replace(/\n\s+/g, " ")).toContain("(13,354 participants) is 581.5 (difference 18.5)");
    const j = JSON.parse(sroi(["run", "models/numansdorp.yaml", "-f", "json"]).out).models[0].result;
    expect(j.warnings).toContainEqual(expect.objectContaining({ code: "weighted-vs-used", used: 600, participants: 13354 }));
  });

  it("colours only when asked and never with NO_COLOR", () => {
    expect(sroi(["run", "models/eijsden.yaml"], { NO_COLOR: "", FORCE_COLOR: "1" }).out).toContain(ESC);
    expect(sroi(["run", "models/eijsden.yaml"], { NO_COLOR: "1", FORCE_COLOR: "1" }).out).not.toContain(ESC);
  });

  it("runs only the named scenario, and refuses one that does not exist", () => {
    const one = JSON.parse(sroi(["run", "-s", "fulltime", "models/eijsden.yaml", "-f", "json"]).out).models[0].result;
    expect(one.scenarios.map((s: { id: string }) => s.id)).toEqual(["fulltime"]);
    const bad = sroi(["run", "models/eijsden.yaml", "-s", "fullitme"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('no scenario "fullitme"');
  });
});

describe("bad input", () => {
  const dir = mkdtempSync(join(tmpdir(), "sroi-e2e-"));
  const broken = join(dir, "broken.yaml");
  writeFileSync(
    broken,
    readFileSync(join(ROOT, "models/eijsden.yaml"), "utf8")
      .replace("library: [library/studies.yaml, library/prices.yaml]", `library: [${join(ROOT, "models/library/studies.yaml")}, ${join(ROOT, "models/library/prices.yaml")}]`)
      .replace("  hours_per_week:\n", "  hours_per_wek:\n")
      .replace("allocation: { municipality: 50%, insurer: 50% }", "allocation: { municipality: 50%, insurer: 40% }"),
  );

  it("prints every problem as file:line:col  path  message, exit 2, no stack trace", () => {
    // The library lies outside the temporary folder's project, so it is allowed by name.
    const r = sroi(["run", broken, "--allow-path", join(ROOT, "models/library")]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    const lines = r.err.trim().split("\n").filter((l) => !l.startsWith("  hint:"));
    expect(lines).toEqual([
      expect.stringMatching(/broken\.yaml:\d+:\d+  parameters\.annual_cost\.value  unknown name "hours_per_week"/),
      expect.stringMatching(/broken\.yaml:\d+:\d+  inputs\[0\]\.allocation  the shares add up to 90%, not 100%/),
      expect.stringMatching(/broken\.yaml:\d+:\d+  scenarios\[0\]\.parameters\.hours_per_week  no parameter "hours_per_week" to change/),
      expect.stringMatching(/broken\.yaml:\d+:\d+  scenarios\[1\]\.parameters\.hours_per_week  no parameter "hours_per_week" to change/),
    ]);
    expect(r.err).toContain('hint: did you mean "hours_per_wek"?');
    noStackTrace(r.err);
  });

  it("an empty file and a missing file are problems too", () => {
    const empty = join(dir, "empty.yaml");
    writeFileSync(empty, "");
    const r = sroi(["validate", empty, join(dir, "nope.yaml")]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${empty}:1:1  (file)  the file is empty`);
    expect(r.err).toContain(`nope.yaml:1:1  (file)  no such file`);
    noStackTrace(r.err);
  });

  it("in a batch, the other models still run and the summary names the failure", () => {
    const r = sroi(["run", "models/eijsden.yaml", broken, "models/numansdorp.yaml", "--summary", "--allow-path", join(ROOT, "models/library")]);
    expect(r.code).toBe(2);
    expect(r.out).toContain("Samenvatting");
    expect(r.out).toMatch(/eijsden\s+│ current/);
    expect(r.out).toMatch(/numansdorp\s+│ ambition/);
    expect(r.out).toMatch(/broken\.yaml.*fout/);
    expect(r.out).toContain("3 modellen, 2 gedraaid, 1 mislukt");
    // The recorded slips, with both sides, under the summary.
    expect(r.out).toContain("Waarschuwingen: eijsden");
    expect(r.out.replace(/\n\s+/g, " ")).toContain("in het rapport staat 472, het model rekent 471");
    expect(r.out).toContain("Waarschuwingen: numansdorp");
  });

  it("validate accepts the repository's models", () => {
    const r = sroi(["validate", "models"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("ok  models/eijsden.yaml");
  });

  it("usage errors exit 2, help exits 0", () => {
    expect(sroi(["frobnicate"]).code).toBe(2);
    expect(sroi(["run"]).code).toBe(2);
    const help = sroi(["--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toContain("run [options] <paths...>");
  });
});

describe("sroi run --save", () => {
  it("writes one JSON result per model and never overwrites a model", () => {
    const dir = mkdtempSync(join(tmpdir(), "sroi-save-"));
    cpSync(join(ROOT, "models"), join(dir, "models"), { recursive: true });
    const out = join(dir, "results");
    const r = sroi(["run", "models/eijsden.yaml", "models/numansdorp.yaml", "--summary", "--save", out], {}, dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, "eijsden.json"), "utf8")).schema).toBe("sroi-result/1");
    expect(existsSync(join(out, "numansdorp.json"))).toBe(true);

    // A folder holding a file of the result's name that is not a result: refused, file untouched.
    cpSync(join(dir, "models"), join(dir, "notes"), { recursive: true });
    writeFileSync(join(dir, "notes", "eijsden.json"), "my notes\n");
    const refused = sroi(["run", "models/eijsden.yaml", "--save", "notes"], {}, dir);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("refusing to overwrite");
    expect(readFileSync(join(dir, "notes", "eijsden.json"), "utf8")).toBe("my notes\n");
    // Nor into the folder of the models themselves.
    expect(sroi(["run", "models/eijsden.yaml", "--save", "models"], {}, dir).code).toBe(2);
  });
});
