// Cross-reference rules: what a model must say consistently across its sections (an id named here
// exists there, shares add up, a scenario's chain ends). Each rule is a small function of the model
// as written and the libraries it reads, returning its problems; the normaliser runs them all, and
// test/load/rules.test.ts holds one invalid model per rule.
import { yearRange } from "./time.js";
import type { ModelDoc } from "../../schema/model.js";
import type { Path } from "../../engine/model.js";
import { readShare } from "../../schema/share.js";
import { didYouMean } from "../problems.js";
import type { RawProblem } from "../normalize.js";

export interface RuleContext {
  doc: ModelDoc;
  /** Library studies by id, with the domains they carry values for. */
  studies: Map<string, string[]>;
}

export interface Rule {
  id: string;
  /** What the rule asks of a model, for the README and the table test. */
  says: string;
  /** It reads the library's studies (the others read only the model: docRulesClean can run them alone). */
  library?: true;
  check(ctx: RuleContext): RawProblem[];
}

const p = (path: Path, message: string, hint?: string): RawProblem => ({ path, message, hint });

function hintFor(word: string, candidates: string[], what = "entries"): string | undefined {
  const guess = didYouMean(word, candidates);
  if (guess) return `did you mean "${guess}"?`;
  if (candidates.length === 0) return undefined;
  return candidates.length <= 8 ? `${what}: ${candidates.join(", ")}` : undefined;
}

const stakeholderIds = (doc: ModelDoc) => (doc.stakeholders ?? []).map((s) => s.id);
const groupIds = (doc: ModelDoc) => doc.participants?.groups.map((g) => g.id) ?? [];
const flows = (doc: ModelDoc) => [
  ...(doc.inputs ?? []).map((x, i) => ({ item: x as { stakeholder?: string; allocation?: Record<string, number | string>; group?: string }, path: ["inputs", i] as Path })),
  ...(doc.outcomes ?? []).map((x, i) => ({ item: x as { stakeholder?: string; allocation?: Record<string, number | string>; group?: string }, path: ["outcomes", i] as Path })),
];

/** A scenario's chain from itself to the root, stopping at a missing parent or a cycle. */
function chainOf(doc: ModelDoc, i: number): { ids: number[]; missing?: { at: number; id: string }; cycle?: string } {
  const byId = new Map(doc.scenarios.map((s, k) => [s.id, k]));
  const ids: number[] = [];
  let k: number | undefined = i;
  while (k !== undefined) {
    if (ids.includes(k)) return { ids, cycle: doc.scenarios[k]!.id };
    ids.push(k);
    const parent: string | undefined = doc.scenarios[k]!.extends;
    if (!parent) break;
    const next = byId.get(parent);
    if (next === undefined) return { ids, missing: { at: k, id: parent } };
    k = next;
  }
  return { ids };
}

/** The participant counts a scenario has, its own and inherited. */
function scenarioCounts(doc: ModelDoc, i: number): Set<string> {
  const out = new Set<string>();
  for (const k of chainOf(doc, i).ids) for (const g of Object.keys(doc.scenarios[k]!.participants ?? {})) out.add(g);
  return out;
}

export const RULES: Rule[] = [
  {
    id: "unique-ids",
    says: "ids are unique within stakeholders, activities, inputs, outcomes, scenarios, ratios and groups",
    check: ({ doc }) => {
      const out: RawProblem[] = [];
      const lists = { stakeholders: doc.stakeholders, activities: doc.activities, inputs: doc.inputs, outcomes: doc.outcomes, scenarios: doc.scenarios, ratios: doc.ratios, groups: doc.groups };
      for (const [key, items] of Object.entries(lists)) {
        const seen = new Set<string>();
        (items ?? []).forEach((it, i) => {
          if (seen.has(it.id)) out.push(p([key, i, "id"], `the id "${it.id}" is used twice`));
          seen.add(it.id);
        });
      }
      return out;
    },
  },
  {
    id: "one-name-per-number",
    says: "a name is a parameter or a baseline, not both",
    check: ({ doc }) =>
      Object.keys(doc.baselines ?? {})
        .filter((n) => Object.hasOwn(doc.parameters ?? {}, n))
        .map((n) => p(["baselines", n], `"${n}" is defined twice (parameters and baselines share one set of names)`)),
  },
  {
    id: "stakeholder-or-allocation",
    says: "an input or outcome names one stakeholder or an allocation, not both",
    check: ({ doc }) =>
      flows(doc)
        .filter(({ item }) => item.stakeholder && item.allocation)
        .map(({ path }) => p([...path, "allocation"], 'give either "stakeholder" or "allocation", not both')),
  },
  {
    id: "stakeholder-exists",
    says: "every stakeholder an input, outcome or ratio names is declared under stakeholders",
    check: ({ doc }) => {
      const ids = stakeholderIds(doc);
      const out: RawProblem[] = [];
      const miss = (id: string, path: Path) => {
        if (!ids.includes(id)) out.push(p(path, `no stakeholder "${id}"`, hintFor(id, ids, "stakeholders")));
      };
      for (const { item, path } of flows(doc)) {
        if (item.stakeholder) miss(item.stakeholder, [...path, "stakeholder"]);
        for (const id of Object.keys(item.allocation ?? {})) miss(id, [...path, "allocation", id]);
      }
      (doc.ratios ?? []).forEach((r, i) => {
        for (const key of ["benefits_of", "inputs_of"] as const) (r[key] ?? []).forEach((id, j) => miss(id, ["ratios", i, key, j]));
      });
      return out;
    },
  },
  {
    id: "allocation-adds-up",
    says: "an allocation's shares add up to 100%",
    check: ({ doc }) =>
      flows(doc).flatMap(({ item, path }) => {
        if (!item.allocation || item.stakeholder) return [];
        const total = Object.values(item.allocation).reduce<number>((a, s) => a + readShare(s), 0);
        return Math.abs(total - 1) > 1e-9 ? [p([...path, "allocation"], `the shares add up to ${Math.round(total * 10000) / 100}%, not 100%`)] : [];
      }),
  },
  {
    id: "group-exists",
    says: "an input's or outcome's group is declared under groups",
    check: ({ doc }) => {
      const ids = (doc.groups ?? []).map((g) => g.id);
      return flows(doc)
        .filter(({ item }) => item.group && !ids.includes(item.group))
        .map(({ item, path }) => p([...path, "group"], `no group "${item.group}"`, hintFor(item.group!, ids, "groups")));
    },
  },
  {
    id: "counterfactual-needs-groups",
    says: "a counterfactual counts participant groups, so the model declares them",
    check: ({ doc }) => (doc.counterfactual && !doc.participants ? [p(["counterfactual"], "a counterfactual needs participant groups", 'declare them under "participants: groups:"')] : []),
  },
  {
    id: "participant-group-exists",
    says: "the counterfactual and scenarios count only declared participant groups",
    check: ({ doc }) => {
      const ids = groupIds(doc);
      const out: RawProblem[] = [];
      const counts: [Record<string, unknown> | undefined, Path][] = [
        [doc.counterfactual?.participants, ["counterfactual", "participants"]],
        ...doc.scenarios.map((s, i) => [s.participants, ["scenarios", i, "participants"]] as [Record<string, unknown> | undefined, Path]),
      ];
      for (const [m, path] of counts) {
        for (const g of Object.keys(m ?? {})) if (!ids.includes(g)) out.push(p([...path, g], `no participant group "${g}"`, hintFor(g, ids, "participant groups")));
      }
      return out;
    },
  },
  {
    id: "every-group-counted",
    says: "the counterfactual, and a scenario that counts participants, count every group",
    check: ({ doc }) => {
      const ids = groupIds(doc);
      const out: RawProblem[] = [];
      if (doc.counterfactual && doc.participants) {
        for (const g of ids) if (!Object.hasOwn(doc.counterfactual.participants, g)) out.push(p(["counterfactual", "participants"], `no count for participant group "${g}"`));
      }
      doc.scenarios.forEach((_, i) => {
        const counts = scenarioCounts(doc, i);
        if (counts.size > 0) for (const g of ids) if (!counts.has(g)) out.push(p(["scenarios", i, "participants"], `no count for participant group "${g}"`));
      });
      return out;
    },
  },
  {
    id: "scenario-counts-need-counterfactual",
    says: "a scenario that counts participants has a counterfactual to compare with",
    check: ({ doc }) =>
      doc.counterfactual
        ? []
        : doc.scenarios.flatMap((s, i) =>
            scenarioCounts(doc, i).size > 0 && Object.keys(s.participants ?? {}).length > 0
              ? [p(["scenarios", i, "participants"], `scenario "${s.id}" counts participants but the model has no counterfactual`, 'add a "counterfactual:" block with the participants without the intervention')]
              : [],
          ),
  },
  {
    id: "scenario-extends-exists",
    says: "a scenario extends a scenario that exists, and no chain of extends comes back to itself",
    check: ({ doc }) => {
      const ids = doc.scenarios.map((s) => s.id);
      return doc.scenarios.flatMap((s, i) => {
        if (!s.extends) return [];
        const c = chainOf(doc, i);
        if (c.cycle) return [p(["scenarios", i, "extends"], `scenario "${s.id}" extends itself through "${c.cycle}"`)];
        if (c.missing && c.missing.at === i) return [p(["scenarios", i, "extends"], `no scenario "${c.missing.id}"`, hintFor(c.missing.id, ids, "scenarios"))];
        return [];
      });
    },
  },
  {
    id: "scenario-parameter-exists",
    says: "a scenario changes only parameters (or baselines) the model declares",
    check: ({ doc }) => {
      const names = [...Object.keys(doc.parameters ?? {}), ...Object.keys(doc.baselines ?? {})];
      return doc.scenarios.flatMap((s, i) =>
        Object.keys(s.parameters ?? {})
          .filter((n) => !names.includes(n))
          .map((n) => p(["scenarios", i, "parameters", n], `no parameter "${n}" to change`, hintFor(n, names, "parameters"))),
      );
    },
  },
  {
    id: "library-study-exists",
    says: "an activity's ref and a library override name a study in the library files",
    library: true,
    check: ({ doc, studies }) => {
      const ids = [...studies.keys()];
      const out: RawProblem[] = [];
      (doc.activities ?? []).forEach((a, i) => {
        if (a.ref && !studies.has(a.ref)) out.push(p(["activities", i, "ref"], `no library study "${a.ref}"`, hintFor(a.ref, ids, "studies")));
      });
      for (const id of Object.keys(doc.library_overrides ?? {})) {
        if (!studies.has(id)) out.push(p(["library_overrides", id], `no library study "${id}"`, hintFor(id, ids)));
      }
      return out;
    },
  },
  {
    id: "outcome-amount-or-unit",
    says: 'an outcome gives an "amount" per year, or "quantity" and "value", not both',
    check: ({ doc }) =>
      (doc.outcomes ?? []).flatMap((o, i) =>
        o.amount !== undefined && (o.value !== undefined || o.quantity !== undefined)
          ? [p(["outcomes", i, "amount"], 'give either "amount" (per year) or "quantity" and "value", not both')]
          : [],
      ),
  },
  {
    id: "outcome-value-source",
    says: "an outcome without an amount or value names a domain that some activity carries a value for",
    library: true,
    check: ({ doc, studies }) => {
      const domains = new Set<string>();
      // Keys, not entries: a large model has tens of thousands of activities.
      for (const a of doc.activities ?? []) {
        if (a.ref) for (const d of studies.get(a.ref) ?? []) domains.add(d);
        const values = a.values;
        if (values) {
          for (const d of Object.keys(values)) {
            if (values[d] === null) domains.delete(d);
            else domains.add(d);
          }
        }
      }
      return (doc.outcomes ?? []).flatMap((o, i) => {
        if (o.amount !== undefined || o.value !== undefined) return [];
        if (!o.domain) return [p(["outcomes", i], 'an outcome needs a "value" (per unit), a "domain" to take the weighted average over, or an "amount" per year')];
        if (!domains.has(o.domain)) return [p(["outcomes", i, "domain"], `no activity carries a value for domain "${o.domain}"`, hintFor(o.domain, [...domains], "domains") ?? 'give the outcome a "value"')];
        return [];
      });
    },
  },
  {
    id: "outcome-quantity-source",
    says: "an outcome without a quantity counts extra participants, so the model has participant groups",
    check: ({ doc }) =>
      (doc.outcomes ?? []).flatMap((o, i) =>
        o.amount === undefined && o.quantity === undefined && !doc.participants
          ? [p(["outcomes", i], 'an outcome without "quantity" counts the extra participants, but the model has no participant groups')]
          : [],
      ),
  },
  {
    id: "input-amount",
    says: 'an input gives an "amount" per year or "per_year" amounts, or a "present_value" alone',
    check: ({ doc }) =>
      (doc.inputs ?? []).flatMap((x, i) => {
        if (x.present_value !== undefined) {
          return x.amount !== undefined || x.per_year !== undefined || x.indexation !== undefined
            ? [p(["inputs", i, "present_value"], 'a "present_value" stands alone: no "amount", "per_year" or "indexation" with it')]
            : [];
        }
        return x.amount === undefined && x.per_year === undefined ? [p(["inputs", i], 'an input needs an "amount" (per year), "per_year" amounts or a "present_value"')] : [];
      }),
  },
  {
    id: "qaly-price",
    says: "a QALY outcome names the parameter that prices a QALY (qaly: true means qaly_price)",
    check: ({ doc }) => {
      const names = [...Object.keys(doc.parameters ?? {}), ...Object.keys(doc.baselines ?? {})];
      return (doc.outcomes ?? []).flatMap((o, i) => {
        if (!o.qaly) return [];
        const name = o.qaly === true ? "qaly_price" : o.qaly;
        if (names.includes(name)) return [];
        return [p(["outcomes", i, "qaly"], `a QALY outcome needs a parameter "${name}" (the price of a QALY)`, 'e.g. "qaly_price: price.qaly" with the library, or "qaly_price: 50000", and "qaly: qaly_price"')];
      });
    },
  },
  {
    id: "ratio-formula-or-selection",
    says: "a ratio is a formula (numerator, denominator) or a stakeholder selection, and at most one ratio is the headline",
    check: ({ doc }) => {
      const out: RawProblem[] = [];
      (doc.ratios ?? []).forEach((r, i) => {
        const formula = r.numerator !== undefined || r.denominator !== undefined;
        if (formula && (r.benefits_of || r.inputs_of)) out.push(p(["ratios", i], 'give either a formula ("numerator", "denominator") or a selection ("benefits_of", "inputs_of"), not both'));
      });
      if ((doc.ratios ?? []).filter((r) => r.headline).length > 1) out.push(p(["ratios"], "only one ratio can be the headline", 'remove "headline: true" from all but one'));
      return out;
    },
  },
  {
    id: "time-year-or-period",
    says: 'time gives a "period" or a "year", not both and not neither',
    check: ({ doc }) => {
      const t = doc.time;
      if (!t) return [];
      if (t.year !== undefined && t.period !== undefined) return [p(["time", "year"], 'give either "year" or "period", not both')];
      if (t.year === undefined && t.period === undefined) return [p(["time"], 'time needs a "period" (2026-2030) or a "year" (2022)', "or leave time out for one undiscounted year")];
      return [];
    },
  },
  {
    id: "year-names-reserved",
    says: "no parameter or baseline is called `t` or `year` (the year index and the calendar year of a number by year)",
    check: ({ doc }) =>
      (["parameters", "baselines"] as const).flatMap((key) =>
        Object.keys(doc[key] ?? {})
          .filter((name) => name === "t" || name === "year")
          .map((name) => p([key, name], `"${name}" is a built-in name (the ${name === "t" ? "years since year 0" : "calendar year"} of a number that varies by year)`, "choose another name")),
      ),
  },
  {
    id: "scenario-time",
    says: 'a scenario\'s own `time` gives a "period" or a "year", not both, and its period does not end before it starts',
    check: ({ doc }) =>
      doc.scenarios.flatMap((s, i) => {
        const t = s.time;
        if (!t) return [];
        if (t.year !== undefined && t.period !== undefined) return [p(["scenarios", i, "time", "year"], 'give either "year" or "period", not both')];
        if (t.period !== undefined) {
          const r = yearRange(t.period);
          if (r.end < r.start) return [p(["scenarios", i, "time", "period"], `the period ends (${r.end}) before it starts (${r.start})`)];
        }
        return [];
      }),
  },
];

/** Every rule's problems; with `docRulesDone`, only the rules that read the library (the others found nothing). */
export function checkRules(ctx: RuleContext, docRulesDone = false): RawProblem[] {
  return RULES.flatMap((r) => (docRulesDone && !r.library ? [] : r.check(ctx)));
}

/** Whether the rules that read only the model find nothing in it (the batch's read-ahead asks, without the library). */
export function docRulesClean(doc: ModelDoc): boolean {
  const ctx: RuleContext = { doc, studies: new Map() };
  return RULES.every((r) => r.library || r.check(ctx).length === 0);
}
