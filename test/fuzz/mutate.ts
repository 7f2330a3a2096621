// A seeded mutation fuzzer of the real models and library files: each case is one model or library
// file with a few hostile edits (numbers out of range, deleted or doubled lines, truncation, stray
// YAML syntax, odd line ends), reproducible from its seed.

/** mulberry32: small, fast and good enough to pick mutations; the same seed gives the same cases. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NUMBERS = ["0", "-1", "-1000", "1e9", "-1e12", "5e-324", "1e308", "2147483648", "1.5", ".nan", ".inf", "-.inf", "10000000", "99999", "0.0001", "3"];
const STRINGS = ['"50%%"', '"1e5%"', '"-50%"', '"150%"', "__proto__", "constructor", '"((((1"', '"a +"', '"1/0"', '"x".repeat', "~", "null", "[]", "{}", '"' + "1+".repeat(3000) + '1"', "&x 1", "*x", "!!binary AA==", '"\\u0000"'];
const INSERTS = ["\t", ":", " [", "{", "&a ", "*a", "%", "\r", "\r\n", "---\n", "? ", "- ", "#", "'", '"', "<<: *a\n", "\u00a0", "\ufeff"];

export type Mutation = (lines: string[], r: () => number) => string[];

const pick = <T>(xs: readonly T[], r: () => number): T => xs[Math.floor(r() * xs.length)]!;
const at = (lines: string[], r: () => number) => Math.floor(r() * lines.length);

export const MUTATIONS: Record<string, Mutation> = {
  number(lines, r) {
    const withNumbers = lines.map((l, i) => [l, i] as const).filter(([l]) => /\d/.test(l.replace(/#.*/, "")));
    if (withNumbers.length === 0) return lines;
    const [line, i] = pick(withNumbers, r);
    const out = [...lines];
    let n = 0;
    const target = Math.floor(r() * 3);
    // Numbers in the data, not in the comment that cites the report.
    const hash = line.indexOf(" #");
    const [data, comment] = hash < 0 ? [line, ""] : [line.slice(0, hash), line.slice(hash)];
    out[i] = data.replace(/(?<![\w.])-?\d+(?:\.\d+)?(?:e[+-]?\d+)?%?(?![\w])/gi, (m) => (n++ === target ? pick(NUMBERS, r) : m)) + comment;
    return out;
  },
  value(lines, r) {
    const i = at(lines, r);
    const out = [...lines];
    out[i] = lines[i]!.replace(/: (\S[^#]*)/, () => `: ${pick(STRINGS, r)} `);
    return out;
  },
  deleteLine(lines, r) {
    const out = [...lines];
    out.splice(at(lines, r), 1 + Math.floor(r() * 3));
    return out;
  },
  duplicateLine(lines, r) {
    const out = [...lines];
    const i = at(lines, r);
    out.splice(i, 0, lines[i]!);
    return out;
  },
  swapLines(lines, r) {
    const out = [...lines];
    const i = at(lines, r);
    const j = at(lines, r);
    [out[i], out[j]] = [out[j]!, out[i]!];
    return out;
  },
  truncate(lines, r) {
    const text = lines.join("\n");
    return text.slice(0, Math.floor(r() * text.length)).split("\n");
  },
  insert(lines, r) {
    const out = [...lines];
    const i = at(lines, r);
    const l = lines[i]!;
    const p = Math.floor(r() * (l.length + 1));
    out[i] = l.slice(0, p) + pick(INSERTS, r) + l.slice(p);
    return out;
  },
  indent(lines, r) {
    const out = [...lines];
    const i = at(lines, r);
    out[i] = r() < 0.5 ? " " + lines[i] : lines[i]!.replace(/^ {1,2}/, "");
    return out;
  },
  renameKey(lines, r) {
    const out = [...lines];
    const i = at(lines, r);
    out[i] = lines[i]!.replace(/^(\s*-?\s*)([a-z_]+):/, (_, pre: string, key: string) => `${pre}${key.slice(0, -1) || "x"}:`);
    return out;
  },
  /** A time field (or an outcome's years) set to a hostile number: the blow-ups of issue 9. */
  timeField(lines, r) {
    const i = lines.findIndex((l) => /^time:/.test(l));
    if (i < 0) return lines;
    const out = [...lines];
    const field = pick(["horizon", "year0", "period"], r);
    const value = pick(["2147483648", "-1000000000000", "10000000", "1e9", "{ start: 2026, end: 1000000000 }", "{ start: 1, end: 20000 }", "0", "-5"], r);
    out.splice(i + 1, 0, `  ${field}: ${value}`);
    return out.filter((l, j) => j === i + 1 || !(field === "period" && /^\s+period:/.test(l)));
  },
  /** A number in an outcome or input replaced by a long or deep expression, or unknown names. */
  expression(lines, r) {
    const i = at(lines, r);
    const out = [...lines];
    const big = pick([
      `"${Array(4000).fill("1").join(" + ")}"`,
      `"${"(".repeat(300)}1${")".repeat(300)}"`,
      `"${"-".repeat(3000)}1"`,
      `"${Array.from({ length: 300 }, (_, k) => `unknown_${k}`).join(" * ")}"`,
      `"${"x".repeat(5000)}"`,
      '"1 / 0"',
      '"max()"',
    ], r);
    out[i] = lines[i]!.replace(/: (-?\d[^#,}]*)/, () => `: ${big} `);
    return out;
  },
  lineEnds(lines) {
    return [lines.join("\r")];
  },
};

const NAMES = Object.keys(MUTATIONS);

/** One case: 1 to 3 mutations of `text`, chosen by the seed. */
export function mutate(text: string, seed: number): { text: string; applied: string[] } {
  const r = rng(seed);
  let lines = text.split("\n");
  const applied: string[] = [];
  const count = 1 + Math.floor(r() * 3);
  for (let k = 0; k < count; k++) {
    const name = pick(NAMES, r);
    // Line-end rewriting would make every later mutation one-line: keep it last and rare.
    if (name === "lineEnds" && (k < count - 1 || r() < 0.7)) continue;
    lines = MUTATIONS[name]!(lines, r);
    applied.push(name);
  }
  return { text: lines.join("\n"), applied };
}
