// The bundle's string-width fast path (scripts/shims/string-width.cjs) must measure exactly as string-width.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const stringWidth = require("string-width") as (s: string) => number;
const shim = require("../../scripts/shims/string-width.cjs") as ((s: unknown) => number) & { PLAIN: RegExp };

describe("string-width fast path", () => {
  it("treats as plain only characters string-width counts as one column", () => {
    let plain = 0;
    for (let c = 0; c < 0x10000; c++) {
      const s = String.fromCharCode(c);
      if (!shim.PLAIN.test(s)) continue;
      plain++;
      expect(stringWidth(s), `U+${c.toString(16)}`).toBe(1);
    }
    expect(plain).toBeGreaterThan(700);
  });

  it("gives string-width's answer for table text, colours, emoji and wide characters", () => {
    const samples = ["", "SROI ratio", "€ 220.766", "6,2 (6,17)", "Eijsden – scenario ‘10 uur’", "\u001b[1mbold\u001b[22m", "✓ ok", "✗ 2", "©", "‼", "😀 x", "中文", "e\u0301", "a\tb", "line\nbreak"];
    for (const s of samples) expect(shim(s), JSON.stringify(s)).toBe(stringWidth(s));
    expect(shim(undefined)).toBe(stringWidth(undefined as unknown as string));
  });
});
