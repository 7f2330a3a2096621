// `sroi check` output: per model a table of its published figures against the computed ones, its
// warnings, and a closing summary line; or the JSON contract (schema "sroi-check/1").
import type { ChalkInstance } from "chalk";
import { FAILING, type CheckRow, type CheckStatus } from "../check/check.js";
import { parsePrinted } from "../check/published.js";
import type { Warning } from "../engine/result.js";
import type { Problem } from "../load/problems.js";
import { formatter, type Formatter, type Locale } from "./format.js";
import { checkWords, type CheckWords } from "./i18n-check.js";
import { ruleText } from "./i18n.js";
import { breakAtDots, DEFAULT_WIDTH, fitTable, visible, wrapText } from "./fit.js";
import { warningLines } from "./table.js";

export const CHECK_SCHEMA = "sroi-check/1";

/**
 * ok: every figure that should reproduce does; fail: at least one does not (or a figure recorded as
 * not reproducible now reproduces); no_fixture: nothing published to compare with; invalid: the model
 * or its fixture did not load (see problems).
 */
export type ModelCheckStatus = "ok" | "fail" | "no_fixture" | "invalid";

export interface ModelCheck {
  /** The model file as given on the command line. */
  file: string;
  /** Model id and title; null when the model did not load. */
  model: string | null;
  title: string | null;
  /** The model's language (meta.locale), in which its table is printed unless --lang says otherwise; null when it did not load. */
  locale: Locale | null;
  /** The fixture file compared with, and the report it names; null when there is none. */
  fixture: string | null;
  report: string | null;
  status: ModelCheckStatus;
  counts: Record<CheckStatus, number>;
  /** One row per published figure, in the fixture's order. */
  figures: CheckRow[];
  /** The model's own warnings (printed slips, library overrides, ...). */
  warnings: Warning[];
  /** Why the model or its fixture did not load. */
  problems: Problem[];
}

export interface CheckSummary {
  models: number;
  /** Published figures over all fixtures that loaded. */
  figures: number;
  reproduce: number;
  not_reproducible: number;
  /** Mismatches, figures the model does not compute, and not-reproducible figures that now reproduce. */
  fail: number;
  no_fixture: number;
  invalid: number;
}

/** The JSON contract of `sroi check --format json`. */
export interface CheckOutput {
  schema: typeof CHECK_SCHEMA;
  /** True when the exit status is 0. */
  ok: boolean;
  exit_code: 0 | 1 | 2;
  summary: CheckSummary;
  models: ModelCheck[];
}

export function checkSummary(models: ModelCheck[]): CheckSummary {
  const s: CheckSummary = { models: 0, figures: 0, reproduce: 0, not_reproducible: 0, fail: 0, no_fixture: 0, invalid: 0 };
  for (const m of models) addToSummary(s, m);
  return s;
}

export function renderCheckJson(out: CheckOutput): string {
  return JSON.stringify(out, null, 2) + "\n";
}

/** "3 models, 118 figures: 112 reproduce, 6 recorded as not reproducible, 0 fail" (or in Dutch). */
export function summaryLine(s: CheckSummary, locale: Locale = "en"): string {
  const w = checkWords(locale);
  let line = w.summary(s.models, s.figures, s.reproduce, s.not_reproducible, s.fail);
  if (s.no_fixture > 0) line += `; ${w.withoutPublished(s.no_fixture)}`;
  if (s.invalid > 0) line += `; ${w.didNotLoadCount(s.invalid)}`;
  return line;
}

/**
 * A computed figure shown one digit finer than the report printed it ("6,2" -> "6,17"), so a reader
 * sees why it rounds the way it does; percentages stay percentages.
 */
function shownLike(published: string, v: number | null, f: Formatter, sign = false): string {
  if (v === null) return "–";
  let step = 1;
  try {
    step = parsePrinted(published).step;
  } catch {
    // fixtures are read before they are checked; an unreadable one never gets here
  }
  const percent = published.includes("%");
  const d = percent
    ? Math.max(0, Math.round(-Math.log10(step * 100))) + 1
    : step > 1
      ? 0
      : Math.max(0, Math.round(-Math.log10(step))) + 1;
  // Round first so that floating noise shows as "0", not "-0" or "+0,00%".
  const scale = 10 ** (percent ? d + 2 : d);
  const r = Math.round(v * scale) / scale || 0;
  const plus = sign && r > 0 ? "+" : "";
  return plus + (percent ? f.share(r, d, d) : f.number(r, d));
}

function statusCell(r: CheckRow, c: ChalkInstance, w: CheckWords): string {
  const text = w.status[r.status];
  if (r.status === "ok") return c.green(text);
  if (r.status === "not_reproducible") return c.yellow(text);
  return c.red.bold(text);
}

function renderModel(m: ModelCheck, f: Formatter, c: ChalkInstance): string[] {
  const w = checkWords(f.locale);
  const out: string[] = [];
  if (m.model) for (const line of wrapText(`${m.model}${m.title ? ` · ${m.title}` : ""}`)) out.push(c.bold.underline(line));
  for (const line of wrapText(`${m.file}${m.fixture ? ` · ${w.publishedFigures}: ${m.fixture}${m.report ? ` (${m.report})` : ""}` : ""}`)) {
    out.push((m.model ? c.dim : c.bold.underline)(line));
  }

  const problems = w.problems(m.problems.length);
  if (m.model === null) {
    out.push(c.red(`${w.modelDidNotLoad}: ${problems}`));
    return out;
  }
  if (m.status === "invalid") out.push(c.red(`${w.fixtureDidNotLoad}: ${problems}`));
  if (m.status === "no_fixture") out.push(c.dim(w.noPublished));

  if (m.figures.length > 0) {
    // Within 100 columns: the figure's name (broken after a dot) with where it was published under it
    // in one column, as wide as the numbers and the status leave; numbers and statuses never wrap.
    const rest = m.figures.map((r) => [r.published, shownLike(r.published, r.computed, f), shownLike(r.published, r.difference, f, true), statusCell(r, c, w)]);
    const restWidths = [2, 3, 4, 5].map((i, k) => Math.max(visible(w.head[i]!), ...rest.map((r) => visible(r[k]!))));
    const first = Math.max(24, DEFAULT_WIDTH - 16 - restWidths.reduce((a, x) => a + x, 0));
    const rows = m.figures.map((r, i) => [
      [r.figure ? breakAtDots(r.figure, first) : c.dim(w.none), ...wrapText(r.where, first, "").map((l) => c.dim(l))].join("\n"),
      ...rest[i]!,
    ]);
    out.push(fitTable([`${w.head[0]}\n${w.head[1]}`, ...w.head.slice(2)], rows, c, { colAligns: ["left", "right", "right", "right", "left"], keep: [1, 2, 3, 4] }));
    out.push(...rowNotes(m.figures, f, c));
    const failing = FAILING.reduce((a, st) => a + m.counts[st], 0);
    const line = w.figuresLine(m.figures.length, m.counts.ok, m.counts.not_reproducible, failing);
    out.push(failing > 0 ? c.red(line) : line);
  }

  if (m.warnings.length > 0) {
    out.push(c.yellow.bold(`${w.warnings} (${m.warnings.length})`));
    out.push(...warningLines(m.warnings, c, f));
  }
  return out;
}

/** Under the table: why each failure fails, and the stated reasons for tolerances and non-reproducible figures. */
function rowNotes(rows: CheckRow[], f: Formatter, c: ChalkInstance): string[] {
  const w = checkWords(f.locale);
  const notes: string[] = [];
  // Reasons are long sentences: wrapped within 100 columns, continuation lines indented.
  const note = (paint: (s: string) => string, text: string) => notes.push(...wrapText(text).map((l) => paint(l)));
  for (const r of rows) {
    const name = r.figure ?? w.publishedAs(r.published);
    if (r.status === "mismatch") {
      note(c.red, `  ✗ ${w.mismatchNote(name, shownLike(r.published, r.computed, f), ruleText(r.rule, f.locale))}`);
    } else if (r.status === "missing") {
      note(c.red, `  ✗ ${w.missingNote(name)}`);
    } else if (r.status === "unexpectedly_reproduces") {
      note(c.red, `  ✗ ${w.reproducesNote(name, ruleText(r.rule, f.locale), r.reason ?? "")}`);
    } else if (r.status === "not_reproducible") {
      note(c.yellow, `  – ${w.notReproducibleNote(name, r.reason ?? "")}`);
    } else if (r.reason && !r.rule.startsWith("rounds to")) {
      note(c.dim, `  ~ ${name}: ${ruleText(r.rule, f.locale)}: ${r.reason}`);
    }
  }
  return notes;
}

/**
 * The table per model, the failures listed again at the end with their model (a CI log's last screen
 * says what broke), and the closing line. quiet: only the failures and the closing line.
 */
export function renderCheckTable(out: CheckOutput, opts: { chalk: ChalkInstance; locale?: Locale; quiet?: boolean }): string {
  const writer = checkTableWriter(opts);
  let text = "";
  for (const m of out.models) text += writer.model(m);
  return text + writer.end(out.summary, out.exit_code);
}

/**
 * renderCheckTable model by model, so that a batch prints each model's table as it is checked and keeps
 * of it only what the closing lines need: model(m) gives its table, end() the failures and closing line.
 */
export function checkTableWriter(opts: { chalk: ChalkInstance; locale?: Locale; quiet?: boolean }) {
  const c = opts.chalk;
  const langs = new Set<Locale>();
  const failing: { name: string; loaded: boolean; invalid: boolean; rows: Pick<CheckRow, "figure" | "published" | "computed" | "status">[] }[] = [];
  return {
    model(m: ModelCheck): string {
      langs.add(m.locale ?? "nl");
      const rows = m.figures.filter((r) => FAILING.includes(r.status)).map((r) => ({ figure: r.figure, published: r.published, computed: r.computed, status: r.status }));
      failing.push({ name: m.model ?? m.file, loaded: m.model !== null, invalid: m.status === "invalid", rows });
      return opts.quiet ? "" : renderModel(m, formatter(opts.locale ?? m.locale ?? "nl"), c).join("\n") + "\n\n";
    },
    end(summary: CheckSummary, exitCode: number): string {
      // Without --lang each model's table speaks its model's language; the lines over all models speak the
      // language the models share (Dutch when they differ, as the reports do).
      const shared: Locale = opts.locale ?? (langs.size === 1 ? [...langs][0]! : "nl");
      const f = formatter(shared);
      const w = checkWords(shared);
      const failures = failing.flatMap((m) => {
        if (!m.loaded) return [c.red(`  ✗ ${m.name}: ${w.modelDidNotLoad} (${w.problemsOnStderr})`)];
        const lines = m.invalid ? [c.red(`  ✗ ${m.name}: ${w.fixtureDidNotLoad} (${w.problemsOnStderr})`)] : [];
        for (const r of m.rows) {
          const computed = shownLike(r.published, r.computed, f);
          lines.push(c.red(`  ✗ ${w.failure(m.name, r.figure ?? w.none, r.published, computed, w.status[r.status])}`));
        }
        return lines;
      });
      const block = failures.length > 0 ? [c.red.bold(`${w.failures} (${failures.length})`), ...failures].join("\n") + "\n\n" : "";
      const line = summaryLine(summary, shared);
      return block + (exitCode === 0 ? c.green(line) : c.red.bold(line)) + "\n";
    },
  };
}

/** The summary, added to model by model (see checkSummary). */
export function addToSummary(s: CheckSummary, m: ModelCheck): void {
  s.models++;
  s.figures += m.figures.length;
  s.reproduce += m.counts.ok;
  s.not_reproducible += m.counts.not_reproducible;
  s.fail += FAILING.reduce((a, st) => a + m.counts[st], 0);
  if (m.status === "no_fixture") s.no_fixture++;
  if (m.status === "invalid") s.invalid++;
}
