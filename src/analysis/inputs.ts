// What the analyses take from the command line and the model: --set overrides, --spread, and the
// uncertain numbers (declared ranges or --spread) each scenario varies. Bad input throws an
// AnalysisError carrying one problem; the CLI prints it in the model-validation form and exits 2.
import type { Compiled, NumberDomain, NumberInfo, Uncertainty } from "../engine/evaluator.js";
import type { Path } from "../engine/model.js";
import { didYouMean } from "../load/problems.js";
import { makeSampler, type Sampler } from "./random.js";

/**
 * Where a problem is: a place in the model file (`path`, shown as file:line:col) or a number named on
 * the command line (`subject`, e.g. "annual_cost"), with the option it came from ("--set").
 */
export interface AnalysisProblem {
  path?: Path;
  subject?: string;
  option?: string;
  message: string;
  hint?: string;
}

export class AnalysisError extends Error {
  constructor(public readonly problem: AnalysisProblem) {
    super(problem.message);
  }
}

/** "75000", "87.5", "-3", "1e6", "20%" (= 0.2), "12,5" (decimal comma). NaN when it is not a number. */
export function parseNumber(text: string): number {
  let t = text.trim().replace(/_/g, "");
  let scale = 1;
  if (t.endsWith("%")) {
    scale = 0.01;
    t = t.slice(0, -1).trim();
  }
  if (/^-?\d+,\d+$/.test(t)) t = t.replace(",", ".");
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(t)) return NaN;
  return Number(t) * scale;
}

const pct = (v: number) => `${Math.round(v * 10000) / 100}%`;

/** Why a value is outside a number's domain, or undefined when it is inside. */
export function outsideDomain(v: number, d: NumberDomain): string | undefined {
  if (!Number.isFinite(v)) return "must be a finite number";
  if (v < d.min) {
    if (d.min === 0) return d.kind === "count" ? `a count cannot be negative (got ${v})` : `must not be negative (got ${v})`;
    return d.kind === "share" || d.kind === "rate" ? `must be at least ${pct(d.min)} (got ${pct(v)})` : `must be at least ${d.min} (got ${v})`;
  }
  if (v > d.max) {
    return d.kind === "share" ? `a share cannot exceed 100% (got ${pct(v)})` : d.kind === "rate" ? `must be at most ${pct(d.max)} (got ${pct(v)})` : `must be at most ${d.max} (got ${v})`;
  }
  return undefined;
}

function unknownName(c: Compiled, name: string, option: string): AnalysisError {
  const names = c.numbers.map((n) => n.name);
  const guess = didYouMean(name, names);
  const params = c.numbers.filter((n) => n.kind === "parameter" || n.kind === "baseline").map((n) => n.name);
  return new AnalysisError({
    subject: name,
    option,
    message: `no number named "${name}" in this model`,
    hint: guess ? `did you mean "${guess}"?` : `parameters and baselines: ${params.slice(0, 12).join(", ")}${params.length > 12 ? ", ..." : ""}`,
  });
}

/** Finds a number by name for an option, or throws the did-you-mean error. */
export function slotOf(c: Compiled, name: string, option: string): number {
  const slot = c.slot(name);
  if (slot === undefined) throw unknownName(c, name, option);
  return slot;
}

/**
 * `--set NAME=VALUE` (repeatable) as overrides by slot: NaN where the model's value stands.
 * Each name must exist, each value be a number inside its domain, and no name be set twice.
 */
export function parseSets(c: Compiled, sets: readonly string[] = []): Float64Array {
  const overrides = new Float64Array(c.numbers.length).fill(NaN);
  for (const s of sets) {
    const eq = s.indexOf("=");
    if (eq <= 0) {
      throw new AnalysisError({ subject: s, option: "--set", message: "expected NAME=VALUE", hint: 'e.g. --set annual_cost=75000 or --set outcomes.health_gain.impact_claim=40%' });
    }
    const name = s.slice(0, eq).trim();
    const text = s.slice(eq + 1);
    const option = "--set";
    const slot = slotOf(c, name, option);
    const info = c.numbers[slot]!;
    const v = parseNumber(text);
    if (Number.isNaN(v)) {
      throw new AnalysisError({ subject: name, option, message: `"${text}" is not a number`, hint: info.domain.kind === "share" ? "write a share as 20% or 0.2" : "write a plain number, e.g. 75000 or 87.5" });
    }
    const bad = outsideDomain(v, info.domain);
    if (bad) throw new AnalysisError({ subject: name, option, message: bad, hint: info.domain.kind === "share" ? "write a share as 20% or 0.2" : undefined });
    if (!Number.isNaN(overrides[slot]!)) throw new AnalysisError({ subject: name, option, message: "set more than once" });
    overrides[slot] = v;
  }
  return overrides;
}

/** `--spread 20%` (or 0.2) as a share; undefined when not given. */
export function parseSpread(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const v = parseNumber(text);
  if (!(v > 0 && v <= 1)) {
    throw new AnalysisError({ option: "--spread", message: `${text} must be a share above 0% and at most 100%`, hint: "e.g. --spread 20% (each number from 80% to 120% of its value)" });
  }
  return v;
}

/** One number a scenario varies, with its range and the distribution to draw from. */
export interface Uncertain {
  slot: number;
  name: string;
  base: number;
  low: number;
  high: number;
  origin: Uncertainty["origin"];
  sampler: Sampler;
}

/** A declared range that is inverted or leaves the number's domain is bad model input. */
function checkDeclared(info: NumberInfo, u: Uncertainty): void {
  const path = info.path;
  if (!(u.low <= u.high)) throw new AnalysisError({ path, message: `the range is inverted: low ${u.low} is above high ${u.high}`, hint: "swap low and high" });
  for (const [end, v] of [["low", u.low], ["high", u.high]] as const) {
    const bad = outsideDomain(v, info.domain);
    if (bad) throw new AnalysisError({ path, message: `the range's ${end} end allows an impossible value: ${bad}` });
  }
  if (u.distribution === "lognormal" && !(u.low > 0)) throw new AnalysisError({ path, message: "a lognormal range needs a low above 0" });
  if (u.mode !== undefined && (u.mode < u.low || u.mode > u.high)) {
    throw new AnalysisError({ path, message: `the most likely value ${u.mode} lies outside the range ${u.low}..${u.high}` });
  }
  if (u.sd !== undefined && !(u.sd > 0)) throw new AnalysisError({ path, message: `the standard deviation must be above 0 (got ${u.sd})` });
}

/**
 * The numbers one scenario varies: each declared range, and with `spread` a symmetric triangular
 * +-spread around every other literal number that applies to the scenario (clamped to its domain),
 * except whole years (start, duration).
 * Numbers fixed with --set are not varied.
 */
export function uncertainties(c: Compiled, scenario: number, overrides: Float64Array, spread?: number): Uncertain[] {
  const id = c.scenarios[scenario]!.id;
  const out: Uncertain[] = [];
  c.numbers.forEach((info, slot) => {
    if (!info.scenarios.includes(id) || !Number.isNaN(overrides[slot]!)) return;
    const base = c.base(scenario, slot);
    if (!Number.isFinite(base)) return;
    const u = info.uncertainty;
    if (u) {
      checkDeclared(info, u);
      out.push({ slot, name: info.name, base, low: u.low, high: u.high, origin: u.origin, sampler: makeSampler(u.distribution, u.low, u.high, base, info.domain, { mode: u.mode, sd: u.sd }) });
      return;
    }
    // Whole years (an outcome's start and duration) are not varied by a percentage: 2 years +-10% is no
    // number of years an outcome can last.
    if (spread === undefined || !info.literal || base === 0 || info.domain.integer) return;
    const a = base * (1 - spread);
    const b = base * (1 + spread);
    const low = Math.max(info.domain.min, Math.min(a, b));
    const high = Math.min(info.domain.max, Math.max(a, b));
    if (!(high > low)) return;
    out.push({ slot, name: info.name, base, low, high, origin: "spread", sampler: makeSampler("triangular", low, high, base, info.domain) });
  });
  return out;
}

/** The error for an analysis with nothing to vary. */
export function nothingUncertain(): AnalysisError {
  return new AnalysisError({
    option: "--spread",
    message: "the model declares no ranges, so there is nothing to vary",
    hint: "pass --spread 20% to vary every stated number by +-20%, or give parameters a low and high",
  });
}

/** Overrides by slot as the engine's `runModel` takes them: by name, only those set. */
export function namedOverrides(c: Compiled, overrides: Float64Array): Record<string, number> {
  const out: Record<string, number> = {};
  overrides.forEach((v, slot) => {
    if (!Number.isNaN(v)) out[c.numbers[slot]!.name] = v;
  });
  return out;
}
