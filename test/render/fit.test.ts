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
