// The scale model of issue 11, written as a user would write it (flow maps, one line per item).
export function scaleModel({ activities, stakeholders, years, outcomes, scenarios }) {
  const first = 2026;
  return [
    "sroi: 1",
    "meta: { title: Scale benchmark, source: { report: synthetic } }",
    `time: { period: ${first}-${first + years - 1}, discount: hm-treasury }`,
    "stakeholders:",
    ...Array.from({ length: stakeholders }, (_, i) => `  - { id: s${i}, name: Stakeholder ${i} }`),
    "parameters: { claim: 0.5, rate: 87.5 }",
    "activities:",
    ...Array.from(
      { length: activities },
      (_, i) => `  - { id: a${i}, name: A${i}, participants: ${10 + (i % 90)}, values: { d${i % 20}: ${100 + i} } }`,
    ),
    "participants: { groups: [ { id: g, name: G } ] }",
    "counterfactual: { name: none, participants: { g: 100 } }",
    "inputs:",
    ...Array.from(
      { length: stakeholders },
      (_, i) => `  - { id: i${i}, name: I${i}, stakeholder: s${i}, amount: rate * ${1000 + i}, indexation: 2% }`,
    ),
    "outcomes:",
    ...Array.from(
      { length: outcomes },
      (_, i) =>
        `  - { id: o${i}, name: O${i}, stakeholder: s${i % stakeholders}, domain: d${i % 20}, impact_claim: 50%, duration: ${1 + (i % 5)}, drop_off: 10% }`,
    ),
    "scenarios:",
    ...Array.from({ length: scenarios }, (_, i) => `  - { id: sc${i}, name: Sc${i}, participants: { g: ${200 + i * 10} } }`),
    "",
  ].join("\n");
}
