// End to end: the analysis commands through the real binary.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "bin", "sroi");
const sroi = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "" } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe("analysis commands (bin/sroi)", () => {
  it("run --set gives the Austerlitz variant", () => {
    const r = sroi("run", "models/eijsden.yaml", "-s", "fulltime", "--set", "annual_cost=75000");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/SROI-ratio\s+13,5 \(13,50\)/);
  });

  it("a seeded simulation prints the same JSON twice and no progress into a pipe", () => {
    const args = ["simulate", "models/eijsden.yaml", "--spread", "20%", "--iterations", "300", "--seed", "9", "-f", "json"];
    const a = sroi(...args);
    expect(a.code).toBe(0);
    expect(a.err).toBe("");
    expect(sroi(...args).out).toBe(a.out);
    expect(JSON.parse(a.out).schema).toBe("sroi-simulate/1");
  });

  it("bad input is one line and exit 2, without a stack trace", () => {
    const r = sroi("breakeven", "models/eijsden.yaml", "--param", "hourly_rat");
    expect(r.code).toBe(2);
    expect(r.err).toBe('models/eijsden.yaml  hourly_rat  --param: no number named "hourly_rat" in this model\n  hint: did you mean "hourly_rate"?\n');
    expect(r.out).toBe("");
  });
});
