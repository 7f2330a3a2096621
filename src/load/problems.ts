// Problems found in a user's model file, and how they are shown: one line
// `file:line:col  path  message`, optionally followed by `  hint: ...`.

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
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (IDENTIFIER.test(seg)) out += out === "" ? seg : `.${seg}`;
    // Quoted so keys with spaces, dots or brackets stay unambiguous.
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

export function formatProblem(p: Problem): string {
  let where = p.file;
  if (p.line !== undefined) {
    where += `:${p.line}`;
    if (p.col !== undefined) where += `:${p.col}`;
  }
  const head = `${where}  ${formatPath(p.path)}  ${p.message}`;
  return p.hint ? `${head}\n  hint: ${p.hint}` : head;
}

/**
 * Damerau-Levenshtein distance (optimal string alignment variant): edits are
 * insert, delete, substitute and swap of two adjacent characters, so the
 * common typo "inptus" is one edit away from "inputs".
 */
function editDistance(a: string, b: string): number {
  // d[i][j] = distance between a[0..i) and b[0..j); kept as full rows
  // because a transposition looks two rows back.
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    row[0] = i;
    d.push(row);
  }
  const at = (i: number, j: number): number => d[i]![j]!;
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      d[i]![j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The candidate closest to `word` (case-insensitive), if it is close enough to
 * be a plausible typo; ties go to the earlier candidate.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(word.length / 3));
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
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
