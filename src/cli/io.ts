// Where a command writes. Reports go to stdout, problems and notes to stderr, so that
// `sroi run --format json | jq` always gets clean JSON.
import { Chalk, type ChalkInstance } from "chalk";

export interface Io {
  out(text: string | Uint8Array): void;
  err(text: string): void;
  chalk: ChalkInstance;
  /** chalk for stderr (its own terminal check). */
  errChalk: ChalkInstance;
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function colorLevel(isTty: boolean | undefined, env: NodeJS.ProcessEnv): 0 | 1 {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return 0;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return 1;
  return isTty ? 1 : 0;
}

export function processIo(): Io {
  // `sroi ... | head` closes the pipe early: that is the reader's choice, not an error to report.
  const quietOnEpipe = (stream: NodeJS.WriteStream) =>
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw err;
    });
  quietOnEpipe(process.stdout);
  // stderr is set up when first used: most runs write nothing there, and opening it (a pipe, under CI)
  // costs a few milliseconds of start-up.
  let stderr: NodeJS.WriteStream | undefined;
  const err = () => (stderr ??= quietOnEpipe(process.stderr));
  let errChalk: ChalkInstance | undefined;
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => err().write(t),
    chalk: new Chalk({ level: colorLevel(process.stdout.isTTY, process.env) }),
    get errChalk() {
      return (errChalk ??= new Chalk({ level: colorLevel(err().isTTY, process.env) }));
    },
  };
}
