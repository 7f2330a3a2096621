// The batch's read-ahead (src/batch/read-ahead.ts) must change nothing but speed: what the worker hands
// over is exactly what readSourceFile would have read and parsed, it passes on every file it cannot
// vouch for, and the main thread gets each file once, in turn, from whichever side read it.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { AHEAD, CTRL, handOver, HOLD_CHARS, prepare, readAheadLoop, type Prepared } from "../../src/batch/read-ahead.js";
import { bareCrAsLineEnd } from "../../src/load/read.js";
import { maybeDottedThousands } from "../../src/load/dotted.js";
import { acceptModel } from "../../src/schema/accept.generated.js";
import { RULES } from "../../src/load/normalize/rules.js";
import { LibraryCache, loadModel } from "../../src/load/load.js";
import { parseSource, type PlainSource, type ReadAhead } from "../../src/load/source.js";
import { mutate } from "../fuzz/mutate.js";

const tmp = mkdtempSync(join(tmpdir(), "sroi-read-ahead-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(f) ? [p] : [];
  });
}

const models = yamlFiles("models").filter((f) => !f.includes("library"));

let n = 0;
function fileWith(text: string): string {
  const f = join(tmp, `f${n++}.yaml`);
  writeFileSync(f, text);
  return f;
}

/** What readSourceFile's own path makes of the file: its data when the fast path answers. */
function ownRead(file: string): { text: string; data: unknown; fast: boolean } {
  const text = bareCrAsLineEnd(readFileSync(file, "utf8"));
  const r = parseSource(file, text);
  return { text, data: r.doc?.data, fast: r.doc !== undefined && r.problems.length === 0 };
}

/** prepare()'s hand-over, read back as the main thread reads it. */
const handedOver = (file: string): PlainSource | undefined => handOver(prepare(file));

/** Each report model mutated `count` times, the seeds from `base` (a failure names one to replay). */
function* mutations(count: number, base: number): Generator<{ k: number; seed: number; text: string; label: string }> {
  for (const [k, model] of models.entries()) {
    const text = readFileSync(model, "utf8");
    for (let seed = 1; seed <= count; seed++) {
      const m = mutate(text, seed * base + k);
      yield { k, seed, text: m.text, label: `${model} seed ${seed} (${m.applied.join("; ")})` };
    }
  }
}

function expectSameAsOwnRead(file: string, label: string): boolean {
  const got = handedOver(file);
  if (got === undefined) return false;
  const own = ownRead(file);
  expect(own.fast, `${label}: handed over a file the main thread would not read on the fast path`).toBe(true);
  expect(got.text, label).toBe(own.text);
  // The validator's data where it takes the file, else the file's own: the same values in the same key
  // order (JSON text compares the order too).
  const validated = acceptModel(own.data);
  expect(got.validated, label).toBe(validated !== undefined);
  expect(got.data, `${label}: data differs`).toStrictEqual(validated ?? own.data);
  expect(JSON.stringify(got.data), `${label}: key order differs`).toBe(JSON.stringify(validated ?? own.data));
  expect(got.dotted, label).toBe(maybeDottedThousands(own.text, own.data));
  // "Rules clean": the model's own rules find nothing in what the validator gives.
  const ownRules = validated === undefined ? undefined : RULES.filter((r) => !r.library).flatMap((r) => r.check({ doc: validated, studies: new Map() }));
  expect(got.rulesClean, label).toBe(ownRules !== undefined && ownRules.length === 0);
  return true;
}

describe("prepare: the worker's reading of one file", () => {
  it("gives every model exactly the data the main thread reads", () => {
    for (const f of [...models, ...yamlFiles("fixtures")]) expect(expectSameAsOwnRead(f, f), `${f} was not handed over`).toBe(true);
    // Fixtures are no models: handed over as they are, for the main thread to validate.
    expect(models.every((f) => handedOver(f)!.validated)).toBe(true);
    expect(yamlFiles("fixtures").some((f) => !handedOver(f)!.validated)).toBe(true);
  });

  it("gives mutated models the main thread's data, or leaves them to it", () => {
    let over = 0;
    let left = 0;
    for (const m of mutations(40, 1000)) {
      if (expectSameAsOwnRead(fileWith(m.text), m.label)) over++;
      else left++;
    }
    // Both sides of the rule are exercised.
    expect(over).toBeGreaterThan(50);
    expect(left).toBeGreaterThan(20);
  });

  it("leaves to the main thread what it reports with a line, and what JSON would change", () => {
    const cases: Record<string, string> = {
      "minus zero": "sroi: 1\nmeta: { title: T }\nparameters: { a: -0 }\n",
      "minus zero with decimals": "sroi: 1\nmeta: { title: T }\nparameters: { a: -0.0 }\n",
      "a year out of bounds": "sroi: 1\nmeta: { title: T }\ntime: { year: 123456789 }\n",
      "not plain YAML (an anchor)": "sroi: 1\nmeta: &m { title: T }\n",
      "a syntax error": "sroi: 1\nmeta: [\n",
      "an empty file": "",
      "a large file (mostly the engine's work)": `sroi: 1\nmeta: { title: T }\n# ${"x".repeat(300_000)}\n`,
    };
    for (const [label, text] of Object.entries(cases)) expect(prepare(fileWith(text)), label).toEqual({});
    expect(prepare(join(tmp, "missing.yaml"))).toEqual({});
    const folder = join(tmp, "folder.yaml");
    mkdirSync(folder);
    expect(prepare(folder)).toEqual({});
    // A file with CR line ends is read as the main thread reads it.
    expect(expectSameAsOwnRead(fileWith("sroi: 1\r\nmeta: { title: T }\r\nparameters: { a: 1.5 }\r\n"), "CRLF")).toBe(true);
  });
});

describe("readAheadLoop: the worker's turn-taking", () => {
  const setup = (count: number) => {
    const files = Array.from({ length: count }, (_, i) => fileWith(`sroi: 1\nmeta: { title: T${i} }\n`));
    const ctrl = new Int32Array(new SharedArrayBuffer(4 * CTRL.SLOTS));
    ctrl[CTRL.WAKE_AT] = CTRL.NOBODY;
    return { files, claims: new Int32Array(new SharedArrayBuffer(4 * count)), ctrl };
  };

  it("claims and posts the free files in order, passing over those the main thread has", () => {
    const { files, claims, ctrl } = setup(10);
    claims[0] = 2; // the main thread's
    claims[3] = 2;
    const posted: Prepared[] = [];
    readAheadLoop(files, claims, ctrl, (p) => posted.push(p));
    expect(posted.map((p) => p.i)).toEqual([1, 2, 4, 5, 6, 7, 8, 9]);
    expect([...claims]).toEqual([2, 1, 1, 2, 1, 1, 1, 1, 1, 1]);
    expect(Atomics.load(ctrl, CTRL.POSTED)).toBe(8);
    expect(Atomics.load(ctrl, CTRL.ENDED)).toBe(1);
    expect(JSON.parse(posted[0]!.json!)).toEqual({ sroi: 1, meta: { title: "T1" } });
  });

  it("stops when the main thread is done, and says it has ended even when posting throws", () => {
    const { files, claims, ctrl } = setup(5);
    Atomics.store(ctrl, CTRL.STOP, 1);
    const posted: Prepared[] = [];
    readAheadLoop(files, claims, ctrl, (p) => posted.push(p));
    expect(posted).toEqual([]);
    expect([...claims]).toEqual([0, 0, 0, 0, 0]);

    const again = setup(3);
    expect(() =>
      readAheadLoop(again.files, again.claims, again.ctrl, () => {
        throw new Error("port closed");
      }),
    ).toThrow("port closed");
    expect(Atomics.load(again.ctrl, CTRL.ENDED)).toBe(1);
  });
});

describe("readAheadLoop on a thread of its own", () => {
  /** The worker's loop over `count` small files on a thread, and the shared memory the test plays the main thread with. */
  const onThread = async (count: number, held = 0) => {
    const { Worker } = await import("node:worker_threads");
    const files = Array.from({ length: count }, (_, i) => fileWith(`sroi: 1\nmeta: { title: T${i} }\n`));
    const claims = new Int32Array(new SharedArrayBuffer(4 * count));
    const ctrl = new Int32Array(new SharedArrayBuffer(4 * CTRL.SLOTS));
    ctrl[CTRL.WAKE_AT] = CTRL.NOBODY;
    ctrl[CTRL.HELD] = held;
    const module = pathToFileURL(join(import.meta.dirname, "..", "..", "dist", "batch", "read-ahead.js")).href;
    const worker = new Worker(
      `const { workerData } = require("node:worker_threads");
import(workerData.module).then(({ readAheadLoop }) => readAheadLoop(workerData.files, workerData.claims, workerData.ctrl, () => {}));`,
      { eval: true, workerData: { module, files, claims, ctrl } },
    );
    /** Waits (10 s at most) until the worker has posted `n` files; gives how many it has posted. */
    const postedUpTo = (n: number) => {
      const until = Date.now() + 10_000;
      for (let seen = Atomics.load(ctrl, CTRL.POSTED); seen < n && Date.now() < until; seen = Atomics.load(ctrl, CTRL.POSTED)) Atomics.wait(ctrl, CTRL.POSTED, seen, 100);
      return Atomics.load(ctrl, CTRL.POSTED);
    };
    /** Waits (10 s at most) until the worker asks to be woken; gives the file it asks to be woken at. */
    const wakeAt = () => {
      const until = Date.now() + 10_000;
      while (Atomics.load(ctrl, CTRL.WAKE_AT) === CTRL.NOBODY && Date.now() < until) Atomics.wait(ctrl, CTRL.WAKE_AT, CTRL.NOBODY, 10);
      return Atomics.load(ctrl, CTRL.WAKE_AT);
    };
    /** The main thread reaching file `at`, as take() does. */
    const reach = (at: number) => {
      Atomics.store(ctrl, CTRL.MAIN_AT, at);
      if (at >= Atomics.load(ctrl, CTRL.WAKE_AT)) Atomics.notify(ctrl, CTRL.MAIN_AT);
    };
    const stop = async () => {
      Atomics.store(ctrl, CTRL.STOP, 1);
      Atomics.notify(ctrl, CTRL.MAIN_AT);
      await worker.terminate();
    };
    return { claims, ctrl, postedUpTo, wakeAt, reach, stop };
  };

  it("stops AHEAD files past the main thread, asks to be woken half way, and goes on when it is", async () => {
    const t = await onThread(AHEAD * 3);
    try {
      // The main thread at file 0: the worker reads files 0..AHEAD and then waits, to be woken at AHEAD/2.
      expect(t.postedUpTo(AHEAD + 1)).toBe(AHEAD + 1);
      expect(t.wakeAt()).toBe(AHEAD + 1 - AHEAD / 2);
      expect(Atomics.load(t.ctrl, CTRL.POSTED)).toBe(AHEAD + 1);
      // The main thread reaches that file and wakes it: it reads on to AHEAD past it.
      const at = AHEAD + 1 - AHEAD / 2;
      t.reach(at);
      expect(t.postedUpTo(at + AHEAD + 1)).toBe(at + AHEAD + 1);
      expect([...t.claims].filter((c) => c === 1)).toHaveLength(at + AHEAD + 1);
    } finally {
      await t.stop();
    }
  });

  it("holds no more than HOLD_CHARS characters beyond the next file, and goes on as the main thread takes them", async () => {
    const t = await onThread(AHEAD * 2, HOLD_CHARS);
    try {
      // Full: it reads the file after the main thread's (file 1) and waits to be woken at the next take.
      expect(t.postedUpTo(2)).toBe(2);
      expect(t.wakeAt()).toBe(1);
      expect(Atomics.load(t.ctrl, CTRL.POSTED)).toBe(2);
      // The main thread takes what was held, and reaches file 1.
      Atomics.store(t.ctrl, CTRL.HELD, 0);
      t.reach(1);
      expect(t.postedUpTo(1 + AHEAD + 1)).toBe(1 + AHEAD + 1);
      expect(Atomics.load(t.ctrl, CTRL.HELD)).toBeGreaterThan(0); // what it posted since, not yet taken
    } finally {
      await t.stop();
    }
  });
});

describe("the rules the worker runs", () => {
  it("are those that do not read the library: every rule that reads studies is marked", () => {
    const reading = RULES.filter((r) => r.check.toString().includes("studies"));
    expect(reading.map((r) => r.id).sort()).toEqual(RULES.filter((r) => r.library).map((r) => r.id).sort());
    expect(reading.length).toBe(2);
  });
});

describe("loading through a read-ahead", () => {
  /** Loads `file` as the main thread does alone and as it does with the worker's hand-over; both must agree. */
  const expectSameLoad = (file: string, label: string): boolean => {
    let taken = false;
    const ahead: ReadAhead = {
      take: (f) => {
        const got = handedOver(f);
        taken = got !== undefined;
        return got;
      },
    };
    const withAhead = new LibraryCache();
    withAhead.readAhead = ahead;
    const own = loadModel(file, new LibraryCache());
    const via = loadModel(file, withAhead);
    expect(via.problems, label).toEqual(own.problems);
    expect(via.model, label).toStrictEqual(own.model);
    // In the same order too (what a result lists follows the model's order): maps written as their entries.
    const text = (m: unknown) => JSON.stringify(m, (_, v: unknown) => (v instanceof Map ? [...v] : v));
    expect(text(via.model), label).toBe(text(own.model));
    return taken;
  };

  it("gives every model the same result as reading it on the main thread", () => {
    for (const f of models) expect(expectSameLoad(f, f), `${f} was not handed over`).toBe(true);
  });

  it("gives mutated models the same model or the same problems, the rules' among them", () => {
    // Beside the library, as the models are.
    const dir = join(tmp, "mutated");
    mkdirSync(join(dir, "library"), { recursive: true });
    for (const f of readdirSync("models/library")) writeFileSync(join(dir, "library", f), readFileSync(join("models/library", f)));
    let handed = 0;
    let rulesFound = 0;
    for (const m of mutations(30, 7919)) {
      const file = join(dir, `m${m.k}_${m.seed}.yaml`);
      writeFileSync(file, m.text);
      const p = prepare(file);
      if (p.json !== undefined && p.validated && !p.rulesClean) rulesFound++;
      if (expectSameLoad(file, m.label)) handed++;
    }
    expect(handed).toBeGreaterThan(50);
    // Handed over with a rule's problem: the main thread runs every rule for those.
    expect(rulesFound).toBeGreaterThan(0);
  });
});

describe("startReadAhead: the worker thread", () => {
  // The worker's script is built (npm test builds first): the library's ES modules in dist/ start it.
  const built = async () =>
    (await import(pathToFileURL(join(import.meta.dirname, "..", "..", "dist", "batch", "read-ahead.js")).href)) as typeof import("../../src/batch/read-ahead.js");
  it("hands over each file once, in turn, as prepare() reads it, and passes on the rest", async () => {
    const { startReadAhead } = await built();
    const texts = models.map((f) => readFileSync(f, "utf8"));
    const files = Array.from({ length: 60 }, (_, i) =>
      i % 7 === 3 ? fileWith("sroi: 1\nmeta: &m { title: T }\n") : i % 11 === 5 ? join(tmp, `missing-${i}.yaml`) : fileWith(texts[i % texts.length]!),
    );
    const ahead = startReadAhead(files);
    expect(ahead).toBeDefined();
    // A head start (the worker reads up to 64 files ahead): otherwise this loop, which does nothing
    // between files, may claim them all itself before the worker's thread has started.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    try {
      let handed = 0;
      // Asked out of turn (three ahead): read by the caller, and the turn does not move.
      expect(ahead!.take(files[3]!)).toBeUndefined();
      for (const [i, f] of files.entries()) {
        if (i % 13 === 12) continue; // never asked for: passed over by the next take
        const got = ahead!.take(f);
        const expected = handedOver(f);
        if (got !== undefined) {
          handed++;
          expect(got, f).toStrictEqual(expected);
        }
        if (i % 7 === 3 || i % 11 === 5) expect(got, f).toBeUndefined();
      }
      expect(handed).toBe(files.filter((_, i) => !(i % 7 === 3 || i % 11 === 5 || i % 13 === 12)).length);
      // Taken out of turn, or twice: the main thread reads it itself.
      expect(ahead!.take(files[0]!)).toBeUndefined();
    } finally {
      ahead!.close();
    }
  });

  it("is not started for a short batch, nor when SROI_NO_READ_AHEAD is set", async () => {
    const { startReadAhead } = await built();
    expect(startReadAhead(models.slice(0, 3))).toBeUndefined();
    expect(startReadAhead(Array.from({ length: 47 }, () => models[0]!))).toBeUndefined();
    const started = startReadAhead(Array.from({ length: 48 }, () => models[0]!));
    expect(started).toBeDefined();
    started!.close();
    process.env.SROI_NO_READ_AHEAD = "1";
    try {
      expect(startReadAhead(Array.from({ length: 60 }, () => models[0]!))).toBeUndefined();
    } finally {
      delete process.env.SROI_NO_READ_AHEAD;
    }
  });
});
