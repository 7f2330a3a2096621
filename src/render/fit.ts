// Terminal tables that fit a width (100 columns by default): wide year-by-year tables are split into
// several tables that repeat the label column; other tables wrap their widest text columns. --wide
// turns both off for the full view.
import type { ChalkInstance } from "chalk";
import { createRequire } from "node:module";

export const DEFAULT_WIDTH = 100;

const plain = { chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" } };
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
/** Characters a terminal shows (escape codes take none); text without an escape is measured as is. */
export const visible = (s: string) => (s.includes("\u001b") ? s.replace(ANSI, "").length : s.length);

export interface FitOptions {
  /** No limit (--wide). */
  wide?: boolean;
  width?: number;
  /** Columns from this index on align right (default 1). */
  alignRightFrom?: number;
  /** Each column's alignment, instead of alignRightFrom; the left-aligned ones are text that wraps first. */
  colAligns?: ("left" | "right")[];
  /** Columns that keep their width (a name a reader must see whole); the others wrap first. */
  keep?: number[];
  /** "split": columns after the label go to further tables; "wrap": the widest columns wrap. */
  mode?: "split" | "wrap";
}

const colWidth = (cells: string[]) => {
  let w = 1;
  for (const c of cells) w = Math.max(w, c.includes("\u001b") ? Math.max(...c.split("\n").map(visible)) : longestLine(c));
  return w;
};
/** The length of the longest line of plain text (scanned, not split: tables measure every cell). */
function longestLine(text: string): number {
  let longest = 0;
  let from = 0;
  for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", from)) {
    longest = Math.max(longest, nl - from);
    from = nl + 1;
  }
  return Math.max(longest, text.length - from);
}
// compact style: one space either side of each cell and one border between columns and at both ends.
const tableWidth = (widths: number[]) => widths.reduce((a, w) => a + w + 2, 0) + widths.length + 1;

function render(head: string[], rows: string[][], c: ChalkInstance, alignRightFrom: number, colWidths?: (number | null)[], colAligns?: ("left" | "right")[]): string {
  const heads = head.map((h) => c.bold(h));
  const aligns = colAligns ?? head.map((_, i): "left" | "right" => (i >= alignRightFrom ? "right" : "left"));
  return boxTable(heads, rows, aligns, colWidths);
}

// --- The box table (exported for its test): cli-table3's drawing (compact style, no row lines, padding 1, word wrap in fixed
// columns, "…" truncation) for the cells it can draw exactly, without loading cli-table3 (a large part of
// `sroi run`'s start-up). Anything else (a cell with other escape codes, wide characters, ragged rows)
// goes to cli-table3 itself, so the output is the same either way. ---

// Characters one column wide, neither emoji nor escape codes: the set of scripts/shims/string-width.cjs,
// line breaks, and the arrows (effect → stakeholder); test/render/fit.test.ts checks each against string-width.
export const PLAIN = /^[\x20-\x7e\u00a0-\u00a8\u00aa-\u00ad\u00af-\u02ff\u2010-\u2027\u2030-\u203b\u203d-\u2048\u204a-\u205e\u20ac\u2190-\u21ff\n]*$/;
const BOLD_ON = "\u001b[1m";
const BOLD_OFF = "\u001b[22m";

// cli-table3's pattern for the escape codes it measures around (utils.js codeRegex).
const SGR = /\u001b\[(?:\d*;){0,5}\d*m/g;

/**
 * A cell as its plain text and how it is styled: "plain", "bold" (chalk's bold around plain text on one
 * line, which wraps exactly), or "styled" (other escape codes: drawn as is, never wrapped); undefined when
 * only cli-table3 can draw it.
 */
function classify(s: string): { text: string; raw: string; kind: "plain" | "bold" | "styled" } | undefined {
  if (PLAIN.test(s)) return { text: s, raw: s, kind: "plain" };
  if (s.startsWith(BOLD_ON) && s.endsWith(BOLD_OFF)) {
    const text = s.slice(BOLD_ON.length, -BOLD_OFF.length);
    if (PLAIN.test(text) && !text.includes("\n")) return { text, raw: s, kind: "bold" };
  }
  const text = s.replace(SGR, "");
  return PLAIN.test(text) ? { text, raw: s, kind: "styled" } : undefined;
}

const NOT_BLANK = /\S/;

/** cli-table3's wordWrap (utils.js), on plain text. */
function wordWrap(max: number, input: string): string[] {
  // A line that fits comes back as it is (its words and spaces rejoined), unless it has no word at all.
  if (input.length <= max && NOT_BLANK.test(input)) return [input];
  const lines: string[] = [];
  const split = input.split(/(\s+)/g);
  let line: string[] = [];
  let lineLength = 0;
  let whitespace: string | undefined;
  for (let i = 0; i < split.length; i += 2) {
    const word = split[i]!;
    let newLength = lineLength + word.length;
    if (lineLength > 0 && whitespace) newLength += whitespace.length;
    if (newLength > max) {
      if (lineLength !== 0) lines.push(line.join(""));
      line = [word];
      lineLength = word.length;
    } else {
      line.push(whitespace || "", word);
      lineLength = newLength;
    }
    whitespace = split[i + 1];
  }
  if (lineLength) lines.push(line.join(""));
  return lines;
}

/** A cell line in its column: one space either side, the gap on the side away from its alignment. */
function pad(shown: string, length: number, inner: number, right: boolean): string {
  const gap = " ".repeat(inner - length);
  return " " + (right ? gap + shown : shown + gap) + " ";
}

/**
 * The table as cli-table3 draws it with these settings (compact; `headLine`: its default characters, which
 * draw a line under the head; else none), or undefined when a cell is beyond what it draws exactly.
 * A column with a width in colWidths word-wraps its cells to it; null or no width: as wide as its widest line.
 */
export function drawBox(head: string[], rows: string[][], aligns: string[], colWidths?: (number | null)[], headLine = false): string | undefined {
  const n = head.length;
  const table: NonNullable<ReturnType<typeof classify>>[][] = [];
  for (const r of [head, ...rows]) {
    if (r.length !== n) return undefined;
    const row: NonNullable<ReturnType<typeof classify>>[] = [];
    for (const s of r) {
      const cell = classify(s);
      if (!cell) return undefined;
      row.push(cell);
    }
    table.push(row);
  }
  const width: number[] = [];
  for (let i = 0; i < n; i++) {
    const fixed = colWidths?.[i];
    if (fixed != null) width.push(fixed);
    else {
      let w = 0;
      for (const r of table) w = Math.max(w, longestLine(r[i]!.text));
      width.push(2 + w);
    }
  }
  const rule = (l: string, m: string, r: string) => l + width.map((w) => "─".repeat(w)).join(m) + r;
  const blank = width.map((w) => " ".repeat(w)); // a column's line below a shorter cell
  const out: string[] = [rule("┌", "┬", "┐")];
  for (let k = 0; k < table.length; k++) {
    if (k === 1 && headLine) out.push(rule("├", "┼", "┤"));
    const cells = table[k]!.map((cell, i) => {
      const inner = width[i]! - 2;
      const right = aligns[i] === "right";
      // A column as wide as its widest line neither wraps nor cuts: each line drawn as written.
      if (colWidths?.[i] == null) {
        if (!cell.raw.includes("\n")) return [pad(cell.raw, cell.kind === "plain" ? cell.raw.length : cell.raw.replace(SGR, "").length, inner, right)];
        return cell.raw.split("\n").map((l) => pad(l, cell.kind === "plain" ? l.length : l.replace(SGR, "").length, inner, right));
      }
      if (cell.kind === "styled") return [undefined];
      const lines = cell.text.includes("\n") ? cell.text.split("\n").flatMap((l) => wordWrap(inner, l)) : wordWrap(inner, cell.text);
      return lines.map((l) => {
        if (l.length > inner) {
          if (cell.kind === "bold") return undefined; // cli-table3 cuts inside the escape codes
          l = l.slice(0, inner - 1) + "…";
        }
        // A wrapped bold cell is bold line by line (cli-table3's colorizeLines), padded outside the codes.
        return pad(cell.kind === "bold" ? BOLD_ON + l + BOLD_OFF : l, l.length, inner, right);
      });
    });
    if (cells.some((lines) => lines.includes(undefined))) return undefined;
    const height = Math.max(1, ...cells.map((l) => l.length)); // an empty row is still one line
    // Concatenated, not joined line by line: the table is made flat once, by the join at the end.
    for (let j = 0; j < height; j++) {
      let line = "│";
      for (let i = 0; i < n; i++) line += (cells[i]![j] ?? blank[i]!) + "│";
      out.push(line);
    }
  }
  out.push(rule("└", "┴", "┘"));
  return out.join("\n");
}

/** A compact box table: drawBox when it can, else cli-table3 (loaded only then); the same characters either way. */
export function boxTable(head: string[], rows: string[][], aligns: ("left" | "right")[], colWidths?: (number | null)[], headLine = false): string {
  return drawBox(head, rows, aligns, colWidths, headLine) ?? renderWithCliTable3(head, rows, aligns, colWidths, headLine);
}

function renderWithCliTable3(head: string[], rows: string[][], aligns: string[], colWidths?: (number | null)[], headLine = false): string {
  const Table = createRequire(import.meta.url)("cli-table3") as typeof import("cli-table3");
  const t = new Table({
    head,
    style: { head: [], border: [], compact: true },
    colAligns: aligns as ("left" | "right")[],
    ...(colWidths ? { colWidths, wordWrap: true } : {}),
    ...(headLine ? {} : plain),
  });
  for (const r of rows) t.push(r);
  return t.toString();
}

export function fitTable(head: string[], rows: (string | number)[][], c: ChalkInstance, opts: FitOptions = {}): string {
  const cells = rows.map((r) => r.map(String));
  const alignRightFrom = opts.alignRightFrom ?? 1;
  const max = opts.width ?? DEFAULT_WIDTH;
  const widths = head.map((h, i) => colWidth([h, ...cells.map((r) => r[i] ?? "")]));
  if (opts.wide || tableWidth(widths) <= max) return render(head, cells, c, alignRightFrom, undefined, opts.colAligns);

  if (opts.mode === "split" && head.length > 2) {
    // The label column keeps at most a third of the width (wrapping), the rest is packed greedily.
    const label = Math.min(widths[0]!, Math.floor(max / 3));
    const parts: string[] = [];
    let start = 1;
    while (start < head.length) {
      let end = start + 1;
      while (end < head.length && tableWidth([label, ...widths.slice(start, end + 1)]) <= max) end++;
      const pick = (r: string[]) => [r[0] ?? "", ...r.slice(start, end)];
      const colWidths = [label + 2, ...widths.slice(start, end).map((w) => w + 2)];
      parts.push(render(pick(head), cells.map(pick), c, alignRightFrom, colWidths));
      start = end;
    }
    return parts.join("\n");
  }

  // Wrap: shrink the widest text column (left-aligned) a step at a time, down to 24 characters, then
  // the widest of any column, never below 8: names wrap before numbers do.
  const w = [...widths];
  const text = w.map((_, i) => (opts.colAligns ? opts.colAligns[i] === "left" : i < alignRightFrom));
  const kept = (j: number) => opts.keep?.includes(j) === true;
  // The widest column among those that pass `pick`, or -1.
  const widest = (pick: (x: number, j: number) => boolean) => {
    let best = -1;
    w.forEach((x, j) => {
      if (!kept(j) && pick(x, j) && (best < 0 || x > w[best]!)) best = j;
    });
    return best;
  };
  while (tableWidth(w) > max) {
    let i = widest((x, j) => text[j]! && x > 24);
    // With kept columns the other text columns go down to 8 before a number column gives way.
    if (i < 0 && opts.keep) i = widest((x, j) => text[j]! && x > 8);
    if (i < 0) i = widest(() => true);
    if (i < 0) break;
    if (w[i]! <= 8) break;
    w[i]!--;
  }
  return render(head, cells, c, alignRightFrom, w.map((x) => x + 2), opts.colAligns);
}

/** Words of plain text parted by single spaces, nothing else blank: each line is then a slice of the text. */
const SINGLE_SPACED = /^\S+(?: \S+)*$/;

/** Wraps plain text at word boundaries to the width, continuation lines indented. */
export function wrapText(text: string, width = DEFAULT_WIDTH, indent = "    "): string[] {
  if (visible(text) <= width) return [text];
  const lead = /^ */.exec(text)![0];
  // Most text that wraps is words and single spaces, without escape codes: its lines are found by
  // scanning for spaces and cut out of the text whole (the loop below joins them word by word, the
  // same lines; a check of a thousand models wrapped a few thousand texts).
  if (!text.includes("\u001b") && SINGLE_SPACED.test(text.slice(lead.length))) return wrapWords(text, lead, width, lead + indent);
  const out: string[] = [];
  let line = lead;
  indent = lead + indent;
  // Without escape codes a line's width is its length, kept as it grows (not measured again per word).
  const plain = !text.includes("\u001b");
  let length = line.length;
  let hasText = false; // line.trim() !== ""
  for (const word of text.slice(lead.length).split(" ")) {
    const candidate = hasText ? `${line} ${word}` : line + word;
    const candidateLength = plain ? (hasText ? length + 1 + word.length : length + word.length) : visible(candidate);
    if (candidateLength > width && hasText) {
      out.push(line);
      line = indent + word;
      length = line.length;
      hasText = NOT_BLANK.test(line);
    } else {
      line = candidate;
      length = candidateLength;
      hasText ||= NOT_BLANK.test(word);
    }
  }
  if (line) out.push(line);
  return out;
}

/** wrapText's lines for single-spaced words after `lead`: a line breaks before the word that would pass `width`. */
function wrapWords(text: string, lead: string, width: number, indent: string): string[] {
  const out: string[] = [];
  let prefix = lead;
  let start = lead.length; // the line is prefix + text.slice(start, end)
  let end = text.indexOf(" ", start);
  if (end < 0) end = text.length;
  let length = prefix.length + end - start; // the first word stays on the first line, however long
  while (end < text.length) {
    const from = end + 1;
    let next = text.indexOf(" ", from);
    if (next < 0) next = text.length;
    if (length + 1 + next - from > width) {
      out.push(prefix + text.slice(start, end));
      prefix = indent;
      start = from;
      length = indent.length + next - from;
    } else length += 1 + next - from;
    end = next;
  }
  out.push(prefix + text.slice(start, end));
  return out;
}

/** A dotted figure name on lines of at most `width` characters, broken after a dot (never inside a part). */
export function breakAtDots(name: string, width: number): string {
  if (name.length <= width) return name;
  const lines: string[] = [];
  let line = "";
  for (const part of name.split(/(?<=\.)/)) {
    if (line && line.length + part.length > width) {
      lines.push(line);
      line = "";
    }
    line += part;
  }
  return [...lines, line].join("\n");
}
