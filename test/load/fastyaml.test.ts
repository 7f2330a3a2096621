// The fast YAML path (src/load/fastyaml.ts) must give exactly the full parser's data, and must never accept
// a file the full parser rejects or warns about: on every model and library file, on documents written to
// probe the two parsers' schemas, and on a corpus of mutated models.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fastData } from "../../src/load/fastyaml.js";
import { plainData } from "../../src/load/plainyaml.js";
import { parseSource, parseSourceFull } from "../../src/load/source.js";
import { rng } from "../fuzz/mutate.js"; // seeded: a failure names a mutation that can be replayed

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(f) ? [p] : [];
  });
}

const files = [...yamlFiles("models"), ...yamlFiles("fixtures")];

/**
 * Whenever the fast path answers, the full parser has no problem with the text and the same data; so
 * has the plain reader (plainyaml.ts) when it answers, on its own, without the pre-check in front of it.
 */
function expectAgreement(text: string, label: string): boolean {
  const plain = plainData(text);
  if (plain !== undefined) {
    const full = parseSourceFull("x.yaml", text);
    expect(full.problems, `${label}: the plain reader accepted a text the full parser has problems with`).toEqual([]);
    expect(plain, `${label}: the plain reader's data differs`).toStrictEqual(full.doc?.data);
  }
  const fast = fastData(text);
  if (fast === undefined) return false;
  const full = parseSourceFull("x.yaml", text);
  expect(full.problems, `${label}: the fast path accepted a text the full parser has problems with`).toEqual([]);
  expect(fast, `${label}: data differs`).toStrictEqual(full.doc?.data);
  return true;
}


const SPECIAL = [":", "-", "#", "'", '"', "[", "]", "{", "}", ",", " ", "\n", "!", "&", "*", "|", ">", "?", "%", "@", "`", "\t", "\\", "0", "x", ".", "~", "  "];

function mutate(text: string, random: () => number): string {
  const lines = text.split("\n");
  const at = Math.floor(random() * text.length);
  const line = Math.floor(random() * lines.length);
  switch (Math.floor(random() * 6)) {
    case 0: // delete a character
      return text.slice(0, at) + text.slice(at + 1);
    case 1: // insert a special character
      return text.slice(0, at) + SPECIAL[Math.floor(random() * SPECIAL.length)] + text.slice(at);
    case 2: // duplicate a line
      lines.splice(line, 0, lines[line] ?? "");
      return lines.join("\n");
    case 3: // indent or dedent a line
      lines[line] = random() < 0.5 ? " " + (lines[line] ?? "") : (lines[line] ?? "").replace(/^ /, "");
      return lines.join("\n");
    case 4: // replace a value with a probe scalar
      lines[line] = (lines[line] ?? "").replace(/: .*$/, `: ${PROBES[Math.floor(random() * PROBES.length)]}`);
      return lines.join("\n");
    default: // cut the file short
      return text.slice(0, at);
  }
}

// Scalars where YAML schemas disagree (1.1 vs 1.2, js-yaml vs yaml): each must read the same, or fall back.
const PROBES = [
  "1_000", "0o17", "0x1F", "0777", "+12", "-0", ".5", "1.", "1e3", "1E-3", "+1e+3", ".inf", "-.Inf", ".NaN", "~", "null", "Null",
  "NULL", "true", "True", "TRUE", "yes", "no", "on", "off", "y", "n", "2026-01-01", "2026-01-01T10:00:00Z", "12:30", "1:20:30",
  "0b101", "00", "007", "1,5", "€ 87,50", "3.5%", "'quoted'", '"esc\\u00e9\\n"', '"\\x41"', "'it''s'", "|\n  block\n  text",
  ">-\n  folded\n  text", "[1, 2, [3]]", "{ a: 1, b: [x] }", "{}", "[]", "''", '""', "a #comment", "a#b", "- 1", "@x", "`x", "%x",
  "=", "<<", "!!str 1", "!!int '1'", "&a 1", "*a", "? x", "18446744073709551616", "123456789012345678901234567890", "0.1e400",
  "1e-400", "-", "--", "---", "...", "a: b", "'a: b'", "__proto__", "constructor", "\"multi\n  line\"", "plain\n  continued",
  // Decimals, which the plain reader reads without a pattern: signs, zeros, dots and the 15-digit limit.
  "0", "-0.0", "0.0", "-0.5", "0.50", "10.000", "1.2.3", "-1.", "-.5", "00.5", "0.", "-007", "999999999999999", "1000000000000000",
  "-999999999999999", "0.000000000000001", "12345678901234.5", "1234567890123.45", "5%", "5.5.", "1 2", "-12.75",
];

describe("fast YAML path", () => {
  it.each(files)("%s: same data as the full parser, through the fast path", (file) => {
    const text = readFileSync(file, "utf8");
    // Every shipped file must take the fast path, and its plain reader, or the speed work does nothing for it.
    expect(expectAgreement(text, file), `${file} fell back to the full parser`).toBe(true);
    expect(plainData(text), `${file} was left to js-yaml`).toBeDefined();
  });

  it("reads every probe scalar as the full parser does, or leaves it to the full parser", () => {
    let fast = 0;
    for (const p of PROBES) {
      for (const text of [`v: ${p}\n`, `m:\n  v: ${p}\n`, `l:\n  - ${p}\n`, `${p}: v\n`, `f: { k: ${p} }\n`, `s: [${p}]\n`]) {
        if (expectAgreement(text, JSON.stringify(text))) fast++;
      }
    }
    expect(fast).toBeGreaterThan(PROBES.length); // most of them take the fast path
  });

  it("agrees with the full parser on a corpus of mutated models", () => {
    const random = rng(Number(process.env.FASTYAML_SEED ?? 20261123)); // FASTYAML_SEED and FASTYAML_MUTATIONS widen the corpus
    let fast = 0;
    let total = 0;
    for (const file of files.filter((f) => f.startsWith("models"))) {
      const text = readFileSync(file, "utf8");
      for (let i = 0; i < Number(process.env.FASTYAML_MUTATIONS ?? 40); i++) {
        let t = mutate(text, random);
        if (random() < 0.3) t = mutate(t, random);
        total++;
        if (expectAgreement(t, `${file} mutation ${i}`)) fast++;
      }
    }
    expect(fast).toBeGreaterThan(total / 4);
  });

  it("reads the plain YAML of models itself: block text, flow over lines, lists in maps, quotes, comments", () => {
    const plain = [
      "a: >-\n  folded\n  text\n\n  after a blank\nb: 1\n",
      "a: >\n  folded, kept end\n\n\nb: 1\n",
      "a: |\n  literal\n\n  # not a comment\n# a comment\nb: |-\n  x\n",
      "a: >- # why\n  t\n",
      "l:\n- a\n- b: 1\n  c: [x, z]\n-\n  d: 2\nm: 3\n",
      "l:\n  - { id: a, name: \"A, b\",\n      note: x }   # c\n  - [1, 2,\n     3]\n",
      "'q k': 1\n\"d k\": 'it''s'\ne: \"\\u00e9\\n\\\"\\x41\"\n",
      "# top\n\na: 1 # c\n  # indented comment\nb:\n  # c\n  c: x#y\n",
      "years: { 2026: 0.6, 2028: 20% }\nv: 2 * x + 1\np: 2026-2030\nneg: -0.5\n",
      "k:\nz: ~\nt: true\n",
      "a: 1\r\nb: [x,\r\n  z]\r\nc: >-\r\n  t\r\n  u\r\n",
    ];
    for (const text of plain) {
      expect(expectAgreement(text, JSON.stringify(text)), JSON.stringify(text)).toBe(true);
      expect(plainData(text), JSON.stringify(text)).toBeDefined();
    }
    // Left to js-yaml (or the full parser), and read the same there.
    const other = ["a: |+\n  kept\n\nb: 1\n", "a: >2\n   x\n", "a: >\n  x\n    more\n  y\n", "a: b\n  continued\n", 'a: "two\n  lines"\n', "a: [x, y,]\n", "a: { b: c:, d: 1 }\n", "a: [b:]\n", "a: [\n  1\n  ]\n", "a: {\n  b: 1\n  }\n", "a: 1\rb: 2\n", "a:\n  - x\n  - [1,\n  2]\n", "- - a\n", "a: 0x1F\n", "a: 1_000\n", "a: 12:30\n", "a: 2026-01-01\n", "a: yes\n", "a: -0\n", "a: 12345678901234567\n", "{ a: 1 }\n"];
    for (const text of other) {
      expect(plainData(text), JSON.stringify(text)).toBeUndefined();
      expectAgreement(text, JSON.stringify(text));
    }
  });

  it("leaves empty files, bare scalars, lists, several documents, syntax errors and special syntax to the full parser", () => {
    const special = ["a: !!str 1\n", "a: &x 1\nb: *x\n", "a: [\n  1\n]\n", "%YAML 1.2\n---\na: 1\n", "? a\n: b\n", "<<: { a: 1 }\n", "~: v\n", "v: 1e400\n", "a: 1\rb: 2\r"];
    for (const text of ["", "# only a comment\n", "42\n", "- a\n", "a: 1\n---\nb: 2\n", "a: [1, 2\n", "a: 1\na: 2\n", "a:\tb\n", ...special]) {
      expect(fastData(text), JSON.stringify(text)).toBeUndefined();
      const [a, b] = [parseSource("x.yaml", text), parseSourceFull("x.yaml", text)];
      expect(a.problems).toEqual(b.problems);
      expect(a.doc?.data).toStrictEqual(b.doc?.data);
    }
  });

  it("places a problem at the same line and column as the full parser (positions built on demand)", () => {
    const text = readFileSync("models/eijsden.yaml", "utf8");
    const fast = parseSource("m.yaml", text).doc!;
    const full = parseSourceFull("m.yaml", text).doc!;
    const paths = [["meta", "title"], ["time", "period"], ["time", "discount", "rate"], ["parameters"], ["library", 1], ["nope"], ["meta", "nope", "x"]];
    for (const path of paths) {
      expect(fast.locate(path), path.join(".")).toEqual(full.locate(path));
      expect(fast.locateKey(path), path.join(".")).toEqual(full.locateKey(path));
    }
    expect(fast.locate(["meta", "title"])).toEqual({ line: 6, col: 10 }); // models/eijsden.yaml line 6: "  title: ..."
  });

  it("finds the same dotted-thousands number texts as the full parser (the pre-check never hides one)", () => {
    const dotted = (doc: { numberTexts(): { path: unknown[]; text: string }[] } | undefined) =>
      (doc?.numberTexts() ?? []).filter((n) => /^-?[1-9]\d{0,2}(\.\d{3})+$/.test(n.text));
    const texts = readdirSync("models").filter((f) => f.endsWith(".yaml")).map((f) => readFileSync(join("models", f), "utf8"));
    texts.push(
      'note: "2.586,43 and 25.000"\nvalue: 2.586\n', // the text's value is in the data: a plain number after all
      'note: "2.586,43 and 25.000"\nvalue: 2586\n',
      "a: [1.250, 2.500]\nb: {c: -12.000}\nd: 0.035\n",
      "a: 25.000 # 25.000\nb: '1.250'\n",
      "x: a-25.000\ny: -25\nz: 25\n", // a dash inside text, and both signs' values in the data
      "# 25.000\nv: 25\nw: 0.125\n",
      "v: [1.234.567, 12.345]\nw: { a: 999.999 }\n",
      "t: |\n  25.000 and 2.500\nv: 25\nw: 2.5\n",
      "a: 25.000\nb: 0.125\nc: -0.250\n",
      "c: -12.000\n", // only the negative value is in the data
    );
    for (const text of texts) expect(dotted(parseSource("m.yaml", text).doc)).toEqual(dotted(parseSourceFull("m.yaml", text).doc));
    expect(dotted(parseSource("m.yaml", "a: [1.250, 2.500]\nb: {c: -12.000}\n").doc).map((n) => n.text)).toEqual(["1.250", "2.500", "-12.000"]);
  });
});
