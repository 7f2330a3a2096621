// Warning text, built here from each warning's data (one function per warning code) so that it follows
// --lang and the number notation; a code this file does not know falls back to the warning's message.
import type { Warning } from "../engine/result.js";
import type { Formatter } from "./format.js";

type Lang = Formatter["locale"];
type Builder = (w: Warning, num: (n: number) => string, lang: Lang) => string | null;

const printedFigure: Builder = (w, num, lang) => {
  if (!w.where || w.printed === undefined || w.computed === undefined || w.difference === undefined) return null;
  const note = w.note ? `: ${w.note}` : "";
  return lang === "nl"
    ? `${w.where}: in het rapport staat ${w.printed}, het model rekent ${num(w.computed)} (verschil ${num(w.difference)})${note}`
    : `${w.where} prints ${w.printed}, the model computes ${num(w.computed)} (difference ${num(w.difference)})${note}`;
};

const weightedVsUsed: Builder = (w, num, lang) => {
  if (!w.where || w.used === undefined || w.computed === undefined) return null;
  const over = num(w.participants ?? 0);
  const diff = num(w.used - w.computed);
  return lang === "nl"
    ? `${w.where}: het model gebruikt ${num(w.used)} per eenheid, maar het gewogen gemiddelde over de activiteiten ` +
        `(${over} deelnemers) is ${num(w.computed)} (verschil ${diff})`
    : `${w.where}: the model uses ${num(w.used)} per unit, but the weighted average over the activities ` +
        `(${over} participants) is ${num(w.computed)} (difference ${diff})`;
};

const BUILDERS: Record<string, Builder> = {
  "printed-figure": printedFigure,
  "weighted-vs-used": weightedVsUsed,
};

/** A warning's message in the report's language and number notation. */
export function warningText(w: Warning, f: Formatter): string {
  const num = (n: number) => f.number(n, Math.abs(n) >= 1000 ? 0 : 2);
  return BUILDERS[w.code]?.(w, num, f.locale) ?? w.message ?? w.code;
}

/** Numbers in the JSON messages: no grouping, so they read the same in Dutch and English. */
export function plain(n: number): string {
  const digits = Math.abs(n) >= 1000 ? 0 : 2;
  return String(Math.round(n * 10 ** digits) / 10 ** digits);
}

/** The English sentence the JSON result carries in `message` (plain numbers). */
export function warningMessage(w: Warning): string {
  return BUILDERS[w.code]?.(w, plain, "en") ?? w.message ?? w.code;
}
