import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readTextFile } from "../../src/load/read.js";
import { parseSource, readSourceFile, type SourceDoc } from "../../src/load/source.js";

function load(text: string): SourceDoc {
  const { doc, problems } = parseSource("m.yaml", text);
  expect(problems).toEqual([]);
  if (!doc) throw new Error("expected a document");
  return doc;
}

const MODEL = [
  "sroi: 1", //                      line 1
  "meta:", //                        line 2
  "  title: Youth club", //          line 3
  "scenarios:", //                   line 4
  "  - name: base", //               line 5
  "    participants:", //            line 6
  "      reduced: 40", //            line 7
  "  - name: high", //               line 8
  "    participants: 80", //         line 9
  "notes:", //                       line 10
  "",
].join("\n");

describe("parseSource positions", () => {
  const doc = load(MODEL);

  it("returns plain data with numbers as numbers", () => {
    expect(doc.data).toEqual({
      sroi: 1,
      meta: { title: "Youth club" },
      scenarios: [
        { name: "base", participants: { reduced: 40 } },
        { name: "high", participants: 80 },
      ],
      notes: null,
    });
  });

  it("locates nested map values", () => {
    expect(doc.locate(["meta", "title"])).toEqual({ line: 3, col: 10 });
    expect(doc.locate(["scenarios", 0, "participants", "reduced"])).toEqual({ line: 7, col: 16 });
    expect(doc.locate(["scenarios", 1, "participants"])).toEqual({ line: 9, col: 19 });
  });

  it("locates list items", () => {
    expect(doc.locate(["scenarios", 0])).toEqual({ line: 5, col: 5 });
    expect(doc.locate(["scenarios", 1])).toEqual({ line: 8, col: 5 });
  });

  it("locates keys", () => {
    expect(doc.locateKey(["scenarios", 0, "participants", "reduced"])).toEqual({ line: 7, col: 7 });
    expect(doc.locateKey(["meta", "title"])).toEqual({ line: 3, col: 3 });
  });

  it("points at the key when the value is empty", () => {
    expect(doc.locate(["notes"])).toEqual({ line: 10, col: 1 });
  });

  it("falls back to the deepest existing node for a missing tail", () => {
    // Missing field: the parent map.
    expect(doc.locate(["meta", "author"])).toEqual({ line: 3, col: 3 });
    expect(doc.locate(["scenarios", 0, "participants", "nope", "deeper"])).toEqual({ line: 7, col: 7 });
    // Index past the end: the list.
    expect(doc.locate(["scenarios", 5])).toEqual({ line: 5, col: 3 });
    // Cannot descend into a scalar.
    expect(doc.locate(["scenarios", 1, "participants", "reduced"])).toEqual({ line: 9, col: 19 });
    // locateKey falls back the same way.
    expect(doc.locateKey(["meta", "author"])).toEqual({ line: 3, col: 3 });
    expect(doc.locate([])).toEqual({ line: 1, col: 1 });
  });

  it("follows aliases", () => {
    const d = load("base: &b\n  rate: 0.5\nother: *b\n");
    expect(d.data).toEqual({ base: { rate: 0.5 }, other: { rate: 0.5 } });
    expect(d.locate(["other"])).toEqual({ line: 3, col: 8 });
    expect(d.locate(["other", "rate"])).toEqual({ line: 2, col: 9 });
  });
});

describe("parseSource problems", () => {
  it("reports a bad indent with its line and column", () => {
    const { doc, problems } = parseSource("m.yaml", "meta:\n  title: x\n author: y\n");
    expect(doc).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: "m.yaml", line: 3, col: 1, path: [], severity: "error" });
    expect(problems[0]!.message).not.toContain("\n");
  });

  it("reports a duplicate key by name", () => {
    const { doc, problems } = parseSource("m.yaml", "meta:\n  title: a\n  title: b\n");
    expect(doc).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({ line: 3, col: 3, message: 'duplicate key "title"', severity: "error" }),
    ]);
  });

  it("reports tabs used for indentation", () => {
    const { problems } = parseSource("m.yaml", "meta:\n\ttitle: x\n");
    expect(problems[0]).toMatchObject({ line: 2, message: "tabs are not allowed as indentation" });
    expect(problems[0]!.hint).toMatch(/spaces/);
  });

  it("reports an empty file", () => {
    for (const text of ["", "\n\n", "# just a comment\n# another\n"]) {
      const { doc, problems } = parseSource("m.yaml", text);
      expect(doc).toBeUndefined();
      expect(problems).toEqual([
        {
          file: "m.yaml",
          line: 1,
          col: 1,
          path: [],
          message: "the file is empty",
          hint: 'a model starts with "sroi: 1" and a "meta:" block; see README "Writing a model"',
          severity: "error",
        },
      ]);
    }
  });

  it("reports more than one document", () => {
    const { doc, problems } = parseSource("m.yaml", "sroi: 1\n---\nsroi: 2\n---\nsroi: 3\n");
    expect(doc).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({ line: 2, col: 1, message: "expected one YAML document, found 3" }),
    ]);
  });

  it("reports an alias without an anchor", () => {
    const { doc, problems } = parseSource("m.yaml", "a: 1\nb: *missing\n");
    expect(doc).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ line: 2, col: 4, message: "unknown alias *missing" })]);
  });

  it("reports alias expansion bombs instead of throwing", () => {
    let text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (let i = 1; i < 9; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]\n`;
    const { doc, problems } = parseSource("m.yaml", text);
    expect(doc).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/^cannot load the YAML/);
  });

  it("keeps warnings and still returns the document", () => {
    const { doc, problems } = parseSource("m.yaml", "a: !!weird x\n");
    expect(doc?.data).toEqual({ a: "x" });
    expect(problems).toEqual([
      { file: "m.yaml", line: 1, col: 4, path: [], message: "unresolved tag: tag:yaml.org,2002:weird", severity: "warning" },
    ]);
  });

  it("returns a list or scalar top level as data", () => {
    expect(load("- a\n- b\n").data).toEqual(["a", "b"]);
    expect(load("42\n").data).toBe(42);
  });
});

describe("readSourceFile", () => {
  const dir = mkdtempSync(join(tmpdir(), "sroi-source-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads and parses a file", () => {
    const file = join(dir, "ok.yaml");
    writeFileSync(file, "sroi: 1\n");
    const { doc, problems } = readSourceFile(file);
    expect(problems).toEqual([]);
    expect(doc?.data).toEqual({ sroi: 1 });
    expect(doc?.file).toBe(file);
  });

  it("reports a missing file", () => {
    const file = join(dir, "missing.yaml");
    expect(readSourceFile(file)).toEqual({
      problems: [{ file, line: 1, col: 1, path: [], message: "no such file", severity: "error" }],
    });
  });

  it("reports a folder", () => {
    expect(readSourceFile(dir)).toEqual({
      problems: [{ file: dir, line: 1, col: 1, path: [], message: "is a folder, not a model file", severity: "error" }],
    });
  });

  // Files up to a megabyte share one read buffer: a short file read after a long one must be only itself,
  // a file over that size gets a buffer of its own, and UTF-8 across the buffer's reuse decodes whole.
  it("reads each file whole and only that file, whatever was read before it", () => {
    const long = join(dir, "long.yaml");
    const short = join(dir, "short.yaml");
    const big = join(dir, "big.yaml");
    const empty = join(dir, "empty.yaml");
    const longText = "note: " + "€ lang ".repeat(20_000) + "\n";
    const bigText = "note: " + "x".repeat(1_200_000) + "€\n";
    writeFileSync(long, longText);
    writeFileSync(short, "a: é\n");
    writeFileSync(big, bigText);
    writeFileSync(empty, "");
    expect(readTextFile(long)).toBe(longText);
    expect(readTextFile(short)).toBe("a: é\n");
    expect(readTextFile(big)).toBe(bigText);
    expect(readTextFile(empty)).toBe("");
    expect(readTextFile(short)).toBe("a: é\n");
  });

});
