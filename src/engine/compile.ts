// Compiles a normalised model once into an evaluator over a Float64Array of slots (see evaluator.ts).
// Every number the model states becomes a named slot; built-in names (extra_participants, activity
// mixes, library values) become internal slots after the addressable ones. Per scenario, the slots
// are ordered so that each is computed after the slots it reads; an evaluation runs that list of
// closures, then the flows (inputs and outcomes over the years, discounted) into the totals.
import { evaluateExpr, ExprEvalError, exprRefs, roundHalfAway, tableIndex, type Expr } from "../expr/expr.js";
import { newEvaluation, type Compiled, type EvalFailure, type Evaluation, type NumberDomain, type NumberInfo } from "./evaluator.js";
import type { NActivity, NExpr, NModel, Path, RateStep } from "./model.js";
import { scenarioTime, type ScenarioTime } from "./time.js";

type Fn = (v: Float64Array) => number;

const ANY: NumberDomain = { min: -Infinity, max: Infinity, kind: "any" };
const MONEY: NumberDomain = { min: -Infinity, max: Infinity, kind: "money" };
const COST: NumberDomain = { min: 0, max: Infinity, kind: "money" };
const COUNT: NumberDomain = { min: 0, max: Infinity, kind: "count" };
const SHARE: NumberDomain = { min: 0, max: 1, kind: "share" };
const RATE: NumberDomain = { min: -1, max: 1, kind: "rate" };
const YEARS0: NumberDomain = { min: 0, max: 1000, kind: "years", integer: true };
const YEARS1: NumberDomain = { min: 1, max: 1000, kind: "years", integer: true };

/** How one slot is computed in one scenario. */
interface Def {
  /** Names the expression reads (resolved to slots per scenario), or slots read directly. */
  refs: string[] | undefined;
  deps: number[] | undefined;
  /** Builds the closure once the slots of `refs` are known (a definition that reads names). */
  build: ((resolve: (name: string) => number) => Fn) | undefined;
  /** The closure of a definition that reads no names: the same in every scenario. */
  fn: Fn | undefined;
  path: Path;
  nexpr: NExpr | undefined;
  domain: NumberDomain;
  /** Internal slots that may be NaN (an activity mix over no participants). */
  nanOk: boolean;
  /** The built-in year names (`year`, `t`): their value changes with the year being computed. */
  yearly: boolean;
}

/**
 * A definition that reads no names, with its closure. Every definition has all of Def's fields, set in
 * the same order (here and in exprDef): one object shape, which keeps the loops over tens of thousands
 * of them fast, and no property added later (each would need a second block of memory).
 */
const fixedDef = (fn: Fn, path: Path, domain: NumberDomain, deps?: number[], opts?: { nanOk?: boolean; yearly?: boolean }): Def => ({
  refs: undefined,
  deps,
  build: undefined,
  fn,
  path,
  nexpr: undefined,
  domain,
  nanOk: opts?.nanOk ?? false,
  yearly: opts?.yearly ?? false,
});

const NONE: number[] = [];

class CompileFailure {
  constructor(readonly failure: EvalFailure) {}
}

/** An expression as a closure over the slot array; division by zero gives NaN, which evaluation reports. */
export function compileExpr(e: Expr, slotOf: (name: string) => number): Fn {
  switch (e.kind) {
    case "num": {
      const c = e.value;
      return () => c;
    }
    case "ref": {
      const i = slotOf(e.name);
      return (v) => v[i]!;
    }
    case "neg": {
      const a = compileExpr(e.arg, slotOf);
      return (v) => -a(v);
    }
    case "bin": {
      const l = compileExpr(e.left, slotOf);
      const r = compileExpr(e.right, slotOf);
      switch (e.op) {
        case "+":
          return (v) => l(v) + r(v);
        case "-":
          return (v) => l(v) - r(v);
        case "*":
          return (v) => l(v) * r(v);
        case "/":
          return (v) => {
            const d = r(v);
            return d === 0 ? NaN : l(v) / d;
          };
        case "^":
          return (v) => Math.pow(l(v), r(v));
      }
      break;
    }
    case "table": {
      const index = compileExpr(e.index, slotOf);
      const values = Float64Array.from(e.values);
      return (v) => values[tableIndex(index(v), values.length)]!;
    }
    case "call": {
      const args = e.args.map((a) => compileExpr(a, slotOf));
      const [a0, a1] = args;
      if (e.fn === "abs") return (v) => Math.abs(a0!(v));
      if (e.fn === "round") {
        return a1 ? (v) => (Number.isInteger(a1(v)) ? roundHalfAway(a0!(v), a1(v)) : NaN) : (v) => roundHalfAway(a0!(v), 0);
      }
      const pick = e.fn === "min" ? Math.min : Math.max;
      if (args.length === 1) return a0!;
      if (args.length === 2) return (v) => pick(a0!(v), a1!(v));
      return (v) => {
        let m = args[0]!(v);
        for (let i = 1; i < args.length; i++) m = pick(m, args[i]!(v));
        return m;
      };
    }
  }
  throw new Error("unreachable");
}

const lit = (value: number, path: Path): NExpr => ({ expr: { kind: "num", value, start: 0, end: 0 }, text: String(value), path });

/** Internal structure of a compiled model, shared with the report (engine.ts runModel). */
export interface CompiledModel extends Compiled {
  readonly model: NModel;
  /** The ratio marked `headline: true` (an index into `ratios` and `Evaluation.ratios`), or -1. */
  readonly headline: number;
  /** Addressable slots first, then internal ones: the length of a value array. */
  readonly size: number;
  /** Slot of any name (addressable or internal) as the report reads it, or -1. */
  slotOfName(name: string): number;
  /** The slot holding an expression's value (by the NExpr object the normaliser made). */
  slotOfExpr(e: NExpr): number;
  /** Computes every slot of a scenario into `values` (length `size`), with overrides; the report's first step. */
  computeSlots(scenario: number, overrides: Float64Array | undefined, values: Float64Array): EvalFailure | undefined;
  /** Per outcome and input, the slots the flows read. */
  readonly outcomeSlots: readonly OutcomeSlots[];
  readonly inputSlots: readonly InputSlots[];
  /** Per scenario, the slots of its stated discount rates (-1: the model's fixed schedule). */
  readonly discountSlots: readonly { effects: number; costs: number }[];
  /** The slot of `benefits.scale` (the band shorthand: a factor on every benefit, base 1), or -1. */
  readonly benefitsScale: number;
  /** Per scenario, the outcomes and inputs whose yearly value varies by year (undefined: none). */
  readonly yearly: readonly ({ outcomes: Uint8Array; inputs: Uint8Array } | undefined)[];
  /** Computes the numbers that vary by year for one year into `values` (after computeSlots). */
  atYear(scenario: number, values: Float64Array, year: number, overrides: Float64Array | undefined): EvalFailure | undefined;
  /** Per scenario, its steps as ordered (before folding): what the tests of the shared ordering compare. */
  readonly steps: readonly { slots: Int32Array; defs: readonly object[]; deps: readonly (readonly number[])[]; failure?: EvalFailure; shared: boolean }[];
}

export interface OutcomeSlots {
  amount: number;
  value: number;
  quantity: number;
  weighted: number;
  over: number;
  impact: number;
  start: number;
  duration: number;
  dropOff: number;
  baseline: number;
}

export interface InputSlots {
  amount: number;
  presentValue: number;
  indexation: number;
  perYear: Map<number, number>;
}

/** The slots of a model being compiled: each name's slot, what the number is, and how it is defined. */
class SlotTable {
  readonly names: string[] = [];
  readonly index = new Map<string, number>();
  readonly infos: NumberInfo[] = [];
  /** Model-wide definitions by slot (an array: read for every slot of every scenario), and per scenario those that differ. */
  readonly common: (Def | undefined)[] = [];
  readonly perScenario: Map<number, Def>[];
  readonly exprSlot = new Map<NExpr, number>();

  constructor(readonly scenarioIds: string[]) {
    this.perScenario = scenarioIds.map(() => new Map());
  }

  register(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(name);
      this.index.set(name, i);
    }
    return i;
  }

  /** An addressable number, with its definition in all scenarios (or only those given). */
  addressable(name: string, e: NExpr, kind: NumberInfo["kind"], domain: NumberDomain, opts?: { unit?: string; scenarios?: number[] }): number {
    const i = this.register(name);
    this.exprSlot.set(e, i);
    const def = exprDef(e, domain);
    const scenarios = opts?.scenarios;
    if (scenarios) for (const k of scenarios) this.perScenario[k]!.set(i, def);
    else this.common[i] = def;
    const infos = this.infos;
    if (infos[i] === undefined) {
      infos[i] = {
        name,
        kind,
        path: e.path,
        unit: opts?.unit,
        domain,
        literal: e.expr.kind === "num" || (e.expr.kind === "neg" && e.expr.arg.kind === "num"),
        scenarios: scenarios ? scenarios.map((k) => this.scenarioIds[k]!) : this.scenarioIds,
      };
    } else if (scenarios) {
      infos[i] = { ...infos[i]!, scenarios: [...infos[i]!.scenarios, ...scenarios.map((k) => this.scenarioIds[k]!)] };
    }
    return i;
  }

  /** An internal slot with a fixed value. */
  constant(name: string, value: number, path: Path): number {
    const i = this.register(name);
    this.common[i] = fixedDef(() => value, path, ANY);
    return i;
  }
}

/** A stated number's definition: a literal (most numbers of a large model) is built at once. */
const exprDef = (e: NExpr, domain: NumberDomain): Def => {
  const x = e.expr;
  const refs = x.kind === "num" ? undefined : exprRefs(x);
  const reads = refs !== undefined && refs.length > 0;
  return {
    refs: reads ? refs : undefined,
    deps: undefined,
    build: reads ? (resolve) => compileExpr(x, resolve) : undefined,
    fn: reads ? undefined : compileExpr(x, noName),
    path: e.path,
    nexpr: e,
    domain,
    nanOk: false,
    yearly: false,
  };
};
const noName = () => -1;

/** The year being computed, which `year` and `t` read: set by the evaluation, read by their closures. */
interface Clock {
  year: number;
}

// compile() runs the steps below once per model, then returns the evaluation closures (run per
// evaluation). As one function of 900 lines it was hard to follow, and V8 optimised it in one background
// job of up to 0.4 s in a batch of models (now the longest job is about half that).

/** The numbers a model states, each an addressable slot (what --set, analyses and `figures` name). */
function addressableNumbers(model: NModel, table: SlotTable) {
  for (const p of model.params.values()) {
    const i = table.addressable(p.name, p.value, p.kind, parameterDomain(p.value, p.unit), { unit: p.unit });
    if (p.uncertainty) table.infos[i] = { ...table.infos[i]!, uncertainty: p.uncertainty };
  }
  model.scenarios.forEach((s, k) => {
    for (const [name, e] of s.params) {
      const i = table.index.get(name)!;
      table.exprSlot.set(e, i);
      table.perScenario[k]!.set(i, exprDef(e, ANY));
    }
  });
  // A scenario with its own discount has its own rates (scenarios.<id>.time.discount.rate); the model's
  // rates apply to the others.
  const times = model.scenarios.map((_, k) => scenarioTime(model, k));
  const followModel: number[] = [];
  for (let k = 0; k < times.length; k++) if (times[k]!.discount === model.discount) followModel.push(k);
  if (followModel.length > 0) {
    for (const st of model.discount.stated) {
      table.addressable(st.name, st.expr ?? lit(st.rate, st.path), "stated", RATE, followModel.length === times.length ? {} : { scenarios: followModel });
    }
  }
  times.forEach((t, k) => {
    if (t.discount !== model.discount) for (const st of t.discount.stated) table.addressable(st.name, st.expr ?? lit(st.rate, st.path), "stated", RATE, { scenarios: [k] });
  });
  if (model.participants?.uniqueFactor) {
    table.addressable("participants.unique_factor", model.participants.uniqueFactor, "stated", SHARE);
  }
  // Their slots, for the activity mixes (internalSlots): each activity's participants, and every value
  // of every activity in turn. Names joined, not concatenated: a joined name is one flat string, where a
  // concatenated one is a tree of pieces (more memory, slower to hash and compare), and a large model has
  // tens of thousands of them.
  const activityParticipants: number[] = [];
  const activityValues: number[] = [];
  for (const a of model.activities) {
    activityParticipants.push(table.addressable(["activities", a.id, "participants"].join("."), a.participants, "stated", COUNT));
    for (const v of a.values) activityValues.push(table.addressable(["activities", a.id, "values", v.domain].join("."), v.value, "stated", MONEY));
  }
  for (const [g, e] of model.counterfactual?.participants ?? []) {
    table.addressable(`counterfactual.participants.${g}`, e, "stated", COUNT);
  }
  // A scenario's participants are written once (in it or a scenario it extends) and apply to every
  // scenario that inherits them: the name is that of the scenario where they are written.
  const participantSlot: Map<string, number>[] = model.scenarios.map(() => new Map());
  model.scenarios.forEach((s, k) => {
    for (const [g, e] of s.participants) {
      const owner = typeof e.path[1] === "number" ? (model.scenarios[e.path[1]]?.id ?? s.id) : s.id;
      const i = table.addressable(`scenarios.${owner}.participants.${g}`, e, "stated", COUNT, { scenarios: [k] });
      participantSlot[k]!.set(g, i);
    }
  });
  for (const [j, inp] of model.inputs.entries()) {
    const base = `inputs.${inp.id}`;
    if (inp.amount) table.addressable(`${base}.amount`, inp.amount, "stated", COST);
    if (inp.presentValue) table.addressable(`${base}.present_value`, inp.presentValue, "stated", COST);
    for (const [y, e] of inp.perYear) table.addressable(`${base}.per_year.${y}`, e, "stated", COST);
    if (inp.indexStated) {
      table.addressable(`${base}.indexation`, inp.indexExpr ?? lit(inp.indexRate, ["inputs", j, "indexation"]), "stated", RATE);
    }
  }
  for (const o of model.outcomes) {
    const base = `outcomes.${o.id}`;
    if (o.amount) table.addressable(`${base}.amount`, o.amount, "stated", MONEY);
    if (o.quantity) table.addressable(`${base}.quantity`, o.quantity, "stated", COUNT);
    if (o.value) table.addressable(`${base}.value`, o.value, "stated", MONEY);
    if (o.baseline) table.addressable(`${base}.baseline`, o.baseline, "stated", MONEY);
    if (o.stated.impactClaim) {
      const parts = (["deadweight", "attribution", "displacement", "leakage"] as const).filter((x) => o.impact[x] !== undefined);
      // A number written as an expression over parameters is computed per scenario; a literal is a constant.
      const e = o.exprs;
      if (parts.length === 0) table.addressable(`${base}.impact_claim`, e.impact_claim ?? lit(o.impact.share, [...o.path, "impact_claim"]), "stated", SHARE);
      for (const x of parts) table.addressable(`${base}.${x}`, e[x] ?? lit(o.impact[x]!, [...o.path, "impact_claim", x]), "stated", SHARE);
    }
    if (o.stated.start) table.addressable(`${base}.start`, o.exprs.start ?? lit(o.start, [...o.path, "start"]), "stated", YEARS0);
    if (o.stated.duration) table.addressable(`${base}.duration`, o.exprs.duration ?? lit(o.duration, [...o.path, "duration"]), "stated", YEARS1);
    if (o.stated.dropOff) table.addressable(`${base}.drop_off`, o.exprs.drop_off ?? lit(o.dropOff, [...o.path, "drop_off"]), "stated", SHARE);
  }
  // `band: 25%` also declares the benefits uncertain by +-25%: one factor on every outcome's benefit,
  // 1 as the model says, which the analyses vary (uniform, so P5-P95 is 90% of the printed band).
  let benefitsScale = -1;
  if (model.band !== undefined) {
    benefitsScale = table.addressable("benefits.scale", lit(1, ["band"]), "stated", { min: 0, max: Infinity, kind: "any" });
    table.infos[benefitsScale] = { ...table.infos[benefitsScale]!, uncertainty: { low: 1 - model.band, high: 1 + model.band, distribution: "uniform", origin: "band" } };
  }
  return { times, participantSlot, benefitsScale, activityParticipants, activityValues };
}

/** The built-in numbers (library values, activity mixes, year, t, extra_participants) and the slots each flow reads. */
function internalSlots(model: NModel, table: SlotTable, stated: ReturnType<typeof addressableNumbers>, clock: Clock) {
  const { times, participantSlot, activityParticipants, activityValues } = stated;
  for (const s of model.studies.values()) for (const [d, v] of s.values) table.constant(`ref.${s.id}.${d}`, v, ["library", s.id, d]);
  // Per domain (in the order domains first appear), the activities that carry a value for it, in the
  // activities' order, with the first value each gives for it: one pass over the activities.
  const byDomain = new Map<string, { p: number[]; v: number[]; last?: NActivity }>();
  let next = 0; // in activityValues
  for (let j = 0; j < model.activities.length; j++) {
    const a = model.activities[j]!;
    const p = activityParticipants[j]!;
    for (let q = 0; q < a.values.length; q++) {
      const x = a.values[q]!;
      const v = activityValues[next++]!;
      let acts = byDomain.get(x.domain);
      if (!acts) byDomain.set(x.domain, (acts = { p: [], v: [] }));
      if (acts.last === a) continue; // a second value for the domain: the first counts
      acts.p.push(p);
      acts.v.push(v);
      acts.last = a;
    }
  }
  for (const [d, acts] of byDomain) {
    const over = table.register(`activities.over.${d}`);
    const total = table.register(`activities.total.${d}`);
    const weighted = table.register(`activities.weighted.${d}`);
    const ps = Int32Array.from(acts.p);
    const vs = Int32Array.from(acts.v);
    const overFn: Fn = (v) => {
      let s = 0;
      for (let j = 0; j < ps.length; j++) s += v[ps[j]!]!;
      return s;
    };
    const totalFn: Fn = (v) => {
      let s = 0;
      for (let j = 0; j < ps.length; j++) s += v[ps[j]!]! * v[vs[j]!]!;
      return s;
    };
    table.common[over] = fixedDef(overFn, ["activities"], COUNT, acts.p);
    table.common[total] = fixedDef(totalFn, ["activities"], MONEY, acts.p.concat(acts.v));
    table.common[weighted] = fixedDef((v) => (v[over]! === 0 ? NaN : v[total]! / v[over]!), ["activities"], MONEY, [over, total], { nanOk: true });
  }
  if (model.activities.length > 0) {
    const ps = activityParticipants;
    const i = table.register("activities.participants");
    table.common[i] = fixedDef((v) => ps.reduce((s, p) => s + v[p]!, 0), ["activities"], COUNT, ps);
  }
  // The year being computed (`year`, and `t` = years since year 0): the scenario's first year while the
  // slots are computed, each year in turn for the numbers that vary by year (see atYear below).
  const yearSlot = table.register("year");
  const tSlot = table.register("t");
  table.common[yearSlot] = fixedDef(() => clock.year, ["time"], ANY, undefined, { yearly: true });
  model.scenarios.forEach((_, k) => {
    const y0 = times[k]!.year0;
    table.perScenario[k]!.set(tSlot, fixedDef(() => clock.year - y0, ["time"], ANY, undefined, { yearly: true }));
  });
  const extra = table.register("extra_participants");
  const uf = table.index.get("participants.unique_factor");
  model.scenarios.forEach((s, k) => {
    if (!model.participants || s.participants.size === 0) return;
    const pairs = model.participants.groups.map((g) => ({
      s: participantSlot[k]!.get(g.id) ?? -1,
      c: model.counterfactual?.participants.has(g.id) ? table.index.get(`counterfactual.participants.${g.id}`)! : -1,
    }));
    const deps = pairs.flatMap((p) => [p.s, p.c]).filter((x) => x >= 0);
    if (uf !== undefined) deps.push(uf);
    const extraFn: Fn = (v) => {
      let d = 0;
      for (const p of pairs) d += (p.s >= 0 ? v[p.s]! : 0) - (p.c >= 0 ? v[p.c]! : 0);
      return (uf !== undefined ? v[uf]! : 1) * d;
    };
    table.perScenario[k]!.set(extra, fixedDef(extraFn, ["participants"], ANY, deps));
  });
  const outcomeSlots: OutcomeSlots[] = model.outcomes.map((o) => {
    const base = `outcomes.${o.id}`;
    const slot = (n: string) => table.index.get(`${base}.${n}`) ?? -1;
    let impact = slot("impact_claim");
    const parts = (["deadweight", "attribution", "displacement", "leakage"] as const).map((x) => slot(x)).filter((x) => x >= 0);
    if (impact < 0 && parts.length > 0) {
      impact = table.register(`${base}.impact_share`);
      table.common[impact] = fixedDef((v) => parts.reduce((acc, p) => acc * (1 - v[p]!), 1), [...o.path, "impact_claim"], SHARE, parts);
    } else if (impact < 0) impact = table.constant(`${base}.impact_share`, o.impact.share, [...o.path, "impact_claim"]);
    const orConst = (n: string, value: number) => (slot(n) >= 0 ? slot(n) : table.constant(`${base}.${n}`, value, [...o.path, n]));
    return {
      amount: slot("amount"),
      value: slot("value"),
      quantity: slot("quantity"),
      weighted: o.domain && byDomain.has(o.domain) ? table.index.get(`activities.weighted.${o.domain}`)! : -1,
      over: o.domain && byDomain.has(o.domain) ? table.index.get(`activities.over.${o.domain}`)! : -1,
      impact,
      start: orConst("start", o.start),
      duration: orConst("duration", o.duration),
      dropOff: orConst("drop_off", o.dropOff),
      baseline: slot("baseline"),
    };
  });
  const inputSlots: InputSlots[] = model.inputs.map((inp) => ({
    amount: table.index.get(`inputs.${inp.id}.amount`) ?? -1,
    presentValue: table.index.get(`inputs.${inp.id}.present_value`) ?? -1,
    indexation: table.index.get(`inputs.${inp.id}.indexation`) ?? table.constant(`inputs.${inp.id}.indexation`, inp.indexRate, ["inputs"]),
    perYear: new Map([...inp.perYear.keys()].map((y) => [y, table.index.get(`inputs.${inp.id}.per_year.${y}`)!])),
  }));
  const discountSlots = times.map((t) => {
    const d = { effects: -1, costs: -1 };
    for (const st of t.discount.stated) {
      const i = table.index.get(st.name)!;
      if (st.applies !== "costs") d.effects = i;
      if (st.applies !== "effects") d.costs = i;
    }
    return d;
  });
  return { extra, outcomeSlots, inputSlots, discountSlots };
}

/** How a scenario computes its slots: the steps in an order where each follows what it reads. */
interface Program {
  failure?: EvalFailure;
  slots: Int32Array;
  fns: Fn[];
  min: Float64Array;
  max: Float64Array;
  flags: Uint8Array; // 1: integer, 2: NaN allowed
  defs: Def[];
  /** The slots each step reads. */
  deps: number[][];
  /**
   * Steps whose value no override can change except their own (literals, library values and what is
   * computed from them only): their base values, set without calling anything. Filled after compiling.
   */
  fixed?: { all: Float64Array; slots: Int32Array; min: Float64Array; max: Float64Array; flags: Uint8Array; defs: Def[] };
  /** After folding: the computed steps' dependencies, flat (step i reads depList[depStart[i]..depStart[i+1]]). */
  depStart?: Int32Array;
  depList?: Int32Array;
  /** Scratch: the slots that differ from the base values in the current evaluation. */
  changed?: Uint8Array;
  /** Evaluations so far (folded at the second, see fold). */
  runs: number;
}

/** Scenario k's steps; a name defined in terms of itself or unknown is its failure. */
function orderSteps(k: number, size: number, names: string[], defOf: (k: number, slot: number) => Def | undefined, resolveName: (k: number, name: string) => number | undefined): Program {
  const order = new Int32Array(size); // each slot at most once
  let n = 0;
  const defs: Def[] = [];
  const fns: Fn[] = [];
  const depLists: number[][] = [];
  const state = new Uint8Array(size); // 0 new, 1 visiting, 2 done
  const visit = (slot: number, from: Def | undefined, via: string | undefined): void => {
    if (state[slot] === 2) return;
    const def = defOf(k, slot);
    if (state[slot] === 1) {
      throw new CompileFailure({ ok: false, path: def?.path ?? from?.path ?? [], message: `"${names[slot]}" is defined in terms of itself` });
    }
    if (!def) {
      state[slot] = 2;
      if (from) throw new CompileFailure({ ok: false, path: from.path, message: `unknown name "${via ?? names[slot]}"${from.nexpr ? ` in "${from.nexpr.text}"` : ""}` });
      return;
    }
    state[slot] = 1;
    if (def.refs === undefined || def.refs.length === 0) {
      // Reads no names (a literal, a library value, a mix over slots): the same closure in every
      // scenario, built once (most slots of a large model).
      const deps = def.deps;
      if (deps !== undefined) for (let j = 0; j < deps.length; j++) visit(deps[j]!, def, undefined);
      state[slot] = 2;
      order[n++] = slot;
      defs.push(def);
      depLists.push(def.deps ?? NONE);
      fns.push(def.fn!);
      return;
    }
    const resolved = new Map<string, number>();
    for (const name of def.refs) {
      const dep = resolveName(k, name);
      if (dep === undefined) {
        throw new CompileFailure({ ok: false, path: def.path, message: `unknown name "${name}"${def.nexpr ? ` in "${def.nexpr.text}"` : ""}` });
      }
      resolved.set(name, dep);
      visit(dep, def, name);
    }
    for (const dep of def.deps ?? []) visit(dep, def, undefined);
    state[slot] = 2;
    order[n++] = slot;
    defs.push(def);
    depLists.push([...resolved.values(), ...(def.deps ?? [])]);
    fns.push(def.build!((name) => resolved.get(name)!));
  };
  try {
    for (let slot = 0; slot < size; slot++) visit(slot, undefined, undefined);
  } catch (err) {
    if (err instanceof CompileFailure) return { failure: err.failure, slots: new Int32Array(0), fns: [], min: new Float64Array(0), max: new Float64Array(0), flags: new Uint8Array(0), defs: [], deps: [], runs: 0 };
    throw err;
  }
  // Each step's bounds, in one pass (a large model has tens of thousands of steps per scenario).
  const min = new Float64Array(defs.length);
  const max = new Float64Array(defs.length);
  const flags = new Uint8Array(defs.length);
  for (let i = 0; i < defs.length; i++) setBounds(defs[i]!, i, min, max, flags);
  return { slots: order.slice(0, n), fns, defs, min, max, flags, deps: depLists, runs: 0 };
}

/** Step i's bounds and flags from its definition. */
function setBounds(d: Def, i: number, min: Float64Array, max: Float64Array, flags: Uint8Array): void {
  min[i] = d.domain.min === -Infinity ? -Number.MAX_VALUE : d.domain.min;
  max[i] = d.domain.max === Infinity ? Number.MAX_VALUE : d.domain.max;
  flags[i] = (d.domain.integer ? 1 : 0) | (d.nanOk ? 2 : 0);
}

/** Names whose slot depends on the scenario (see compile's resolveName). */
const perScenarioName = (name: string) => name.startsWith("participants.") || name === "extra_participants";

/** What sameSteps needs of the first scenario, found once per model. */
interface SharedSteps {
  base: Program;
  /** Each slot's step in the base, -1 when the base does not compute it. */
  stepOf: Int32Array;
  perScenario: Map<number, Def>[];
  participantSlot: Map<string, number>[];
  /** Model-wide definitions that read a per-scenario name or the slot of a scenario's participants. */
  readers: number[];
}

function sharedSteps(base: Program, size: number, common: (Def | undefined)[], perScenario: Map<number, Def>[], participantSlot: Map<string, number>[]): SharedSteps | undefined {
  if (base.failure) return undefined;
  const stepOf = new Int32Array(size).fill(-1);
  for (let i = 0; i < base.slots.length; i++) stepOf[base.slots[i]!] = i;
  // What a step reads as the base resolved it: a slot of scenario-owned participants however named.
  const owned = new Set(participantSlot.flatMap((m) => [...m.values()]));
  const readers: number[] = [];
  for (let s = 0; s < size; s++) {
    const d = common[s];
    if (d === undefined) continue;
    const i = stepOf[s]!;
    if (d.refs?.some(perScenarioName) || (i >= 0 && base.deps[i]!.some((x) => owned.has(x))) || d.deps?.some((x) => owned.has(x))) readers.push(s);
  }
  return { base, stepOf, perScenario, participantSlot, readers };
}

/**
 * Scenario k's steps taken from the first scenario's, or undefined. The order orderSteps finds depends
 * only on which slots have a definition (visited in slot order) and what each step reads. Scenario k may
 * differ from the first in its own definitions (perScenario) and in the slots of the participants it
 * owns (`scenarios.<id>.participants.<g>`, one slot per owning scenario). With those slots swapped for the
 * first scenario's (sigma), when the defined slots come in the same order and every step that may differ
 * reads the same (swapped) slots, k's order is the base order swapped: the same steps orderSteps would
 * give, found without visiting every slot again. Only the steps that may differ get k's closures.
 */
function sameSteps(shared: SharedSteps, k: number, defOf: (k: number, slot: number) => Def | undefined, resolveName: (k: number, name: string) => number | undefined): Program | undefined {
  const { base, stepOf, perScenario, participantSlot } = shared;
  // sigma: the first scenario's participant slots and k's, both ways (identity elsewhere).
  const sigma = new Map<number, number>();
  for (const g of new Set([...participantSlot[0]!.keys(), ...participantSlot[k]!.keys()])) {
    const a = participantSlot[0]!.get(g);
    const b = participantSlot[k]!.get(g);
    if (a === undefined || b === undefined) return undefined;
    if (a === b) continue;
    if (defOf(0, b) !== undefined || defOf(k, a) !== undefined) return undefined;
    sigma.set(a, b).set(b, a);
  }
  const swap = (x: number) => sigma.get(x) ?? x;
  if (sigma.size > 0) {
    // Between the lowest and highest swapped slot, the defined slots must come in the same order.
    let lo = Infinity;
    let hi = -Infinity;
    for (const x of sigma.keys()) (lo = Math.min(lo, x)), (hi = Math.max(hi, x));
    const inBase: number[] = [];
    const inK: number[] = [];
    for (let x = lo; x <= hi; x++) {
      if (defOf(0, x) !== undefined) inBase.push(swap(x));
      if (defOf(k, x) !== undefined) inK.push(x);
    }
    if (inBase.length !== inK.length || inBase.some((x, j) => x !== inK[j])) return undefined;
  }
  // The slots whose step may differ, as the base knows them.
  const differing = new Set<number>([...perScenario[0]!.keys(), ...shared.readers, ...sigma.keys()]);
  for (const x of perScenario[k]!.keys()) differing.add(swap(x));
  const slots = sigma.size > 0 ? base.slots.slice() : base.slots;
  const fns = base.fns.slice();
  const defs = base.defs.slice();
  let deps = base.deps;
  // Bounds are mostly the same as the base's (typed arrays the length of the model): copied only if not.
  let { min, max, flags } = base;
  for (const s of differing) {
    const i = stepOf[s]!;
    const t = swap(s);
    const def = defOf(k, t);
    if (i < 0 || def === undefined) {
      if (i < 0 && def === undefined) continue; // neither computes it
      return undefined;
    }
    let fn: Fn;
    let reads: number[];
    if (def.refs === undefined || def.refs.length === 0) {
      reads = def.deps ?? NONE;
      fn = def.fn!;
    } else {
      const resolved = new Map<string, number>();
      for (const name of def.refs) {
        const dep = resolveName(k, name);
        if (dep === undefined) return undefined;
        resolved.set(name, dep);
      }
      reads = [...resolved.values(), ...(def.deps ?? [])];
      fn = def.build!((name) => resolved.get(name)!);
    }
    const was = base.deps[i]!;
    if (reads.length !== was.length) return undefined;
    for (let j = 0; j < reads.length; j++) if (reads[j] !== swap(was[j]!)) return undefined;
    slots[i] = t;
    fns[i] = fn;
    defs[i] = def;
    if (sigma.size > 0) {
      if (deps === base.deps) deps = base.deps.slice();
      deps[i] = reads;
    }
    if (def.domain !== base.defs[i]!.domain || def.nanOk !== base.defs[i]!.nanOk) {
      if (min === base.min) (min = min.slice()), (max = max.slice()), (flags = flags.slice());
      setBounds(def, i, min, max, flags);
    }
  }
  return { slots, fns, defs, min, max, flags, deps, runs: 0 };
}

// ---- numbers that vary by year ----------------------------------------------------------------------
// Per scenario, the steps that read `year` or `t` (directly or through other numbers), in order; they
// are computed again for each year a flow counts. None in a model that does not vary by year.
interface YearSteps {
  slots: Int32Array;
  fns: Fn[];
  defs: Def[];
  min: Float64Array;
  max: Float64Array;
  flags: Uint8Array;
  /** Outcomes and inputs whose yearly value varies by year. */
  outcomes: Uint8Array;
  inputs: Uint8Array;
}

function yearStepsOf(p: Program, k: number, size: number, slots: Slotting, defOf: (k: number, slot: number) => Def | undefined): YearSteps | undefined {
  const { outcomeSlots, inputSlots, discountSlots, benefitsScale, extra } = slots;
  if (p.failure) return undefined;
  const varies = new Uint8Array(size);
  const steps: number[] = [];
  for (let i = 0; i < p.slots.length; i++) {
    let moves = p.defs[i]!.yearly === true;
    const deps = p.deps[i]!;
    for (let j = 0; !moves && j < deps.length; j++) moves = varies[deps[j]!] === 1;
    if (moves) {
      varies[p.slots[i]!] = 1;
      steps.push(i);
    }
  }
  const used = steps.filter((i) => !p.defs[i]!.yearly);
  if (used.length === 0) return undefined;
  // What a year cannot change: when a flow starts and how long it lasts, rates and present values.
  const fixed: [number, string][] = [];
  outcomeSlots.forEach((s) => fixed.push([s.start, "start"], [s.duration, "duration"], [s.dropOff, "drop_off"]));
  inputSlots.forEach((s) => fixed.push([s.indexation, "indexation"], [s.presentValue, "present_value"]));
  fixed.push([discountSlots[k]!.effects, "discount rate"], [discountSlots[k]!.costs, "discount rate"], [benefitsScale, "benefits.scale"]);
  for (const [slot, what] of fixed) {
    if (slot < 0 || varies[slot] !== 1) continue;
    const def = defOf(k, slot)!;
    p.failure = { ok: false, path: def.path, message: `${what} cannot vary by year (it reads t, year or a number by year)`, hint: "only amounts, quantities, values, baselines and impact claims vary by year" };
    return undefined;
  }
  const reads = (xs: number[]) => xs.some((x) => x >= 0 && varies[x] === 1);
  return {
    slots: Int32Array.from(steps.map((i) => p.slots[i]!)),
    fns: steps.map((i) => p.fns[i]!),
    defs: steps.map((i) => p.defs[i]!),
    min: Float64Array.from(steps.map((i) => p.min[i]!)),
    max: Float64Array.from(steps.map((i) => p.max[i]!)),
    flags: Uint8Array.from(steps.map((i) => p.flags[i]!)),
    outcomes: Uint8Array.from(outcomeSlots.map((s) => (reads([s.amount, s.value, s.quantity, s.weighted, s.impact, extra]) ? 1 : 0))),
    inputs: Uint8Array.from(inputSlots.map((s) => (reads([s.amount, ...s.perYear.values()]) ? 1 : 0))),
  };
}

/** The slots the flows read, per outcome, input and scenario. */
interface Slotting {
  outcomeSlots: OutcomeSlots[];
  inputSlots: InputSlots[];
  discountSlots: { effects: number; costs: number }[];
  benefitsScale: number;
  extra: number;
}

/** `ownOrders`: every scenario orders its own steps (the tests compare this with the shared ordering). */
export function compile(model: NModel, opts: { ownOrders?: boolean } = {}): CompiledModel {
  const table = new SlotTable(model.scenarios.map((s) => s.id));
  const { names, index, infos, common, perScenario, exprSlot } = table;
  const stated = addressableNumbers(model, table);
  const { times, participantSlot, benefitsScale } = stated;
  const N = names.length;
  const clock: Clock = { year: NaN };
  const { extra, outcomeSlots, inputSlots, discountSlots } = internalSlots(model, table, stated, clock);
  const size = names.length;

  const resolveName = (k: number, name: string): number | undefined => {
    const direct = index.get(name);
    if (direct !== undefined && direct < N && !name.includes(".")) return direct; // a parameter
    if (name.startsWith("price.")) return index.get(name);
    if (name.startsWith("participants.")) return participantSlot[k]!.get(name.slice("participants.".length));
    if (name.startsWith("counterfactual.")) return index.get(`counterfactual.participants.${name.slice("counterfactual.".length)}`);
    if (name === "extra_participants") return perScenario[k]!.has(extra) ? extra : undefined;
    return direct;
  };
  // A scenario's own definition first, else the model's.
  const defOf = (k: number, slot: number): Def | undefined => perScenario[k]!.get(slot) ?? common[slot];

  // Scenarios mostly differ in a few numbers: each after the first takes the first's order when the two
  // graphs are the same up to the slots of scenario-owned numbers (sameSteps), else orders its own.
  const first = orderSteps(0, size, names, defOf, resolveName);
  const shared = model.scenarios.length > 1 && !opts.ownOrders ? sharedSteps(first, size, common, perScenario, participantSlot) : undefined;
  const same = model.scenarios.map((_, k) => (k > 0 && shared ? sameSteps(shared, k, defOf, resolveName) : undefined));
  const programs: Program[] = model.scenarios.map((_, k) => (k === 0 ? first : (same[k] ?? orderSteps(k, size, names, defOf, resolveName))));
  const steps = programs.map(({ slots, defs, deps, failure }, k) => ({ slots, defs, deps, failure, shared: same[k] !== undefined }));

  /** Why a slot's value is refused: the old evaluator's message for expression errors, else the domain. */
  const explain = (def: Def, value: number, values: Float64Array, k: number, overridden: boolean): EvalFailure => {
    if (!overridden && def.nexpr && !Number.isFinite(value)) {
      try {
        evaluateExpr(def.nexpr.expr, (name) => {
          const s = resolveName(k, name);
          return s === undefined ? undefined : values[s];
        });
      } catch (err) {
        if (err instanceof ExprEvalError) return { ok: false, path: def.path, message: inText(err.message, def.nexpr.text) };
        throw err;
      }
    }
    if (!Number.isFinite(value)) return { ok: false, path: def.path, message: `is not a finite number (${value})` };
    return { ok: false, path: def.path, message: domainMessage(def.domain, value) };
  };

  const computeSlots = (k: number, ov: Float64Array | undefined, v: Float64Array): EvalFailure | undefined => {
    clock.year = times[k]!.period.start;
    const p = programs[k]!;
    if (p.failure) return p.failure;
    // A scenario evaluated again (an analysis evaluates it thousands of times) is folded first; a run,
    // which evaluates each scenario once, never pays for folding.
    if (p.runs++ === 1) {
      fold(p, k);
      clock.year = times[k]!.period.start;
    }
    const fx = p.fixed;
    const changed = p.changed;
    if (fx && changed) {
      // Start from the base values; recompute only what an override reaches.
      v.set(fx.all);
      changed.fill(0);
      if (ov !== undefined) {
        const fs = fx.slots; // the fixed numbers an override may replace
        for (let i = 0; i < fs.length; i++) {
          const s = fs[i]!;
          const o = ov[s]!;
          if (o !== o) continue;
          if (!(o >= fx.min[i]! && o <= fx.max[i]!)) return explain(fx.defs[i]!, o, v, k, true);
          if ((fx.flags[i]! & 1) !== 0 && o !== Math.floor(o)) return { ok: false, path: fx.defs[i]!.path, message: `must be a whole number of years (got ${o})` };
          v[s] = o;
          changed[s] = 1;
        }
      }
      const { slots, fns, min, max, flags } = p;
      const depStart = p.depStart!;
      const depList = p.depList!;
      for (let i = 0; i < slots.length; i++) {
        const s = slots[i]!;
        const o = ov !== undefined && s < N ? ov[s]! : NaN;
        let x: number;
        if (o === o) x = o;
        else {
          let dirty = false;
          for (let d = depStart[i]!; d < depStart[i + 1]!; d++) {
            if (changed[depList[d]!] === 1) {
              dirty = true;
              break;
            }
          }
          if (!dirty) continue; // as in the base
          x = fns[i]!(v);
        }
        const f = flags[i]!;
        if (!(x >= min[i]! && x <= max[i]!) && !((f & 2) !== 0 && x !== x)) return explain(p.defs[i]!, x, v, k, o === o);
        if ((f & 1) !== 0 && x !== Math.floor(x)) return { ok: false, path: p.defs[i]!.path, message: `must be a whole number of years (got ${x})` };
        v[s] = x;
        changed[s] = 1;
      }
      return undefined;
    }
    const { slots, fns, min, max, flags } = p;
    for (let i = 0; i < slots.length; i++) {
      const s = slots[i]!;
      const o = ov !== undefined && s < N ? ov[s]! : NaN;
      const x = o === o ? o : fns[i]!(v);
      const f = flags[i]!;
      if (!(x >= min[i]! && x <= max[i]!) && !((f & 2) !== 0 && x !== x)) return explain(p.defs[i]!, x, v, k, o === o);
      if ((f & 1) !== 0 && x !== Math.floor(x)) return { ok: false, path: p.defs[i]!.path, message: `must be a whole number of years (got ${x})` };
      v[s] = x;
    }
    return undefined;
  };

  const slotting: Slotting = { outcomeSlots, inputSlots, discountSlots, benefitsScale, extra };
  // Only what reads `year` or `t` varies by year: a model whose expressions name neither (most) has no
  // steps by year, found without walking every scenario's steps.
  const readsYear = (d: Def | undefined) => d?.refs !== undefined && (d.refs.includes("year") || d.refs.includes("t"));
  const byYear = common.some(readsYear) || perScenario.some((m) => someValue(m, readsYear));
  const yearSteps = programs.map((p, k) => (byYear ? yearStepsOf(p, k, size, slotting, defOf) : undefined));

  /** Computes the numbers that vary by year for one year (overrides win: a flat value for every year). */
  const atYear = (k: number, v: Float64Array, year: number, ov: Float64Array | undefined): EvalFailure | undefined => {
    const ys = yearSteps[k];
    if (!ys) return undefined;
    clock.year = year;
    for (let i = 0; i < ys.slots.length; i++) {
      const s = ys.slots[i]!;
      const o = ov !== undefined && s < N ? ov[s]! : NaN;
      const x = o === o ? o : ys.fns[i]!(v);
      const f = ys.flags[i]!;
      if (!(x >= ys.min[i]! && x <= ys.max[i]!) && !((f & 2) !== 0 && x !== x)) return explain(ys.defs[i]!, x, v, k, o === o);
      if ((f & 1) !== 0 && x !== Math.floor(x)) return { ok: false, path: ys.defs[i]!.path, message: `must be a whole number of years (got ${x})` };
      v[s] = x;
    }
    return undefined;
  };

  // Fold what overrides cannot change into a list of values (most of a model: literals, library values).
  function fold(p: Program, k: number): void {
    if (p.failure) return;
    const base = new Float64Array(size).fill(NaN);
    if (computeSlots(k, undefined, base)) return; // a model that fails as written: evaluate reports it
    const varies = new Uint8Array(size);
    const fixed: number[] = [];
    const rest: number[] = [];
    for (let i = 0; i < p.slots.length; i++) {
      const s = p.slots[i]!;
      const moves = p.deps[i]!.some((d) => d < N || varies[d] === 1);
      if (moves) varies[s] = 1;
      (moves ? rest : fixed).push(i);
    }
    const pick = <T,>(xs: ArrayLike<T>, is: number[]) => is.map((i) => xs[i]!);
    const settable = fixed.filter((i) => p.slots[i]! < N);
    const all = new Float64Array(size).fill(NaN); // NaN: not computed in this scenario
    for (let i = 0; i < p.slots.length; i++) all[p.slots[i]!] = base[p.slots[i]!]!;
    const restDeps = rest.map((i) => p.deps[i]!);
    const depStart = new Int32Array(restDeps.length + 1);
    for (let j = 0; j < restDeps.length; j++) depStart[j + 1] = depStart[j]! + restDeps[j]!.length;
    p.depStart = depStart;
    p.depList = Int32Array.from(restDeps.flat());
    p.changed = new Uint8Array(size);
    p.fixed = {
      all,
      slots: Int32Array.from(pick(p.slots, settable)),
      min: Float64Array.from(pick(p.min, settable)),
      max: Float64Array.from(pick(p.max, settable)),
      flags: Uint8Array.from(pick(p.flags, settable)),
      defs: pick(p.defs, settable),
    };
    p.deps = pick(p.deps, rest);
    p.fns = pick(p.fns, rest);
    p.defs = pick(p.defs, rest);
    p.min = Float64Array.from(pick(p.min, rest));
    p.max = Float64Array.from(pick(p.max, rest));
    p.flags = Uint8Array.from(pick(p.flags, rest));
    p.slots = Int32Array.from(pick(p.slots, rest));
  }

  // ---- flows ---------------------------------------------------------------------------------------
  const nS = model.stakeholders.length;
  const stakeholderIndex = new Map(model.stakeholders.map((s, i) => [s.id, i]));
  const allocOf = (alloc: { stakeholder: string; share: number }[]) => {
    const a = new Float64Array(nS);
    for (const x of alloc) {
      const i = stakeholderIndex.get(x.stakeholder);
      if (i !== undefined) a[i] = x.share;
    }
    return a;
  };
  const outAlloc = model.outcomes.map((o) => allocOf(o.allocation));
  const inAlloc = model.inputs.map((i) => allocOf(i.allocation));
  const financial = flagsOf(model.outcomes, (o) => o.kind === "financial");
  // A selection ratio sums stakeholders (no selection: the totals); a formula ratio reads the
  // figures below, written per evaluation into `fig` (totals, then inputs, outcomes, stakeholders).
  const ratioSel = model.ratios.map((r) => ({
    benefits: r.benefitsOf ? allocOf(r.benefitsOf.map((id) => ({ stakeholder: id, share: 1 }))) : undefined,
    inputs: r.inputsOf ? allocOf(r.inputsOf.map((id) => ({ stakeholder: id, share: 1 }))) : undefined,
  }));
  const nIn = model.inputs.length;
  const nOut = model.outcomes.length;
  const figBase = size; // fig slots follow the model's slots in one array, so formulas read both
  const figIndex = new Map<string, number>();
  ["benefits", "inputs", "net", "financial_benefits", "immaterial_benefits"].forEach((n, i) => figIndex.set(n, figBase + i));
  model.inputs.forEach((x, j) => figIndex.set(`input.${x.id}`, figBase + 5 + j));
  model.outcomes.forEach((x, j) => figIndex.set(`outcome.${x.id}.pv`, figBase + 5 + nIn + j));
  model.stakeholders.forEach((x, i) => {
    figIndex.set(`stakeholder.${x.id}.inputs`, figBase + 5 + nIn + nOut + i);
    figIndex.set(`stakeholder.${x.id}.benefits`, figBase + 5 + nIn + nOut + nS + i);
  });
  const figSize = 5 + nIn + nOut + 2 * nS;
  const ratioFns = model.ratios.map((r) => {
    if (!r.numerator || !r.denominator) return undefined;
    const slotOf = (name: string) => figIndex.get(name) ?? index.get(name) ?? -1;
    return { num: compileExpr(r.numerator.expr, slotOf), den: compileExpr(r.denominator.expr, slotOf) };
  });
  const valueMissing = model.outcomes.map((o) => ({
    ok: false as const,
    path: o.path,
    message: `outcome "${o.id}" has no value: no activity carries a value for domain "${o.domain}"`,
    hint: `give the outcome a "value", or give activities a value for "${o.domain}"`,
  }));
  const quantityMissing = model.outcomes.map((o) => ({
    ok: false as const,
    path: o.path,
    message: `outcome "${o.id}" has no quantity and the scenario counts no participants`,
    hint: `give the outcome a "quantity", or give the scenario participants and a counterfactual`,
  }));

  // Discount factors by year index from the scenario's first year, recomputed only when a rate (or the
  // horizon) changes; one set per scenario, since scenarios may have their own time.
  const dfs = times.map(() => ({ e: new Float64Array(0), c: new Float64Array(0), rateE: NaN, rateC: NaN, last: -1 }));
  const discountArrays = (k: number, v: Float64Array, last: number) => {
    const df = dfs[k]!;
    const t = times[k]!;
    const ds = discountSlots[k]!;
    const rE = ds.effects >= 0 ? v[ds.effects]! : 0;
    const rC = ds.costs >= 0 ? v[ds.costs]! : 0;
    if (rE === df.rateE && rC === df.rateC && last <= df.last) return df;
    const n = Math.max(last - t.first + 1, 1);
    const stepsE: RateStep[] = ds.effects >= 0 ? [{ fromYear: 0, rate: rE }] : t.discount.effects;
    const stepsC: RateStep[] = ds.costs >= 0 ? [{ fromYear: 0, rate: rC }] : t.discount.costs;
    df.e = new Float64Array(n);
    df.c = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      df.e[i] = discountFactor(stepsE, t.first + i, t.year0, t.discount.firstYear);
      df.c[i] = discountFactor(stepsC, t.first + i, t.year0, t.discount.firstYear);
    }
    df.rateE = rE;
    df.rateC = rC;
    df.last = last;
    return df;
  };

  const values = model.scenarios.map(() => new Float64Array(size + figSize));
  const hasFormula = ratioFns.some((f) => f !== undefined);
  const hasExtra = flagsOf(model.scenarios, (_, k) => perScenario[k]!.has(extra));
  const nanArray = (n: number) => new Float64Array(n).fill(NaN);
  const nO = model.outcomes.length;
  const nI = model.inputs.length;
  // Weights cached per scenario, outcome and input, keyed by the numbers they are computed from.
  const outWeights = times.map(() => ({ w: nanArray(nO), start: nanArray(nO), dur: nanArray(nO), keep: nanArray(nO), rate: nanArray(nO), last: nanArray(nO) }));
  const inWeights = times.map(() => ({ w: nanArray(nI), ix: nanArray(nI), rate: nanArray(nI), last: nanArray(nI) }));
  const nR = model.ratios.length;
  const fresh = (): Evaluation => newEvaluation(nS, nR);

  /**
   * An outcome's value in a year of activity, from the slots as they stand: amount x impact claim, or
   * value x impact claim x quantity. NaN with `missing` set when it has no value or no quantity.
   */
  let missing: EvalFailure | undefined;
  const takeMissing = (): EvalFailure => {
    const m = missing!;
    missing = undefined;
    return m;
  };
  const yearlyOf = (k: number, j: number, v: Float64Array): number => {
    const s = outcomeSlots[j]!;
    if (s.amount >= 0) return v[s.amount]! * v[s.impact]!;
    const used = s.value >= 0 ? v[s.value]! : s.weighted >= 0 ? v[s.weighted]! : NaN;
    if (used !== used) {
      missing = valueMissing[j]!;
      return NaN;
    }
    let q: number;
    if (s.quantity >= 0) q = v[s.quantity]!;
    else if (hasExtra[k] === 1) q = v[extra]!;
    else {
      missing = quantityMissing[j]!;
      return NaN;
    }
    return used * v[s.impact]! * q;
  };

  // The present values of the flows that vary by year: each year of activity computed on its own.
  const ydOut = new Float64Array(nO);
  const ydIn = new Float64Array(nI);
  const yearlyFlows = (k: number, ys: YearSteps, v: Float64Array, ov: Float64Array | undefined, first: number, last: number, dfE: Float64Array, dfC: Float64Array): EvalFailure | undefined => {
    const t = times[k]!;
    ydOut.fill(0);
    ydIn.fill(0);
    for (let y = first; y <= last; y++) {
      const failure = atYear(k, v, y, ov);
      if (failure) return failure;
      for (let j = 0; j < nO; j++) {
        if (ys.outcomes[j] !== 1) continue;
        const oy = t.outcomeYears[j]!;
        if (y < oy.start || y > oy.end) continue;
        const s = outcomeSlots[j]!;
        const yearly = yearlyOf(k, j, v);
        if (missing) return takeMissing();
        const start = v[s.start]!;
        const dur = v[s.duration]!;
        const keep = 1 - v[s.dropOff]!;
        let w = 0;
        for (let u = 0; u < dur; u++) {
          const i = y + start + u - first;
          if (i >= 0 && i <= last - first) w += Math.pow(keep, u) * dfE[i]!;
        }
        ydOut[j] = ydOut[j]! + yearly * w;
      }
      for (let j = 0; j < nI; j++) {
        if (ys.inputs[j] !== 1) continue;
        const iy = t.inputYears[j]!;
        if (y < iy.start || y > iy.end) continue;
        const inp = model.inputs[j]!;
        const s = inputSlots[j]!;
        const listed = s.perYear.get(y);
        const amount = listed !== undefined ? v[listed]! : s.amount >= 0 ? v[s.amount]! * Math.pow(1 + v[s.indexation]!, Math.max(0, y - inp.indexFrom)) : 0;
        ydIn[j] = ydIn[j]! + (inp.discounted ? amount * dfC[y - first]! : amount);
      }
    }
    return atYear(k, v, t.period.start, ov); // back to the values of the scenario's first year
  };

  const evaluate = (k: number, ov?: Float64Array, out?: Evaluation): Evaluation | EvalFailure => {
    const v = values[k]!;
    const failure = computeSlots(k, ov, v);
    if (failure) return failure;
    const t = times[k]!;
    const first = t.first;
    const outWeight = outWeights[k]!;
    const inWeight = inWeights[k]!;
    // The last year counted: the horizon, or the last year any flow reaches.
    let last = t.period.end;
    if (t.horizon !== undefined) last = t.horizon;
    else {
      for (let j = 0; j < model.outcomes.length; j++) {
        const s = outcomeSlots[j]!;
        const end = t.outcomeYears[j]!.end + v[s.start]! + v[s.duration]! - 1;
        if (end > last) last = end;
      }
      for (const y of t.inputYears) if (y.end > last) last = y.end;
    }
    const df = discountArrays(k, v, last);
    const dfE = df.e;
    const dfC = df.c;
    const lastIdx = last - first;
    const ys = yearSteps[k];
    if (ys) {
      const failure = yearlyFlows(k, ys, v, ov, first, last, dfE, dfC);
      if (failure) return failure;
    }
    const r = out ?? fresh();
    r.stakeholderInputs.fill(0);
    r.stakeholderBenefits.fill(0);
    r.stakeholderFinancialBenefits.fill(0);
    let totalIn = 0;
    let totalBen = 0;
    let totalFin = 0;
    for (let j = 0; j < model.inputs.length; j++) {
      const inp = model.inputs[j]!;
      const iy = t.inputYears[j]!;
      const s = inputSlots[j]!;
      let counted = 0;
      if (ys && ys.inputs[j] === 1) counted = ydIn[j]!;
      else if (s.presentValue >= 0) counted = v[s.presentValue]!;
      else if (s.perYear.size > 0) {
        const base = s.amount >= 0 ? v[s.amount]! : 0;
        const ix = v[s.indexation]!;
        const hi = Math.min(iy.end, last);
        for (let y = iy.start; y <= hi; y++) {
          const listed = s.perYear.get(y);
          const amount = listed !== undefined ? v[listed]! : s.amount >= 0 ? base * Math.pow(1 + ix, Math.max(0, y - inp.indexFrom)) : 0;
          counted += inp.discounted ? amount * dfC[y - first]! : amount;
        }
      } else if (s.amount >= 0) {
        // amount x (the indexed, discounted years), the latter cached while its numbers stay the same.
        const ix = v[s.indexation]!;
        if (ix !== inWeight.ix[j] || df.rateC !== inWeight.rate[j] || last !== inWeight.last[j]) {
          let w = 0;
          const hi = Math.min(iy.end, last);
          for (let y = iy.start; y <= hi; y++) {
            const f = Math.pow(1 + ix, Math.max(0, y - inp.indexFrom));
            w += inp.discounted ? f * dfC[y - first]! : f;
          }
          inWeight.w[j] = w;
          inWeight.ix[j] = ix;
          inWeight.rate[j] = df.rateC;
          inWeight.last[j] = last;
        }
        counted = v[s.amount]! * inWeight.w[j]!;
      }
      totalIn += counted;
      if (hasFormula) v[figBase + 5 + j] = counted;
      const a = inAlloc[j]!;
      for (let i = 0; i < nS; i++) r.stakeholderInputs[i]! += counted * a[i]!;
    }
    for (let j = 0; j < model.outcomes.length; j++) {
      const s = outcomeSlots[j]!;
      let pv: number;
      if (ys && ys.outcomes[j] === 1) pv = ydOut[j]!;
      else {
        const yearly = yearlyOf(k, j, v);
        if (missing) return takeMissing();
        // The yearly value times the sum of (1 - drop-off)^t x discount factor over the years it counts in.
        const start = v[s.start]!;
        const dur = v[s.duration]!;
        const keep = 1 - v[s.dropOff]!;
        const ow = outWeight;
        if (start !== ow.start[j] || dur !== ow.dur[j] || keep !== ow.keep[j] || df.rateE !== ow.rate[j] || last !== ow.last[j]) {
          const oy = t.outcomeYears[j]!;
          let w = 0;
          for (let a = oy.start; a <= oy.end; a++) {
            for (let u = 0; u < dur; u++) {
              const i = a + start + u - first;
              if (i >= 0 && i <= lastIdx) w += Math.pow(keep, u) * dfE[i]!;
            }
          }
          ow.w[j] = w;
          ow.start[j] = start;
          ow.dur[j] = dur;
          ow.keep[j] = keep;
          ow.rate[j] = df.rateE;
          ow.last[j] = last;
        }
        pv = yearly * ow.w[j]!;
      }
      if (benefitsScale >= 0) pv *= v[benefitsScale]!;
      totalBen += pv;
      if (hasFormula) v[figBase + 5 + nIn + j] = pv;
      const al = outAlloc[j]!;
      const fin = financial[j]!;
      if (fin) totalFin += pv;
      for (let i = 0; i < nS; i++) {
        r.stakeholderBenefits[i]! += pv * al[i]!;
        if (fin) r.stakeholderFinancialBenefits[i]! += pv * al[i]!;
      }
    }
    r.inputs = totalIn;
    r.benefits = totalBen;
    r.net = totalBen - totalIn;
    r.financialBenefits = totalFin;
    r.ratio = totalIn > 0 ? totalBen / totalIn : NaN;
    if (hasFormula) {
      v[figBase] = totalBen;
      v[figBase + 1] = totalIn;
      v[figBase + 2] = totalBen - totalIn;
      v[figBase + 3] = totalFin;
      v[figBase + 4] = totalBen - totalFin;
      const st = figBase + 5 + nIn + nOut;
      for (let i = 0; i < nS; i++) {
        v[st + i] = r.stakeholderInputs[i]!;
        v[st + nS + i] = r.stakeholderBenefits[i]!;
      }
    }
    for (let q = 0; q < nR; q++) {
      const f = ratioFns[q];
      if (f) {
        const den = f.den(v);
        r.ratios[q] = den > 0 ? f.num(v) / den : NaN;
        continue;
      }
      const sel = ratioSel[q]!;
      let b = sel.benefits ? 0 : totalBen;
      let c = sel.inputs ? 0 : totalIn;
      for (let i = 0; i < nS; i++) {
        if (sel.benefits) b += sel.benefits[i]! * r.stakeholderBenefits[i]!;
        if (sel.inputs) c += sel.inputs[i]! * r.stakeholderInputs[i]!;
      }
      r.ratios[q] = c > 0 ? b / c : NaN;
    }
    return r;
  };

  const baseValues: (Float64Array | EvalFailure | undefined)[] = model.scenarios.map(() => undefined);
  return {
    model,
    headline: model.ratios.findIndex((r) => r.headline),
    size,
    scenarios: model.scenarios.map((s) => ({ id: s.id, name: s.name, variant: s.variant })),
    stakeholders: model.stakeholders.map((s) => ({ id: s.id, name: s.name })),
    ratios: model.ratios.map((r) => ({ id: r.id, name: r.name })),
    numbers: infos,
    slot: (name) => {
      const i = index.get(name);
      return i !== undefined && i < N ? i : undefined;
    },
    slotOfName: (name) => index.get(name) ?? -1,
    slotOfExpr: (e) => exprSlot.get(e) ?? -1,
    base(k, slot) {
      let b = baseValues[k];
      if (b === undefined) {
        const v = new Float64Array(size).fill(NaN);
        b = baseValues[k] = computeSlots(k, undefined, v) ?? v;
      }
      if (!(b instanceof Float64Array)) return NaN;
      return defOf(k, slot) ? b[slot]! : NaN;
    },
    evaluate,
    computeSlots,
    outcomeSlots,
    inputSlots,
    discountSlots,
    benefitsScale,
    yearly: yearSteps.map((ys) => (ys ? { outcomes: ys.outcomes, inputs: ys.inputs } : undefined)),
    atYear,
    steps,
  };
}

// A parameter's domain from how it is written: a percentage is a share, a unit that counts people is
// a count; anything else may take any value (a parameter can be a negative amount or a factor).
/** 1 where `test` holds, else 0, for each item (without Uint8Array.from's iteration of a mapped copy). */
function flagsOf<T>(items: readonly T[], test: (item: T, i: number) => boolean): Uint8Array {
  const out = new Uint8Array(items.length);
  for (let i = 0; i < items.length; i++) if (test(items[i]!, i)) out[i] = 1;
  return out;
}

function someValue<V>(m: Map<unknown, V>, test: (v: V) => boolean): boolean {
  for (const v of m.values()) if (test(v)) return true;
  return false;
}

const COUNT_UNIT = /\b(people|persons?|inhabitants?|participants?|trainees?|clients?|inwoners?|deelnemers?|personen|count|aantal)\b/i;

function parameterDomain(value: NExpr, unit: string | undefined): NumberDomain {
  if (/^\s*\d+([.,]\d+)?\s*%\s*$/.test(value.text)) return SHARE;
  if (unit && COUNT_UNIT.test(unit) && !/\bper\b/i.test(unit)) return COUNT;
  return ANY;
}

/** An expression's error with the expression it is in, once (the error may already name the whole text). */
export function inText(message: string, text: string): string {
  return message.endsWith(`"${text}"`) ? message : `${message} in "${text}"`;
}

function domainMessage(d: NumberDomain, value: number): string {
  switch (d.kind) {
    case "count":
      return `participants must not be negative (got ${value})`;
    case "share":
      return `a share is between 0 and 100% (got ${value})`;
    case "rate":
      return `a rate is between -100% and 100% (got ${value})`;
    case "money":
      return `an amount must not be negative (got ${value})`;
    case "years":
      return `must be a whole number of years from ${d.min} (got ${value})`;
    default:
      return `must be between ${d.min} and ${d.max} (got ${value})`;
  }
}

/**
 * Discount factor for a year: the product of 1/(1+r) over the years since year 0 (stepwise
 * schedules). The first year counts as year 0 (start of year), 1 (end of year) or 0.5 (mid-year).
 */
export function discountFactor(steps: RateStep[], year: number, year0: number, firstYear: "year0" | "year1" | "mid_year"): number {
  const k = year - year0 + (firstYear === "year1" ? 1 : firstYear === "mid_year" ? 0.5 : 0);
  const whole = Math.floor(k);
  let f = 1;
  for (let i = 1; i <= whole; i++) f /= 1 + rateAt(steps, i);
  for (let i = 0; i > whole; i--) f *= 1 + rateAt(steps, 0);
  const part = k - whole; // the half year of the mid-year convention, at the next year's rate
  if (part > 0) f /= Math.pow(1 + rateAt(steps, whole + 1), part);
  return f;
}

function rateAt(steps: RateStep[], offset: number): number {
  let rate = steps[0]?.rate ?? 0;
  for (const s of steps) if (s.fromYear <= offset) rate = s.rate;
  return rate;
}
