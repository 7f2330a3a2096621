// npm run bench compares its figures with the last committed bench/last.json: a figure more than 25%
// worse is a REGRESSION, times judged as if measured on a host as fast as the last run's.
import { expect, it } from "vitest";
// @ts-expect-error: a bench script in plain JavaScript, without types
import { compareWithLast } from "../../bench/compare.mjs";

const fig = (id: string, value: number, unit: string) => ({ id, name: id, value, unit });
const record = (jsMs: number | undefined, nodeMs: number, batchMs: number, rss = 120, ratio = 1.4) => ({
  batch: 1000,
  date: "2026-12-05",
  host: jsMs === undefined ? undefined : { js_ms: jsMs, node_ms: nodeMs },
  figures: [{ ...fig("help", 1.1, "x"), baseMs: nodeMs }, fig("run_json", ratio, "x"), fig("batch_run_ms", batchMs, "ms"), fig("batch_run_rss", rss, "MB")],
});

it("does not call a slower day a regression: times are scaled by the host's speed", () => {
  // The host runs the fixed JavaScript 1.5x slower; 1,500 ms is 1,000 ms on the last run's host.
  const r = compareWithLast(record(200, 60, 1000), record(300, 90, 1500));
  expect(r.regressions).toBe(0);
  expect(r.lines[0]).toContain("1.50x slower");
});

it("reports a time that got worse beyond the host's speed, and memory and ratios as they are", () => {
  const r = compareWithLast(record(200, 60, 1000), record(300, 90, 2100, 160, 1.8));
  expect(r.regressions).toBe(3);
  expect(r.lines.join("\n")).toContain("batch_run_ms: 2100 ms now (1400 ms on that host), 1000 ms in the last committed bench/last.json (+40%)");
  expect(r.lines.join("\n")).toContain("batch_run_rss: 160 MB now, 120 MB");
  // A faster day does not hide a regression either.
  expect(compareWithLast(record(200, 60, 1000), record(100, 30, 700)).regressions).toBe(1);
});

it("scales by bare Node's start-up against a record without the host's speed, and skips another batch size", () => {
  expect(compareWithLast(record(undefined, 60, 1000), record(300, 90, 1400)).regressions).toBe(0);
  expect(compareWithLast(record(undefined, 60, 1000), record(300, 60, 1400)).regressions).toBe(1);
  expect(compareWithLast({ ...record(200, 60, 1000), batch: 10 }, record(200, 60, 5000))).toEqual({
    lines: ["not compared: the last committed bench/last.json measured a batch of 10 models, this run 1000"],
    regressions: 0,
  });
  expect(compareWithLast(undefined, record(200, 60, 1000))).toEqual({ lines: [], regressions: 0 });
  // A fixed-JavaScript timing that failed (NaN, 0) is no speed: bare Node's start-up is used instead.
  for (const bad of [Number.NaN, 0]) {
    const r = compareWithLast(record(200, 60, 1000), record(bad, 90, 1400));
    expect(r.regressions).toBe(0);
    expect(r.lines[0]).toContain("1.50x slower");
  }
});

it("does not compare times with a run on a host of another kind, but still ratios and memory", () => {
  // JavaScript 2.7x faster but start-up only 1.8x: sroi's mix of work runs at a speed neither tells.
  const apart = compareWithLast(record(374, 104, 1507), record(139, 59, 1700, 160));
  expect(apart.lines[0]).toContain("another kind");
  expect(apart.lines[0]).toContain("JavaScript 2.69x faster, start-up 1.76x faster");
  expect(apart.regressions).toBe(1); // the memory, not the time
  expect(apart.lines.join("\n")).toContain("batch_run_rss");
  expect(apart.lines.join("\n")).not.toContain("batch_run_ms");
  // Another processor: the same.
  const cpu = (r: ReturnType<typeof record>, name: string) => ({ ...r, host: { ...r.host!, cpu: name } });
  const other = compareWithLast(cpu(record(200, 60, 1000), "Xeon A"), cpu(record(200, 60, 5000), "Xeon B"));
  expect(other.regressions).toBe(0);
  expect(other.lines[0]).toContain("processor Xeon A, now Xeon B");
  // The same processor, probes agreeing: times are compared.
  expect(compareWithLast(cpu(record(200, 60, 1000), "Xeon A"), cpu(record(200, 60, 5000), "Xeon A")).regressions).toBe(1);
});
