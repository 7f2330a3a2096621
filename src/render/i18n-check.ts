// The words of `sroi check` and `sroi diff` tables, in English and Dutch (the run labels are in i18n.ts).
// Sentences with counts are functions, so each language says its own plurals.
import type { CheckStatus } from "../check/check.js";
import type { Locale } from "./format.js";

const s = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const en = {
  head: ["Figure", "Published in", "Published", "Computed", "Difference", "Status"],
  status: { ok: "ok", mismatch: "MISMATCH", missing: "MISSING", not_reproducible: "not reproducible", unexpectedly_reproduces: "REPRODUCES NOW" } as Record<CheckStatus, string>,
  none: "(none)",
  publishedFigures: "published figures",
  problems: (n: number) => `${s(n, "problem", "problems")} (listed on stderr)`,
  modelDidNotLoad: "the model did not load",
  fixtureDidNotLoad: "the published figures did not load",
  noPublished: "no published figures",
  figuresLine: (n: number, ok: number, nr: number, fail: number) => `${s(n, "figure", "figures")}: ${ok} reproduce, ${nr} recorded as not reproducible, ${fail} fail`,
  summary: (models: number, figures: number, ok: number, nr: number, fail: number) =>
    `${s(models, "model", "models")}, ${s(figures, "figure", "figures")}: ${ok} reproduce, ${nr} recorded as not reproducible, ${fail} fail`,
  withoutPublished: (n: number) => `${s(n, "model", "models")} without published figures`,
  didNotLoadCount: (n: number) => `${s(n, "model", "models")} did not load`,
  failures: "Failures",
  failure: (name: string, figure: string, published: string, computed: string, status: string) => `${name}  ${figure}: published ${published}, computed ${computed} (${status})`,
  problemsOnStderr: "problems on stderr",
  warnings: "Warnings",
  mismatchNote: (name: string, computed: string, rule: string) => `${name}: computed ${computed}, which does not hold: ${rule}`,
  missingNote: (name: string) => `${name}: the model computes no such figure (sroi figures MODEL lists the names)`,
  reproducesNote: (name: string, rule: string, reason: string) => `${name}: recorded as not reproducible, but now it does (${rule}); review the fixture's reason: ${reason}`,
  notReproducibleNote: (name: string, reason: string) => `${name}: not reproducible: ${reason}`,
  publishedAs: (p: string) => `(published "${p}")`,
  diff: {
    head: ["Figure", "Old", "New", "Change", "Relative", "Published"],
    comparedWith: "Compared with",
    newModel: "new since the baseline",
    goneModel: "gone since the baseline (not among the models run now)",
    failedModel: "did not run (see the problems above)",
    nothingMoved: (n: number) => `no figure moved (${s(n, "figure", "figures")})`,
    moved: (moved: number, of: number) => `${moved} of ${of} figures moved`,
    newFigure: "new",
    goneFigure: "gone",
    fromZero: "from 0",
    holds: "holds",
    fails: "FAILS",
    summary: (models: number, parts: { changed: number; moved: number; unchanged: number; new: number; gone: number; failed: number }) =>
      `${s(models, "model", "models")}: ${[
        `${parts.changed} changed (${s(parts.moved, "figure", "figures")} moved)`,
        `${parts.unchanged} unchanged`,
        `${parts.new} new`,
        `${parts.gone} gone`,
        ...(parts.failed > 0 ? [`${parts.failed} did not run`] : []),
      ].join(", ")}`,
  },
};

export type CheckWords = typeof en;

const nl: CheckWords = {
  head: ["Cijfer", "Gepubliceerd in", "Gepubliceerd", "Berekend", "Verschil", "Status"],
  status: { ok: "ok", mismatch: "AFWIJKING", missing: "ONTBREEKT", not_reproducible: "niet reproduceerbaar", unexpectedly_reproduces: "NU REPRODUCEERBAAR" },
  none: "(geen)",
  publishedFigures: "gepubliceerde cijfers",
  problems: (n) => `${s(n, "probleem", "problemen")} (op stderr)`,
  modelDidNotLoad: "het model laadt niet",
  fixtureDidNotLoad: "de gepubliceerde cijfers laden niet",
  noPublished: "geen gepubliceerde cijfers",
  figuresLine: (n, ok, nr, fail) => `${s(n, "cijfer", "cijfers")}: ${ok} gereproduceerd, ${nr} vastgelegd als niet reproduceerbaar, ${fail} mislukt`,
  summary: (models, figures, ok, nr, fail) =>
    `${s(models, "model", "modellen")}, ${s(figures, "cijfer", "cijfers")}: ${ok} gereproduceerd, ${nr} vastgelegd als niet reproduceerbaar, ${fail} mislukt`,
  withoutPublished: (n) => `${s(n, "model", "modellen")} zonder gepubliceerde cijfers`,
  didNotLoadCount: (n) => `${s(n, "model laadt", "modellen laden")} niet`,
  failures: "Mislukt",
  failure: (name, figure, published, computed, status) => `${name}  ${figure}: gepubliceerd ${published}, berekend ${computed} (${status})`,
  problemsOnStderr: "problemen op stderr",
  warnings: "Waarschuwingen",
  mismatchNote: (name, computed, rule) => `${name}: berekend ${computed}, dat klopt niet: ${rule}`,
  missingNote: (name) => `${name}: het model berekent dit cijfer niet (sroi figures MODEL geeft de namen)`,
  reproducesNote: (name, rule, reason) => `${name}: vastgelegd als niet reproduceerbaar, maar nu wel (${rule}); herzie de reden in de fixture: ${reason}`,
  notReproducibleNote: (name, reason) => `${name}: niet reproduceerbaar: ${reason}`,
  publishedAs: (p) => `(gepubliceerd "${p}")`,
  diff: {
    head: ["Cijfer", "Oud", "Nieuw", "Verandering", "Relatief", "Gepubliceerd"],
    comparedWith: "Vergeleken met",
    newModel: "nieuw sinds de vergelijkingsbasis",
    goneModel: "verdwenen sinds de vergelijkingsbasis (niet bij de modellen die nu draaien)",
    failedModel: "niet gedraaid (zie de problemen hierboven)",
    nothingMoved: (n) => `geen cijfer veranderd (${s(n, "cijfer", "cijfers")})`,
    moved: (moved, of) => `${moved} van ${of} cijfers veranderd`,
    newFigure: "nieuw",
    goneFigure: "weg",
    fromZero: "vanaf 0",
    holds: "klopt",
    fails: "KLOPT NIET",
    summary: (models, parts) =>
      `${s(models, "model", "modellen")}: ${[
        `${parts.changed} veranderd (${s(parts.moved, "cijfer", "cijfers")} veranderd)`,
        `${parts.unchanged} ongewijzigd`,
        `${parts.new} nieuw`,
        `${parts.gone} verdwenen`,
        ...(parts.failed > 0 ? [`${parts.failed} niet gedraaid`] : []),
      ].join(", ")}`,
  },
};

export function checkWords(locale: Locale): CheckWords {
  return locale === "en" ? en : nl;
}
