import type { Io } from "../io.js";
export function checkCommand(_paths: string[], _opts: unknown, io: Io): number {
  io.err("sroi check: not built yet\n");
  return 2;
}
