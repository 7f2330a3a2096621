// Where a command writes. Reports go to stdout, problems and notes to stderr, so that
// `sroi run --format json | jq` always gets clean JSON.
import { Chalk, type ChalkInstance } from "chalk";
import { fstatSync, statSync, writeSync } from "node:fs";
import { createRequire } from "node:module";

export interface Io {
  out(text: string | Uint8Array): void;
  err(text: string): void;
  chalk: ChalkInstance;
  /** chalk for stderr (its own terminal check). */
  errChalk: ChalkInstance;
  /** The terminal's width when stdout is one (help text is wrapped to it); undefined otherwise. */
  outColumns?(): number | undefined;
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function colorLevel(isTty: boolean | undefined, env: NodeJS.ProcessEnv): 0 | 1 {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return 0;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return 1;
  return isTty ? 1 : 0;
}

/** `sroi ... | head` closes the pipe early: that is the reader's choice, not an error to report. */
const readerLeft = (): never => process.exit(process.exitCode ?? 0);

function quietOnEpipe(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  return stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") readerLeft();
    throw err;
  });
}

const SCRATCH_BYTES = 192 * 1024;

/**
 * Writes to stdout. On Unix straight to file descriptor 1, as a file's bytes are: process.stdout loads
 * Node's stream modules (a few milliseconds of every run's start-up) for what one system call does. A
 * descriptor that would block (a non-blocking pipe left full by its reader) hands this write and every
 * later one to process.stdout, which waits for it, so the order stays. On Windows process.stdout always:
 * a console needs its text written as text, not as UTF-8 bytes.
 */
export function stdoutWriter(fd = 1, stream: () => NodeJS.WriteStream = () => process.stdout): (t: string | Uint8Array) => void {
  let through: NodeJS.WriteStream | undefined = process.platform === "win32" ? quietOnEpipe(stream()) : undefined;
  // Text up to a third of this is encoded into it, the same bytes for every write: a report written in
  // many pieces then needs no fresh memory per piece. (A UTF-16 unit is at most 3 UTF-8 bytes.)
  let scratch: Buffer | undefined;
  return (t) => {
    if (through) {
      through.write(t);
      return;
    }
    let bytes: Uint8Array;
    if (typeof t !== "string") bytes = t;
    else if (t.length * 3 <= SCRATCH_BYTES) {
      scratch ??= Buffer.allocUnsafeSlow(SCRATCH_BYTES);
      bytes = scratch.subarray(0, scratch.write(t));
    } else bytes = Buffer.from(t);
    let done = 0;
    while (done < bytes.length) {
      try {
        done += writeSync(fd, bytes, done, bytes.length - done);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === "EAGAIN") {
          through = quietOnEpipe(stream());
          through.write(Buffer.from(bytes.subarray(done))); // a copy: the stream may hold it after this returns
          return;
        }
        if (code === "EPIPE") readerLeft();
        throw err;
      }
    }
  };
}

/**
 * Whether stdout is a terminal, without process.stdout (see stdoutWriter) and, unless it may be one,
 * without node:tty (it loads Node's network and stream modules): a terminal is a character device, and
 * /dev/null, where scripts send what they do not read, is the one that is not.
 */
export function stdoutIsTty(fd = 1): boolean {
  if (process.platform === "win32") return process.stdout.isTTY === true;
  try {
    const st = fstatSync(fd);
    if (!st.isCharacterDevice() || st.rdev === statSync("/dev/null").rdev) return false;
  } catch {
    // Closed, or no /dev/null (a sandbox): ask node:tty.
  }
  return createRequire(import.meta.url)("node:tty").isatty(fd) as boolean;
}

export function processIo(): Io {
  // stderr is set up when first used: most runs write nothing there, and opening it (a pipe, under CI)
  // costs a few milliseconds of start-up.
  let stderr: NodeJS.WriteStream | undefined;
  const err = () => (stderr ??= quietOnEpipe(process.stderr));
  // Asked only by what prints colour or wraps help (a JSON run never checks for a terminal), and once.
  let tty: boolean | undefined;
  const outIsTty = () => (tty ??= stdoutIsTty());
  let chalk: ChalkInstance | undefined;
  let errChalk: ChalkInstance | undefined;
  return {
    out: stdoutWriter(),
    err: (t) => err().write(t),
    get chalk() {
      return (chalk ??= new Chalk({ level: colorLevel(outIsTty(), process.env) }));
    },
    outColumns: () => (outIsTty() ? process.stdout.columns : undefined),
    get errChalk() {
      return (errChalk ??= new Chalk({ level: colorLevel(err().isTTY, process.env) }));
    },
  };
}
