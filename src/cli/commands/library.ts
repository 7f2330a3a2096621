// sroi library [TEXT] : the shared reference values (study, values per domain, certainty, source) from
// models/library/, optionally only those matching TEXT, as the Social Value Engine lists its proxies.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { fitTable } from "../../render/fit.js";
import { formatter, type Locale } from "../../render/format.js";
import { words } from "../../render/i18n.js";
import { UsageError } from "../exit.js";
import type { Io } from "../io.js";

export interface LibraryStudy {
  id: string;
  name: string;
  certainty: number | null;
  values: Record<string, number>;
  source: string;
  file: string;
}

/** Every study in the library folder's files (a file without `studies` is skipped). */
export function libraryStudies(dir: string): LibraryStudy[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`no library folder ${dir}`);
  const out: LibraryStudy[] = [];
  for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    let doc: { studies?: Record<string, { name?: string; certainty?: number; values?: Record<string, number>; source?: string }> };
    try {
      doc = parse(readFileSync(join(dir, name), "utf8")) ?? {};
    } catch (err) {
      throw new UsageError(`${join(dir, name)}: not readable YAML (${(err as Error).message.split("\n")[0]})`);
    }
    for (const [id, s] of Object.entries(doc.studies ?? {})) {
      out.push({ id, name: s.name ?? id, certainty: s.certainty ?? null, values: s.values ?? {}, source: s.source ?? "", file: name });
    }
  }
  return out;
}

export function searchStudies(studies: LibraryStudy[], text: string | undefined): LibraryStudy[] {
  if (!text) return studies;
  const t = text.toLowerCase();
  return studies.filter((s) => [s.id, s.name, s.source, ...Object.keys(s.values)].some((x) => x.toLowerCase().includes(t)));
}

export function libraryCommand(text: string | undefined, opts: { dir: string; locale: Locale }, io: Io): number {
  const found = searchStudies(libraryStudies(opts.dir), text);
  const f = formatter(opts.locale);
  const w = words(opts.locale, "sroi");
  if (found.length === 0) {
    io.err(`no study in ${opts.dir} matches "${text}"\n`);
    return 0;
  }
  io.out(
    fitTable(
      [w.study, w.certainty, w.valuesPerParticipant, w.sourceCol],
      found.map((s) => [
        `${s.name} [${s.id}]`,
        "*".repeat(s.certainty ?? 0) || "–",
        Object.entries(s.values).map(([d, v]) => `${d} ${f.number(v, 2)}`).join(", "),
        s.source,
      ]),
      io.chalk,
      { alignRightFrom: 99 },
    ) + "\n",
  );
  io.err(`${found.length} stud${found.length === 1 ? "y" : "ies"} in ${opts.dir}\n`);
  return 0;
}
