// npm run bench:readme: rewrites the README's block between <!-- bench:start --> and <!-- bench:end -->
// from bench/last.json (npm run bench does this itself after measuring).
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const START = "<!-- bench:start -->";
const END = "<!-- bench:end -->";

export function benchTable(record) {
  const rows = record.figures.map((f) => {
    const startup = f.ms !== undefined ? ` (${Math.round(f.ms)} ms, bare Node ${Math.round(f.baseMs)} ms)` : "";
    const cpu = f.cpuMs !== undefined ? ` (CPU ${Math.round(f.cpuMs)} ms)` : "";
    const value = f.unit === "x" ? `${f.value.toFixed(2)}x${startup}` : `${Math.round(f.value)} ${f.unit}${cpu}`;
    return `| ${f.name} | ${value} | ${f.target} | ${f.ok ? "met" : "**missed**"} |`;
  });
  return [
    `Measured by \`npm run bench\` on ${record.date.slice(0, 10)} (Node ${record.node}, ${record.cpus} cores, shared with other work;`,
    `start-up figures are medians of ${record.rounds} rounds alternated with \`node -e 0\`${
      record.host ? `; that day the bench's fixed piece of JavaScript took ${Math.round(record.host.js_ms)} ms and bare Node ${Math.round(record.host.node_ms)} ms` : ""
    }).`,
    "",
    "| figure | measured | target | |",
    "| --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

/** Rewrites the marked block; false when the README has no markers (nothing is written then). */
export function updateReadme(readmeFile, record) {
  const text = readFileSync(readmeFile, "utf8");
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) return false;
  const next = text.slice(0, start + START.length) + "\n" + benchTable(record) + "\n" + text.slice(end);
  if (next === text) return true;
  const tmp = `${readmeFile}.bench-${process.pid}.tmp`;
  writeFileSync(tmp, next);
  renameSync(tmp, readmeFile); // never a half-written README
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  const record = JSON.parse(readFileSync(join(root, "bench", "last.json"), "utf8"));
  if (!updateReadme(join(root, "README.md"), record)) {
    console.error("bench:readme: README.md has no <!-- bench:start --> ... <!-- bench:end --> block");
    process.exit(2);
  }
  console.log("README.md: Performance table rewritten from bench/last.json");
}
