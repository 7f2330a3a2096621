// From the model as written to the model the engine computes on: shorthands resolved, expressions
// parsed and their names checked, cross-references checked (ids exist, shares add up), library
// values looked up. Every problem is collected, none thrown, so a user sees them all at once.
import { exprRefs, parseExpr } from "../expr/expr.js";
import type { LibraryDoc, ModelDoc } from "../schema/model.js";
import type {
  LibraryNote,
  NActivity,
  NExpr,
  NImpactClaim,
  NInput,
  NModel,
  NOutcome,
  NParam,
  OutcomeNumber,
  NScenario,
  NStudy,
  Path,
} from "../engine/model.js";
import { didYouMean } from "./problems.js";
import { readShare } from "../schema/share.js";
import { checkRules } from "./normalize/rules.js";
import { normalizeLibrary } from "./normalize/library.js";
import { DISCOUNT_PRESETS, normalizeDiscount, scenarioTime, yearRange } from "./normalize/time.js";
import { declaredRange, deprecations } from "./normalize/parameters.js";

export { yearRange } from "./normalize/time.js";

/** A problem found while normalising, before it is given a file position. */
export interface RawProblem {
  path: Path;
  message: string;
  hint?: string;
  /** Column offset inside an expression, to add to the node's column. */
  offset?: number;
  /** When the problem is in a library file rather than the model. */
  file?: string;
}

export interface LoadedLibrary {
  file: string;
  doc: LibraryDoc;
}

export const share = readShare;

/** Names an expression may use besides parameters and library values: participant groups, activity mixes. */
function modelNames(doc: ModelDoc, domains: Set<string>): string[] {
  const names: string[] = [];
  if (doc.participants) {
    names.push("extra_participants");
    for (const g of doc.participants.groups) names.push(`participants.${g.id}`, `counterfactual.${g.id}`);
  }
  if ((doc.activities ?? []).length > 0) {
    names.push("activities.participants");
    for (const d of domains) names.push(`activities.weighted.${d}`, `activities.total.${d}`);
  }
  return names;
}

/** The library values' names (ref.<study>.<domain>): many, so asked one by one (isStudyName) and listed only for a did-you-mean. */
function studyNames(studies: Map<string, NStudy>): string[] {
  const names: string[] = [];
  for (const s of studies.values()) for (const d of s.values.keys()) names.push(`ref.${s.id}.${d}`);
  return names;
}

function isStudyName(name: string, studies: Map<string, NStudy>): boolean {
  if (!name.startsWith("ref.")) return false;
  const dot = name.indexOf(".", 4);
  return dot > 4 && studies.get(name.slice(4, dot))?.values.has(name.slice(dot + 1)) === true;
}

/** `rulesClean`: the model's own rules (docRulesClean) are known to find nothing; only those reading its library run. */
export function normalize(doc: ModelDoc, fileId: string, libraries: LoadedLibrary[], opts: { rulesClean?: boolean } = {}): { model?: NModel; problems: RawProblem[] } {
  const problems: RawProblem[] = [];
  const problem = (path: Path, message: string, hint?: string, offset?: number) =>
    problems.push({ path, message, hint, offset });

  // ---- library: studies, prices, index series (normalize/library.ts) ---------------------------
  const { studies, prices, libraryNotes } = normalizeLibrary(doc, libraries, problems);

  // ---- names -----------------------------------------------------------------------------------
  const params = new Map<string, NParam>(prices);
  const stakeholderList = doc.stakeholders ?? [];
  const stakeholderIds = stakeholderList.map((s) => s.id);
  problems.push(...checkRules({ doc, studies: new Map([...studies].map(([id, st]) => [id, [...st.values.keys()]])) }, opts.rulesClean));

  // No time: one undiscounted year (numbered 1); `year: 2022` is a one-year period.
  const time = doc.time ?? {};
  const period = time.year !== undefined ? { start: time.year, end: time.year } : time.period !== undefined ? yearRange(time.period) : { start: 1, end: 1 };

  const pending: { nexpr: NExpr; offsetBase: Path }[] = [];
  /** A number by year as an expression: the entry for `year`, a list aligned with the model's period. */
  const byYear = (q: (number | string)[] | Record<string, number | string>, path: Path): NExpr => {
    const num = (x: number | string) => (typeof x === "number" ? x : share(x));
    const text = JSON.stringify(q);
    let start = period.start;
    let values: number[];
    if (Array.isArray(q)) {
      const years = period.end - period.start + 1;
      if (q.length !== years) problem(path, `a list by year has ${q.length} value${q.length === 1 ? "" : "s"}, the period ${period.start}-${period.end} has ${years} year${years === 1 ? "" : "s"}`, "give one value per year, or a map by year ({ 2026: 0.6, 2028: 0.2 })");
      values = q.map(num);
    } else {
      const entries = Object.entries(q).map(([y, x]) => [Number(y), num(x)] as const).sort((a, b) => a[0] - b[0]);
      start = entries[0]![0];
      if (start > period.start) problem([...path, String(start)], `a map by year starts in ${start}, after the first year of the period (${period.start})`, `give a value for ${period.start}`);
      // A value holds from its year on: the years between two entries take the earlier one.
      values = [];
      for (let e = 0; e < entries.length; e++) {
        const next = entries[e + 1]?.[0] ?? entries[e]![0] + 1;
        for (let y = entries[e]![0]; y < next; y++) values.push(entries[e]![1]);
      }
    }
    const ref = { kind: "ref" as const, name: "year", start: 0, end: 0 };
    const index = { kind: "bin" as const, op: "-" as const, left: ref, right: { kind: "num" as const, value: start, start: 0, end: 0 }, start: 0, end: 0 };
    return { expr: { kind: "table", index, values, start: 0, end: 0 }, text, path };
  };
  const expr = (q: number | string | (number | string)[] | Record<string, number | string>, path: Path): NExpr => {
    if (typeof q === "object") return byYear(q, path);
    const text = typeof q === "number" ? String(q) : q;
    if (typeof q === "number") return { expr: { kind: "num", value: q, start: 0, end: text.length }, text, path };
    const parsed = parseExpr(q);
    if (!parsed.ok) {
      const dotted = /^\s*-?[1-9]\d{0,2}(\.\d{3})+\s*$/.test(q); // Dutch thousands, as in 1.250.000
      if (dotted) problem(path, `${q.trim()} is not a number: YAML numbers have no thousands separator`, `write ${q.trim().replace(/\./g, "")}`);
      else problem(path, `cannot read expression: ${parsed.error.message}`, undefined, parsed.error.offset);
      return { expr: { kind: "num", value: Number.NaN, start: 0, end: 0 }, text, path };
    }
    const n = { expr: parsed.expr, text, path };
    pending.push({ nexpr: n, offsetBase: path });
    return n;
  };

  for (const [kind, block] of [["parameter", doc.parameters], ["baseline", doc.baselines]] as const) {
    for (const [name, p] of Object.entries(block ?? {})) {
      const key = kind === "parameter" ? "parameters" : "baselines";
      if (params.has(name)) continue; // rule one-name-per-number
      const isObj = typeof p === "object" && !Array.isArray(p);
      const value = expr(isObj ? p.value : p, isObj ? [key, name, "value"] : [key, name]);
      const group = isObj ? p.group : undefined;
      params.set(name, {
        name,
        kind: kind === "baseline" || group === "baseline" ? "baseline" : "parameter",
        group,
        value,
        unit: isObj ? p.unit : undefined,
        source: isObj ? p.source : undefined,
        note: isObj ? p.note : undefined,
        uncertainty: isObj ? declaredRange(p, value, [key, name], problem) : undefined,
      });
    }
  }

  // ---- participants and scenarios --------------------------------------------------------------
  const groupIds = doc.participants?.groups.map((g) => g.id) ?? [];
  // `quiet` when reading a parent scenario again for one that extends it: its problems are reported once.
  const participantsMap = (m: Record<string, number | string> | undefined, path: Path, quiet = false) => {
    const out = new Map<string, NExpr>();
    for (const [g, q] of Object.entries(m ?? {})) {
      if (!groupIds.includes(g)) continue; // rule participant-group-exists
      if (typeof q === "number" && q < 0 && !quiet) problem([...path, g], `participants must not be negative (got ${q})`);
      out.set(g, expr(q, [...path, g]));
    }
    return out;
  };
  // The unique-participant factor: a share ("70%", 0.7) or an expression over parameters.
  const uf = doc.participants?.unique_factor;
  // Text is an expression ("70%" reads as 0.7 there too); its value must be a share (compile checks).
  const uniqueFactor = uf === undefined ? undefined : expr(uf, ["participants", "unique_factor"]);
  const counterfactual = doc.counterfactual
    ? { name: doc.counterfactual.name, participants: participantsMap(doc.counterfactual.participants, ["counterfactual", "participants"]) }
    : undefined;

  const byId = new Map(doc.scenarios.map((s, i) => [s.id, { s, i }]));
  const scenarios: NScenario[] = [];
  doc.scenarios.forEach((s, i) => {
    // Resolve the `extends` chain, root first.
    const chain: typeof s[] = [];
    let cur: typeof s | undefined = s;
    const seen = new Set<string>();
    while (cur) {
      if (seen.has(cur.id)) break; // rule scenario-extends-exists
      seen.add(cur.id);
      chain.unshift(cur);
      if (!cur.extends) break;
      const parent = byId.get(cur.extends);
      if (!parent) break; // rule scenario-extends-exists
      cur = parent.s;
    }
    const participants = new Map<string, NExpr>();
    const sparams = new Map<string, NExpr>();
    // `range: low|high` first, so that a parameter the scenario (or one it extends) sets wins.
    const range = [...chain].reverse().find((link) => link.range)?.range;
    if (range) {
      for (const p of params.values()) {
        if (!p.uncertainty) continue;
        const v = range === "low" ? p.uncertainty.low : p.uncertainty.high;
        const path = [p.kind === "baseline" ? "baselines" : "parameters", p.name, range];
        sparams.set(p.name, { expr: { kind: "num", value: v, start: 0, end: String(v).length }, text: String(v), path });
      }
      if (![...params.values()].some((p) => p.uncertainty)) {
        problem(["scenarios", i, "range"], `scenario "${s.id}" takes the ${range} end of every range, but no parameter declares one`, 'give parameters "low" and "high"');
      }
    }
    for (const link of chain) {
      const li = byId.get(link.id)!.i;
      const quiet = link !== s;
      for (const [k, v] of participantsMap(link.participants, ["scenarios", li, "participants"], quiet)) participants.set(k, v);
      for (const [name, q] of Object.entries(link.parameters ?? {})) {
        if (!params.has(name)) continue; // rule scenario-parameter-exists
        sparams.set(name, expr(q, ["scenarios", li, "parameters", name]));
      }
    }
    scenarios.push({ id: s.id, name: s.name, variant: s.variant ?? false, extends: s.extends, participants, params: sparams, note: s.note });
  });

  // ---- activities --------------------------------------------------------------------------------
  const domains = new Set<string>();
  const activities: NActivity[] = (doc.activities ?? []).map((a, i) => {
    if (typeof a.participants === "number" && a.participants < 0) {
      problem(["activities", i, "participants"], `participants must not be negative (got ${a.participants})`);
    }
    const values: NActivity["values"] = [];
    if (a.ref) {
      const study = studies.get(a.ref);
      if (study) for (const [d, v] of study.values) values.push({ domain: d, value: { expr: { kind: "num", value: v, start: 0, end: 0 }, text: String(v), path: ["activities", i, "ref"] }, study: a.ref });
    }
    // By keys, not entries (a large model has tens of thousands of activities).
    const written = a.values ?? {};
    for (const d of Object.keys(written)) {
      const q = written[d];
      if (values.length > 0) {
        const at = values.findIndex((v) => v.domain === d);
        if (at >= 0) values.splice(at, 1);
      }
      if (q === null || q === undefined) continue;
      const e = expr(q, ["activities", i, "values", d]);
      const only = e.expr.kind === "ref" && e.expr.name.startsWith("ref.") ? e.expr.name.split(".")[1] : undefined;
      values.push({ domain: d, value: e, study: only });
    }
    for (const v of values) domains.add(v.domain);
    return { id: a.id, name: a.name, group: a.group, participants: expr(a.participants, ["activities", i, "participants"]), values };
  });

  // ---- allocations, inputs, outcomes ---------------------------------------------------------------
  const allocation = (item: { stakeholder?: string; allocation?: Record<string, number | string> }, path: Path) => {
    // Rules stakeholder-or-allocation, stakeholder-exists and allocation-adds-up say what is wrong here.
    if (item.stakeholder && item.allocation) return [];
    if (item.stakeholder) return [{ stakeholder: item.stakeholder, share: 1 }];
    // Neither: it counts in the totals only (a calculator without stakeholders).
    if (!item.allocation) return [];
    return Object.entries(item.allocation).map(([id, s]) => ({ stakeholder: id, share: share(s) }));
  };
  if (period.end < period.start) problem(["time", "period"], `the period ends (${period.end}) before it starts (${period.start})`);
  // A rate written as text is an expression, unless it is a misspelt preset ("nl-mkb").
  const rateExpr = (text: string, path: Path): NExpr => {
    const preset = didYouMean(text.trim(), DISCOUNT_PRESETS);
    if (preset && !/\s/.test(text.trim()) && !params.has(text.trim())) {
      problem(path, `no discount preset "${text.trim()}"`, `did you mean "${preset}"? (presets: ${DISCOUNT_PRESETS.join(", ")})`);
      return { expr: { kind: "num", value: Number.NaN, start: 0, end: 0 }, text, path };
    }
    return expr(text, path);
  };
  const discount = normalizeDiscount(time.discount, rateExpr);

  // A share or whole years as written: a literal is read now; an expression is computed per scenario
  // (compile checks that its value is a share, or whole years).
  const literalOrExpr = (x: number | string | (number | string)[], path: Path, read: (x: number | string) => number): { value: number; nexpr?: NExpr } =>
    Array.isArray(x) ? { value: Number.NaN, nexpr: expr(x, path) } : typeof x === "number" || /^\s*[-+]?[\d.,e]*\s*%+\s*$/i.test(x) ? { value: read(x) } : { value: Number.NaN, nexpr: expr(x, path) };

  const inputs: NInput[] = (doc.inputs ?? []).map((inp, i) => {
    const path: Path = ["inputs", i];
    const years = inp.years ? yearRange(inp.years) : period;
    const perYear = new Map<number, NExpr>();
    for (const [y, q] of Object.entries(inp.per_year ?? {})) perYear.set(Number(y), expr(q, [...path, "per_year", y]));
    const ix = inp.indexation;
    const index = ix === undefined ? { value: 0 } : typeof ix === "object" ? literalOrExpr(ix.rate, [...path, "indexation", "rate"], share) : literalOrExpr(ix, [...path, "indexation"], share);
    const indexFrom = typeof ix === "object" && ix.from !== undefined ? ix.from : years.start;
    return {
      id: inp.id,
      name: inp.name,
      allocation: allocation(inp, path),
      amount: inp.amount !== undefined ? expr(inp.amount, [...path, "amount"]) : undefined,
      presentValue: inp.present_value !== undefined ? expr(inp.present_value, [...path, "present_value"]) : undefined,
      perYear,
      indexRate: index.value,
      indexExpr: index.nexpr,
      indexFrom,
      indexStated: ix !== undefined,
      discounted: inp.discounted ?? discount.inputsDefault,
      years,
      yearsStated: inp.years !== undefined,
      group: inp.group,
      source: inp.source,
    };
  });

  const outcomes: NOutcome[] = (doc.outcomes ?? []).map((o, i) => {
    const path: Path = ["outcomes", i];
    let impact: NImpactClaim = { share: 1 };
    const exprs: NOutcome["exprs"] = {};
    const read = (x: number | string | (number | string)[], name: OutcomeNumber, at: Path, as: (x: number | string) => number = share): number => {
      const r = literalOrExpr(x, at, as);
      if (r.nexpr) exprs[name] = r.nexpr;
      return r.value;
    };
    if (o.impact_claim !== undefined) {
      if (typeof o.impact_claim === "object" && !Array.isArray(o.impact_claim)) {
        const c = o.impact_claim;
        const part = (name: "deadweight" | "attribution" | "displacement" | "leakage") => {
          const x = c[name];
          return x === undefined ? undefined : read(x, name, [...path, "impact_claim", name]);
        };
        impact = { share: 1, deadweight: part("deadweight"), attribution: part("attribution"), displacement: part("displacement"), leakage: part("leakage") };
        impact.share = [impact.deadweight, impact.attribution, impact.displacement, impact.leakage].reduce((acc: number, x) => acc * (1 - (x ?? 0)), 1);
      } else impact = { share: read(o.impact_claim, "impact_claim", [...path, "impact_claim"]) };
    }
    const whole = (x: number | string) => Number(x);
    const mode = o.amount !== undefined ? "amount" : "unit";
    const years = o.years ? yearRange(o.years) : period;
    return {
      id: o.id,
      name: o.name,
      allocation: allocation(o, path),
      domain: o.domain,
      group: o.group,
      kind: o.kind ?? "financial",
      effect: o.effect ?? "gain",
      mode,
      amount: o.amount !== undefined ? expr(o.amount, [...path, "amount"]) : undefined,
      quantity: o.quantity !== undefined ? expr(o.quantity, [...path, "quantity"]) : undefined,
      value: o.value !== undefined ? expr(o.value, [...path, "value"]) : undefined,
      valueChoice: o.value_choice,
      impact,
      start: o.start !== undefined ? read(o.start, "start", [...path, "start"], whole) : 0,
      duration: o.duration !== undefined ? read(o.duration, "duration", [...path, "duration"], whole) : 1,
      dropOff: o.drop_off !== undefined ? read(o.drop_off, "drop_off", [...path, "drop_off"]) : 0,
      years,
      yearsStated: o.years !== undefined,
      baseline: o.baseline !== undefined ? expr(o.baseline, [...path, "baseline"]) : undefined,
      qaly: o.qaly !== undefined && o.qaly !== false,
      qalyPrice: o.qaly === true ? "qaly_price" : o.qaly || undefined,
      certainty: o.certainty,
      source: o.source,
      path,
      stated: { impactClaim: o.impact_claim !== undefined, start: o.start !== undefined, duration: o.duration !== undefined, dropOff: o.drop_off !== undefined },
      exprs,
    };
  });

  // ---- a scenario's own time, over the model's (normalize/time.ts) ----------------------------------
  doc.scenarios.forEach((s, i) => {
    const t = scenarioTime(doc, i, { period, year0: time.year0, horizon: time.horizon, discount }, rateExpr);
    if (t) scenarios[i]!.time = t;
  });

  // The figures a ratio formula may name: made only for a formula (most models have none).
  let namesForRatios: Set<string> | undefined;
  const ratioNames = () =>
    (namesForRatios ??= new Set<string>([
      ...["benefits", "inputs", "net", "financial_benefits", "immaterial_benefits"],
      ...(doc.inputs ?? []).map((x) => `input.${x.id}`),
      ...(doc.outcomes ?? []).map((x) => `outcome.${x.id}.pv`),
      ...stakeholderIds.flatMap((id) => [`stakeholder.${id}.inputs`, `stakeholder.${id}.benefits`]),
      ...params.keys(),
    ]));
  const ratioExpr = (q: number | string, path: Path): NExpr | undefined => {
    const text = typeof q === "number" ? String(q) : q;
    const parsed = parseExpr(text);
    if (!parsed.ok) {
      problem(path, `cannot read expression: ${parsed.error.message}`, undefined, parsed.error.offset);
      return undefined;
    }
    for (const name of exprRefs(parsed.expr)) {
      if (ratioNames().has(name)) continue;
      const guess = didYouMean(name, [...ratioNames()]);
      problem(path, `unknown figure "${name}" in "${text}"`, guess ? `did you mean "${guess}"?` : "a ratio formula names totals (benefits, inputs), input.<id>, outcome.<id>.pv, stakeholder.<id>.benefits|inputs or parameters");
    }
    return { expr: parsed.expr, text, path };
  };
  const ratios = (doc.ratios ?? []).map((r, i) => {
    const formula = r.numerator !== undefined || r.denominator !== undefined;
    return {
      id: r.id,
      name: r.name,
      benefitsOf: r.benefits_of,
      inputsOf: r.inputs_of,
      numerator: formula ? ratioExpr(r.numerator ?? "benefits", ["ratios", i, "numerator"]) : undefined,
      denominator: formula ? ratioExpr(r.denominator ?? "inputs", ["ratios", i, "denominator"]) : undefined,
      headline: r.headline ?? false,
      source: r.source,
    };
  });


  // ---- every name used in an expression must exist ------------------------------------------------
  // Asked name by name (the list of every library value's name is made only for a did-you-mean).
  const own = new Set(modelNames(doc, domains));
  const isKnown = (name: string) => params.has(name) || name === "t" || name === "year" || own.has(name) || isStudyName(name, studies);
  let knownList: string[] | undefined;
  const allKnown = () => (knownList ??= [...new Set<string>([...params.keys(), ...own, ...studyNames(studies), "t", "year"])]);
  const reported = new Set<string>(); // a parent scenario's expressions are read again for each child
  const cited: string[] = []; // studies named in expressions (ref.<study>.<domain>)
  for (const { nexpr } of pending) {
    for (const name of exprRefs(nexpr.expr)) {
      if (name.startsWith("ref.")) cited.push(name.split(".")[1]!);
      if (isKnown(name)) continue;
      const key = `${JSON.stringify(nexpr.path)}:${name}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const guess = didYouMean(name, allKnown());
      problem(nexpr.path, `unknown name "${name}" in "${nexpr.text}"`, guess ? `did you mean "${guess}"?` : unknownNameHint(name));
    }
  }
  // Parameters that refer to themselves (directly or through others) can never be computed.
  for (const name of findCycle(params)) {
    const p = params.get(name)!;
    problem(p.value.path, `"${name}" is defined in terms of itself`);
  }

  // Only the studies this model cites are part of its result (and of its indexation notes).
  const used = new Set<string>(Object.keys(doc.library_overrides ?? {}));
  for (const a of doc.activities ?? []) if (a.ref) used.add(a.ref);
  for (const id of cited) used.add(id);
  const usedStudies = new Map([...studies].filter(([id]) => used.has(id)));
  const notes = libraryNotes.filter((n) => n.code !== "library-indexation" || used.has(n.study!));
  if (doc.min_certainty !== undefined) notes.push(...lowCertainty(doc, usedStudies, doc.min_certainty));

  notes.push(...deprecations(doc));
  if (problems.length > 0) return { problems };
  return {
    problems,
    model: {
      id: doc.meta.id ?? fileId,
      title: doc.meta.title,
      source: { ...doc.meta.source, published: doc.meta.source.published !== undefined ? String(doc.meta.source.published) : undefined },
      method: doc.meta.method,
      currency: doc.meta.currency ?? "EUR",
      locale: doc.meta.locale ?? "nl",
      priceYear: doc.meta.price_year,
      ratioDigits: doc.meta.ratio_digits,
      note: doc.meta.note,
      period,
      year0: time.year0 ?? period.start,
      horizon: time.horizon,
      discount,
      params,
      stakeholders: stakeholderList.map((s) => ({ id: s.id, name: s.name, role: s.role })),
      activities,
      participants: doc.participants ? { uniqueFactor, groups: doc.participants.groups.map((g) => ({ id: g.id, name: g.name })) } : undefined,
      counterfactual,
      inputs,
      outcomes,
      groups: (doc.groups ?? []).map((g) => ({ id: g.id, name: g.name })),
      scenarios,
      ratios,
      band: doc.band !== undefined ? share(doc.band) : undefined,
      checks: (doc.checks ?? []).map((c, i) => ({ figure: c.figure, printed: c.printed, where: c.where, note: c.note, path: ["checks", i] })),
      studies: usedStudies,
      libraryNotes: notes,
    },
  };
}

const STARS = ["", "* (beperkt)", "** (voldoende)", "*** (goed)"];

/** Studies rated below what the report says it relies on, with the activities that use them. */
function lowCertainty(doc: ModelDoc, studies: Map<string, NStudy>, min: number): LibraryNote[] {
  const notes: LibraryNote[] = [];
  for (const s of studies.values()) {
    if (s.certainty === undefined || s.certainty >= min) continue;
    const users = (doc.activities ?? [])
      .filter((a) => a.ref === s.id || Object.values(a.values ?? {}).some((v) => typeof v === "string" && v.includes(`ref.${s.id}.`)))
      .map((a) => a.name);
    notes.push({
      code: "low-certainty",
      study: s.id,
      detail: { kind: "low-certainty", study: s.id, study_name: s.name, certainty: s.certainty, required: min, used_by: users },
      message:
        `study "${s.id}" (${s.name}) is rated ${STARS[s.certainty]}, below the ${STARS[min]} the model requires` +
        (users.length ? `; used by ${users.join(", ")}` : ""),
    });
  }
  return notes;
}



function unknownNameHint(name: string): string {
  if (name.startsWith("ref.")) return 'ref.<study>.<domain> needs the study in a library file listed under "library:"';
  if (name.startsWith("price.")) return 'price.<id> needs a library file with that price listed under "library:"';
  if (name.startsWith("activities.")) return "activities.weighted.<domain> and activities.total.<domain> need an activity with a value for that domain";
  return 'define it under "parameters:" or "baselines:"';
}

/** Names of parameters on a reference cycle. */
function findCycle(params: Map<string, NParam>): string[] {
  // Depth-first with an explicit stack: a chain of thousands of parameters (a = b + 1, b = c + 1, ...)
  // must not overflow the call stack.
  const state = new Map<string, 1 | 2>();
  const onCycle = new Set<string>();
  const path: string[] = [];
  const position = new Map<string, number>();
  const frames: { name: string; refs: string[]; next: number }[] = [];
  const enter = (name: string) => {
    state.set(name, 1);
    position.set(name, path.length);
    path.push(name);
    const p = params.get(name);
    frames.push({ name, refs: p ? exprRefs(p.value.expr).filter((r) => params.has(r)) : [], next: 0 });
  };
  for (const root of params.keys()) {
    if (state.has(root)) continue;
    enter(root);
    while (frames.length > 0) {
      const f = frames[frames.length - 1]!;
      if (f.next < f.refs.length) {
        const r = f.refs[f.next++]!;
        const st = state.get(r);
        if (st === 1) for (const n of path.slice(position.get(r))) onCycle.add(n);
        else if (st === undefined) enter(r);
        continue;
      }
      state.set(f.name, 2);
      position.delete(f.name);
      path.pop();
      frames.pop();
    }
  }
  return [...onCycle];
}
