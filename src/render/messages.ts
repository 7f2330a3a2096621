// The text of warnings: the engine and the checks give numbers, these sentences say what they mean.
// `num` formats a number for the output's locale; the JSON uses `plain`.
import type { Warning } from "../engine/result.js";

export function printedFigureMessage(
  where: string,
  printed: string,
  computed: number,
  difference: number,
  note: string | undefined,
  num: (n: number) => string,
): string {
  return `${where} prints ${printed}, the model computes ${num(computed)} (difference ${num(difference)})${note ? `: ${note}` : ""}`;
}

export function weightedVsUsedMessage(name: string, used: number, weighted: number, over: number, num: (n: number) => string): string {
  return (
    `${name}: the model uses ${num(used)} per unit, but the weighted average over the activities ` +
    `(${num(over)} participants) is ${num(weighted)} (difference ${num(used - weighted)})`
  );
}

/** Numbers in the JSON messages: no grouping, so they read the same in Dutch and English. */
export function plain(n: number): string {
  const digits = Math.abs(n) >= 1000 ? 0 : 2;
  return String(Math.round(n * 10 ** digits) / 10 ** digits);
}

/** A warning's sentence from its data (`message` as given when the data has no sentence of its own). */
export function warningMessage(w: Warning, num: (n: number) => string = plain): string {
  if (w.code === "printed-figure" && w.where && w.printed !== undefined && w.computed !== undefined && w.difference !== undefined) {
    return printedFigureMessage(w.where, w.printed, w.computed, w.difference, w.note, num);
  }
  if (w.code === "weighted-vs-used" && w.used !== undefined && w.computed !== undefined && w.where) {
    return weightedVsUsedMessage(w.where, w.used, w.computed, w.participants ?? 0, num);
  }
  return w.message ?? w.code;
}
