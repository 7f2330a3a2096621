// writePrettyJson must write exactly what JSON.stringify(value, null, 2) writes, at any depth of a
// document, whichever levels it walks itself and whichever it leaves to JSON.stringify.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chunked, writePrettyJson } from "../../src/render/json-pieces.js";

/** The value's text as JSON.stringify places it `depth` levels deep (the reference). */
function reference(value: unknown, depth: number): string {
  let wrapped: unknown = value;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  return text.slice(depth * depth + 3 * depth, text.length - (depth * depth + depth));
}

function written(value: unknown, depth: number): { text: string; pieces: number } {
  const pieces: string[] = [];
  writePrettyJson(value, depth, (t) => pieces.push(t));
  return { text: pieces.join(""), pieces: pieces.length };
}

describe("writePrettyJson", () => {
  it("writes what JSON.stringify writes, at every depth", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 9 }), (value, depth) => {
        expect(written(value, depth).text).toBe(reference(value, depth));
      }),
      { numRuns: 400 },
    );
  });

  it("writes what JSON.stringify writes for values it leaves out or turns into null", () => {
    const odd = {
      a: undefined,
      b: () => 1,
      c: Symbol("s"),
      d: [undefined, () => 1, Symbol("s"), NaN, -Infinity, -0],
      e: new Date(0),
      f: Object.assign(Object.create(null), { x: 1 }),
      g: new Number(3),
      h: { toJSON: () => "custom" },
      i: new Map([["k", 1]]),
      j: {},
      k: [],
      "quote\"d": "line\nbreak €",
    };
    for (let depth = 0; depth < 9; depth++) expect(written(odd, depth).text).toBe(reference(odd, depth));
  });

  it("writes a long array in runs, however deep, as JSON.stringify does", () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ id: `a${i}`, n: i / 7, per_year: [i, null, 2.5] }));
    const doc = { result: { scenarios: [{ activities: rows, empty: [], short: rows.slice(0, 64), one_more: rows.slice(0, 65) }] } };
    for (const depth of [0, 2, 5, 9]) {
      const out = written(doc, depth);
      expect(out.text).toBe(reference(doc, depth));
      expect(out.pieces).toBeGreaterThan(10); // in pieces, not one string
    }
  });

  it("throws where JSON.stringify throws", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = { inner: cyclic };
    expect(() => written(cyclic, 2)).toThrow(TypeError);
    expect(() => written({ n: 1n }, 2)).toThrow(TypeError);
  });
});

describe("chunked", () => {
  it("passes the pieces on joined, in order, in chunks of about the size asked", () => {
    const out: string[] = [];
    const sink = chunked((t) => out.push(t), 10);
    for (const p of ["abc", "defg", "hij", "k", "lmnopqrstu", "v"]) sink.emit(p);
    sink.flush();
    sink.flush(); // nothing left: nothing written
    expect(out).toEqual(["abcdefghij", "klmnopqrstu", "v"]);
  });
});

describe("sroi run -f json of a large model", () => {
  it("is the envelope JSON.stringify writes, though written in pieces", async () => {
    const { runText } = await import("../../src/api.js");
    const { runWriters, RUN_SCHEMA } = await import("../../src/render/registry.js");
    const { Chalk } = await import("chalk");
    // 2,000 activities in 3 scenarios: over the rows from which a result is written in pieces.
    const model = [
      "sroi: 1",
      "meta: { title: Large, source: { report: synthetic } }",
      "time: { period: 2026-2030, discount: hm-treasury }",
      "stakeholders: [ { id: s0, name: Gemeente €, }, { id: s1, name: Zorg } ]",
      "activities:",
      ...Array.from({ length: 2000 }, (_, i) => `  - { id: a${i}, name: A${i}, participants: ${10 + (i % 90)}, values: { d${i % 3}: ${100 + i} } }`),
      "participants: { groups: [ { id: g, name: G } ] }",
      "counterfactual: { name: none, participants: { g: 100 } }",
      "inputs: [ { id: i0, name: I0, stakeholder: s0, amount: 50000 } ]",
      "outcomes:",
      ...Array.from({ length: 3 }, (_, i) => `  - { id: o${i}, name: O${i}, stakeholder: s${i % 2}, domain: d${i}, impact_claim: 50%, duration: 2 }`),
      "scenarios: [ { id: a, name: A, participants: { g: 200 } }, { id: b, name: B, participants: { g: 300 } }, { id: c, name: C, participants: { g: 400 } } ]",
      "",
    ].join("\n");
    const run = runText("large.yaml", model);
    expect(run.problems).toEqual([]);
    const rows = run.result!.scenarios.reduce((n, s) => n + s.activities.length + s.outcomes.length + s.inputs.length + s.valuation.length, 0);
    expect(rows).toBeGreaterThan(5000);

    const writer = runWriters.json({ chalk: new Chalk({ level: 0 }) }, 2);
    const pieces: string[] = [writer.begin()];
    const out = (t: string | Buffer) => pieces.push(typeof t === "string" ? t : t.toString("utf8"));
    writer.model(run, out);
    const small = runText("small.yaml", "sroi: 1\nmeta: { title: Small, source: { report: s } }\nstakeholders: [ { id: s, name: S } ]\ninputs: [ { id: i, name: I, stakeholder: s, amount: 10 } ]\n");
    writer.model(small, out);
    pieces.push(writer.end());
    expect(pieces.length).toBeGreaterThan(10);

    const entry = (r: typeof run) => ({ file: r.file, ok: !!r.result, result: r.result ?? null, problems: r.problems });
    expect(pieces.join("")).toBe(JSON.stringify({ schema: RUN_SCHEMA, models: [entry(run), entry(small)] }, null, 2) + "\n");
  });
});
