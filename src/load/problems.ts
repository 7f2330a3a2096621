// Problems found in a user's model file, and how they are shown: one line
// `file:line:col  path  message`, optionally followed by `  hint: ...`.

import { MAX_NAME_CHARS, MAX_SUGGEST_CANDIDATES, MAX_SUGGEST_WORD_CHARS } from "../schema/bounds.js";

export type PathSegment = string | number;

export interface Problem {
  file: string; // as the user named it
  line?: number; // 1-based; absent when unknown
  col?: number; // 1-based; absent when unknown
  path: PathSegment[]; // e.g. ["scenarios", 0, "participants", "reduced"]
  message: string;
  hint?: string;
  severity: "error" | "warning";
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** ["scenarios", 0, "participants"] -> "scenarios[0].participants"; [] -> "(file)". */
export function formatPath(path: PathSegment[]): string {
  if (path.length === 0) return "(file)";
  let out = "";
  for (const full of path) {
    // A hostile file's 1 MB key must not become a 1 MB problem line.
    const seg = typeof full === "string" && full.length > MAX_NAME_CHARS ? `${full.slice(0, 40)}...(${full.length} characters)` : full;
    if (typeof seg === "number") out += `[${seg}]`;
    else if (IDENTIFIER.test(seg)) out += out === "" ? seg : `.${seg}`;
    // Quoted so keys with spaces, dots or brackets stay unambiguous.
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** Control characters a file put in a name or value are shown escaped: a problem stays one line. */
function oneLine(s: string): string {
  const short: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };
  return s.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, (c) => short[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function formatProblem(p: Problem): string {
  let where = p.file;
  if (p.line !== undefined) {
    where += `:${p.line}`;
    if (p.col !== undefined) where += `:${p.col}`;
  }
  const head = oneLine(`${where}  ${formatPath(p.path)}  ${p.message}`);
  return p.hint ? `${head}\n  hint: ${p.hint}` : head;
}

/**
 * Damerau-Levenshtein distance (optimal string alignment variant): edits are
 * insert, delete, substitute and swap of two adjacent characters, so the
 * common typo "inptus" is one edit away from "inputs". Gives up (returns
 * limit + 1) as soon as every entry of a row exceeds `limit`.
 */
function editDistance(a: string, b: string, limit: number): number {
  // Three rows suffice (a transposition looks two rows back); reused between calls, since the
  // did-you-mean search makes many small comparisons.
  const width = b.length + 1;
  if (rows.length < 3 * width) rows = new Int32Array(3 * width * 2);
  let prev2 = 0;
  let prev = width;
  let cur = 2 * width;
  for (let j = 0; j < width; j++) rows[prev + j] = j;
  for (let i = 1; i <= a.length; i++) {
    rows[cur] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[prev + j]! + 1, rows[cur + j - 1]! + 1, rows[prev + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[prev2 + j - 2]! + 1);
      rows[cur + j] = best;
      if (best < rowMin) rowMin = best;
    }
    // Row minima never decrease, so no later row can come back under the limit.
    if (rowMin > limit) return limit + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return rows[prev + b.length]!;
}
let rows = new Int32Array(3 * 64);

/**
 * The candidate closest to `word` (case-insensitive), if it is close enough to
 * be a plausible typo; ties go to the earlier candidate. Bounded (README "bounds"):
 * long words get no suggestion and only the first candidates are compared, so
 * thousands of unknown names in one file cost linear time, not quadratic.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  if (word.length > MAX_SUGGEST_WORD_CHARS) return undefined;
  const limit = Math.max(2, Math.floor(word.length / 3));
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = limit + 1;
  const n = Math.min(candidates.length, MAX_SUGGEST_CANDIDATES);
  for (let i = 0; i < n; i++) {
    const candidate = candidates[i]!;
    // The length difference alone is a lower bound of the distance.
    if (Math.abs(candidate.length - lower.length) >= bestDistance || candidate.length > MAX_SUGGEST_WORD_CHARS + limit) continue;
    const distance = editDistance(lower, candidate.toLowerCase(), bestDistance - 1);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Orders problems as they appear in the files; unknown positions go last. */
export function sortProblems(ps: Problem[]): Problem[] {
  const pos = (n: number | undefined): number => n ?? Infinity;
  const cmp = (a: number, b: number): number => (a === b ? 0 : a < b ? -1 : 1);
  // Array.prototype.sort is stable, so equal positions keep their order.
  return [...ps].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      cmp(pos(a.line), pos(b.line)) ||
      cmp(pos(a.col), pos(b.col)),
  );
}
