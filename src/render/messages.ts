// Warning text, built here from each warning's data (one function per warning code) so that it follows
// --lang and the number notation.
import type { Warning } from "../engine/result.js";
import type { Formatter } from "./format.js";

import type { PrintedFigureWarning, RatioUndefinedWarning, WeightedVsUsedWarning } from "../engine/result.js";

type Lang = Formatter["locale"];
type Num = (n: number) => string;

function printedFigure(w: PrintedFigureWarning, num: Num, lang: Lang): string {
  const note = w.note ? `: ${w.note}` : "";
  return lang === "nl"
    ? `${w.where}: in het rapport staat ${w.printed}, het model rekent ${num(w.computed)} (verschil ${num(w.difference)})${note}`
    : `${w.where} prints ${w.printed}, the model computes ${num(w.computed)} (difference ${num(w.difference)})${note}`;
}

function weightedVsUsed(w: WeightedVsUsedWarning, num: Num, lang: Lang): string {
  const over = num(w.participants);
  const diff = num(w.used - w.computed);
  return lang === "nl"
    ? `${w.where}: het model gebruikt ${num(w.used)} per eenheid, maar het gewogen gemiddelde over de activiteiten ` +
        `(${over} deelnemers) is ${num(w.computed)} (verschil ${diff})`
    : `${w.where}: the model uses ${num(w.used)} per unit, but the weighted average over the activities ` +
        `(${over} participants) is ${num(w.computed)} (difference ${diff})`;
}

function ratioUndefined(w: RatioUndefinedWarning, _num: Num, lang: Lang): string {
  return lang === "nl"
    ? `scenario ${w.scenario}: geen ratio; de inbreng (${w.inputs}) is te klein naast de opbrengst om een eindige ratio te geven`
    : `scenario ${w.scenario}: no ratio; the inputs (${w.inputs}) are too small next to the benefits to give a finite ratio`;
}

/** One text per code; the loader's notes carry their own sentence (English, as written in the file's terms). */
function text(w: Warning, num: Num, lang: Lang): string {
  switch (w.code) {
    case "printed-figure":
      return printedFigure(w, num, lang);
    case "weighted-vs-used":
      return weightedVsUsed(w, num, lang);
    case "ratio-undefined":
      return ratioUndefined(w, num, lang);
    default:
      return w.message;
  }
}

/** A warning's message in the report's language and number notation. */
export function warningText(w: Warning, f: Formatter): string {
  const num = (n: number) => f.number(n, Math.abs(n) >= 1000 ? 0 : 2);
  return text(w, num, f.locale);
}

/** Numbers in the JSON messages: no grouping, so they read the same in Dutch and English. */
export function plain(n: number): string {
  const digits = Math.abs(n) >= 1000 ? 0 : 2;
  return String(Math.round(n * 10 ** digits) / 10 ** digits);
}

/** The English sentence the JSON result carries in `message` (plain numbers). */
export function warningMessage(w: Warning): string {
  return text(w, plain, "en");
}
