// npm run bench: the figures of issue 11 against their targets, measured on the built CLI (bin/sroi) as a
// user runs it. Speed targets live here, never in a timed test. It prints every figure with its target
// (start-up figures also as a ratio to bare `node -e 0`, alternated in the same run, median of ROUNDS),
// writes bench/last.json and the README's "Performance" table, and prints a loud REGRESSION line for a
// figure more than 25% worse than in the last committed bench/last.json. It never fails on a figure: these
// machines are shared and noisy; read the table.
// It also times a fixed piece of plain JavaScript, the host's speed that day, by which times are scaled
// before they are compared with the last committed run (bench/compare.mjs).
//
//   BENCH_ROUNDS=15   start-up rounds (at least 15 for a figure worth quoting)
//   BENCH_BATCH=1000  model files in the batch figures
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { scaleModel } from "./scale.mjs";
import { updateReadme } from "./readme.mjs";
import { compareWithLast, fmt } from "./compare.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SROI = join(ROOT, "bin", "sroi");
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 15));
const BATCH = Math.max(1, Number(process.env.BENCH_BATCH ?? 1000));
const HEAVY_ROUNDS = 5; // batch and scale figures: a second or two each, median of five (three let one busy minute through)

if (!existsSync(join(ROOT, "dist", "cli", "sroi.cjs"))) {
  console.error("bench: dist/ is missing; run `npm run bench` (it builds first)");
  process.exit(2);
}

const tmp = mkdtempSync(join(tmpdir(), "sroi-bench-"));
// Each run gets a code cache of its own, warmed before timing, as a user's is after the first run.
const env = { ...process.env, XDG_CACHE_HOME: join(tmp, "cache"), NO_COLOR: "1" };
delete env.FORCE_COLOR;
const rssHook = join(tmp, "rss-hook.mjs");
writeFileSync(
  rssHook,
  // Peak resident set (kilobytes) and CPU time (microseconds) of the child, written as it exits.
  `import { writeFileSync } from "node:fs";
process.on("exit", () => { try { const u = process.resourceUsage(); writeFileSync(process.env.SROI_BENCH_RSS, JSON.stringify([u.maxRSS, u.userCPUTime + u.systemCPUTime])); } catch {} });
`,
);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Wall time of one child process, in ms; exits the bench if the command fails unexpectedly. */
function timed(args, { okStatus = [0], rss = false, cwd = ROOT } = {}) {
  const rssFile = join(tmp, "rss.txt");
  const argv = rss ? ["--import", rssHook, ...args] : args;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, argv, {
    cwd,
    env: rss ? { ...env, SROI_BENCH_RSS: rssFile } : env,
    stdio: ["ignore", "ignore", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - t0;
  if (!okStatus.includes(r.status)) {
    console.error(`bench: node ${args.join(" ")} exited ${r.status}\n${String(r.stderr).slice(0, 2000)}`);
    cleanup();
    process.exit(2);
  }
  const [rssKb, cpuUs] = rss ? JSON.parse(readFileSync(rssFile, "utf8")) : [];
  return { ms, rssMb: rss ? rssKb / 1024 : undefined, cpuMs: rss ? cpuUs / 1000 : undefined };
}

/** Median wall time of `node -e 0` and of the command, alternated round by round. */
function startup(args) {
  timed(args); // warm the code cache and the file cache
  const base = [];
  const cmd = [];
  for (let i = 0; i < ROUNDS; i++) {
    base.push(timed(["-e", "0"]).ms);
    cmd.push(timed(args).ms);
  }
  return { ms: median(cmd), baseMs: median(base) };
}

function heavy(args, opts = {}) {
  return heavyAlternated([args], opts)[0];
}

/**
 * Commands run in turn, round by round (warmed up first), each figure the median of its rounds: figures
 * compared with each other (the scale model and its quarter) then meet the same load on a shared machine.
 */
function heavyAlternated(commands, opts = {}) {
  for (const args of commands) timed(args, opts); // warm-up
  const runs = commands.map(() => []);
  for (let round = 0; round < HEAVY_ROUNDS; round++) commands.forEach((args, i) => runs[i].push(timed(args, { ...opts, rss: true })));
  return runs.map((rs) => ({ ms: median(rs.map((r) => r.ms)), rssMb: Math.max(...rs.map((r) => r.rssMb)), cpuMs: median(rs.map((r) => r.cpuMs)) }));
}

/**
 * The host's speed today: the median time of a fixed piece of plain JavaScript (maps, objects, strings,
 * numbers, JSON, as sroi's own work), each round in a fresh process as the figures are.
 */
function hostSpeed() {
  const code = `const t0 = process.hrtime.bigint(); let acc = 0;
for (let r = 0; r < 8; r++) {
  const m = new Map();
  for (let i = 0; i < 20000; i++) m.set("k" + i + "." + r, { i, v: Math.sqrt(i * r + 1), s: "x" + i });
  const text = JSON.stringify([...m.values()]);
  acc += JSON.parse(text).length + text.length;
}
process.stdout.write(String(Number(process.hrtime.bigint() - t0) / 1e6 + (acc < 0 ? 1 : 0)));`;
  const runs = [];
  for (let i = 0; i < 7; i++) {
    const r = spawnSync(process.execPath, ["-e", code], { encoding: "utf8" });
    runs.push(Number(r.stdout));
  }
  return median(runs);
}

function cleanup() {
  rmSync(tmp, { recursive: true, force: true });
}

// --- the batch: BATCH copies of the report models, each with its fixture, as a folder of models ---
const batchModels = join(tmp, "batch", "models");
const batchFixtures = join(tmp, "batch", "fixtures");
mkdirSync(batchFixtures, { recursive: true });
cpSync(join(ROOT, "models", "library"), join(batchModels, "library"), { recursive: true });
const reportModels = readdirSync(join(ROOT, "models")).filter((f) => f.endsWith(".yaml")).sort();
for (let i = 0; i < BATCH; i++) {
  const model = reportModels[i % reportModels.length];
  const name = `m${String(i).padStart(4, "0")}_${basename(model, ".yaml")}.yaml`;
  cpSync(join(ROOT, "models", model), join(batchModels, name));
  const fixture = join(ROOT, "fixtures", model);
  // The copy's fixture names the copy, as a user's fixture names its model (else every check in the
  // batch would stop at "this fixture is for another model" and the figure would time that error).
  if (existsSync(fixture)) writeFileSync(join(batchFixtures, name), readFileSync(fixture, "utf8").replace(/^model: .*$/m, `model: models/${name}`));
}

// --- the scale model, and one a quarter its size to see how time grows ---
const scaleFile = join(tmp, "scale.yaml");
const quarterFile = join(tmp, "scale-quarter.yaml");
writeFileSync(scaleFile, scaleModel({ activities: 10000, stakeholders: 20, years: 30, outcomes: 200, scenarios: 5 }));
writeFileSync(quarterFile, scaleModel({ activities: 2500, stakeholders: 20, years: 30, outcomes: 200, scenarios: 5 }));

console.log(`sroi bench: node ${process.version}, ${cpus().length} cores, start-up medians of ${ROUNDS} rounds alternated with \`node -e 0\`, batch and scale medians of ${HEAVY_ROUNDS}`);
const hostBefore = hostSpeed();

const eijsden = join("models", "eijsden.yaml");
const figures = [];
const add = (f) => {
  figures.push(f);
  const shown = fmt(f);
  const extra =
    f.ms !== undefined && f.unit === "x"
      ? `  (${f.ms.toFixed(0)} ms vs node ${f.baseMs.toFixed(0)} ms)`
      : f.cpuMs !== undefined
        ? `  (CPU ${f.cpuMs.toFixed(0)} ms: on a busy machine wall time exceeds it)`
        : "";
  console.log(`${f.ok ? "ok  " : "MISS"}  ${f.name.padEnd(52)} ${shown.padStart(9)}  target ${f.target}${extra}`);
};
const ratioFigure = (id, name, args, max) => {
  const { ms, baseMs } = startup(args);
  const value = ms / baseMs;
  add({ id, name, value, unit: "x", target: `<= ${max}x`, ok: value <= max, ms, baseMs });
  return { ms, baseMs };
};

const help = ratioFigure("help", "sroi --help / node -e 0", [SROI, "--help"], 1.2);
ratioFigure("run_json", "sroi run models/eijsden.yaml -f json / node -e 0", [SROI, "run", eijsden, "-f", "json"], 1.5);
ratioFigure("run_table", "sroi run models/eijsden.yaml (table) / node -e 0", [SROI, "run", eijsden], 2);

// "Beyond start-up": the batch's time less the CLI's own start-up (sroi --help) measured above.
const batchRun = heavy([SROI, "run", batchModels, "-f", "json"]);
const batchBeyond = batchRun.ms - help.ms;
add({ id: "batch_run_ms", name: `sroi run DIR -f json, ${BATCH} models, beyond start-up`, value: batchBeyond, unit: "ms", target: "< 1000 ms", ok: batchBeyond < 1000, cpuMs: batchRun.cpuMs });
add({ id: "batch_run_rss", name: `sroi run DIR -f json, ${BATCH} models, peak RSS`, value: batchRun.rssMb, unit: "MB", target: "< 200 MB", ok: batchRun.rssMb < 200 });

const batchCheck = heavy([SROI, "check", batchModels], { okStatus: [0, 1] });
add({ id: "batch_check_ms", name: `sroi check DIR, ${BATCH} models (table)`, value: batchCheck.ms, unit: "ms", target: "< 2000 ms", ok: batchCheck.ms < 2000, cpuMs: batchCheck.cpuMs });
add({ id: "batch_check_rss", name: `sroi check DIR, ${BATCH} models, peak RSS`, value: batchCheck.rssMb, unit: "MB", target: "< 200 MB", ok: batchCheck.rssMb < 200 });

const [scale, quarter] = heavyAlternated([
  [SROI, "run", scaleFile, "-f", "json"],
  [SROI, "run", quarterFile, "-f", "json"],
]);
add({ id: "scale_ms", name: "10,000 activities x 20 stakeholders x 30 years, 200 outcomes, 5 scenarios", value: scale.ms, unit: "ms", target: "< 500 ms", ok: scale.ms < 500, cpuMs: scale.cpuMs });
add({ id: "scale_rss", name: "the same model, peak RSS", value: scale.rssMb, unit: "MB", target: "< 200 MB", ok: scale.rssMb < 200 });
// Linear growth: four times the activities costs at most ~4 times the work beyond start-up (5x allows noise).
const growth = (scale.ms - help.ms) / Math.max(1, quarter.ms - help.ms);
add({ id: "scale_growth", name: "growth from 2,500 to 10,000 activities (4x the model)", value: growth, unit: "x", target: "<= 5x (linear)", ok: growth <= 5 });

// Monte Carlo figures, from the analysis engineer's script once it exists.
let analysis = null;
const analysisScript = join(ROOT, "bench", "analysis.mjs");
if (existsSync(analysisScript)) {
  console.log("\nMonte Carlo (bench/analysis.mjs):");
  const r = spawnSync(process.execPath, [analysisScript], { cwd: ROOT, env, encoding: "utf8", timeout: 180000 });
  process.stdout.write(r.stdout ?? "");
  if (r.status !== 0) console.log(`bench/analysis.mjs exited ${r.status}${r.stderr ? `: ${r.stderr.split("\n")[0]}` : ""}`);
  analysis = { status: r.status, output: (r.stdout ?? "").trim().split("\n") };
} else {
  console.log("\nMonte Carlo: skipped (bench/analysis.mjs does not exist yet; it comes with `sroi simulate`)");
}

cleanup();
// Before and after the figures: the host's speed can change while they are measured.
const host = { js_ms: (hostBefore + hostSpeed()) / 2, node_ms: help.baseMs, cpu: cpus()[0]?.model ?? "unknown" };
console.log(`\nhost speed: a fixed piece of JavaScript took ${Math.round(host.js_ms)} ms, bare \`node -e 0\` ${Math.round(host.node_ms)} ms`);

// --- compare with the last committed results, then record these ---
const lastFile = join(ROOT, "bench", "last.json");
const git = spawnSync("git", ["show", "HEAD:bench/last.json"], { cwd: ROOT, encoding: "utf8" });
let previous;
try {
  previous = JSON.parse(git.status === 0 ? git.stdout : readFileSync(lastFile, "utf8"));
} catch {
  previous = undefined;
}
const record = {
  schema: "sroi-bench/1",
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  rounds: ROUNDS,
  batch: BATCH,
  host,
  figures,
  analysis,
};
const { lines, regressions } = compareWithLast(previous, record);
for (const line of lines) console.log(line);
const met = figures.filter((f) => f.ok).length;
console.log(`${met} of ${figures.length} targets met${regressions ? `, ${regressions} REGRESSION(S)` : ""}`);
writeFileSync(lastFile, JSON.stringify(record, null, 2) + "\n");
if (updateReadme(join(ROOT, "README.md"), record)) console.log("wrote bench/last.json and the README's Performance table");
else console.log("wrote bench/last.json");

