// sroi migrate: a model written for an older form of the language, printed in the current form.
// Works on the YAML document itself so that comments (each number's source) and layout survive;
// the file is never written (the command prints, the user decides).
import { isMap, isScalar, isSeq, parseDocument, Scalar, YAMLMap, type Pair } from "yaml";

export interface Migration {
  text: string;
  /** One line per change, for stderr. */
  changes: string[];
}

export function migrateText(text: string): Migration {
  const doc = parseDocument(text, { keepSourceTokens: false });
  const changes: string[] = [];
  const root = doc.contents;
  if (!isMap(root)) return { text, changes };
  const pairOf = (map: YAMLMap, key: string) => map.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair<Scalar, unknown> | undefined;

  // baselines -> parameters with group: baseline
  const baselines = pairOf(root, "baselines");
  if (baselines && isMap(baselines.value)) {
    const items = baselines.value.items as Pair<Scalar, unknown>[];
    for (const item of items) {
      if (isMap(item.value)) item.value.set("group", "baseline");
      else if (isScalar(item.value)) {
        const m = new YAMLMap();
        m.flow = true;
        m.set("value", item.value);
        m.set("group", "baseline");
        m.comment = item.value.comment;
        item.value.comment = undefined;
        item.value = m;
      }
    }
    const parameters = pairOf(root, "parameters");
    if (parameters && isMap(parameters.value)) {
      if (items[0] && baselines.key.commentBefore) items[0].key.commentBefore = baselines.key.commentBefore;
      if (items[0] && baselines.value.commentBefore) items[0].key.commentBefore = [items[0].key.commentBefore, baselines.value.commentBefore].filter(Boolean).join("\n");
      parameters.value.items.push(...items);
      root.items.splice(root.items.indexOf(baselines as unknown as (typeof root.items)[number]), 1);
    } else baselines.key.value = "parameters";
    changes.push('baselines: moved into parameters, each with "group: baseline"');
  }

  const outcomes = pairOf(root, "outcomes");
  if (outcomes && isSeq(outcomes.value)) {
    outcomes.value.items.forEach((o, i) => {
      if (!isMap(o)) return;
      const qaly = pairOf(o, "qaly");
      if (qaly && isScalar(qaly.value) && qaly.value.value === true) {
        qaly.value.value = "qaly_price";
        changes.push(`outcomes[${i}].qaly: true -> qaly: qaly_price (the parameter that prices a QALY)`);
      }
      if (pairOf(o, "certainty")) {
        o.delete("certainty");
        changes.push(`outcomes[${i}].certainty: removed (it had no effect)`);
      }
    });
  }

  const stakeholders = pairOf(root, "stakeholders");
  if (stakeholders && isSeq(stakeholders.value)) {
    stakeholders.value.items.forEach((s, i) => {
      if (!isMap(s)) return;
      const role = pairOf(s, "role");
      if (!role) return;
      if (pairOf(s, "note")) s.delete("role");
      else role.key.value = "note";
      changes.push(`stakeholders[${i}].role: now "note" (role had no effect)`);
    });
  }

  if (changes.length === 0) return { text, changes };
  return { text: doc.toString({ lineWidth: 0 }), changes };
}
