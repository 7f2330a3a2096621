// A pre-pass over a parsed file that enforces the bounds of the model language (src/schema/bounds.ts)
// before the schema and the normaliser see it, so that no later step is handed a year of 1e9, a
// 1 MB name or 100,000 nesting levels. Checks go by key name, so they hold wherever a section uses
// that key (time, scenarios, inputs, outcomes), and stay independent of the schema's details.
import { exprRefs, parseExpr } from "../expr/expr.js";
import {
  MAX_DEFINITION_CHAIN,
  MAX_DOCUMENT_DEPTH,
  MAX_NAME_CHARS,
  MAX_PARAMETERS,
  MAX_PERIOD_YEARS,
  MAX_SCENARIOS,
  MAX_TEXT_CHARS,
  MAX_YEAR,
  MAX_YEAR_COUNT,
  MIN_YEAR,
} from "../schema/bounds.js";
import type { PathSegment } from "./problems.js";

export interface BoundProblem {
  path: PathSegment[];
  message: string;
  /** Point at the key itself rather than its value. */
  key?: boolean;
}

const YEAR_KEYS = new Set(["year0", "year", "horizon", "price_year", "from"]);
const PERIOD_KEYS = new Set(["period", "years"]);
const COUNT_KEYS = new Set(["start", "duration", "from_year"]);
const PARAMETER_SECTIONS = ["parameters", "baselines"];
const HINT = 'see README "Errors, exit status and bounds"';

/** Every exceeded bound in a parsed model or library file; empty when it is within them all. */
export function checkBounds(data: unknown): BoundProblem[] {
  const problems: BoundProblem[] = [];
  const add = (path: PathSegment[], message: string, key = false) => {
    // One exceeded bound is usually repeated many times over (a generated file): a few say enough.
    if (problems.length < 20) problems.push({ path, message, ...(key ? { key } : {}) });
  };

  if (data !== null && typeof data === "object" && !Array.isArray(data)) {
    const doc = data as Record<string, unknown>;
    let count = 0;
    for (const s of PARAMETER_SECTIONS) {
      const sec = doc[s];
      if (sec && typeof sec === "object" && !Array.isArray(sec)) count += Object.keys(sec).length;
    }
    if (Array.isArray(doc.scenarios) && doc.scenarios.length > MAX_SCENARIOS) {
      add(["scenarios"], `${doc.scenarios.length} scenarios, more than the bound of ${MAX_SCENARIOS}`);
    }
    if (count > MAX_PARAMETERS) add(["parameters"], `${count} parameters, more than the bound of ${MAX_PARAMETERS}`);
    else {
      const chain = longestChain(doc);
      if (chain) add(chain.path, `defined through a chain of ${chain.length} parameters, more than the bound of ${MAX_DEFINITION_CHAIN}`);
    }
  }

  // Iterative walk: a deeply nested file must not overflow the stack of the check meant to refuse it.
  // A node's path is made only when a problem needs it (the walk visits every value of every model).
  interface Frame {
    value: unknown;
    parent: Frame | undefined;
    key: PathSegment | undefined;
    depth: number;
  }
  const pathOf = (f: Frame): PathSegment[] => {
    const path: PathSegment[] = [];
    for (let x: Frame | undefined = f; x !== undefined && x.key !== undefined; x = x.parent) path.push(x.key);
    return path.reverse();
  };
  const keyPath = (f: Frame, k: string): PathSegment[] => [...pathOf(f), k];
  const stack: Frame[] = [{ value: data, parent: undefined, key: undefined, depth: 0 }];
  while (stack.length > 0 && problems.length < 20) {
    const frame = stack.pop()!;
    const value = frame.value;
    if (typeof value === "string") {
      if (value.length > MAX_TEXT_CHARS) add(pathOf(frame), `text of ${value.length} characters, more than the bound of ${MAX_TEXT_CHARS}`);
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    if (frame.depth > MAX_DOCUMENT_DEPTH) {
      add(pathOf(frame).slice(0, MAX_DOCUMENT_DEPTH), `blocks and lists nested more than ${MAX_DOCUMENT_DEPTH} levels deep`);
      continue;
    }
    const depth = frame.depth + 1;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) if (walked(value[i])) stack.push({ value: value[i], parent: frame, key: i, depth });
      continue;
    }
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i]!;
      const v = obj[k];
      if (k === "__proto__") {
        // Both YAML parsers keep it as a plain key, but the schema's records skip it without a word.
        add(keyPath(frame, k), "the name __proto__ is reserved; choose another", true);
        continue;
      }
      if (k.length > MAX_NAME_CHARS) {
        add(keyPath(frame, k), `a name of ${k.length} characters, more than the bound of ${MAX_NAME_CHARS}`, true);
        continue;
      }
      if (k === "id" && typeof v === "string" && v.length > MAX_NAME_CHARS) {
        add(keyPath(frame, k), `an id of ${v.length} characters, more than the bound of ${MAX_NAME_CHARS}`);
        continue;
      }
      if (YEAR_KEYS.has(k) && typeof v === "number") {
        if (!yearOk(v)) checkYear(v, keyPath(frame, k), add);
      } else if (PERIOD_KEYS.has(k)) {
        checkPeriod(v, keyPath(frame, k), add);
        // Its start and end are years, not counts of years: the count check below must not see them.
        if (v !== null && typeof v === "object" && !Array.isArray(v)) continue;
      } else if (COUNT_KEYS.has(k) && typeof v === "number" && (v > MAX_YEAR_COUNT || v < -MAX_YEAR_COUNT)) {
        add(keyPath(frame, k), `${v} years, more than the bound of ${MAX_YEAR_COUNT}`);
      }
      if (walked(v)) stack.push({ value: v, parent: frame, key: k, depth });
    }
  }
  return problems;
}

/**
 * Whether the walk must visit a value: a map or list, or text over the bound. Other values (numbers,
 * short text: most of a model) would only be taken off the stack again with nothing to check.
 */
const walked = (v: unknown): boolean => (v !== null && typeof v === "object") || (typeof v === "string" && v.length > MAX_TEXT_CHARS);

export const BOUNDS_HINT = HINT;

/**
 * The first parameter whose chain of definitions through other parameters is longer than the bound,
 * if any. Found iteratively (the chain may be thousands long); a cycle is left to the normaliser.
 */
function longestChain(doc: Record<string, unknown>): { path: PathSegment[]; length: number } | undefined {
  const refs = new Map<string, string[]>();
  const where = new Map<string, PathSegment[]>();
  for (const section of PARAMETER_SECTIONS) {
    const sec = doc[section];
    if (!sec || typeof sec !== "object" || Array.isArray(sec)) continue;
    for (const [name, v] of Object.entries(sec as Record<string, unknown>)) {
      const text = typeof v === "string" ? v : v && typeof v === "object" && typeof (v as { value?: unknown }).value === "string" ? (v as { value: string }).value : undefined;
      const parsed = text !== undefined && text.length <= MAX_TEXT_CHARS ? parseExpr(text) : undefined;
      refs.set(name, parsed?.ok ? exprRefs(parsed.expr) : []);
      where.set(name, [section, name]);
    }
  }
  const depth = new Map<string, number>(); // 0 while on the current path
  for (const root of refs.keys()) {
    if (depth.has(root)) continue;
    const frames: { name: string; next: number; deepest: number }[] = [{ name: root, next: 0, deepest: 0 }];
    depth.set(root, 0);
    while (frames.length > 0) {
      const f = frames[frames.length - 1]!;
      const out = refs.get(f.name)!;
      if (f.next < out.length) {
        const r = out[f.next++]!;
        if (!refs.has(r)) continue;
        const d = depth.get(r);
        if (d === undefined) {
          depth.set(r, 0);
          frames.push({ name: r, next: 0, deepest: 0 });
        } else f.deepest = Math.max(f.deepest, d);
        continue;
      }
      const length = f.deepest + 1;
      depth.set(f.name, length);
      frames.pop();
      if (frames.length > 0) frames[frames.length - 1]!.deepest = Math.max(frames[frames.length - 1]!.deepest, length);
      if (length > MAX_DEFINITION_CHAIN) return { path: where.get(f.name)!, length };
    }
  }
  return undefined;
}

const yearOk = (v: number) => Number.isFinite(v) && v >= MIN_YEAR && v <= MAX_YEAR;

function checkYear(v: number, path: PathSegment[], add: (p: PathSegment[], m: string) => void): boolean {
  if (yearOk(v)) return true;
  add(path, `the year ${v} is outside ${MIN_YEAR}-${MAX_YEAR}`);
  return false;
}

/** A period as the schema reads it: 2026, "2026-2030" or { start, end }; other shapes are the schema's to refuse. */
function checkPeriod(v: unknown, path: PathSegment[], add: (p: PathSegment[], m: string) => void): void {
  let start: unknown;
  let end: unknown;
  let startPath = path;
  let endPath = path;
  if (typeof v === "number") start = end = v;
  else if (typeof v === "string") {
    const m = /^\s*(\d+)\s*(?:-|\u2013|to)\s*(\d+)\s*$/.exec(v); // \u2013: an en dash
    if (!m) return;
    start = Number(m[1]);
    end = Number(m[2]);
  } else if (v && typeof v === "object" && !Array.isArray(v)) {
    ({ start, end } = v as { start?: unknown; end?: unknown });
    startPath = [...path, "start"];
    endPath = [...path, "end"];
  } else return;
  const okStart = typeof start !== "number" || checkYear(start, startPath, add);
  const okEnd = typeof end !== "number" || checkYear(end, endPath, add);
  if (okStart && okEnd && typeof start === "number" && typeof end === "number" && end - start + 1 > MAX_PERIOD_YEARS) {
    add(path, `a period of ${end - start + 1} years, more than the bound of ${MAX_PERIOD_YEARS}`);
  }
}
