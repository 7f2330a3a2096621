/**
 * A small arithmetic expression language for model formulas such as
 * `hours_per_week * weeks_per_year * hourly_rate` or `max(0, a - b) / 2`.
 *
 * It is parsed by hand (recursive descent) and evaluated by walking the tree,
 * never through JavaScript eval/Function: a formula can only do arithmetic
 * and read numbers by name through the caller's lookup.
 */

import { MAX_EXPR_NESTING } from "../schema/bounds.js";

export type Expr =
  | { kind: "num"; value: number; start: number; end: number }
  | { kind: "ref"; name: string; start: number; end: number }
  | { kind: "neg"; arg: Expr; start: number; end: number }
  | { kind: "bin"; op: BinOp; left: Expr; right: Expr; start: number; end: number }
  | { kind: "call"; fn: "min" | "max" | "round" | "abs"; args: Expr[]; start: number; end: number }
  /**
   * A number by year (a list or map in the model, never written as text): `values[index]`, the index
   * rounded and held within the list (years after the last value keep it). Built by the normaliser.
   */
  | { kind: "table"; index: Expr; values: number[]; start: number; end: number };

export interface ExprSyntaxError {
  message: string;
  offset: number; // 0-based char index in the source text
}

export type ParseResult = { ok: true; expr: Expr } | { ok: false; error: ExprSyntaxError };

type BinOp = "+" | "-" | "*" | "/" | "^";
type FnName = "min" | "max" | "round" | "abs";

const FUNCTIONS: readonly FnName[] = ["min", "max", "round", "abs"];
const ARITY: Record<FnName, { min: number; max: number; text: string }> = {
  min: { min: 1, max: Infinity, text: "at least 1 argument" },
  max: { min: 1, max: Infinity, text: "at least 1 argument" },
  round: { min: 1, max: 2, text: "1 or 2 arguments" },
  abs: { min: 1, max: 1, text: "1 argument" },
};

// Guards the recursion so hostile input like "((((...1" fails cleanly instead of overflowing the stack
// (a bound of the language: src/schema/bounds.ts).
const MAX_DEPTH = MAX_EXPR_NESTING;

const NUMBER = /(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const NAME_SEGMENT = /[A-Za-z_][A-Za-z0-9_]*/y;
// A number directly followed by one of these ("1.2.3", "1e", "2abc") is reported as one bad number.
const NUMBER_TAIL = /[A-Za-z0-9_.]/;
const PUNCT = "+-*/^(),";
const PLAIN_NUMBER = new RegExp(`^\\s*-?${NUMBER.source}%?\\s*$`);

type Token =
  | { type: "num"; value: number; start: number; end: number }
  | { type: "name"; name: string; start: number; end: number }
  | { type: "punct"; text: string; start: number; end: number }
  | { type: "end"; start: number; end: number };

/** Internal signal for a syntax error; parseExpr turns it into a ParseResult so callers never see a throw. */
class Fail {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

/** Human position for messages: 1-based columns read better than 0-based offsets. */
function at(offset: number, text: string): string {
  return offset >= text.length ? "the end" : `column ${offset + 1}`;
}

/** Scale by 10^k on the decimal text, so 1.005 -> 100.5 exactly (1.005 * 100 is 100.49999999999999). */
function shiftDecimal(x: number, k: number): number {
  const [mantissa, exponent = "0"] = String(x).split("e");
  return Number(`${mantissa}e${Number(exponent) + k}`);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const start = i;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    NUMBER.lastIndex = i;
    const num = NUMBER.exec(text);
    if (num) {
      i += num[0].length;
      if (i < text.length && NUMBER_TAIL.test(text[i]!)) {
        while (i < text.length && NUMBER_TAIL.test(text[i]!)) i++;
        throw new Fail(`invalid number "${text.slice(start, i)}" at ${at(start, text)}`, start);
      }
      let value = Number(num[0]);
      if (text[i] === "%") {
        i++;
        value = shiftDecimal(value, -2); // decimal shift keeps 1.1% exactly 0.011
      }
      if (!Number.isFinite(value)) throw new Fail(`number "${text.slice(start, i)}" is too large at ${at(start, text)}`, start);
      tokens.push({ type: "num", value, start, end: i });
      continue;
    }
    NAME_SEGMENT.lastIndex = i;
    if (NAME_SEGMENT.test(text)) {
      i = NAME_SEGMENT.lastIndex;
      // Dotted names are one token, so "a .b" or "a. b" cannot sneak whitespace into a name.
      while (text[i] === ".") {
        NAME_SEGMENT.lastIndex = i + 1;
        if (!NAME_SEGMENT.test(text)) throw new Fail(`expected a name after "." at ${at(i + 1, text)}`, i + 1);
        i = NAME_SEGMENT.lastIndex;
      }
      tokens.push({ type: "name", name: text.slice(start, i), start, end: i });
      continue;
    }
    if (PUNCT.includes(c)) {
      tokens.push({ type: "punct", text: c, start, end: ++i });
      continue;
    }
    throw new Fail(`unexpected "${c}" at ${at(start, text)}`, start);
  }
  tokens.push({ type: "end", start: text.length, end: text.length });
  return tokens;
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  parse(): Expr {
    if (this.peek().type === "end") throw new Fail("empty expression", 0);
    const expr = this.additive();
    const t = this.peek();
    if (t.type !== "end") throw this.unexpected(t);
    return expr;
  }

  // The token list always ends with an "end" token that is never consumed, so peek is always defined.
  private peek(): Token {
    return this.tokens[this.pos]!;
  }

  private next(): Token {
    const t = this.peek();
    if (t.type !== "end") this.pos++;
    return t;
  }

  private isPunct(t: Token, text: string): boolean {
    return t.type === "punct" && t.text === text;
  }

  private unexpected(t: Token): Fail {
    if (t.type === "end") return new Fail("unexpected end of expression", t.start);
    return new Fail(`unexpected "${this.text.slice(t.start, t.end)}" at ${at(t.start, this.text)}`, t.start);
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new Fail(`expression is nested too deeply (more than ${MAX_DEPTH} levels)`, this.peek().start);
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private additive(): Expr {
    return this.binary(["+", "-"], () => this.multiplicative());
  }

  private multiplicative(): Expr {
    return this.binary(["*", "/"], () => this.unary());
  }

  /** `^` binds tighter than a sign (-2^2 = -4) and to the right (2^3^2 = 2^9), as in mathematics. */
  private power(): Expr {
    const base = this.primary();
    const t = this.peek();
    if (!this.isPunct(t, "^")) return base;
    this.next();
    const exponent = this.nested(() => this.unary());
    return { kind: "bin", op: "^", left: base, right: exponent, start: base.start, end: exponent.end };
  }

  /** Loop rather than recurse so operators are left associative: 2 - 3 - 4 = (2 - 3) - 4. */
  private binary(ops: readonly BinOp[], operand: () => Expr): Expr {
    let left = operand();
    for (;;) {
      const t = this.peek();
      const op = t.type === "punct" ? ops.find((o) => o === t.text) : undefined;
      if (!op) return left;
      this.next();
      const right = operand();
      left = { kind: "bin", op, left, right, start: left.start, end: right.end };
    }
  }

  private unary(): Expr {
    const t = this.peek();
    if (this.isPunct(t, "-") || this.isPunct(t, "+")) {
      this.next();
      const arg = this.nested(() => this.unary());
      return this.isPunct(t, "-") ? { kind: "neg", arg, start: t.start, end: arg.end } : { ...arg, start: t.start };
    }
    return this.power();
  }

  private primary(): Expr {
    const t = this.next();
    if (t.type === "num") return { kind: "num", value: t.value, start: t.start, end: t.end };
    if (t.type === "name") {
      // Function names are reserved, so a bare "min" is an error rather than a silent lookup.
      const isCall = this.isPunct(this.peek(), "(") || FUNCTIONS.some((f) => f === t.name);
      return isCall ? this.call(t) : { kind: "ref", name: t.name, start: t.start, end: t.end };
    }
    if (this.isPunct(t, "(")) {
      const inner = this.nested(() => this.additive());
      const close = this.close(t);
      return { ...inner, start: t.start, end: close.end };
    }
    throw new Fail(`expected a number, a name or "(" at ${at(t.start, this.text)}`, t.start);
  }

  private call(name: Extract<Token, { type: "name" }>): Expr {
    const fn = FUNCTIONS.find((f) => f === name.name);
    if (!fn) throw new Fail(`unknown function "${name.name}" (known: ${FUNCTIONS.join(", ")})`, name.start);
    const open = this.next();
    if (!this.isPunct(open, "(")) throw new Fail(`expected "(" after "${fn}" at ${at(open.start, this.text)}`, open.start);
    const args: Expr[] = [];
    if (!this.isPunct(this.peek(), ")")) {
      for (;;) {
        args.push(this.nested(() => this.additive()));
        if (!this.isPunct(this.peek(), ",")) break;
        this.next();
      }
    }
    const close = this.close(open);
    const arity = ARITY[fn];
    if (args.length < arity.min || args.length > arity.max) {
      throw new Fail(`${fn} takes ${arity.text}, got ${args.length}`, name.start);
    }
    return { kind: "call", fn, args, start: name.start, end: close.end };
  }

  private close(open: Token): Token {
    const t = this.peek();
    if (this.isPunct(t, ")")) return this.next();
    if (t.type === "end") throw new Fail(`unclosed "(" (opened at column ${open.start + 1})`, t.start);
    throw this.unexpected(t);
  }
}

export function parseExpr(text: string): ParseResult {
  try {
    return { ok: true, expr: new Parser(text, tokenize(text)).parse() };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, error: { message: e.message, offset: e.offset } };
    // Defensive: honour "never throws" even on an unforeseen bug.
    return { ok: false, error: { message: `cannot parse expression: ${String(e)}`, offset: 0 } };
  }
}

export function exprRefs(expr: Expr): string[] {
  // Most numbers of a model are a literal or one name: no set or stack for them.
  if (expr.kind === "num") return [];
  if (expr.kind === "ref") return [expr.name];
  const names = new Set<string>(); // Set keeps insertion order, giving first-appearance order
  // An explicit stack: a 5,000-term sum is a left chain 5,000 deep.
  const stack: Expr[] = [expr];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.kind === "ref") names.add(e.name);
    else if (e.kind === "neg") stack.push(e.arg);
    else if (e.kind === "call") for (let i = e.args.length - 1; i >= 0; i--) stack.push(e.args[i]!);
    else if (e.kind === "bin") stack.push(e.right, e.left);
    else if (e.kind === "table") stack.push(e.index);
  }
  return [...names];
}

export class ExprEvalError extends Error {
  constructor(
    message: string,
    public readonly ref?: string,
  ) {
    super(message);
    this.name = "ExprEvalError";
  }
}

function finite(value: number, e: Expr): number {
  if (!Number.isFinite(value)) throw new ExprEvalError(`"${formatExpr(e)}" is not a finite number`);
  return value;
}

/** Round half away from zero at `digits` decimals (negative digits round to tens, hundreds, ...). */
export function roundHalfAway(x: number, digits: number): number {
  const shifted = shiftDecimal(Math.abs(x), digits);
  if (!Number.isFinite(shifted)) return x; // too large to have any digits at that position
  const rounded = shiftDecimal(Math.round(shifted), -digits);
  return x < 0 ? -rounded : rounded;
}

function evalNode(e: Expr, lookup: (name: string) => number | undefined): number {
  switch (e.kind) {
    case "num":
      return e.value;
    case "ref": {
      // typeof check: a lookup written as obj[name] must not leak "constructor" or other non-numbers.
      const v: unknown = lookup(e.name);
      if (typeof v !== "number") throw new ExprEvalError(`unknown name "${e.name}"`, e.name);
      if (!Number.isFinite(v)) throw new ExprEvalError(`"${e.name}" is not a finite number (${v})`, e.name);
      return v;
    }
    case "neg":
      return -evalNode(e.arg, lookup);
    case "bin": {
      // Left-associative chains (1 + 1 + ... + 1) are folded in a loop, not by recursion, so their
      // length is bounded by the text bound only; recursion depth follows the nesting of parentheses.
      const spine: Extract<Expr, { kind: "bin" }>[] = [];
      let node: Expr = e;
      while (node.kind === "bin") {
        spine.push(node);
        node = node.left;
      }
      let l = evalNode(node, lookup);
      for (let i = spine.length - 1; i >= 0; i--) {
        const b = spine[i]!;
        const r = evalNode(b.right, lookup);
        if (b.op === "/" && r === 0) throw new ExprEvalError(`division by zero in "${formatExpr(b)}"`);
        l = finite(b.op === "+" ? l + r : b.op === "-" ? l - r : b.op === "*" ? l * r : b.op === "^" ? Math.pow(l, r) : l / r, b);
      }
      return l;
    }
    case "call": {
      const args = e.args.map((a) => evalNode(a, lookup));
      // Missing args only occur in hand-built trees; NaN then fails the finite check.
      const [x = NaN, digits = 0] = args;
      if (e.fn === "min") return finite(Math.min(...args), e);
      if (e.fn === "max") return finite(Math.max(...args), e);
      if (e.fn === "abs") return finite(Math.abs(x), e);
      if (!Number.isInteger(digits)) throw new ExprEvalError(`round digits must be a whole number, got ${digits}`);
      return finite(roundHalfAway(x, digits), e);
    }
    case "table":
      return e.values[tableIndex(evalNode(e.index, lookup), e.values.length)]!;
  }
}

/** The entry of a by-year table for an index: rounded, and held within the table. */
export function tableIndex(i: number, n: number): number {
  return i !== i ? 0 : Math.min(Math.max(Math.round(i), 0), n - 1);
}

export function evaluateExpr(expr: Expr, lookup: (name: string) => number | undefined): number {
  const value = evalNode(expr, lookup);
  return value === 0 ? 0 : value; // normalise -0 so results print and compare as plain 0
}

const PRECEDENCE: Record<BinOp, number> = { "+": 1, "-": 1, "*": 2, "/": 2, "^": 4 };
const UNARY = 3;
const ATOM = 5;

function precedence(e: Expr): number {
  if (e.kind === "bin") return PRECEDENCE[e.op];
  if (e.kind === "neg" || (e.kind === "num" && e.value < 0)) return UNARY;
  return ATOM;
}

function wrap(e: Expr, parens: boolean): string {
  return parens ? `(${formatExpr(e)})` : formatExpr(e);
}

export function formatExpr(expr: Expr): string {
  switch (expr.kind) {
    case "num":
      return String(expr.value); // "1e+21" / "1e-7" forms are valid number syntax too
    case "ref":
      return expr.name;
    case "neg":
      return `-${wrap(expr.arg, precedence(expr.arg) < ATOM)}`; // "-(a + b)", "-(-a)"
    case "bin": {
      const p = PRECEDENCE[expr.op];
      // Right associative: a ^ b ^ c needs no parentheses on the right, but (a ^ b) ^ c and (-a) ^ b do.
      if (expr.op === "^") return `${wrap(expr.left, precedence(expr.left) <= p)} ^ ${wrap(expr.right, precedence(expr.right) < UNARY)}`;
      // A right operand of equal precedence keeps its parentheses: a - (b - c) differs from
      // a - b - c, and keeping a + (b + c) preserves the tree and its floating-point order.
      // The left chain is walked in a loop (see evalNode): it can be thousands of terms long.
      const spine: Extract<Expr, { kind: "bin" }>[] = [];
      let node: Expr = expr;
      while (node.kind === "bin") {
        spine.push(node);
        const p = PRECEDENCE[node.op];
        // A left operand of lower precedence is printed in parentheses: stop the chain there.
        // A power is right-associative: it is printed by its own case, never walked into.
        if (!(node.left.kind === "bin" && node.left.op !== "^" && precedence(node.left) >= p)) break;
        node = node.left;
      }
      const bottom = spine[spine.length - 1]!;
      let out = wrap(bottom.left, precedence(bottom.left) < PRECEDENCE[bottom.op]);
      for (let i = spine.length - 1; i >= 0; i--) {
        const b = spine[i]!;
        out += ` ${b.op} ${wrap(b.right, precedence(b.right) <= PRECEDENCE[b.op])}`;
      }
      return out;
    }
    case "call":
      return `${expr.fn}(${expr.args.map(formatExpr).join(", ")})`;
    case "table":
      return `[${expr.values.join(", ")}]`;
  }
}

/** True for a bare literal such as "42", "1.5", "20%" or "-3" (a leading minus is allowed): no names, no operators. */
export function isPlainNumberText(text: string): boolean {
  if (!PLAIN_NUMBER.test(text)) return false;
  const parsed = parseExpr(text);
  return parsed.ok;
}
