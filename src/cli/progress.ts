// Progress for long batches on stderr, only when stderr is a terminal (a log or a pipe gets nothing),
// and only for batches long enough to wait for.
import type { Io } from "./io.js";

export const PROGRESS_FROM = 5;

export interface Tick {
  (): void;
  /** Clears the progress line, before a report is printed between ticks (the next tick draws it again). */
  clear(): void;
  done(): void;
}

export function progress(io: Io, total: number, what: string, isTty?: boolean): Tick {
  let n = 0;
  // stderr is looked at only for a batch long enough (opening it costs a single run start-up time).
  const on = total >= PROGRESS_FROM && (isTty ?? process.stderr.isTTY === true);
  let shown = false;
  const tick = (() => {
    n++;
    if (on) {
      io.err(`\r${what}: ${n}/${total} models`);
      shown = true;
    }
  }) as Tick;
  tick.clear = () => {
    if (on && shown) io.err("\r\u001b[K");
    shown = false;
  };
  tick.done = tick.clear;
  return tick;
}
