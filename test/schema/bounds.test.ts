// The README's bounds table states the bounds the code enforces (src/schema/bounds.ts).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as B from "../../src/schema/bounds.js";

const readme = readFileSync(join(import.meta.dirname, "..", "..", "README.md"), "utf8");
const section = readme.slice(readme.indexOf("## Errors, exit status and bounds"), readme.indexOf("## Writing a model"));
const nl = (n: number) => n.toLocaleString("de-DE"); // the README writes 20.000 as the reports do

describe("README bounds table", () => {
  it.each([
    ["file size", `| ${B.MAX_FILE_BYTES / 1_000_000} MB |`],
    ["years", `| ${B.MIN_YEAR}-${B.MAX_YEAR} |`],
    ["length of a period", `| ${B.MAX_PERIOD_YEARS} years |`],
    ["`start`, `duration`, `from_year`", `| ${B.MAX_YEAR_COUNT} years |`],
    ["one text value or expression", `| ${nl(B.MAX_TEXT_CHARS)} characters |`],
    ["nesting in one expression", `| ${B.MAX_EXPR_NESTING} levels;`],
    ["nesting of blocks and lists", `| ${B.MAX_DOCUMENT_DEPTH} levels |`],
    ["parameters (with baselines)", `| ${nl(B.MAX_PARAMETERS)} |`],
    ["scenarios in one model", `| ${nl(B.MAX_SCENARIOS)} |`],
    ["a key or an id", `| ${B.MAX_NAME_CHARS} characters |`],
    ["a chain of parameters defined through one another", `| ${B.MAX_DEFINITION_CHAIN} |`],
    ["did-you-mean", `| words up to ${B.MAX_SUGGEST_WORD_CHARS} characters, compared with the first ${B.MAX_SUGGEST_CANDIDATES} candidates |`],
    ["--timeout", `default ${B.DEFAULT_TIMEOUT_SECONDS}`],
  ])("%s", (row, value) => {
    const line = section.split("\n").find((l) => l.includes(row) && l.includes(value));
    expect(line, `a line with "${row}" and "${value}"`).toBeDefined();
  });
});
