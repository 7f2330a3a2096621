// The library part of a model: studies, prices and index series from the library files, the model's
// own overrides of them, and indexation to the model's price year.
import type { ModelDoc } from "../../schema/model.js";
import type { LibraryNote, NParam, NStudy, Path } from "../../engine/model.js";
import { readShare as share } from "../../schema/share.js";
import { didYouMean } from "../problems.js";
import type { LoadedLibrary, RawProblem } from "../normalize.js";

function hintFor(word: string, candidates: string[]): string | undefined {
  const guess = didYouMean(word, candidates);
  if (guess) return `did you mean "${guess}"?`;
  return candidates.length > 0 && candidates.length <= 8 ? `entries: ${candidates.join(", ")}` : undefined;
}

export function normalizeLibrary(
  doc: ModelDoc,
  libraries: LoadedLibrary[],
  problems: RawProblem[],
): { studies: Map<string, NStudy>; prices: Map<string, NParam>; libraryNotes: LibraryNote[] } {
  const problem = (path: Path, message: string, hint?: string) => problems.push({ path, message, hint });
  const studies = new Map<string, NStudy>();
  const prices = new Map<string, NParam>();
  const indexSeries = new Map<string, Record<string, number | string>>();
  const libraryNotes: LibraryNote[] = [];
  for (const lib of libraries) {
    for (const [id, s] of Object.entries(lib.doc.studies ?? {})) {
      if (studies.has(id)) problems.push({ path: ["studies", id], message: `study "${id}" is defined in more than one library file`, file: lib.file });
      studies.set(id, {
        id,
        name: s.name,
        source: s.source,
        certainty: s.certainty,
        priceYear: s.price_year,
        values: new Map(Object.entries(s.values)),
      });
    }
    for (const [id, p] of Object.entries(lib.doc.prices ?? {})) {
      prices.set(`price.${id}`, {
        name: `price.${id}`,
        kind: "price",
        value: { expr: { kind: "num", value: p.value, start: 0, end: 0 }, text: String(p.value), path: ["library", lib.file, id] },
        unit: p.unit,
        source: p.source,
      });
    }
    for (const [id, ix] of Object.entries(lib.doc.index ?? {})) indexSeries.set(id, ix.rates);
  }
  for (const [id, o] of Object.entries(doc.library_overrides ?? {})) {
    const study = studies.get(id);
    if (!study) {
      continue; // rule library-study-exists
    }
    for (const [domain, value] of Object.entries(o.values ?? {})) {
      const before = study.values.get(domain);
      study.values.set(domain, value);
      libraryNotes.push({
        code: "library-override",
        study: id,
        domain,
        libraryValue: before,
        usedValue: value,
        detail: { kind: "override", study: id, study_name: study.name, domain, library_value: before ?? null, used_value: value, reason: o.reason },
        message:
          before === undefined
            ? `adds ${domain} = ${value} to library study "${id}" (${study.name}): ${o.reason}`
            : `overrides library study "${id}" (${study.name}) ${domain}: library ${before}, this model ${value}: ${o.reason}`,
      });
    }
  }
  if (doc.reference_indexation) {
    const rates = indexSeries.get(doc.reference_indexation);
    if (!rates) problem(["reference_indexation"], `no index series "${doc.reference_indexation}" in the library`, hintFor(doc.reference_indexation, [...indexSeries.keys()]));
    else if (doc.meta.price_year === undefined) problem(["reference_indexation"], "indexing needs meta.price_year (the price year to index to)");
    else {
      const target = doc.meta.price_year;
      for (const s of studies.values()) {
        if (s.priceYear === undefined || s.priceYear === target) continue;
        let factor = 1;
        let missing: number | undefined;
        const [lo, hi] = s.priceYear < target ? [s.priceYear, target] : [target, s.priceYear];
        for (let y = lo + 1; y <= hi; y++) {
          const r = rates[String(y)];
          if (r === undefined) missing ??= y;
          else factor *= 1 + share(r);
        }
        if (missing !== undefined) {
          problem(["reference_indexation"], `index series "${doc.reference_indexation}" has no rate for ${missing} (needed for study "${s.id}", price year ${s.priceYear})`);
          continue;
        }
        if (s.priceYear > target) factor = 1 / factor;
        for (const [d, v] of s.values) s.values.set(d, v * factor);
        libraryNotes.push({
          code: "library-indexation",
          study: s.id,
          detail: { kind: "indexation", study: s.id, from: s.priceYear, to: target, series: doc.reference_indexation, factor },
          message: `study "${s.id}" indexed from ${s.priceYear} to ${target} prices with ${doc.reference_indexation}: x${factor.toFixed(4)}`,
        });
      }
    }
  }

  return { studies, prices, libraryNotes };
}
