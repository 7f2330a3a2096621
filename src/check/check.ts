// Comparing a model's results with the figures its report published (one rule: check/published.ts).
import type { FixtureDoc } from "../schema/fixture.js";
import { readShare } from "../schema/share.js";
import { matchFigure, readPrinted, type Locale, type Tolerance } from "./published.js";

export type CheckStatus = "ok" | "mismatch" | "not_reproducible" | "unexpectedly_reproduces" | "missing";

export interface CheckRow {
  figure: string | null;
  where: string;
  published: string;
  /** The published figure as a number (plain units). */
  published_value: number | null;
  computed: number | null;
  difference: number | null;
  rule: string;
  status: CheckStatus;
  reason: string | null;
}

export interface CheckReport {
  rows: CheckRow[];
  /** True when every figure that should reproduce does. */
  ok: boolean;
  counts: Record<CheckStatus, number>;
}

export function toTolerance(t: number | string | undefined): Tolerance | undefined {
  if (t === undefined) return undefined;
  if (typeof t === "number") return { absolute: t };
  return { relative: readShare(t) };
}

/**
 * Compares every published figure with the computed one. A figure recorded as not reproducible is
 * listed with its reason and does not fail the check; if it starts to reproduce, that is flagged
 * (`unexpectedly_reproduces`) so the fixture's reason gets another look.
 */
export function checkFigures(fixture: FixtureDoc, figures: Map<string, number>, modelLocale: Locale = "nl"): CheckReport {
  const locale = fixture.locale ?? modelLocale;
  const rows: CheckRow[] = fixture.figures.map((f) => {
    const publishedText = String(f.published);
    const printed = readPrinted(f.published, locale);
    const computed = f.figure !== undefined ? (figures.get(f.figure) ?? null) : null;
    const figure = f.figure ?? null;
    const where = f.where;
    const reason = f.reason ?? null;
    if (computed === null) {
      const status = f.status === "not_reproducible" ? "not_reproducible" : "missing";
      return { figure, where, published: publishedText, published_value: printed.value, computed, reason, difference: null, rule: "", status };
    }
    const m = matchFigure(computed, printed, toTolerance(f.tolerance));
    const status: CheckStatus =
      f.status === "not_reproducible" ? (m.ok ? "unexpectedly_reproduces" : "not_reproducible") : m.ok ? "ok" : "mismatch";
    return {
      figure,
      where,
      published: publishedText,
      published_value: printed.value,
      computed,
      reason,
      difference: m.difference,
      rule: m.rule,
      status,
    };
  });
  const counts = emptyCounts();
  for (const r of rows) counts[r.status]++;
  return { rows, ok: FAILING.every((st) => counts[st] === 0), counts };
}

/** The statuses that fail a check: a mismatch, a figure not computed, a recorded slip that now reproduces. */
export const FAILING: readonly CheckStatus[] = ["mismatch", "missing", "unexpectedly_reproduces"];

export function emptyCounts(): Record<CheckStatus, number> {
  return { ok: 0, mismatch: 0, not_reproducible: 0, unexpectedly_reproduces: 0, missing: 0 };
}
