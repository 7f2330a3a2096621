import { describe, expect, it } from "vitest";
import { didYouMean, formatPath, formatProblem, sortProblems, type Problem } from "../../src/load/problems.js";

describe("formatPath", () => {
  it("joins keys with dots and indexes with brackets", () => {
    expect(formatPath(["scenarios", 0, "participants"])).toBe("scenarios[0].participants");
    expect(formatPath(["scenarios", 0, "participants", "reduced"])).toBe("scenarios[0].participants.reduced");
    expect(formatPath([2, "a"])).toBe("[2].a");
  });

  it("names the whole file for an empty path", () => {
    expect(formatPath([])).toBe("(file)");
  });

  it("quotes keys that are not plain identifiers", () => {
    expect(formatPath(["a", "b c"])).toBe('a["b c"]');
    expect(formatPath(["x.y", "ok"])).toBe('["x.y"].ok');
    expect(formatPath(["a", "cost-per-unit"])).toBe('a["cost-per-unit"]');
  });
});

describe("formatProblem", () => {
  const base: Problem = {
    file: "models/x.yaml",
    line: 12,
    col: 5,
    path: ["scenarios", 0, "participants"],
    message: "must be a number",
    severity: "error",
  };

  it("puts file:line:col, path and message on one line", () => {
    expect(formatProblem(base)).toBe("models/x.yaml:12:5  scenarios[0].participants  must be a number");
  });

  it("adds an indented hint line", () => {
    expect(formatProblem({ ...base, hint: "write 120, not '120'" })).toBe(
      "models/x.yaml:12:5  scenarios[0].participants  must be a number\n  hint: write 120, not '120'",
    );
  });

  it("leaves out the position when unknown", () => {
    const { line: _l, col: _c, ...noPos } = base;
    expect(formatProblem({ ...noPos, path: [], message: "no such file" })).toBe("models/x.yaml  (file)  no such file");
  });
});

describe("didYouMean", () => {
  it("suggests the closest candidate", () => {
    expect(didYouMean("stakeholder", ["stakeholders", "inputs"])).toBe("stakeholders");
  });

  it("counts a swap of adjacent letters as one edit", () => {
    expect(didYouMean("inptus", ["outcomes", "inputs"])).toBe("inputs");
  });

  it("ignores case", () => {
    expect(didYouMean("Inputs", ["outcomes", "inputs"])).toBe("inputs");
  });

  it("says nothing when no candidate is close", () => {
    expect(didYouMean("xyz", ["stakeholders"])).toBeUndefined();
    expect(didYouMean("anything", [])).toBeUndefined();
  });

  it("allows more edits for longer words", () => {
    // 12 letters -> up to 4 edits.
    expect(didYouMean("dedweightxxx", ["deadweight"])).toBe("deadweight");
    expect(didYouMean("abc", ["xyz"])).toBeUndefined();
  });
});

describe("sortProblems", () => {
  const p = (file: string, line?: number, col?: number, message = ""): Problem => ({
    file,
    ...(line === undefined ? {} : { line }),
    ...(col === undefined ? {} : { col }),
    path: [],
    message,
    severity: "error",
  });

  it("orders by file, line and column, unknown positions last, keeping ties stable", () => {
    const input = [p("b.yaml", 1, 1), p("a.yaml"), p("a.yaml", 3, 2, "first"), p("a.yaml", 3, 1), p("a.yaml", 3, 2, "second"), p("a.yaml", 3)];
    const sorted = sortProblems(input);
    expect(sorted.map((x) => [x.file, x.line, x.col, x.message])).toEqual([
      ["a.yaml", 3, 1, ""],
      ["a.yaml", 3, 2, "first"],
      ["a.yaml", 3, 2, "second"],
      ["a.yaml", 3, undefined, ""],
      ["a.yaml", undefined, undefined, ""],
      ["b.yaml", 1, 1, ""],
    ]);
    expect(input[0]!.file).toBe("b.yaml"); // input left as it was
  });
});
