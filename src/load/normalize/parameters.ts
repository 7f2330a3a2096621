// Parameters: a declared range and distribution, and the deprecated forms of language version 1.
import type { ModelDoc } from "../../schema/model.js";
import type { DistributionKind, Uncertainty } from "../../engine/evaluator.js";
import type { LibraryNote, NExpr, Path } from "../../engine/model.js";

/** Forms of language version 1 that still load, each with what to write instead (sroi migrate FILE writes it). */
export function deprecations(doc: ModelDoc): LibraryNote[] {
  const notes: LibraryNote[] = [];
  type Form = "baselines" | "qaly-true" | "outcome-certainty" | "stakeholder-role";
  const note = (form: Form, field: string, message: string) =>
    notes.push({ code: "deprecated", detail: { kind: "deprecated", form, field }, message: `${message} (sroi migrate FILE prints the new form)` });
  if (doc.baselines) note("baselines", "baselines", '"baselines:" is deprecated: baselines are parameters with "group: baseline"');
  (doc.outcomes ?? []).forEach((o, i) => {
    if (o.qaly === true) note("qaly-true", `outcomes[${i}].qaly`, `outcomes[${i}].qaly: "qaly: true" is deprecated: name the price of a QALY ("qaly: qaly_price")`);
    if (o.certainty !== undefined) note("outcome-certainty", `outcomes[${i}].certainty`, `outcomes[${i}].certainty has no effect and is deprecated: a study's certainty is in the library`);
  });
  (doc.stakeholders ?? []).forEach((s, i) => {
    if (s.role !== undefined) note("stakeholder-role", `stakeholders[${i}].role`, `stakeholders[${i}].role has no effect and is deprecated: write it in "name" or "note"`);
  });
  return notes;
}

/** A parameter's declared range and distribution, checked against its value and each other. */
export function declaredRange(
  p: { low?: number; high?: number; distribution?: DistributionKind; mode?: number; sd?: number },
  value: NExpr,
  path: Path,
  problem: (path: Path, message: string, hint?: string) => void,
): Uncertainty | undefined {
  const { low, high, distribution, mode, sd } = p;
  if (low === undefined && high === undefined && distribution === undefined && mode === undefined && sd === undefined) return undefined;
  const base = value.expr.kind === "num" ? value.expr.value : undefined;
  if ((low === undefined) !== (high === undefined)) {
    problem([...path, low === undefined ? "low" : "high"], 'a range needs both "low" and "high"');
    return undefined;
  }
  const normalLike = distribution === "normal" || distribution === "lognormal";
  if (low === undefined || high === undefined) {
    if (!(normalLike && sd !== undefined && base !== undefined)) {
      problem(path, `a distribution needs "low" and "high"${normalLike ? ' (or "sd" around a plain number)' : ""}`);
      return undefined;
    }
    const lo = base - 1.645 * sd;
    const hi = base + 1.645 * sd;
    return { low: lo, high: hi, distribution: distribution!, sd, origin: "declared" };
  }
  if (low > high) {
    problem([...path, "low"], `the low end (${low}) is above the high end (${high})`, "swap them");
    return undefined;
  }
  if (base !== undefined && (base < low || base > high)) {
    problem([...path, "value"], `the value ${base} lies outside its range ${low} to ${high}`);
    return undefined;
  }
  if (mode !== undefined && (mode < low || mode > high)) {
    problem([...path, "mode"], `the mode ${mode} lies outside the range ${low} to ${high}`);
    return undefined;
  }
  if (distribution === "lognormal" && low <= 0) {
    problem([...path, "low"], "a lognormal distribution needs a positive low end");
    return undefined;
  }
  return {
    low,
    high,
    distribution: distribution ?? "triangular",
    ...(mode !== undefined ? { mode } : {}),
    ...(sd !== undefined ? { sd } : {}),
    origin: "declared",
  };
}

