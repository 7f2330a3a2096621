// Terminal tables that fit a width (100 columns by default): wide year-by-year tables are split into
// several tables that repeat the label column; other tables wrap their widest text columns. --wide
// turns both off for the full view.
import Table from "cli-table3";
import type { ChalkInstance } from "chalk";

export const DEFAULT_WIDTH = 100;

const plain = { chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" } };
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
export const visible = (s: string) => s.replace(ANSI, "").length;

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

const colWidth = (cells: string[]) => Math.max(1, ...cells.flatMap((c) => c.split("\n").map(visible)));
// compact style: one space either side of each cell and one border between columns and at both ends.
const tableWidth = (widths: number[]) => widths.reduce((a, w) => a + w + 2, 0) + widths.length + 1;

function render(head: string[], rows: string[][], c: ChalkInstance, alignRightFrom: number, colWidths?: (number | null)[], colAligns?: ("left" | "right")[]): string {
  const t = new Table({
    head: head.map((h) => c.bold(h)),
    style: { head: [], border: [], compact: true },
    colAligns: colAligns ?? head.map((_, i) => (i >= alignRightFrom ? "right" : "left")),
    ...(colWidths ? { colWidths, wordWrap: true } : {}),
    ...plain,
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

/** Wraps plain text at word boundaries to the width, continuation lines indented. */
export function wrapText(text: string, width = DEFAULT_WIDTH, indent = "    "): string[] {
  if (visible(text) <= width) return [text];
  const lead = /^ */.exec(text)![0];
  const out: string[] = [];
  let line = lead;
  indent = lead + indent;
  for (const word of text.slice(lead.length).split(" ")) {
    const candidate = line.trim() ? `${line} ${word}` : line + word;
    if (visible(candidate) > width && line.trim()) {
      out.push(line);
      line = indent + word;
    } else line = candidate;
  }
  if (line) out.push(line);
  return out;
}

/** A dotted figure name on lines of at most `width` characters, broken after a dot (never inside a part). */
export function breakAtDots(name: string, width: number): string {
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
