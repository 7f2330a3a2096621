// npm run bench: speed and memory of loading and running models, against the targets below.
// Targets live here, never in a timed test. Exit status 1 when a target is missed.
import { mkdtempSync, writeFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const { runFile, LibraryCache } = await import("../dist/api.js");

const TARGETS = {
  allModelsMs: 1500, // every model in models/, loaded and run, cold library cache
  largeModelMs: 2000, // a synthetic model: 2,000 activities, 200 outcomes, 40 scenarios, 60-year horizon
  heapMb: 300,
};

function time(fn, repeat = 5) {
  const samples = [];
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const models = readdirSync("models").filter((f) => f.endsWith(".yaml")).map((f) => join("models", f));
const allMs = time(() => {
  const cache = new LibraryCache();
  for (const m of models) if (!runFile(m, cache).result) throw new Error(`${m} failed`);
});

// A large synthetic model, written as a user would.
const dir = mkdtempSync(join(tmpdir(), "sroi-bench-"));
const lines = [
  "sroi: 1",
  "meta: { title: Benchmark, source: { report: synthetic } }",
  "time: { period: 2026-2085, discount: hm-treasury }",
  "stakeholders:",
  ...Array.from({ length: 10 }, (_, i) => `  - { id: s${i}, name: Stakeholder ${i} }`),
  "parameters: { claim: 0.5, rate: 87.5 }",
  "activities:",
  ...Array.from({ length: 2000 }, (_, i) => `  - { id: a${i}, name: A${i}, participants: ${10 + (i % 90)}, values: { d${i % 20}: ${100 + i} } }`),
  "participants: { groups: [ { id: g, name: G } ] }",
  "counterfactual: { name: none, participants: { g: 100 } }",
  "inputs:",
  ...Array.from({ length: 20 }, (_, i) => `  - { id: i${i}, name: I${i}, stakeholder: s${i % 10}, amount: rate * ${1000 + i}, indexation: 2% }`),
  "outcomes:",
  ...Array.from({ length: 200 }, (_, i) => `  - { id: o${i}, name: O${i}, stakeholder: s${i % 10}, domain: d${i % 20}, impact_claim: 50%, duration: ${1 + (i % 5)}, drop_off: 10% }`),
  "scenarios:",
  ...Array.from({ length: 40 }, (_, i) => `  - { id: sc${i}, name: Sc${i}, participants: { g: ${200 + i * 10} } }`),
];
const big = join(dir, "big.yaml");
writeFileSync(big, lines.join("\n") + "\n");
const largeMs = time(() => {
  const r = runFile(big);
  if (!r.result) throw new Error(JSON.stringify(r.problems.slice(0, 3)));
}, 3);
const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;

const rows = [
  ["all models in models/ (" + models.length + ")", allMs, TARGETS.allModelsMs, "ms"],
  ["large synthetic model", largeMs, TARGETS.largeModelMs, "ms"],
  ["heap after runs", heapMb, TARGETS.heapMb, "MB"],
];
let missed = 0;
for (const [name, value, target, unit] of rows) {
  const ok = value <= target;
  if (!ok) missed++;
  console.log(`${ok ? "ok  " : "MISS"}  ${name.padEnd(34)} ${value.toFixed(1).padStart(8)} ${unit}  (target <= ${target} ${unit})`);
}
process.exit(missed ? 1 : 0);
