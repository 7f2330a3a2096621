// The generated validator (src/schema/accept.generated.ts, written by scripts/gen-accept.mjs) stands in
// for zod on every valid file: whatever it accepts, zod must accept too, with the same data in the same
// key order. Proven on every model, library and fixture, on the fuzzer's mutated texts, and on data
// mutated value by value with the values where validators tend to differ.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { acceptFixture, acceptLibrary, acceptModel } from "../../src/schema/accept.generated.js";
import { fixtureSchemas } from "../../src/schema/fixture.js";
import { schemas } from "../../src/schema/model.js";
import { parseSourceFull } from "../../src/load/source.js";
import { mutate, rng } from "../fuzz/mutate.js";

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(f) ? [p] : [];
  });
}

type Kind = "model" | "library" | "fixture";
const kindOf = (file: string): Kind => (file.startsWith("fixtures") ? "fixture" : /library/.test(file) ? "library" : "model");
const files = [...yamlFiles("models"), ...yamlFiles("fixtures"), "test/robust/base_model.yaml"];
const dataOf = (text: string) => parseSourceFull("x.yaml", text).doc?.data;

function pair(kind: Kind): [(d: unknown) => unknown, { safeParse(d: unknown): { success: boolean; data?: unknown } }] {
  if (kind === "model") return [acceptModel, schemas().Model];
  if (kind === "library") return [acceptLibrary, schemas().Library];
  return [acceptFixture, fixtureSchemas().Fixture];
}

/** Key order as well as values: the data goes on into results and outputs. */
const ordered = (v: unknown) => JSON.stringify(v);

/** Whenever the generated validator accepts, zod accepts with the same data; returns whether it accepted. */
function agrees(kind: Kind, data: unknown, label: string): boolean {
  const [accept, zod] = pair(kind);
  const fast = accept(data);
  const slow = zod.safeParse(data);
  if (fast === undefined) return false;
  expect(slow.success, `${label}: accepted what zod refuses`).toBe(true);
  expect(fast, `${label}: data differs from zod's`).toStrictEqual(slow.data);
  expect(ordered(fast), `${label}: key order differs from zod's`).toBe(ordered(slow.data));
  return true;
}

// Values where validators tend to disagree: edges of ranges, text that looks like a number or a share,
// names objects carry, odd numbers.
const PROBES: unknown[] = [
  0, -0, 1, -1, 0.5, 1.5, 2, 3, 4, 5, 2026, 1e21, -1e-9, 2 ** 53, 2 ** 53 + 2, NaN, Infinity, -Infinity, "", " ", "x", "0", "50%", "12,5%",
  "150%", "-50%", "50%%", "1e5%", "abc%", "% 5", "a + b", "2026-2030", "2026", "26", "EUR", "eur", "nl", "en", "base", "care_office",
  "Care", "constructor", "__proto__", "toString", "hasOwnProperty", "1abc", true, false, null, undefined, [], [1], ["x"], [[]], {}, { a: 1 },
  { value: 1 }, { start: 2026, end: 2028 }, { rate: "3%" }, { deadweight: "10%" },
];

/** A copy of `data` with the value at one random place replaced, deleted or given a sibling key. */
function mutateData(data: unknown, r: () => number): unknown {
  const copy = structuredClone(data);
  const places: [Record<string | number, unknown>, string | number][] = [];
  (function walk(v: unknown) {
    if (Array.isArray(v)) v.forEach((x, i) => (places.push([v as never, i]), walk(x)));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) places.push([v as never, k]), walk(x);
  })(copy);
  if (places.length === 0) return copy;
  const [parent, key] = places[Math.floor(r() * places.length)]!;
  const choice = r();
  if (choice < 0.6) parent[key] = structuredClone(PROBES[Math.floor(r() * PROBES.length)]);
  else if (choice < 0.75 && !Array.isArray(parent)) delete parent[key];
  else if (choice < 0.85 && !Array.isArray(parent)) {
    // A key the object does not have: a near-miss of its own, or one JavaScript objects carry.
    const odd = ["colour", "__proto__", "constructor", "toString", String(key) + "s", "valueOf"][Math.floor(r() * 6)]!;
    Object.defineProperty(parent, odd, { value: 1, enumerable: true, configurable: true, writable: true });
  } else if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else parent[key] = [parent[key]];
  return copy;
}

describe("generated validator", () => {
  it.each(files)("%s: accepted, with zod's data", (file) => {
    const data = dataOf(readFileSync(file, "utf8"));
    // Every shipped file must take the fast path, or the speed work does nothing for it.
    expect(agrees(kindOf(file), data, file), `${file} was left to zod`).toBe(true);
  });

  it("never accepts what zod refuses, on 4,000 data mutations of the shipped files", () => {
    const r = rng(20261124);
    let accepted = 0;
    let refused = 0;
    let leftToZod = 0;
    for (let i = 0; i < 4000; i++) {
      const file = files[i % files.length]!;
      const base = dataOf(readFileSync(file, "utf8"));
      let data = base;
      const rounds = 1 + Math.floor(r() * 3);
      for (let k = 0; k < rounds; k++) data = mutateData(data, r);
      if (agrees(kindOf(file), data, `${file} mutation ${i}`)) accepted++;
      else if (pair(kindOf(file))[1].safeParse(data).success) leftToZod++;
      else refused++;
    }
    // Both sides are exercised: many mutations stay valid (a note, a number in range), many do not.
    expect(accepted).toBeGreaterThan(400);
    expect(refused).toBeGreaterThan(1000);
    // What it leaves to zod although zod accepts is rare (a key such as __proto__ that zod drops).
    expect(leftToZod).toBeLessThan(accepted / 20);
  });

  it("never accepts what zod refuses, on the fuzzer's mutated texts", () => {
    let compared = 0;
    for (let seed = 1; seed <= 1500; seed++) {
      const file = files[seed % files.length]!;
      const { text } = mutate(readFileSync(file, "utf8"), seed);
      const data = dataOf(text);
      if (data === undefined) continue;
      agrees(kindOf(file), data, `${file} fuzz seed ${seed}`);
      compared++;
    }
    expect(compared).toBeGreaterThan(500);
  });

  it("gives zod's data and key order for keys written in any order, and the file's own data where that is the same", () => {
    /** Every map with its keys in reverse order (each strict object then needs its shape's order back). */
    const reversed = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reversed) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)])) : v;
    for (const file of files) {
      const data = dataOf(readFileSync(file, "utf8"));
      expect(agrees(kindOf(file), reversed(data), `${file} with reversed keys`), `${file} reversed was left to zod`).toBe(true);
    }
    // In the schema's order and with nothing defaulted, the output is the input: no copy of a large model.
    const model = dataOf(readFileSync("models/mogroep_samenoud.yaml", "utf8")) as Record<string, unknown>;
    const out = acceptModel(model) as Record<string, unknown>;
    expect(out).toBe(model);
    // One nested map out of order: that map and the ones holding it are copies, the rest is shared.
    const meta = reversed(model.meta) as Record<string, unknown>;
    const swapped = acceptModel({ ...model, meta }) as Record<string, unknown>;
    expect(ordered(swapped)).toBe(ordered(model));
    expect(swapped.meta).not.toBe(meta);
    expect(swapped.outcomes).toBe(model.outcomes);
  });

  it("leaves objects that are not plain (no prototype, a class) to zod", () => {
    const model = dataOf(readFileSync("models/eijsden.yaml", "utf8")) as Record<string, unknown>;
    const bare = Object.assign(Object.create(null), model);
    expect(acceptModel(bare)).toBeUndefined();
    expect(schemas().Model.safeParse(bare).success).toBe(true); // zod takes it; the loader then gets zod's data
    expect(acceptModel({ ...model, meta: new (class Meta {})() })).toBeUndefined();
  });
});
