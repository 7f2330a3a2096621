// The seeded mutation fuzzer in CI: a fixed number of mutated models and library files, each run
// through `validate` and `run -f json` in-process (and a smaller sample through the real binary),
// asserting the error contract: exit 0 with finite numbers in clean JSON, or exit 2 with every
// problem line `file:line:col  path  message`; never exit 1, never an internal error or a stack
// trace, and each case within a time limit (a hang detector, not a speed target).
// A longer run on demand: FUZZ_CASES=20000 npx vitest run test/fuzz   (FUZZ_SEED picks another series)
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sroi, type Ran } from "../cli/capture.js";
import { PROBLEM_LINE } from "../robust/run_case.js";
import { mutate } from "./mutate.js";

const REPO = join(import.meta.dirname, "..", "..");
const CASES = Number(process.env.FUZZ_CASES ?? 400);
const SEED = Number(process.env.FUZZ_SEED ?? 9);
const BINARY_SAMPLE = Number(process.env.FUZZ_BINARY_CASES ?? 12);
/** Far above any case's normal time (tens of milliseconds): only a hang or a blow-up reaches it. */
const LIMIT_MS = 10_000;

const scratch = mkdtempSync(join(tmpdir(), "sroi-fuzz-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
writeFileSync(join(scratch, "package.json"), "{}\n");
cpSync(join(REPO, "models"), join(scratch, "models"), { recursive: true });

const MODELS = readdirSync(join(REPO, "models")).filter((f) => f.endsWith(".yaml")).sort();
const LIBRARIES = readdirSync(join(REPO, "models", "library")).filter((f) => f.endsWith(".yaml")).sort();
const original = (rel: string) => readFileSync(join(REPO, "models", rel), "utf8");

interface Case {
  seed: number;
  /** The file mutated, relative to models/. */
  target: string;
  /** The model files run. */
  run: string[];
  applied: string[];
}

/** Writes case `i` into the scratch project; returns what it runs. */
function setUp(i: number): Case {
  const seed = SEED * 1_000_003 + i;
  // Every fourth case mutates a library file and runs the models that read it.
  if (i % 4 === 3) {
    const lib = LIBRARIES[i % LIBRARIES.length]!;
    const { text, applied } = mutate(original(join("library", lib)), seed);
    writeFileSync(join(scratch, "models", "library", lib), text);
    return { seed, target: `library/${lib}`, run: [join(scratch, "models", "eijsden.yaml"), join(scratch, "models", "numansdorp.yaml")], applied };
  }
  const model = MODELS[i % MODELS.length]!;
  const { text, applied } = mutate(original(model), seed);
  const file = join(scratch, "models", `fuzz_${model}`);
  writeFileSync(file, text);
  return { seed, target: model, run: [file], applied };
}

function tearDown(c: Case): void {
  if (c.target.startsWith("library/")) writeFileSync(join(scratch, "models", c.target), original(c.target));
  else rmSync(c.run[0]!, { force: true });
}

/** What is wrong with one command's outcome under the contract, or undefined. */
function violation(r: Ran, json: boolean, ms: number): string | undefined {
  if (ms > LIMIT_MS) return `time: ${ms.toFixed(0)} ms`;
  if (r.code !== 0 && r.code !== 2) return `exit ${r.code}`;
  if (/internal error/.test(r.stderr)) return `crash: ${r.stderr.split("\n")[0]}`;
  if (/^\s+at .+:\d+:\d+\)?$/m.test(r.stderr)) return "stack trace";
  for (const line of r.stderr.split("\n")) {
    if (line !== "" && !PROBLEM_LINE.test(line.slice(0, 2000))) return `line without file:line:col: ${line.slice(0, 200)}`;
  }
  if (r.code === 2 && r.stderr.trim() === "") return "exit 2 without a problem";
  if (!json || r.code !== 0) return undefined;
  if (/NaN|Infinity/.test(r.stdout)) return "NaN or Infinity in the JSON";
  let data: { scenarios?: { totals: Record<string, unknown>; discount_factors: Record<string, unknown[]> }[] };
  try {
    data = JSON.parse(r.stdout);
  } catch {
    return "stdout is not clean JSON";
  }
  for (const s of data.scenarios ?? []) {
    for (const [k, v] of Object.entries(s.totals)) {
      const values = Array.isArray(v) ? v : [v];
      if (values.some((x) => typeof x !== "number" || !Number.isFinite(x))) return `totals.${k} is not a finite number`;
    }
    for (const [k, v] of Object.entries(s.discount_factors)) {
      if (v.some((x) => typeof x !== "number" || !Number.isFinite(x))) return `discount_factors.${k} is not finite`;
    }
  }
  return undefined;
}

async function timed(args: string[]): Promise<{ r: Ran; ms: number }> {
  const t = performance.now();
  const r = await sroi(...args);
  return { r, ms: performance.now() - t };
}

describe(`fuzzer (${CASES} cases, seed ${SEED})`, () => {
  it("every mutated model and library keeps the error contract", async () => {
    const found: string[] = [];
    const tally = { ok: 0, invalid: 0 };
    for (let i = 0; i < CASES; i++) {
      const c = setUp(i);
      try {
        for (const [args, json] of [
          [["validate", ...c.run], false],
          [["run", "-f", "json", ...c.run], true],
        ] as const) {
          const { r, ms } = await timed([...args]);
          const v = violation(r, json && c.run.length === 1, ms);
          if (v) found.push(`case ${i} (seed ${c.seed}, ${c.target}: ${c.applied.join(", ")}) ${args[0]}: ${v}`);
          if (json) tally[r.code === 0 ? "ok" : "invalid"]++;
        }
      } finally {
        tearDown(c);
      }
    }
    console.log(`fuzz: ${CASES} cases, ${tally.ok} ran, ${tally.invalid} refused with problems, ${found.length} contract violations`);
    expect(found).toEqual([]);
  }, 600_000);

  it("a sample through the real binary keeps it too", () => {
    const found: string[] = [];
    for (let i = 0; i < BINARY_SAMPLE; i++) {
      const c = setUp(CASES + i);
      try {
        const t = performance.now();
        const p = spawnSync(process.execPath, [join(REPO, "bin", "sroi"), "run", "-f", "json", ...c.run], { encoding: "utf8", timeout: LIMIT_MS, env: { ...process.env, NO_COLOR: "1" } });
        const v = violation({ code: p.status ?? -1, stdout: p.stdout, stderr: p.stderr }, c.run.length === 1, performance.now() - t);
        if (v) found.push(`case ${CASES + i} (seed ${c.seed}, ${c.target}: ${c.applied.join(", ")}): ${v}`);
      } finally {
        tearDown(c);
      }
    }
    expect(found).toEqual([]);
  }, 600_000);
});
