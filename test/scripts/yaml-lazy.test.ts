// The bundle's lazy `yaml` (scripts/shims/yaml-lazy.cjs) must behave as `yaml` for everything source.ts uses.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import * as yaml from "yaml";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const lazy = require("../../scripts/shims/yaml-lazy.cjs") as typeof yaml;

describe("lazy yaml", () => {
  it("forwards every function source.ts imports, constructors included", () => {
    const source = readFileSync("src/load/source.ts", "utf8");
    const imported = /import \{([^}]*)\} from "yaml"/.exec(source)![1]!.split(",").map((s) => s.trim()).filter((s) => s && !s.startsWith("type "));
    for (const name of imported) expect(typeof (lazy as Record<string, unknown>)[name], name).toBe("function");
    const text = "a: 1\nb: [x, { c: *y }]\n";
    const lc = new lazy.LineCounter();
    expect(lc).toBeInstanceOf(yaml.LineCounter);
    const doc = lazy.parseDocument(text, { lineCounter: lc });
    expect(doc.errors.map((e) => e.code)).toEqual(yaml.parseDocument(text).errors.map((e) => e.code));
    expect(lc.linePos(5)).toEqual({ line: 2, col: 1 });
    expect(lazy.isMap(doc.contents)).toBe(true);
    expect(lazy.isSeq(doc.get("b"))).toBe(true);
    expect(lazy.parseAllDocuments("a: 1\n---\nb: 2\n")).toHaveLength(2);
    let pairs = 0;
    lazy.visit(doc, { Pair: () => (++pairs === 1 ? lazy.visit.BREAK : undefined) });
    expect(pairs).toBe(1);
    expect(lazy.visit.BREAK).toBe(yaml.visit.BREAK);
  });
});
