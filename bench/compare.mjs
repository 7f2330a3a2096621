// The bench's comparison with the last committed bench/last.json: which figures are more than 25% worse.
// The same machine is not equally fast from one day to the next (bare `node -e 0` took 63 ms one day and
// 100 ms another here), so times are compared as if measured on a host as fast as the last run's: scaled
// by the host's speed (a fixed piece of JavaScript, `host.js_ms`; for a record without it, bare Node's
// start-up). Ratios to bare Node, memory and growth are compared as they are.
// A host of another kind (another processor, or one whose JavaScript and start-up speeds moved apart by
// more than a quarter: 2.7x faster JavaScript but 1.8x faster start-up, seen on a new machine) runs
// sroi's mix of work (threads, system calls, memory) at a speed neither probe tells: its times are not
// compared, only ratios, memory and growth, until a run on it is committed.

/**
 * @param previous the last committed record (or undefined)
 * @param record this run's record: { batch, host: { js_ms, node_ms }, figures }
 * @returns the lines to print and the number of regressions
 */
export function compareWithLast(previous, record) {
  if (!previous) return { lines: [], regressions: 0 };
  if (previous.batch !== record.batch) {
    return { lines: [`not compared: the last committed bench/last.json measured a batch of ${previous.batch} models, this run ${record.batch}`], regressions: 0 };
  }
  const host = record.host;
  const nodeSpeed = host.node_ms / (previous.host?.node_ms ?? previous.figures.find((f) => f.id === "help")?.baseMs ?? host.node_ms);
  // The fixed JavaScript's times when both runs have one (a failed timing is no speed), else bare Node's.
  const jsKnown = host.js_ms > 0 && previous.host?.js_ms > 0;
  const speed = jsKnown ? host.js_ms / previous.host.js_ms : nodeSpeed;
  const times = (x) => (x >= 1 ? `${x.toFixed(2)}x slower` : `${(1 / x).toFixed(2)}x faster`);
  const otherCpu = host.cpu !== undefined && previous.host?.cpu !== undefined && host.cpu !== previous.host.cpu;
  const apart = jsKnown && Math.abs(Math.log(speed / nodeSpeed)) > Math.log(1.25);
  const compareTimes = !otherCpu && !apart;
  const lines = [
    compareTimes
      ? `the host is ${times(speed)} than for the last committed bench/last.json (${previous.date}); times are compared after scaling by that`
      : `the host is of another kind than for the last committed bench/last.json (${previous.date}: ${
          otherCpu ? `processor ${previous.host.cpu}, now ${host.cpu}` : `JavaScript ${times(speed)}, start-up ${times(nodeSpeed)}`
        }): times are not compared, only ratios, memory and growth; commit this run's bench/last.json to compare times on this host`,
  ];
  const last = new Map(previous.figures.map((f) => [f.id, f]));
  let regressions = 0;
  for (const f of record.figures) {
    const b = last.get(f.id);
    if (!b || !(b.value > 0) || (f.unit === "ms" && !compareTimes)) continue;
    const scaled = f.unit === "ms" ? f.value / speed : f.value;
    // Every figure is lower-is-better: time, memory, ratio to bare Node, growth.
    if (scaled > b.value * 1.25) {
      regressions++;
      const as = f.unit === "ms" ? ` (${Math.round(scaled)} ms on that host)` : "";
      lines.push(`!!! REGRESSION !!!  ${f.name}: ${fmt(f)} now${as}, ${fmt(b)} in the last committed bench/last.json (+${Math.round((scaled / b.value - 1) * 100)}%)`);
    }
  }
  if (regressions === 0) lines.push("no figure is more than 25% worse than in the last committed bench/last.json");
  return { lines, regressions };
}

/** A figure as the bench prints it: "1.50x", "1379 ms", "126 MB". */
export function fmt(f) {
  return f.unit === "x" ? `${f.value.toFixed(2)}x` : `${Math.round(f.value)} ${f.unit}`;
}
