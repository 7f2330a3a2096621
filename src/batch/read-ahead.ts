// A batch's files (its models, and for `check` their fixtures) read and parsed on a second thread, ahead
// of their turn. A thousand-model batch spent a fifth of its main thread reading files, parsing YAML and
// checking what needs only the file (bounds, shape, the model's own rules); a worker does that for the
// files to come while the main thread computes and writes the model at hand, and hands over each file's
// text, its data as JSON (JSON.parse is several times faster than the YAML reader) and what it found.
//
// Nothing depends on the worker: it takes only plain files (the YAML reader's fast path, the data within
// the bounds of the language, numbers JSON keeps exactly) and the main thread reads every other file, and
// any file the worker has not claimed, itself. So results are the same with or without it, and a worker
// that cannot start, throws or falls behind only costs speed. Who reads a file is settled once, through
// shared memory: the main thread claims each file as its turn comes, the worker the ones it gets to first.
import { createRequire } from "node:module";
import { checkBounds } from "../load/bounds.js";
import { maybeDottedThousands } from "../load/dotted.js";
import { plainData } from "../load/plainyaml.js";
import { bareCrAsLineEnd, readTextFile } from "../load/read.js";
import { docRulesClean } from "../load/normalize/rules.js";
import { acceptModel } from "../schema/accept.generated.js";
import type { PlainSource, ReadAhead } from "../load/source.js";

/** claims[i]: who reads file i. */
const FREE = 0;
const WORKER = 1;
const MAIN = 2;

/** Slots of the control array (exported for the tests). */
export const CTRL = {
  MAIN_AT: 0, // the file the main thread is at
  POSTED: 1, // how many files the worker has posted
  STOP: 2, // set by the main thread when the batch is done
  ENDED: 3, // set by the worker when its loop has ended
  WAKE_AT: 4, // the file at which the main thread wakes the waiting worker (NOBODY: it is not waiting)
  HELD: 5, // characters posted and not yet taken
  SLOTS: 6,
  NOBODY: 0x7fffffff,
} as const;
const { MAIN_AT, POSTED, STOP, ENDED, WAKE_AT, HELD, NOBODY } = CTRL;

/**
 * The worker stays at most this many files ahead of the main thread (what it holds waits in memory).
 * Once that far ahead it sleeps until the main thread is half way there: waking a thread costs some
 * 60 µs of the waker's time here, too much to pay for every file.
 */
export const AHEAD = 64;
/** Nor, beyond the next file, more than this many characters of text and JSON (a file may have 16 MB; a batch of large models gains nothing from holding many). */
export const HOLD_CHARS = 4_000_000;
/**
 * A file longer than this is left to the main thread: a model that large is mostly the engine's work (a
 * batch of 20 models of 10,000 activities took as long with the worker, and 40 MB more memory).
 */
const LARGE_CHARS = 256_000;
/** How many files in turn take() passes over to find the one asked for. */
const PASS_OVER = 2;
/**
 * A batch of fewer files is not worth a thread's start: the worker's start and end cost some 20 ms (16
 * files took 132 ms with it, 112 without; 50 files as long either way; 100 files 212 against 244 ms).
 */
const MIN_FILES = 48;
/** The longest the main thread waits for a file the worker has claimed; then it reads the file itself. */
const WAIT_MS = 5000;

/** What the worker posts for file i: its source, or only i when the main thread must read the file itself. */
export interface Prepared {
  i: number;
  text?: string;
  json?: string;
  dotted?: boolean;
  validated?: boolean;
  rulesClean?: boolean;
}

/**
 * One file, as readSourceFile's fast path reads it: the text (bare CRs read as line ends), the plain YAML
 * reader's data (as the model schema's validator gives it, where it takes it: the main thread need not
 * ask again), the dotted-thousands pre-check, and whether the model's own rules find nothing in the
 * validator's data (the main thread then runs only those that read the library). Empty when the main thread must read it itself: a file refused, large or not plain YAML,
 * data outside the bounds (the main thread reports them with their lines), or data whose JSON would not
 * give it back exactly.
 */
export function prepare(file: string): Omit<Prepared, "i"> {
  const got = readTextFile(file);
  if (typeof got !== "string" || got.length > LARGE_CHARS) return {};
  const text = bareCrAsLineEnd(got);
  const data = plainData(text);
  // Bounds first: they also bound the depth that jsonExact walks.
  if (data === undefined || checkBounds(data).length > 0) return {};
  // The validator's data where it takes the file (the main thread then need not validate): the same
  // values, in the schema's key order; else the file's own data, for the main thread to validate.
  const validated = acceptModel(data);
  const handed = validated ?? data;
  if (!jsonExact(handed)) return {};
  return {
    text,
    json: JSON.stringify(handed),
    dotted: maybeDottedThousands(text, data),
    validated: validated !== undefined,
    rulesClean: validated !== undefined && docRulesClean(validated),
  };
}

/** What the main thread makes of a posted file: its source, or undefined when it must read the file itself. */
export function handOver(p: Omit<Prepared, "i">): PlainSource | undefined {
  if (p.json === undefined) return undefined;
  return { text: p.text!, data: JSON.parse(p.json) as PlainSource["data"], dotted: p.dotted!, validated: p.validated!, rulesClean: p.rulesClean! };
}

/** The characters a posted file holds until the main thread takes it (bounded by HOLD_CHARS). */
const held = (p: Omit<Prepared, "i">) => (p.text?.length ?? 0) + (p.json?.length ?? 0);

/** Whether JSON.parse(JSON.stringify(v)) equals v: no -0, NaN, infinity or undefined (the YAML reader makes nothing else JSON changes). */
function jsonExact(v: unknown): boolean {
  if (typeof v === "number") return Number.isFinite(v) && !Object.is(v, -0);
  if (v === undefined || typeof v === "function" || typeof v === "symbol" || typeof v === "bigint") return false;
  if (v === null || typeof v !== "object") return true;
  if (Array.isArray(v)) {
    for (const x of v) if (!jsonExact(x)) return false;
    return true;
  }
  for (const k of Object.keys(v)) if (!jsonExact((v as Record<string, unknown>)[k])) return false;
  return true;
}

/** The worker's side: files claimed and prepared in order, never more than AHEAD past the main thread. */
export function readAheadLoop(files: readonly string[], claims: Int32Array, ctrl: Int32Array, post: (p: Prepared) => void): void {
  try {
    for (let i = 0; i < files.length; i++) {
      for (;;) {
        if (Atomics.load(ctrl, STOP) !== 0) return;
        const at = Atomics.load(ctrl, MAIN_AT);
        const full = i > at + 1 && Atomics.load(ctrl, HELD) >= HOLD_CHARS;
        if (i <= at + AHEAD && !full) break;
        // Say where to be woken, then look again: the main thread either sees this or has moved on.
        const wake = full ? at + 1 : i - AHEAD / 2;
        Atomics.store(ctrl, WAKE_AT, wake);
        if (Atomics.load(ctrl, MAIN_AT) < wake && Atomics.load(ctrl, STOP) === 0) Atomics.wait(ctrl, MAIN_AT, at, 1000);
        Atomics.store(ctrl, WAKE_AT, NOBODY);
      }
      if (Atomics.compareExchange(claims, i, FREE, WORKER) !== FREE) continue; // the main thread has it
      let prepared: Omit<Prepared, "i">;
      try {
        prepared = prepare(files[i]!);
      } catch {
        prepared = {};
      }
      Atomics.add(ctrl, HELD, held(prepared));
      post({ i, ...prepared });
      Atomics.add(ctrl, POSTED, 1);
      Atomics.notify(ctrl, POSTED);
    }
  } finally {
    Atomics.store(ctrl, ENDED, 1);
    Atomics.notify(ctrl, POSTED);
  }
}

/** A read-ahead that can be closed (the batch is done: the worker stops). */
export interface OpenReadAhead extends ReadAhead {
  close(): void;
}

type WorkerThreads = typeof import("node:worker_threads");

/**
 * Starts reading `files` ahead on a worker thread; undefined where that does not pay (a short batch, one
 * core, SROI_NO_READ_AHEAD set) or cannot start. The files are to be taken in their order; one taken out
 * of turn is read by the caller.
 */
export function startReadAhead(files: readonly string[]): OpenReadAhead | undefined {
  if (files.length < MIN_FILES || process.env.SROI_NO_READ_AHEAD) return undefined;
  const require = createRequire(import.meta.url);
  try {
    if ((require("node:os") as typeof import("node:os")).availableParallelism() < 2) return undefined;
    // Loaded here, not at the top: a run of one model never needs it.
    const { Worker, MessageChannel, receiveMessageOnPort } = require("node:worker_threads") as WorkerThreads;
    const claims = new Int32Array(new SharedArrayBuffer(4 * files.length));
    const ctrl = new Int32Array(new SharedArrayBuffer(4 * CTRL.SLOTS));
    ctrl[WAKE_AT] = NOBODY;
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(workerFile(), {
      workerData: { files, claims, ctrl, port: port2 },
      transferList: [port2],
      stdout: true, // nothing it writes is piped to the terminal
      stderr: true,
    });
    worker.on("error", () => {}); // a worker that fails only leaves its files to the main thread
    worker.unref();
    let next = 0;
    const received = (): Prepared | undefined => receiveMessageOnPort(port1)?.message as Prepared | undefined;
    return {
      take(file) {
        // The file in turn, or one a little further on: the files before it are passed over (a model
        // whose fixture was not read after all). Any other file is read here.
        let i = next;
        const end = Math.min(files.length, next + PASS_OVER + 1);
        while (i < end && files[i] !== file) i++;
        if (i === end) return undefined;
        for (let j = next; j < i; j++) Atomics.compareExchange(claims, j, FREE, MAIN); // the worker need not read them
        next = i + 1;
        Atomics.store(ctrl, MAIN_AT, i);
        if (i >= Atomics.load(ctrl, WAKE_AT)) Atomics.notify(ctrl, MAIN_AT);
        if (Atomics.compareExchange(claims, i, FREE, MAIN) === FREE) return undefined; // the worker has not got to it
        const deadline = Date.now() + WAIT_MS;
        for (;;) {
          const posted = Atomics.load(ctrl, POSTED);
          const ended = Atomics.load(ctrl, ENDED) !== 0;
          // Messages of files the main thread gave up waiting for are passed over.
          for (let m = received(); m !== undefined; m = received()) {
            Atomics.sub(ctrl, HELD, held(m));
            if (m.i === i) return handOver(m);
          }
          const left = deadline - Date.now();
          if (ended || left <= 0) return undefined;
          Atomics.wait(ctrl, POSTED, posted, left);
        }
      },
      close() {
        Atomics.store(ctrl, STOP, 1);
        Atomics.notify(ctrl, MAIN_AT);
        port1.close();
        void worker.terminate();
      },
    };
  } catch {
    return undefined;
  }
}

/**
 * The worker's script. The CLI's bundles are CommonJS files in dist/cli (their import.meta.url is the
 * bundle's), next to the worker's own bundle; the library's ES modules lie as the sources do.
 */
function workerFile(): URL {
  return import.meta.url.endsWith(".cjs") ? new URL("./sroi-read-ahead.cjs", import.meta.url) : new URL("./read-ahead-worker.js", import.meta.url);
}
