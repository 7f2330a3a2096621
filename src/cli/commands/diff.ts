import type { Io } from "../io.js";
export function diffCommand(_b: string, _paths: string[], _opts: unknown, io: Io): number {
  io.err("sroi diff: not built yet\n");
  return 2;
}
