// Warning text, built here from each warning's data (one function per warning code) so that it follows
// --lang and the number notation.
import type { Warning } from "../engine/result.js";
import type { Formatter } from "./format.js";

import type { NoteDetail, PrintedFigureWarning, RatioUndefinedWarning, WeightedVsUsedWarning } from "../engine/result.js";

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

const STARS_NL = ["", "* (beperkt)", "** (voldoende)", "*** (goed)"];

const DEPRECATED_NL: Record<Extract<NoteDetail, { kind: "deprecated" }>["form"], string> = {
  baselines: '"baselines:" is verouderd: kentallen zijn parameters met "group: baseline"',
  "qaly-true": '"qaly: true" is verouderd: noem de prijs van een QALY ("qaly: qaly_price")',
  "outcome-certainty": "heeft geen effect en is verouderd: de zekerheid van een studie staat in de bibliotheek",
  "stakeholder-role": 'heeft geen effect en is verouderd: schrijf het in "name" of "note"',
};

/** A loader's note in Dutch, from its data (the English sentence is the note's own message). */
function noteNl(d: NoteDetail, fmtNum: Num): string {
  // Whole values as the library writes them (482, 1.500), fractions in the report's notation.
  const num = (n: number) => (Number.isInteger(n) ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".") : fmtNum(n));
  switch (d.kind) {
    case "override":
      return d.library_value === null
        ? `voegt ${d.domain} = ${num(d.used_value)} toe aan bibliotheekstudie "${d.study}" (${d.study_name}): ${d.reason}`
        : `wijkt af van bibliotheekstudie "${d.study}" (${d.study_name}) voor ${d.domain}: bibliotheek ${num(d.library_value)}, dit model ${num(d.used_value)}: ${d.reason}`;
    case "indexation":
      return `studie "${d.study}" geïndexeerd van prijspeil ${d.from} naar ${d.to} met ${d.series}: x${d.factor.toFixed(4).replace(".", ",")}`;
    case "low-certainty":
      return (
        `studie "${d.study}" (${d.study_name}) heeft zekerheid ${STARS_NL[d.certainty] ?? d.certainty}, lager dan de ${STARS_NL[d.required] ?? d.required} die het model vraagt` +
        (d.used_by.length ? `; gebruikt door ${d.used_by.join(", ")}` : "")
      );
    case "notation":
      return `${d.field}: ${d.written} wordt gelezen als ${String(d.read_as).replace(".", ",")}, niet ${d.whole}: YAML-getallen hebben een decimale punt; schrijf ${d.whole} als duizendtallen bedoeld zijn, of zet het tussen aanhalingstekens ("${d.written}")`;
    case "deprecated":
      return `${d.form === "baselines" || d.form === "qaly-true" ? "" : d.field + " "}${d.form === "qaly-true" ? d.field + ": " : ""}${DEPRECATED_NL[d.form]} (sroi migrate FILE toont de nieuwe vorm)`;
  }
}

/** One text per code; the loader's notes carry their English sentence and, for Dutch, their data. */
function text(w: Warning, num: Num, lang: Lang): string {
  switch (w.code) {
    case "printed-figure":
      return printedFigure(w, num, lang);
    case "weighted-vs-used":
      return weightedVsUsed(w, num, lang);
    case "ratio-undefined":
      return ratioUndefined(w, num, lang);
    default:
      return lang === "nl" && w.detail ? noteNl(w.detail, num) : w.message;
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
