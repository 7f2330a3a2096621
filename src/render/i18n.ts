// Every label the renderers print, in English and Dutch: one dictionary, so a report never mixes the two.
// Method-aware words: an MKBA (maatschappelijke kosten-batenanalyse) speaks of "saldo" and
// "kosten-batenverhouding", an SROI of the "SROI-ratio"; the method comes from the model's meta.method.
import type { ModelResult } from "../engine/result.js";
import type { Locale } from "./format.js";

const en = {
  source: "Source",
  period: "Period",
  prices: "prices",
  discount: "discount",
  scenario: "Scenario",
  scenarios: "Scenarios",
  variant: "variant",
  variantOf: "variant of",
  participantsTitle: "Participants per year",
  group: "Group",
  groups: "Groups",
  counterfactual: "Counterfactual",
  difference: "Difference",
  extraParticipants: "Extra participants",
  unique: "unique",
  valuationTitle: "Valuation per participant per year",
  outcome: "Outcome",
  weighted: "Weighted avg",
  usedValue: "Used value",
  impactClaim: "Impact claim",
  netValueUnit: "Net value",
  vsBaseline: "vs baseline",
  quantity: "Quantity",
  modelSetsValue: "the model sets this value itself; see warnings when it differs from the weighted average",
  inputsTitle: "Inputs",
  input: "Input",
  total: "Total",
  counted: "Counted",
  pv: "PV",
  benefitsTitle: "Benefits",
  immaterial: "immaterial",
  presentValue: "Present value",
  costs: "Costs",
  benefits: "Benefits",
  inputs: "Inputs",
  inputsLower: "inputs",
  benefitsLower: "benefits",
  perStakeholderYear: "Per stakeholder and year",
  perStakeholder: "Per stakeholder",
  stakeholder: "Stakeholder",
  countedOrPv: "Counted / PV",
  benefitsPv: "Benefits (PV)",
  net: "Net",
  ratio: "Ratio",
  financialRatio: "financial ratio",
  payback: "payback {n} years",
  noPayback: "no payback within the horizon",
  noInputs: "no inputs: no ratio",
  inputsTooSmall: "inputs too small next to the benefits: no ratio",
  headlineRatio: "Headline ratio",
  qalys: "QALYs over the period",
  references: "References",
  study: "Study",
  certainty: "Certainty",
  valuesPerParticipant: "Values per participant per year",
  sourceCol: "Source",
  warnings: "Warnings",
  noWarnings: "No warnings.",
  band: "band",
  year: "Year",
  activities: "Activities counted",
  activity: "Activity",
  participantsCol: "Participants",
  participantGroups: "Participants by group",
  factsheet: "Factsheet",
  fullTables: "Full tables",
  sourcesTitle: "Sources of the reference values",
  inputsPerStakeholder: "Inputs per stakeholder",
  benefitsPerStakeholder: "Benefits per stakeholder (present value)",
  simulated: "simulated P5–P95",
  sensitivity: "Sensitivity",
  low: "low",
  high: "high",
  parameter: "Parameter",
  model: "Model",
  measure: "Measure",
  value: "Value",
  generated: "Made with sroi",
  summary: "Summary",
  error: "error",
  batchLine: "{n} models, {ran} ran, {failed} failed",
  // method-aware
  ratioName: { sroi: "SROI ratio", mkba: "Benefit-cost ratio" },
  netRatioName: { sroi: "Net SROI ratio", mkba: "Net benefit-cost ratio" },
  netValue: { sroi: "net value", mkba: "net present value" },
  netColumn: { sroi: "Net", mkba: "Net present value" },
};

export type Labels = typeof en;

const nl: Labels = {
  source: "Bron",
  period: "Periode",
  prices: "prijspeil",
  discount: "disconto",
  scenario: "Scenario",
  scenarios: "Scenario's",
  variant: "variant",
  variantOf: "variant van",
  participantsTitle: "Deelnemers per jaar",
  group: "Groep",
  groups: "Groepen",
  counterfactual: "Zonder project",
  difference: "Verschil",
  extraParticipants: "Extra deelnemers",
  unique: "uniek",
  valuationTitle: "Waardering per deelnemer per jaar",
  outcome: "Effect",
  weighted: "Gewogen gem.",
  usedValue: "Gebruikte waarde",
  impactClaim: "Impactclaim",
  netValueUnit: "Netto waarde",
  vsBaseline: "t.o.v. kentallen",
  quantity: "Aantal",
  modelSetsValue: "het model kiest deze waarde zelf; zie de waarschuwingen als die afwijkt van het gewogen gemiddelde",
  inputsTitle: "Inbreng",
  input: "Inbreng",
  total: "Totaal",
  counted: "Geteld",
  pv: "CW",
  benefitsTitle: "Opbrengsten",
  immaterial: "immaterieel",
  presentValue: "Contante waarde",
  costs: "Kosten",
  benefits: "Baten",
  inputs: "Inbreng",
  inputsLower: "inbreng",
  benefitsLower: "baten",
  perStakeholderYear: "Per belanghebbende en jaar",
  perStakeholder: "Per belanghebbende",
  stakeholder: "Belanghebbende",
  countedOrPv: "Geteld / CW",
  benefitsPv: "Baten (CW)",
  net: "Netto",
  ratio: "Ratio",
  financialRatio: "financiële ratio",
  payback: "terugverdientijd {n} jaar",
  noPayback: "niet terugverdiend binnen de periode",
  noInputs: "geen inbreng: geen ratio",
  inputsTooSmall: "inbreng te klein naast de baten: geen ratio",
  headlineRatio: "Kernratio",
  qalys: "QALY's over de periode",
  references: "Referenties",
  study: "Studie",
  certainty: "Zekerheid",
  valuesPerParticipant: "Waarden per deelnemer per jaar",
  sourceCol: "Bron",
  warnings: "Waarschuwingen",
  noWarnings: "Geen waarschuwingen.",
  band: "bandbreedte",
  year: "Jaar",
  activities: "Meegetelde activiteiten",
  activity: "Activiteit",
  participantsCol: "Deelnemers",
  participantGroups: "Deelnemers per groep",
  factsheet: "Factsheet",
  fullTables: "Alle tabellen",
  sourcesTitle: "Bronnen van de referentiewaarden",
  inputsPerStakeholder: "Inbreng per belanghebbende",
  benefitsPerStakeholder: "Baten per belanghebbende (contante waarde)",
  simulated: "gesimuleerd P5–P95",
  sensitivity: "Gevoeligheid",
  low: "laag",
  high: "hoog",
  parameter: "Parameter",
  model: "Model",
  measure: "Maat",
  value: "Waarde",
  generated: "Gemaakt met sroi",
  summary: "Samenvatting",
  error: "fout",
  batchLine: "{n} modellen, {ran} gedraaid, {failed} mislukt",
  ratioName: { sroi: "SROI-ratio", mkba: "Kosten-batenverhouding" },
  netRatioName: { sroi: "Netto SROI-ratio", mkba: "Netto kosten-batenverhouding" },
  netValue: { sroi: "netto waarde", mkba: "saldo" },
  netColumn: { sroi: "Netto", mkba: "Saldo" },
};

const DICTIONARIES: Record<Locale, Labels> = { en, nl };

export type MethodWords = "sroi" | "mkba";

/** The labels of one language, with the method's own words picked out. */
export interface Words extends Labels {
  locale: Locale;
  method: MethodWords;
  ratioLabel: string;
  netRatioLabel: string;
  netValueLabel: string;
  netColumnLabel: string;
  /** "{n}" in a label replaced by n. */
  fill(label: string, n: string): string;
}

export function words(locale: Locale, method: string | null | undefined): Words {
  const d = DICTIONARIES[locale];
  const m: MethodWords = method === "mkba" ? "mkba" : "sroi";
  return {
    ...d,
    locale,
    method: m,
    ratioLabel: d.ratioName[m],
    netRatioLabel: d.netRatioName[m],
    netValueLabel: d.netValue[m],
    netColumnLabel: d.netColumn[m],
    fill: (label, n) => label.replace("{n}", n),
  };
}

export { LOCALES } from "./locales.js";

/**
 * The language a model's report is printed in: --lang when given, else the model's declared language
 * (meta.locale or meta.lang, when the model language has one), else Dutch, the reports' own language.
 */
export function modelLocale(result: ModelResult, requested?: Locale): Locale {
  if (requested) return requested;
  const m = result.model as ModelResult["model"] & { locale?: string; lang?: string };
  const declared = (m.locale ?? m.lang ?? "").toLowerCase().slice(0, 2);
  return declared === "en" ? "en" : "nl";
}

// The engine and the checks describe a discount and a check's rule in English words (the JSON keeps
// them so); the text outputs show them in the output language. Each phrase they can produce is listed.
const DISCOUNT_NL: [RegExp, string][] = [
  [/, year 0 undiscounted/, ", jaar 0 niet verdisconteerd"],
  [/, mid-year \(t - 0\.5\)/, ", midden van het jaar (t - 0,5)"],
  [/, discounted from year 1/, ", verdisconteerd vanaf jaar 1"],
  [/; inputs not discounted/, "; inbreng niet verdisconteerd"],
  [/^not discounted/, "niet verdisconteerd"],
  [/^effects (.*), costs /, "effecten $1, kosten "],
  [/ from year (\d+)/g, " vanaf jaar $1"],
  [/^HM Treasury Green Book schedule \((.*) to year 30, then (.*), \.\.\.\)/, "HM Treasury Green Book-schema ($1 tot jaar 30, daarna $2, ...)"],
  [/^Dutch MKBA standard /, "MKBA-standaard "],
  [/^Dutch health-economics guideline 2024 \(costs (.*), effects (.*)\)/, "richtlijn gezondheidseconomie 2024 (kosten $1, effecten $2)"],
];

/** A decimal point between digits as the Dutch decimal comma. */
const commaDecimals = (s: string) => s.replace(/(\d)\.(\d)/g, "$1,$2");

/** The model's discount description (result.model.discount) in the output language. */
export function discountText(label: string, locale: Locale): string {
  if (locale !== "nl") return label;
  let out = label;
  for (const [re, to] of DISCOUNT_NL) out = out.replace(re, to);
  return commaDecimals(out);
}

/** A check's rule ("rounds to 6.2 (±0.05)", "at least 3", "within 5% (±0.3)") in the output language. */
export function ruleText(rule: string, locale: Locale): string {
  if (locale !== "nl") return rule;
  return commaDecimals(
    rule
      .replace(/^rounds to /, "afgerond ")
      .replace(/^at least /, "minstens ")
      .replace(/^at most /, "hoogstens ")
      .replace(/^within /, "binnen "),
  );
}

/** What `sroi validate` says of a model that loads, in the model's language: "1 scenario, 0 warnings". */
export function validatedText(scenarios: number, warnings: number, locale: Locale): string {
  return locale === "nl"
    ? `${scenarios} scenario${scenarios === 1 ? "" : "'s"}, ${warnings} waarschuwing${warnings === 1 ? "" : "en"}`
    : `${scenarios} scenario${scenarios === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`;
}

/** The analysis commands' labels and sentences (sensitivity, breakeven, simulate, split, --min-certainty). */
export interface AnalysisWords {
  sensitivityTitle: string;
  sensitivityIntro: string;
  /** "; numbers without a range vary ±{x}" */
  spreadNote: string;
  nothingMoves: string;
  sensitivityHead: string[];
  moreUnmoved: (n: number) => string;
  breakevenTitle: (param: string, title: string) => string;
  stopsPaying: string;
  reachesRatio: (r: string) => string;
  unreachable: string;
  noEffect: string;
  notApplicable: string;
  breakevenHead: (param: string) => string[];
  couldMove: (param: string, rise: boolean, from: string, to: string, scenario: string, goal: string) => string;
  simulateTitle: string;
  draws: (n: string, seed: number) => string;
  triangular: string;
  drawn: (n: number) => string;
  benefitsOf: (name: string) => string;
  simulateHead: string[];
  pAbove: (target: string, p: string) => string;
  splitTitle: string;
  splitIntro: (key: string) => string;
  splitKeys: { proportional: string; equal: string; model: string };
  splitHead: string[];
  total: string;
  certaintyTitle: (stars: string, n: number) => string;
  certaintyNone: string;
  certaintyDropped: (list: string) => string;
  certaintyHead: (n: number) => string[];
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const analysisEn: AnalysisWords = {
  sensitivityTitle: "Sensitivity",
  sensitivityIntro: "Each number from its low to its high value, the others as the model says",
  spreadNote: "; numbers without a range vary ±{x}",
  nothingMoves: "nothing varied moves this scenario's ratio",
  sensitivityHead: ["number", "low", "high", "ratio low", "ratio high", "swing"],
  moreUnmoved: (n) => `${plural(n, "more number", "more numbers")} varied without moving the ratio`,
  breakevenTitle: (p, t) => `Break-even: ${p} in ${t}`,
  stopsPaying: "stops paying (ratio 1)",
  reachesRatio: (r) => `reaches a ratio of ${r}`,
  unreachable: "no allowed value reaches it",
  noEffect: "does not move this ratio",
  notApplicable: "not in this scenario",
  breakevenHead: (p) => ["scenario", p, "ratio", "break-even", "change"],
  couldMove: (p, rise, from, to, s, goal) => `${p} could ${rise ? "rise" : "fall"} from ${from} to ${to} before ${s} ${goal}.`,
  simulateTitle: "Monte Carlo",
  draws: (n, seed) => `${n} draws, seed ${seed}`,
  triangular: "triangular",
  drawn: (n) => `${plural(n, "number", "numbers")} drawn`,
  benefitsOf: (name) => `benefits ${name}`,
  simulateHead: ["", "model", "mean", "P5", "median", "P95"],
  pAbove: (t, p) => `P(ratio > ${t}) = ${p}`,
  splitTitle: "Funding key",
  splitIntro: (key) => `The inputs shared over the stakeholders with financial benefits, ${key}.`,
  splitKeys: {
    proportional: "in proportion to each funder's financial benefits (present value)",
    equal: "in equal shares",
    model: "as the model allocates the inputs",
  },
  splitHead: ["funder", "share", "inputs", "financial benefits", "ratio"],
  total: "total",
  certaintyTitle: (stars, n) => `Only studies rated ${stars} or better (--min-certainty ${n})`,
  certaintyNone: "No benefit rests on a study rated lower; the ratios stand.",
  certaintyDropped: (list) => `Dropped the values from: ${list}.`,
  certaintyHead: (n) => ["scenario", "full ratio", `ratio >= ${n} stars`],
};

const analysisNl: AnalysisWords = {
  sensitivityTitle: "Gevoeligheidsanalyse",
  sensitivityIntro: "Elk getal van zijn lage tot zijn hoge waarde, de andere zoals het model ze geeft",
  spreadNote: "; getallen zonder bandbreedte variëren ±{x}",
  nothingMoves: "geen gevarieerd getal verandert de ratio van dit scenario",
  sensitivityHead: ["getal", "laag", "hoog", "ratio laag", "ratio hoog", "uitslag"],
  moreUnmoved: (n) => `nog ${plural(n, "getal", "getallen")} gevarieerd zonder dat de ratio verandert`,
  breakevenTitle: (p, t) => `Break-even: ${p} in ${t}`,
  stopsPaying: "niet meer rendeert (ratio 1)",
  reachesRatio: (r) => `een ratio van ${r} bereikt`,
  unreachable: "geen toegestane waarde bereikt het",
  noEffect: "verandert deze ratio niet",
  notApplicable: "niet in dit scenario",
  breakevenHead: (p) => ["scenario", p, "ratio", "break-even", "verandering"],
  couldMove: (p, rise, from, to, s, goal) => `${p} kan ${rise ? "stijgen" : "dalen"} van ${from} tot ${to} voordat ${s} ${goal}.`,
  simulateTitle: "Monte Carlo-simulatie",
  draws: (n, seed) => `${n} trekkingen, seed ${seed}`,
  triangular: "driehoeksverdeling",
  drawn: (n) => `${plural(n, "getal", "getallen")} getrokken`,
  benefitsOf: (name) => `baten ${name}`,
  simulateHead: ["", "model", "gemiddelde", "P5", "mediaan", "P95"],
  pAbove: (t, p) => `Kans dat de ratio boven ${t} ligt: ${p}`,
  splitTitle: "Verdeelsleutel",
  splitIntro: (key) => `De inbreng verdeeld over de belanghebbenden met financiële baten, ${key}.`,
  splitKeys: {
    proportional: "naar rato van de financiële baten van elke financier (contante waarde)",
    equal: "in gelijke delen",
    model: "zoals het model de inbreng toedeelt",
  },
  splitHead: ["financier", "aandeel", "inbreng", "financiële baten", "ratio"],
  total: "totaal",
  certaintyTitle: (stars, n) => `Alleen studies met ${stars} of beter (--min-certainty ${n})`,
  certaintyNone: "Geen baat rust op een lager gewaardeerde studie; de ratio's blijven staan.",
  certaintyDropped: (list) => `Weggelaten: de waarden uit ${list}.`,
  certaintyHead: (n) => ["scenario", "volledige ratio", `ratio >= ${n} sterren`],
};

export function analysisWords(locale: Locale): AnalysisWords {
  return locale === "en" ? analysisEn : analysisNl;
}
