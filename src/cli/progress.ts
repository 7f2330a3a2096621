// Progress for long batches on stderr, only when stderr is a terminal (a log or a pipe gets nothing),
// and only for batches long enough to wait for.
import type { Io } from "./io.js";

export const PROGRESS_FROM = 5;

export interface Tick {
  (): void;
  done(): void;
}

export function progress(io: Io, total: number, what: string, isTty?: boolean): Tick {
  let n = 0;
  // stderr is looked at only for a batch long enough (opening it costs a single run start-up time).
  const on = total >= PROGRESS_FROM && (isTty ?? process.stderr.isTTY === true);
  const tick = (() => {
    n++;
    if (on) io.err(`\r${what}: ${n}/${total} models`);
  }) as Tick;
  tick.done = () => {
    if (on) io.err("\r\u001b[K");
  };
  return tick;
}
