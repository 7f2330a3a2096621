// The fastest path for reading a model file: a reader of the plain YAML that models are written in (block
// maps and lists, flow collections (also over lines), one-line quoted and plain scalars, folded and literal
// block text, comments), several times faster than js-yaml on a large model. It gives exactly the data the full
// parser gives (test/load/fastyaml.test.ts proves it on every model, probe and mutated corpus) and leaves
// anything else to js-yaml and then the full parser: it stops at the first construct it is not sure of
// (a scalar that some YAML schema reads as a number, a multi-line plain or quoted scalar, a duplicate key,
// a key that is not a simple name), so it is only ever slower, never different.
//
// fastyaml.ts calls it first, before the pre-check that guards js-yaml: it stops by itself at tabs, bare CRs,
// anchors, tags, directives, explicit and merge keys, a line that starts with a flow end, and the like.

/** Thrown (never an Error: no stack to capture) when the text leaves this reader's subset. */
const STOP = { stop: true };

const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;

/** A plain key sroi files use: a name, or digits (a year). Anything else goes to the other parsers. */
const SIMPLE_KEY = /^(?:[A-Za-z_][A-Za-z0-9_-]*|0|[1-9][0-9]{0,14})$/;
/** Plain words that YAML schemas (1.1 or 1.2) read as null, a boolean or a number. */
const SPECIAL_WORD = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?\.?(?:inf|Inf|INF|nan|NaN|NAN))$/;
/** A decimal number every schema reads alike (no exponent, sign, leading zero or 16th significant digit). */
const DECIMAL = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;
/**
 * Text that some YAML schema (1.1, 1.2, js-yaml's) may read as a number, date or time: "1_000", "0x1F",
 * "1e3", ".5", "12:30", "2026-01-01". A superset: such text is left to the other parsers unless DECIMAL.
 */
const NUMBERISH =
  /^[-+]?(?:[0-9][0-9_]*(?::[0-9_]+)*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?|0[bB][01_]+|0[oO][0-7_]+|0[xX][0-9a-fA-F_]+|\.(?:inf|Inf|INF|nan|NaN|NAN))$|^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:$|[Tt ])/;
/** Tabs, characters YAML forbids or treats as line breaks (NEL, LS, PS), byte-order marks: the other parsers decide. */
const UNUSUAL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;

export function plainData(text: string): Record<string, unknown> | undefined {
  // CRLF line ends read as LF ones (YAML folds both into one break); a CR anywhere else is unusual.
  const lf = text.includes("\r") ? text.replace(/\r\n/g, "\n") : text;
  if (UNUSUAL.test(lf)) return undefined;
  try {
    const r = new Reader(lf);
    const line = r.next();
    if (line < 0 || r.indent[line] !== 0 || r.isItem(line)) return undefined; // a model is a map at column 0
    const data = r.map(line, 0);
    if (r.next() >= 0) return undefined; // something left over at a lower indent
    return data;
  } catch (e) {
    if (e === STOP) return undefined;
    throw e;
  }
}

class Reader {
  readonly lines: string[];
  /** Leading spaces of each line; -1 for a blank or comment line. */
  readonly indent: Int32Array;
  /** The next line to read. */
  at = 0;

  constructor(text: string) {
    this.lines = text.split("\n");
    this.indent = new Int32Array(this.lines.length);
    for (let i = 0; i < this.lines.length; i++) {
      const l = this.lines[i]!;
      let n = 0;
      while (l.charCodeAt(n) === SPACE) n++;
      this.indent[i] = n === l.length || l.charCodeAt(n) === HASH ? -1 : n;
    }
  }

  /** The next line with content (skipping blank and comment lines), without taking it; -1 at the end. */
  next(): number {
    while (this.at < this.lines.length && this.indent[this.at]! < 0) this.at++;
    return this.at < this.lines.length ? this.at : -1;
  }

  /** Whether the line is a list item ("- x" or a lone "-") at its indent. */
  isItem(line: number): boolean {
    const l = this.lines[line]!;
    const i = this.indent[line]!;
    return l.charCodeAt(i) === DASH && (i + 1 === l.length || l.charCodeAt(i + 1) === SPACE);
  }

  /** A block map whose keys stand at column `col`; its first key starts at (line, col). */
  map(line: number, col: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let first = true;
    for (;;) {
      if (!first) {
        line = this.next();
        if (line < 0 || this.indent[line]! < col) return out;
        if (this.indent[line]! > col || this.isItem(line)) throw STOP;
      }
      first = false;
      const l = this.lines[line]!;
      const [key, after] = this.key(l, col);
      fresh(out, key);
      this.at = line + 1;
      out[key] = this.value(l, after, col, true);
    }
  }

  /** A block list whose dashes stand at column `col`, starting at `line`. */
  list(line: number, col: number): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      const l = this.lines[line]!;
      let p = col + 1;
      while (l.charCodeAt(p) === SPACE) p++;
      this.at = line + 1;
      if (p >= l.length || l.charCodeAt(p) === HASH) out.push(this.nested(col, false));
      else if (this.startsKey(l, p)) out.push(this.map(line, p));
      else {
        const c = l.charCodeAt(p);
        if (c === DASH && (p + 1 === l.length || l.charCodeAt(p + 1) === SPACE)) throw STOP; // "- - x"
        if (c === 124 || c === 62) throw STOP; // "- |": block text in a list
        out.push(this.value(l, p, col, false));
      }
      line = this.next();
      if (line < 0 || this.indent[line]! < col || !this.isItem(line)) return out; // the parent goes on (or stops)
      if (this.indent[line]! > col) throw STOP;
    }
  }

  /** A key at `col` and the position after its ": ". */
  key(l: string, col: number): [string, number] {
    const c = l.charCodeAt(col);
    let key: string;
    let p: number;
    if (c === 34 || c === 39) {
      [key, p] = quoted(l, col);
      if (l.charCodeAt(p) !== COLON) throw STOP;
    } else {
      p = l.indexOf(":", col);
      if (p < 0) throw STOP;
      key = l.slice(col, p);
      if (!simpleKey(key)) throw STOP;
    }
    p++;
    if (p < l.length && l.charCodeAt(p) !== SPACE) throw STOP; // "a:b" is text, not a key
    return [key, p];
  }

  /** Whether a list item's text at `p` starts a map ("- id: x"). */
  startsKey(l: string, p: number): boolean {
    const c = l.charCodeAt(p);
    if (c === 34 || c === 39) return l.charCodeAt(quoted(l, p)[1]) === COLON;
    if (c === 91 || c === 123) return false; // a flow collection
    for (let i = p; i < l.length; i++) {
      const ch = l.charCodeAt(i);
      if (ch === COLON && (i + 1 === l.length || l.charCodeAt(i + 1) === SPACE)) return true;
      if (ch === HASH && l.charCodeAt(i - 1) === SPACE) return false;
    }
    return false;
  }

  /**
   * The value after a key's ": " or a list item's "- " (at `p` of line `l`), whose block is at column
   * `col`: on the line itself, or, when the line ends there, the block below.
   */
  value(line: string, p: number, col: number, inMap: boolean): unknown {
    let l = line;
    while (l.charCodeAt(p) === SPACE) p++;
    if (p >= l.length || l.charCodeAt(p) === HASH) return this.nested(col, inMap);
    const c = l.charCodeAt(p);
    let v: unknown;
    let end: number;
    if (c === 34 || c === 39) [v, end] = quoted(l, p);
    else if (c === 91 || c === 123) {
      // A flow collection may go on over several lines: the rest of its last line is checked below.
      const f = new Flow(this, this.at - 1, p, col);
      v = f.collection();
      this.at = f.line + 1;
      l = this.lines[f.line]!;
      end = f.p;
    }
    else if (c === 124 || c === 62) return this.blockText(l, p, col);
    else {
      if (isIndicator(c, l.charCodeAt(p + 1))) throw STOP;
      let e = p;
      for (; e < l.length; e++) {
        const ch = l.charCodeAt(e);
        if (ch === HASH && l.charCodeAt(e - 1) === SPACE) break;
        if (ch === COLON && (e + 1 === l.length || l.charCodeAt(e + 1) === SPACE)) throw STOP; // "a: b: c"
      }
      v = scalar(trimSpaces(l.slice(p, e)));
      end = e;
    }
    // Only a comment may follow on the line.
    while (l.charCodeAt(end) === SPACE) end++;
    if (end < l.length && (l.charCodeAt(end) !== HASH || l.charCodeAt(end - 1) !== SPACE)) throw STOP;
    this.ended(col);
    return v;
  }

  /** After a value in the block at column `col`: the next line may not go on with it (more indented). */
  ended(col: number): void {
    const n = this.next();
    if (n >= 0 && this.indent[n]! > col) throw STOP;
  }

  /** The block under a key or dash with nothing after it: a map or list, or null when nothing is indented. */
  nested(col: number, inMap: boolean): unknown {
    const n = this.next();
    if (n < 0) return null;
    const i = this.indent[n]!;
    if (i > col) {
      if (this.isItem(n)) return this.list(n, i);
      return this.map(n, i);
    }
    // A map's value may be a list at the map's own column ("key:\n- a").
    if (i === col && inMap && this.isItem(n)) return this.list(n, i);
    return null;
  }

  /** Folded (>) or literal (|) block text, with the default or strip (-) chomping. */
  blockText(l: string, p: number, col: number): string {
    const folded = l.charCodeAt(p) === 62;
    let q = p + 1;
    let strip = false;
    if (l.charCodeAt(q) === DASH) {
      strip = true;
      q++;
    }
    while (l.charCodeAt(q) === SPACE) q++;
    if (q < l.length && (l.charCodeAt(q) !== HASH || q === p + 1 + (strip ? 1 : 0))) throw STOP; // "|+", "|2", ">x"
    // Its lines: up to the first line with content left of the text's indent.
    const start = this.at;
    let textIndent = -1;
    let end = start;
    for (let i = start; i < this.lines.length; i++) {
      const s = this.lines[i]!;
      let n = 0;
      while (s.charCodeAt(n) === SPACE) n++;
      if (n === s.length) {
        // A blank line; one with spaces beyond the text's indent would be kept as text: leave it.
        if (textIndent < 0 || n > textIndent) throw STOP;
        continue;
      }
      if (textIndent < 0) {
        if (n <= col) throw STOP; // empty block text
        textIndent = n;
      } else if (n < textIndent) break;
      else if (n > textIndent) throw STOP; // a more-indented line keeps its breaks: leave it
      end = i + 1;
    }
    if (textIndent < 0) throw STOP;
    this.at = end;
    this.ended(col);
    let out: string;
    if (folded) {
      // Lines join with a space; a break before blank lines is dropped and each blank line gives one.
      out = "";
      let prevText = false;
      for (let i = start; i < end; i++) {
        const s = this.lines[i]!;
        if (s.length <= textIndent) {
          out += "\n";
          prevText = false;
        } else {
          out += (prevText ? " " : "") + s.slice(textIndent);
          prevText = true;
        }
      }
    } else out = this.lines.slice(start, end).map((s) => s.slice(textIndent)).join("\n");
    return strip ? out : out + "\n";
  }
}

/** A YAML indicator that may not start a plain scalar (or needs a parser that knows its meaning). */
function isIndicator(c: number, next: number): boolean {
  switch (c) {
    case 45: // "-", "?" and ":" start a plain scalar ("-5") when an ordinary character follows
    case 63:
    case 58:
      return next === SPACE || Number.isNaN(next) || next === 44 || next === 91 || next === 93 || next === 123 || next === 125;
    case 44: // ,
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case 35: // #
    case 38: // &
    case 42: // *
    case 33: // !
    case 37: // %
    case 64: // @
    case 96: // `
    case 124: // |
    case 62: // >
    case 34: // "
    case 39: // '
      return true;
    default:
      return false;
  }
}

/** Without the spaces at its end (only spaces: JavaScript's trimEnd also takes other white space, YAML does not). */
function trimSpaces(s: string): string {
  let e = s.length;
  while (e > 0 && s.charCodeAt(e - 1) === SPACE) e--;
  return e === s.length ? s : s.slice(0, e);
}

/** Whether a plain key is SIMPLE_KEY and no special word (the common case decided without a regex). */
function simpleKey(k: string): boolean {
  const c = k.charCodeAt(0);
  if (!(LETTER[c] === 1 || c === 95) || k.length <= 5) return SIMPLE_KEY.test(k) && !SPECIAL_WORD.test(k);
  for (let i = 1; i < k.length; i++) {
    const d = k.charCodeAt(i);
    if (!(LETTER[d]! > 0 || (d >= 48 && d <= 57) || d === 95 || d === DASH)) return false;
  }
  return true;
}

/** Letters (1), and the letters a special word (null, true, yes, on ...) starts with (2). */
const LETTER = new Uint8Array(128);
for (let c = 65; c <= 122; c++) if (c <= 90 || c >= 97) LETTER[c] = 1;
for (const ch of "nNtTfFyYoO") LETTER[ch.charCodeAt(0)] = 2;

/** A plain scalar's value, as the YAML 1.2 core schema (both parsers) reads it; STOP when unsure. */
function scalar(s: string): unknown {
  // Most text starts with a letter no special word starts with: text in every schema.
  if (LETTER[s.charCodeAt(0)] === 1) return s;
  const n = plainDecimal(s);
  if (n !== undefined) return n;
  if (s === "null" || s === "~") return null;
  if (s === "true") return true;
  if (s === "false") return false;
  if (SPECIAL_WORD.test(s) || s === "=" || s === "<<") throw STOP;
  if (NUMBERISH.test(s)) {
    if (DECIMAL.test(s) && significantDigits(s) <= 15 && !/^-0(\.0+)?$/.test(s)) return Number(s);
    throw STOP;
  }
  return s;
}

/**
 * A DECIMAL text of at most 15 significant digits and not -0, read without a pattern (most numbers of a
 * model: the patterns below cost more than the rest of reading it); undefined for anything else, which
 * scalar then decides as before.
 */
function plainDecimal(s: string): number | undefined {
  let i = s.charCodeAt(0) === DASH ? 1 : 0;
  const first = s.charCodeAt(i);
  if (first < 48 || first > 57) return undefined;
  if (first === 48 && i + 1 < s.length && s.charCodeAt(i + 1) !== 46) return undefined; // "01": a leading zero
  let dot = false;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (dot || i + 1 === s.length) return undefined;
      dot = true;
    } else if (c < 48 || c > 57) return undefined;
  }
  const digits = significantDigits(s);
  if (digits > 15 || (digits === 0 && s.charCodeAt(0) === DASH)) return undefined; // too many digits; -0, -0.0
  return Number(s);
}

/** The digits of a DECIMAL text without its leading zeros (more than 15 may not survive as a double). */
function significantDigits(s: string): number {
  let n = 0;
  let leading = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57 || (leading && c === 48)) continue;
    leading = false;
    n++;
  }
  return n;
}

const ESCAPES: Record<string, string> = { "\\": "\\", '"': '"', "/": "/", n: "\n", t: "\t", r: "\r", "0": "\0", b: "\b", f: "\f" };

/** A key not yet in the map (js-yaml refuses a duplicate), nor one objects carry (__proto__, constructor ...): let js-yaml decide. */
function fresh(out: Record<string, unknown>, key: string): void {
  if (key === "__proto__" || out[key] !== undefined) throw STOP;
}

/** A quoted scalar (double or single, by the quote at `p`) ending on this line: its text and the position after it. */
function quoted(l: string, p: number): [string, number] {
  return l.charCodeAt(p) === 34 ? doubleQuoted(l, p) : singleQuoted(l, p);
}

/** A double-quoted scalar starting at `p` and ending on this line: its text and the position after it. */
function doubleQuoted(l: string, p: number): [string, number] {
  let out = "";
  let from = p + 1;
  for (let i = p + 1; i < l.length; i++) {
    const c = l.charCodeAt(i);
    if (c === 34) return [out + l.slice(from, i), i + 1];
    if (c === 92) {
      out += l.slice(from, i);
      const e = l[i + 1];
      if (e === undefined) throw STOP;
      if (e in ESCAPES) {
        out += ESCAPES[e];
        i++;
      } else if (e === "u" || e === "x") {
        const len = e === "u" ? 4 : 2;
        const hex = l.slice(i + 2, i + 2 + len);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) throw STOP;
        const code = parseInt(hex, 16);
        if (code >= 0xd800 && code <= 0xdfff) throw STOP; // surrogate halves: leave them
        out += String.fromCharCode(code);
        i += 1 + len;
      } else throw STOP;
      from = i + 1;
    }
  }
  throw STOP; // continues on the next line
}

/** A single-quoted scalar starting at `p` and ending on this line ('' is a quote). */
function singleQuoted(l: string, p: number): [string, number] {
  let out = "";
  let from = p + 1;
  for (let i = p + 1; i < l.length; i++) {
    if (l.charCodeAt(i) === 39) {
      if (l.charCodeAt(i + 1) === 39) {
        out += l.slice(from, i + 1);
        i++;
        from = i + 1;
        continue;
      }
      return [out + l.slice(from, i), i + 1];
    }
  }
  throw STOP;
}

/**
 * A flow collection ([..] or {..}) starting at (line, p), which may go on over the following lines when
 * they are indented beyond the block it stands in (`col`); after it, `line` and `p` are just past its end.
 */
class Flow {
  private l: string;

  constructor(
    private readonly r: Reader,
    public line: number,
    public p: number,
    private readonly col: number,
  ) {
    this.l = r.lines[line]!;
  }

  /** Skips spaces, and the line's end or a comment to the next line with content. */
  private skip(): void {
    for (;;) {
      while (this.l.charCodeAt(this.p) === SPACE) this.p++;
      const c = this.l.charCodeAt(this.p);
      if (this.p < this.l.length && !(c === HASH && (this.p === 0 || this.l.charCodeAt(this.p - 1) === SPACE))) return;
      this.r.at = this.line + 1;
      const n = this.r.next();
      if (n < 0 || this.r.indent[n]! <= this.col) throw STOP; // unclosed, or a line not indented into it
      const first = this.r.lines[n]!.charCodeAt(this.r.indent[n]!);
      if (first === 93 || first === 125) throw STOP; // a line that starts with a flow end: the full parser may warn
      this.line = n;
      this.l = this.r.lines[n]!;
      this.p = 0;
    }
  }

  collection(): unknown {
    const open = this.l.charCodeAt(this.p);
    const close = open === 91 ? 93 : 125;
    const isMap = open === 123;
    const out: unknown = isMap ? {} : [];
    this.p++;
    this.skip();
    if (this.l.charCodeAt(this.p) === close) {
      this.p++;
      return out;
    }
    for (;;) {
      this.skip();
      if (isMap && this.plainEntry(out as Record<string, unknown>)) {
        if (this.after(close)) return out;
        continue;
      }
      let key: string | undefined;
      if (isMap) {
        const l = this.l;
        const c = l.charCodeAt(this.p);
        if (c === 34 || c === 39) {
          [key, this.p] = quoted(l, this.p);
        } else {
          const e = l.indexOf(":", this.p);
          if (e < 0) throw STOP;
          key = trimSpaces(l.slice(this.p, e));
          if (!simpleKey(key)) throw STOP;
          this.p = e;
        }
        if (l.charCodeAt(this.p) !== COLON || l.charCodeAt(this.p + 1) !== SPACE) throw STOP;
        this.p += 2;
        this.skip();
        fresh(out as Record<string, unknown>, key);
      }
      const l = this.l;
      const c = l.charCodeAt(this.p);
      let v: unknown;
      if (c === 34 || c === 39) [v, this.p] = quoted(l, this.p);
      else if (c === 91 || c === 123) v = this.collection();
      else {
        if (isIndicator(c, l.charCodeAt(this.p + 1))) throw STOP;
        const from = this.p;
        let i = this.p;
        for (; i < l.length; i++) {
          const ch = l.charCodeAt(i);
          if (ch === 44 || ch === 93 || ch === 125) break;
          if (ch === 91 || ch === 123) throw STOP;
          if (ch === HASH && l.charCodeAt(i - 1) === SPACE) throw STOP; // a plain scalar may go on below
          if (ch === COLON) throw STOP; // a pair in a list, or a key: a colon in a flow scalar is left to the others
        }
        if (i === l.length) throw STOP; // a plain scalar that may go on on the next line
        const text = trimSpaces(l.slice(from, i));
        if (text === "") throw STOP; // an empty entry is null, or an error
        v = scalar(text);
        this.p = i;
      }
      if (isMap) (out as Record<string, unknown>)[key!] = v;
      else (out as unknown[]).push(v);
      if (this.after(close)) return out;
    }
  }

  /**
   * The common entry of a flow map, `name: plain text` ending at a comma or the map's end on the same
   * line, read by one pattern (native code, where the steps of collection() cost several times more);
   * false for anything else, which collection() reads step by step. The pattern accepts only text those
   * steps read the same way: a simple key right before ": ", a value that starts with no indicator and
   * holds no bracket, brace, colon or "#".
   */
  private plainEntry(out: Record<string, unknown>): boolean {
    PLAIN_ENTRY.lastIndex = this.p;
    const m = PLAIN_ENTRY.exec(this.l);
    if (m === null || !simpleKey(m[1]!)) return false;
    fresh(out, m[1]!);
    out[m[1]!] = scalar(m[2]!);
    this.p = PLAIN_ENTRY.lastIndex;
    return true;
  }

  /** After an entry: true at the collection's end (passed), else past its comma. */
  private after(close: number): boolean {
    this.skip();
    const d = this.l.charCodeAt(this.p);
    if (d === close) {
      this.p++;
      return true;
    }
    if (d !== 44) throw STOP;
    this.p++;
    this.skip();
    if (this.l.charCodeAt(this.p) === close) throw STOP; // a trailing comma
    return false;
  }
}

// A flow map's `key: value` up to (not including) the comma or brace after it: the key as simpleKey's
// SIMPLE_KEY names start, the value (without its trailing spaces) starting with no indicator and
// holding none of , [ ] { } # :.
const PLAIN_ENTRY = /([A-Za-z_][A-Za-z0-9_-]*): +([^\s,[\]{}#&*!%@`|>"'?:-][^,[\]{}#:]*?) *(?=[,}])/y;
