import { describe, it, expect } from "vitest";
import {
  parseExpr,
  evaluateExpr,
  exprRefs,
  formatExpr,
  isPlainNumberText,
  ExprEvalError,
  type Expr,
} from "../../src/expr/expr.js";

function parse(text: string): Expr {
  const result = parseExpr(text);
  if (!result.ok) throw new Error(`unexpected syntax error in ${JSON.stringify(text)}: ${result.error.message}`);
  return result.expr;
}

function evaluate(text: string, vars: Record<string, number> = {}): number {
  return evaluateExpr(parse(text), (name) => (Object.hasOwn(vars, name) ? vars[name] : undefined));
}

function evalError(text: string, lookup: (name: string) => number | undefined = () => undefined): ExprEvalError {
  try {
    evaluateExpr(parse(text), lookup);
  } catch (e) {
    expect(e).toBeInstanceOf(ExprEvalError);
    return e as ExprEvalError;
  }
  throw new Error(`expected ${JSON.stringify(text)} to fail`);
}

describe("numbers and percentages", () => {
  it.each([
    ["12", 12],
    ["1.5", 1.5],
    [".5", 0.5],
    ["1e3", 1000],
    ["1E3", 1000],
    ["2.5e-2", 0.025],
    ["20%", 0.2],
    ["2.5%", 0.025],
    ["1.1%", 0.011], // decimal shift: 1.1 / 100 would be 0.011000000000000001
    ["100%", 1],
  ])("%s = %s", (text, value) => {
    expect(evaluate(text)).toBe(value);
  });

  it("applies a percentage to a name", () => {
    expect(evaluate("20% * social_domain_spending_per_inhabitant", { social_domain_spending_per_inhabitant: 150 })).toBe(30);
  });
});

describe("precedence and associativity", () => {
  it.each([
    ["2 - 3 - 4", -5],
    ["8 / 4 / 2", 1],
    ["2 + 3 * 4", 14],
    ["(2 + 3) * 4", 20],
    ["2 * 3 + 4", 10],
    ["-2 * 3", -6],
    ["2 * -3", -6],
    ["2 - -3", 5],
    ["--2", 2],
    ["-(2 + 3)", -5],
    ["+2", 2],
    ["10 - 4 / 2 * 3", 4],
    ["10 * 48 * 87.5", 42000], // Eijsden
  ])("%s = %s", (text, value) => {
    expect(evaluate(text)).toBe(value);
  });

  it.each([
    ["2 ^ 3", 8],
    ["2 ^ 3 ^ 2", 512], // right associative: 2 ^ 9
    ["-2 ^ 2", -4], // the power binds tighter than the sign
    ["(-2) ^ 2", 4],
    ["2 ^ -1", 0.5],
    ["3 * 2 ^ 2", 12],
    ["1000 / (1 + 3.5%) ^ 2", 1000 / 1.035 ** 2], // a discount factor
  ])("power: %s = %s", (text, value) => {
    expect(evaluate(text)).toBe(value);
  });

  it("formats powers so that they read back the same", () => {
    for (const text of ["2 ^ 3 ^ 2", "(2 ^ 3) ^ 2", "(-2) ^ 2", "-(2 ^ 2)", "a ^ (b + 1)", "2 ^ -x"]) {
      const once = formatExpr(parse(text));
      expect(formatExpr(parse(once))).toBe(once);
      expect(evaluate(once, { a: 2, b: 1, x: 1 })).toBe(evaluate(text, { a: 2, b: 1, x: 1 }));
    }
  });

  it("tolerates any whitespace between tokens", () => {
    expect(evaluate(" \t2*\n3 +4  ")).toBe(10);
  });
});

describe("names", () => {
  it("looks up plain and dotted names", () => {
    const vars = { hours_per_week: 10, weeks_per_year: 48, hourly_rate: 87.5 };
    expect(evaluate("hours_per_week * weeks_per_year * hourly_rate", vars)).toBe(42000);
    expect(evaluate("valuation.health_gain.net * 2", { "valuation.health_gain.net": 21 })).toBe(42);
  });

  it("evaluates realistic model formulas", () => {
    expect(evaluate("0.7 * (30482 - 17127.2)")).toBeCloseTo(9348.36, 9);
    const vars = { districts: 3, "reach.wijkaanpak": 100, "ref.gezond_wijdemeren.zvw": 2.5 };
    expect(evaluate("districts * (reach.wijkaanpak * ref.gezond_wijdemeren.zvw + 648 * 373)", vars)).toBe(3 * (250 + 648 * 373));
    expect(evaluate("max(0, a - b) / 2", { a: 10, b: 4 })).toBe(3);
    expect(evaluate("max(0, a - b) / 2", { a: 4, b: 10 })).toBe(0);
  });
});

describe("functions", () => {
  it.each([
    ["min(3, 1, 2)", 1],
    ["max(3, 1, 2)", 3],
    ["min(7)", 7],
    ["max(-1)", -1],
    ["abs(-4.5)", 4.5],
    ["abs(4.5)", 4.5],
    ["round(2.5)", 3],
    ["round(-2.5)", -3],
    ["round(2.4)", 2],
    ["round(2.4999)", 2],
    ["round(1234, -2)", 1200],
    ["round(1250, -2)", 1300],
    ["round(-1250, -2)", -1300],
    ["round(1.005, 2)", 1.01], // 1.005 * 100 is 100.49999999999999 in binary
    ["round(3.14159, 3)", 3.142],
    ["round(1e21, 2)", 1e21],
    ["round(5, -400)", 0],
    ["max(0, min(10, round(12.6)))", 10],
    ["min (1, 2)", 1],
  ])("%s = %s", (text, value) => {
    expect(evaluate(text)).toBe(value);
  });

  it("returns 0, not -0, for results that round to zero", () => {
    expect(Object.is(evaluate("round(-0.4)"), 0)).toBe(true);
    expect(Object.is(evaluate("-0"), 0)).toBe(true);
  });
});

describe("syntax errors", () => {
  it.each([
    ["", "empty expression", 0],
    ["   ", "empty expression", 0],
    ["(1 + 2))", 'unexpected ")" at column 8', 7],
    ["a + b)", 'unexpected ")" at column 6', 5],
    ["1 2", 'unexpected "2" at column 3', 2],
    ["a b", 'unexpected "b" at column 3', 2],
    ["(1 2)", 'unexpected "2" at column 4', 3],
    ["min(1 2)", 'unexpected "2" at column 7', 6],
    ["1 + * 2", 'expected a number, a name or "(" at column 5', 4],
    ["*", 'expected a number, a name or "(" at column 1', 0],
    ["()", 'expected a number, a name or "(" at column 2', 1],
    ["min(1,)", 'expected a number, a name or "(" at column 7', 6],
    ["1 +", 'expected a number, a name or "(" at the end', 3],
    ["-", 'expected a number, a name or "(" at the end', 1],
    ["(1 + 2", 'unclosed "(" (opened at column 1)', 6],
    ["a * ((b + c)", 'unclosed "(" (opened at column 5)', 12],
    ["min(1, 2", 'unclosed "(" (opened at column 4)', 8],
    ["sqrt(2)", 'unknown function "sqrt" (known: min, max, round, abs)', 0],
    ["2 * Math.max(1)", 'unknown function "Math.max" (known: min, max, round, abs)', 4],
    ["min", 'expected "(" after "min" at the end', 3],
    ["max + 1", 'expected "(" after "max" at column 5', 4],
    ["min()", "min takes at least 1 argument, got 0", 0],
    ["1 + round()", "round takes 1 or 2 arguments, got 0", 4],
    ["round(1, 2, 3)", "round takes 1 or 2 arguments, got 3", 0],
    ["abs(1, 2)", "abs takes 1 argument, got 2", 0],
    ["a $ b", 'unexpected "$" at column 3', 2],
    ["20 %", 'unexpected "%" at column 4', 3],
    ["a%", 'unexpected "%" at column 2', 1],
    ["a .b", 'unexpected "." at column 3', 2],
    ["a.", 'expected a name after "." at the end', 2],
    ["a. b", 'expected a name after "." at column 3', 2],
    ["a..b", 'expected a name after "." at column 3', 2],
    ["x.1", 'expected a name after "." at column 3', 2],
    ["1.2.3", 'invalid number "1.2.3" at column 1', 0],
    ["2 * 1e", 'invalid number "1e" at column 5', 4],
    ["2abc", 'invalid number "2abc" at column 1', 0],
    ["1.", 'invalid number "1." at column 1', 0],
    ["1,000", 'unexpected "," at column 2', 1],
    ["1e999", 'number "1e999" is too large at column 1', 0],
  ])("%j -> %s", (text, message, offset) => {
    expect(parseExpr(text)).toEqual({ ok: false, error: { message, offset } });
  });

  it("rejects absurd nesting without overflowing the stack", () => {
    const deep = "(".repeat(10000) + "1" + ")".repeat(10000);
    const result = parseExpr(deep);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe("expression is nested too deeply (more than 200 levels)");
    expect(parseExpr("-".repeat(10000) + "1").ok).toBe(false);
  });

  it("never throws on arbitrary input", () => {
    const alphabet = "0123456789.e%+-*/(), abx_$minaxroundbs";
    let seed = 42; // deterministic LCG so failures are reproducible
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: rand(20) }, () => alphabet[rand(alphabet.length)]).join("");
      const result = parseExpr(text);
      if (!result.ok) {
        expect(result.error.offset).toBeGreaterThanOrEqual(0);
        expect(result.error.offset).toBeLessThanOrEqual(text.length);
      }
    }
  });
});

describe("evaluation errors", () => {
  it("reports an unknown name with its ref", () => {
    const err = evalError("a + missing.value * 2", (n) => (n === "a" ? 1 : undefined));
    expect(err.message).toBe('unknown name "missing.value"');
    expect(err.ref).toBe("missing.value");
  });

  it("reports division by zero", () => {
    const err = evalError("10 / (a - a)", () => 3);
    expect(err.message).toBe('division by zero in "10 / (a - a)"');
    expect(err.ref).toBeUndefined();
  });

  it("reports non-finite results and values", () => {
    expect(evalError("1e200 * 1e200").message).toBe('"1e+200 * 1e+200" is not a finite number');
    const err = evalError("x + 1", () => NaN);
    expect(err.message).toBe('"x" is not a finite number (NaN)');
    expect(err.ref).toBe("x");
  });

  it("rejects non-integer round digits", () => {
    expect(evalError("round(2, 1.5)").message).toBe("round digits must be a whole number, got 1.5");
  });
});

describe("exprRefs", () => {
  it("lists distinct names in first-appearance order", () => {
    expect(exprRefs(parse("b + a * b + max(c.d, -a) / e"))).toEqual(["b", "a", "c.d", "e"]);
  });

  it("is empty for pure arithmetic", () => {
    expect(exprRefs(parse("round(1 + 2%, 1)"))).toEqual([]);
  });
});

describe("formatExpr", () => {
  it.each([
    ["a*(b+c)", "a * (b + c)"],
    ["(a*b)+c", "a * b + c"],
    ["a-(b-c)", "a - (b - c)"],
    ["(a-b)-c", "a - b - c"],
    ["a+(b+c)", "a + (b + c)"],
    ["a/(b*c)", "a / (b * c)"],
    ["(a/b)*c", "a / b * c"],
    ["-(a+b)", "-(a + b)"],
    ["- -a", "-(-a)"],
    ["a * -b", "a * -b"],
    ["-a * b", "-a * b"],
    ["+a", "a"],
    ["((a))", "a"],
    ["20% * x", "0.2 * x"],
    ["max( 0 ,a-b )/2", "max(0, a - b) / 2"],
    ["round(x, -2)", "round(x, -2)"],
    ["1e21 + 1e-7", "1e+21 + 1e-7"],
  ])("%s -> %s", (text, canonical) => {
    expect(formatExpr(parse(text))).toBe(canonical);
  });

  it.each([
    "2 - 3 - 4",
    "2 - (3 - 4)",
    "8 / (4 / 2)",
    "0.1 + (0.2 + 0.3)",
    "-(2 + 3) * -4",
    "- -7.5%",
    "0.7 * (30482 - 17127.2)",
    "round(max(1, 2.5) * -(3 - 10) / 3, 2) - min(4, abs(-9))",
    "x * (y + 1e-7) / (x - y)",
  ])("round-trips %s", (text) => {
    const expr = parse(text);
    const formatted = formatExpr(expr);
    const vars = { x: 3.7, y: 1.1 };
    expect(evaluateExpr(parse(formatted), (n) => vars[n as keyof typeof vars])).toBe(
      evaluateExpr(expr, (n) => vars[n as keyof typeof vars]),
    );
    expect(formatExpr(parse(formatted))).toBe(formatted);
  });
});

describe("source spans", () => {
  it("records offsets for nodes, including parentheses and calls", () => {
    const expr = parse("a + min(b, 2)");
    expect(expr).toMatchObject({ kind: "bin", start: 0, end: 13, right: { kind: "call", start: 4, end: 13 } });
    expect(parse(" (a + b) ")).toMatchObject({ kind: "bin", start: 1, end: 8 });
    expect(parse("20%")).toMatchObject({ kind: "num", value: 0.2, start: 0, end: 3 });
  });
});

describe("no JavaScript injection", () => {
  // A careless lookup over a plain object returns inherited members (functions, objects) for these names.
  const looseLookup = (name: string) => ({} as Record<string, unknown>)[name] as number | undefined;

  it.each(["constructor", "__proto__", "toString", "this.constructor.constructor", "globalThis.process"])(
    "%s is just an unknown name",
    (text) => {
      expect(evalError(text, looseLookup).message).toBe(`unknown name "${text}"`);
    },
  );

  it.each([
    "process.exit(1)",
    "require('fs')",
    "constructor.constructor('return process')()",
    "a; b",
    "a = 1",
    "a[0]",
    "`x`",
    "x => 1",
    "a ? b : c",
    "a ** 2",
    "a && b",
    "'1' + 1",
    "import('fs')",
  ])("%s is a syntax error", (text) => {
    expect(parseExpr(text).ok).toBe(false);
  });
});

describe("isPlainNumberText", () => {
  it.each(["42", "1.5", "20%", "2.5%", ".5", "1e3", " 7 ", "-3", "-0.5%"])("%j is plain", (text) => {
    expect(isPlainNumberText(text)).toBe(true);
  });

  it.each(["", " ", "a", "1 + 2", "2 * 3", "-a", "(1)", "- 3", "--3", "+3", "20 %", "1.2.3", "1,5", "1e999", "abs(1)"])(
    "%j is not plain",
    (text) => {
      expect(isPlainNumberText(text)).toBe(false);
    },
  );
});
