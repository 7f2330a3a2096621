// Language version 1 forms keep loading, with a deprecation warning; sroi migrate prints the new form.
import { describe, expect, it } from "vitest";
import { runText } from "../../src/api.js";
import { migrateText } from "../../src/load/migrate.js";

const OLD = `sroi: 1
meta: { title: T, source: { report: t } }
time: { period: 2026 }
parameters:
  qaly_price: 50000           # the price of a QALY
baselines:                    # Tabel 1 Kentallen
  spend: 900                  # spending per inhabitant
  people: { value: 100, unit: inhabitants }
stakeholders:
  - { id: a, name: A, role: Zvw }
inputs: [ { id: c, name: C, stakeholder: a, amount: 1000 } ]
outcomes:
  - { id: o, name: O, stakeholder: a, quantity: people, value: spend, qaly: true, certainty: 2 }
scenarios: [ { id: s, name: S } ]
`;

describe("deprecated forms", () => {
  it("still load, with one deprecation warning per form", () => {
    const r = runText("m.yaml", OLD);
    expect(r.problems).toEqual([]);
    const deprecated = r.result!.warnings.filter((w) => w.code === "deprecated").map((w) => w.message);
    expect(deprecated).toEqual([
      expect.stringContaining('"baselines:" is deprecated'),
      expect.stringContaining('"qaly: true" is deprecated'),
      expect.stringContaining("outcomes[0].certainty has no effect"),
      expect.stringContaining("stakeholders[0].role has no effect"),
    ]);
    expect(r.result!.scenarios[0]!.qalys).toBeCloseTo(90000 / 50000, 12);
  });

  it("migrate prints the new form, keeping comments; it runs the same and warns about nothing", () => {
    const m = migrateText(OLD);
    expect(m.changes).toHaveLength(4);
    expect(m.text).not.toContain("baselines:");
    expect(m.text).toContain("spend: { value: 900, group: baseline } # spending per inhabitant");
    expect(m.text).toContain("# the price of a QALY");
    expect(m.text).toContain("qaly: qaly_price");
    expect(m.text).toContain("note: Zvw");
    expect(m.text).not.toContain("certainty");
    const before = runText("m.yaml", OLD).result!;
    const after = runText("m.yaml", m.text).result!;
    expect(after.warnings).toEqual([]);
    expect(after.scenarios[0]!.ratio).toBe(before.scenarios[0]!.ratio);
    expect(after.scenarios[0]!.parameters).toEqual(before.scenarios[0]!.parameters);
    expect(migrateText(m.text).changes).toEqual([]);
  });

  it("a model in the current form is printed unchanged", () => {
    const current = migrateText(OLD).text;
    expect(migrateText(current).text).toBe(current);
  });
});
