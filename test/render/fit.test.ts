// The box table (drawBox in src/render/fit.ts) draws without cli-table3; it must draw exactly what
// cli-table3 draws with fit.ts's settings, and leave to cli-table3 only what it cannot draw exactly.
import { describe, expect, it } from "vitest";
import { Chalk } from "chalk";
import Table from "cli-table3";
import stringWidth from "string-width";
import { boxTable, drawBox, fitTable, PLAIN } from "../../src/render/fit.js";

const plain = { chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" } };

function cliTable3(head: string[], rows: string[][], aligns: ("left" | "right")[], colWidths?: (number | null)[], headLine = false): string {
  const t = new Table({
    head,
    style: { head: [], border: [], compact: true },
    colAligns: aligns,
    ...(colWidths ? { colWidths, wordWrap: true } : {}),
    ...(headLine ? {} : plain),
  });
  for (const r of rows) t.push(r);
  return t.toString();
}

// A small deterministic generator, so a failure replays.
function rng(seed: number) {
  return () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
}
const WORDS = ["EUR", "1.234,56", "Wandelclub", "deelnemers", "(ref. 22),", "-", "", "Samen eten / Samen onder één dak", "zvw", "·", "€ 12", "x", "Tabel 6", "Gezondheidswinst → Inwoners", "heel-lang-woord-zonder-spaties-dat-niet-past"];

describe("drawBox", () => {
  it("draws what cli-table3 draws: random tables, auto and fixed widths, wrapped, truncated, bold or not", () => {
    const r = rng(7);
    const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
    let drawn = 0;
    for (let k = 0; k < 600; k++) {
      const c = new Chalk({ level: k % 2 ? 1 : 0 });
      const cols = 1 + Math.floor(r() * 6);
      const text = () => Array.from({ length: Math.floor(r() * 8) }, () => pick(WORDS)).join(pick([" ", " ", "  ", "\n"]));
      const head = Array.from({ length: cols }, () => c.bold(text()));
      const style = () => pick([c.bold, c.bold, c.red, c.dim, c.green.bold, c.yellow]);
      const rows = Array.from({ length: Math.floor(r() * 5) }, () => Array.from({ length: cols }, () => (r() < 0.3 ? style()(text()) : text())));
      const aligns = Array.from({ length: cols }, () => pick(["left", "right"] as const));
      const colWidths = r() < 0.6 ? Array.from({ length: cols }, () => (r() < 0.3 ? null : 3 + Math.floor(r() * 30))) : undefined;
      const headLine = r() < 0.5;
      const got = drawBox(head, rows, aligns, colWidths, headLine);
      if (got === undefined) continue;
      drawn++;
      expect(got, JSON.stringify({ head, rows, aligns, colWidths, headLine })).toBe(cliTable3(head, rows, aligns, colWidths, headLine));
    }
    expect(drawn).toBeGreaterThan(300); // the rest: bold cells with line breaks or cut short, drawn by cli-table3
  });

  it("treats as one column wide only characters string-width (cli-table3's measure) finds one column wide", () => {
    for (let cp = 0x20; cp < 0x3000; cp++) {
      const ch = String.fromCodePoint(cp);
      if (PLAIN.test(ch) && ch !== "\n") expect(stringWidth(ch), `U+${cp.toString(16)}`).toBe(1);
    }
  });

  it("leaves to cli-table3 what it cannot draw exactly, and fitTable still draws it", () => {
    const c = new Chalk({ level: 1 });
    expect(drawBox(["a"], [[c.red("rood lang")]], ["left"], [6])).toBeUndefined(); // colours other than bold, wrapped
    expect(drawBox(["a", "b"], [["only one"]], ["left", "left"])).toBeUndefined();
    expect(drawBox(["a"], [["宽"]], ["left"])).toBeUndefined();
    expect(boxTable(["a"], [[c.red("rood lang")]], ["left"], [6], true)).toBe(cliTable3(["a"], [[c.red("rood lang")]], ["left"], [6], true));
    expect(fitTable(["a"], [["宽"]], c)).toBe(cliTable3([c.bold("a")], [["宽"]], ["left"]));
  });
});

describe("wrapText", () => {
  // The loop wrapText had before its fast path for single-spaced words: the fast path must give its lines.
  const NOT_BLANK = /\S/;
  const ANSI = /\u001b\[[0-9;]*m/g;
  const shown = (s: string) => (s.includes("\u001b") ? s.replace(ANSI, "").length : s.length);
  function reference(text: string, width = 100, indent = "    "): string[] {
    if (shown(text) <= width) return [text];
    const lead = /^ */.exec(text)![0];
    const out: string[] = [];
    let line = lead;
    indent = lead + indent;
    let hasText = false;
    for (const word of text.slice(lead.length).split(" ")) {
      const candidate = hasText ? `${line} ${word}` : line + word;
      if (shown(candidate) > width && hasText) {
        out.push(line);
        line = indent + word;
        hasText = NOT_BLANK.test(line);
      } else {
        line = candidate;
        hasText ||= NOT_BLANK.test(word);
      }
    }
    if (line) out.push(line);
    return out;
  }

  it("gives the word-by-word loop's lines, on texts of single spaces and on every other kind", async () => {
    const { wrapText } = await import("../../src/render/fit.js");
    const { rng } = await import("../fuzz/mutate.js");
    const random = rng(20261206);
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
    const word = () => "abcdefghijklmnopqrstuvwxyz€é.,()0123456789".slice(0, 1 + Math.floor(random() * 40)).split("").sort(() => random() - 0.5).join("").slice(0, 1 + Math.floor(random() * 25));
    let fast = 0;
    for (let n = 0; n < 20_000; n++) {
      const single = random() < 0.7;
      const words = Array.from({ length: Math.floor(random() * 30) }, word);
      const gaps = words.map(() => (single ? " " : pick([" ", " ", "  ", "\t", "\u00a0", " \u001b[1m", "\u001b[22m "])));
      let text = " ".repeat(pick([0, 0, 0, 1, 2, 4])) + words.map((w, i) => (i > 0 ? gaps[i] : "") + w).join("");
      if (!single && random() < 0.2) text += pick([" ", "  ", "\n"]);
      const width = 5 + Math.floor(random() * 100);
      const indent = pick(["    ", "", "  "]);
      if (single && text.trim() !== "") fast++;
      expect(wrapText(text, width, indent), JSON.stringify({ text, width, indent })).toEqual(reference(text, width, indent));
    }
    expect(fast).toBeGreaterThan(10_000);
  });
});
