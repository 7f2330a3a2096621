// The loader's notes in the text outputs: Dutch built from the note's data, English its own sentence.
import { describe, expect, it } from "vitest";
import { loadModelText } from "../../src/load/load.js";
import { runModel } from "../../src/engine/engine.js";
import type { NoteDetail, NoteWarning, Warning } from "../../src/engine/result.js";
import { formatter } from "../../src/render/format.js";
import { warningMessage, warningText } from "../../src/render/messages.js";

const note = (detail: NoteDetail, code: NoteWarning["code"], message: string): Warning => ({ code, message, detail });

describe("loader notes in Dutch and English", () => {
  const nl = formatter("nl");
  const en = formatter("en");
  const cases: [string, Warning, string][] = [
    [
      "override",
      note({ kind: "override", study: "s", study_name: "Studie S", domain: "zvw", library_value: 482, used_value: 428, reason: "Tabel 4 drukt 428" }, "library-override", "overrides library study ..."),
      'wijkt af van bibliotheekstudie "s" (Studie S) voor zvw: bibliotheek 482, dit model 428: Tabel 4 drukt 428',
    ],
    [
      "added value",
      note({ kind: "override", study: "s", study_name: "Studie S", domain: "wlz", library_value: null, used_value: 1500, reason: "r" }, "library-override", "adds ..."),
      'voegt wlz = 1.500 toe aan bibliotheekstudie "s" (Studie S): r',
    ],
    [
      "indexation",
      note({ kind: "indexation", study: "w", from: 2021, to: 2024, series: "cpi", factor: 1.17954 }, "library-indexation", "study ..."),
      'studie "w" geïndexeerd van prijspeil 2021 naar 2024 met cpi: x1,1795',
    ],
    [
      "low certainty",
      note({ kind: "low-certainty", study: "m", study_name: "M", certainty: 1, required: 2, used_by: ["Inloop-café"] }, "low-certainty", "study ..."),
      'studie "m" (M) heeft zekerheid * (beperkt), lager dan de ** (voldoende) die het model vraagt; gebruikt door Inloop-café',
    ],
    [
      "notation",
      note({ kind: "notation", field: "parameters.x", written: "1.364", read_as: 1.364, whole: "1364" }, "number-notation", "parameters.x: ..."),
      'parameters.x: 1.364 wordt gelezen als 1,364, niet 1364: YAML-getallen hebben een decimale punt; schrijf 1364 als duizendtallen bedoeld zijn, of zet het tussen aanhalingstekens ("1.364")',
    ],
    [
      "deprecated role",
      note({ kind: "deprecated", form: "stakeholder-role", field: "stakeholders[0].role" }, "deprecated", "stakeholders[0].role ..."),
      'stakeholders[0].role heeft geen effect en is verouderd: schrijf het in "name" of "note" (sroi migrate FILE toont de nieuwe vorm)',
    ],
  ];
  it.each(cases)("%s", (_name, w, dutch) => {
    expect(warningText(w, nl)).toBe(dutch);
    expect(warningText(w, en)).toBe(w.message);
    expect(warningMessage(w)).toBe(w.message);
  });

  it("a model's deprecated forms come with their data, and Dutch text without an English sentence", () => {
    const text = [
      "sroi: 1",
      "meta: { id: t, title: T, source: { report: r } }",
      "time: { year: 2024 }",
      "baselines: { x: 1 }",
      "stakeholders: [{ id: a, name: A, role: payer }]",
      "inputs: [{ id: i, name: I, stakeholder: a, amount: 100 }]",
      "outcomes: [{ id: o, name: O, stakeholder: a, amount: 200 }]",
      "scenarios: [{ id: s, name: S }]",
    ].join("\n");
    const loaded = loadModelText("t.yaml", text);
    expect(loaded.problems.filter((p) => p.severity === "error")).toEqual([]);
    const r = runModel(loaded.model!);
    const texts = r.warnings.map((w) => warningText(w, nl));
    expect(texts).toEqual([
      '"baselines:" is verouderd: kentallen zijn parameters met "group: baseline" (sroi migrate FILE toont de nieuwe vorm)',
      'stakeholders[0].role heeft geen effect en is verouderd: schrijf het in "name" of "note" (sroi migrate FILE toont de nieuwe vorm)',
    ]);
  });
});
