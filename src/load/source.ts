// Parses a model file's YAML text, keeping enough of the syntax tree to point
// later problems (schema, checks) at the line and column the user wrote.

import {
  LineCounter,
  isAlias,
  isCollection,
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments,
  parseDocument,
  visit,
  type Document,
  type YAMLError,
} from "yaml";
import { maybeDottedThousands } from "./dotted.js";
import { fastData } from "./fastyaml.js";
import type { PathSegment, Problem } from "./problems.js";
import { bareCrAsLineEnd, readTextFile } from "./read.js";

export interface Position {
  line: number;
  col: number;
}

export interface SourceDoc {
  file: string;
  /** Plain JS value of the document (numbers as numbers). */
  data: unknown;
  /**
   * Position of the node at `path`: for a map key, its value (or the key when
   * the value is empty). When the tail of the path does not exist, the deepest
   * node that does, so a missing field points at its parent map.
   */
  locate(path: PathSegment[]): Position | undefined;
  /** Position of the key at `path` (for unknown keys); falls back to locate(). */
  locateKey(path: PathSegment[]): Position | undefined;
  /** Every plain (unquoted) number in the document with the text it was written as, e.g. "25.000". */
  numberTexts(): { path: PathSegment[]; text: string }[];
}

type Result = { doc?: SourceDoc; problems: Problem[] };

const EMPTY_HINT = 'a model starts with "sroi: 1" and a "meta:" block; see README "Writing a model"';

// Hints for the YAML mistakes people make most often when editing by hand.
const HINTS: Partial<Record<YAMLError["code"], string>> = {
  TAB_AS_INDENT: "indent with spaces; YAML does not allow tabs for indentation",
  DUPLICATE_KEY: "each key may appear only once in the same block; remove or rename one",
  MULTIPLE_DOCS: 'keep one model per file; a line holding only "---" starts a new document',
};

export function parseSource(file: string, text: string): Result {
  text = bareCrAsLineEnd(text);
  const data = fastData(text);
  if (data === undefined) return parseSourceFull(file, text);
  return { doc: plainDoc(file, text, data, () => maybeDottedThousands(text, data)), problems: [] };
}

/**
 * A file's text and data as parseSource gives them on its fast path, made by someone else (the batch's
 * read-ahead worker, src/batch/read-ahead.ts). The data is within the bounds of the language (checkBounds
 * found nothing); `dotted` is maybeDottedThousands(text, data). When `validated`, the data is what the
 * model schema's validator (acceptModel) gives for the file's data, the same values in the schema's key
 * order, and `rulesClean` says whether the model's own rules (those that do not read its library) find
 * nothing in it.
 */
export interface PlainSource {
  text: string;
  data: Record<string, unknown>;
  dotted: boolean;
  validated: boolean;
  rulesClean: boolean;
}

/** Files read and parsed ahead of their turn: `take` gives a file's PlainSource, or undefined (read it yourself). */
export interface ReadAhead {
  take(file: string): PlainSource | undefined;
}

/** A document of fast-path data: positions come from the full parse, made only when a problem needs one (most runs have none). */
function plainDoc(file: string, text: string, data: Record<string, unknown>, dotted: () => boolean): SourceDoc {
  let full: SourceDoc | undefined | null = null;
  const fullDoc = () => (full === null ? (full = parseSourceFull(file, text).doc) : full);
  return {
    file,
    data,
    locate: (path) => fullDoc()?.locate(path),
    locateKey: (path) => fullDoc()?.locateKey(path),
    // The number texts matter only where one looks like Dutch thousands (25.000): the full parse is
    // made only when a line outside comments has such a number and the data holds its value.
    numberTexts: () => (dotted() ? (fullDoc()?.numberTexts() ?? []) : []),
  };
}

/** The full parse: the `yaml` document with every node's position, its problems and hints. */
export function parseSourceFull(file: string, text: string): Result {
  text = bareCrAsLineEnd(text);
  const lineCounter = new LineCounter();
  // Duplicate keys are found below with a set per map: the yaml library's own check compares every
  // key with every other (10,000 parameters took seconds).
  const yaml = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, strict: true });
  const at = (offset: number): Position => lineCounter.linePos(offset);
  const problems: Problem[] = [];

  const seen = new Set<string>();
  for (const err of [...yaml.errors, ...yaml.warnings]) {
    const severity = err.name === "YAMLWarning" ? "warning" : "error";
    const { line, col } = err.linePos?.[0] ?? at(err.pos[0]);
    // One syntax slip often yields several errors on the same line; the
    // first one is the useful one, the rest are follow-on noise.
    const key = `${severity}:${line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const hint = HINTS[err.code];
    problems.push({ file, line, col, path: [], message: yamlMessage(err, yaml, text), ...(hint ? { hint } : {}), severity });
  }
  if (problems.some((p) => p.severity === "error")) return { problems };

  if (yaml.contents === null) {
    problems.push({ file, line: 1, col: 1, path: [], message: "the file is empty", hint: EMPTY_HINT, severity: "error" });
    return { problems };
  }

  // Checked before toJS(), which would throw on these or silently mangle them.
  visit(yaml, {
    Map(_, map) {
      const keys = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (!keys.has(key)) {
          keys.add(key);
          continue;
        }
        problems.push({
          file,
          ...(pair.key.range ? at(pair.key.range[0]) : { line: 1, col: 1 }),
          path: [],
          message: `duplicate key ${JSON.stringify(key)}`,
          hint: HINTS.DUPLICATE_KEY,
          severity: "error",
        });
      }
    },
    Alias(_, alias) {
      if (alias.resolve(yaml) !== undefined) return;
      problems.push({
        file,
        ...(alias.range ? at(alias.range[0]) : {}),
        path: [],
        message: `unknown alias *${alias.source}`,
        hint: `an alias needs a matching "&${alias.source}" anchor earlier in the file`,
        severity: "error",
      });
    },
    Pair(_, pair) {
      if (!isCollection(pair.key)) return;
      problems.push({
        file,
        ...(pair.key.range ? at(pair.key.range[0]) : {}),
        path: [],
        message: "a key must be a single word or value, not a list or map",
        severity: "error",
      });
    },
  });
  if (problems.some((p) => p.severity === "error")) return { problems };

  let data: unknown;
  try {
    data = yaml.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // Excessive alias expansion (a "billion laughs" file) ends up here.
    const message = err instanceof Error ? firstLine(err.message) : String(err);
    problems.push({ file, ...firstAlias(yaml, at), path: [], message: `cannot load the YAML: ${lowerFirst(message)}`, severity: "error" });
    return { problems };
  }

  return { doc: makeSourceDoc(file, data, yaml, at), problems };
}

/**
 * Reads a model, library or fixture file. Devices, FIFOs, sockets, folders and files over the size
 * bound are refused by stat before anything is read (so /dev/zero or a FIFO can neither hang nor fill
 * memory); the file is opened non-blocking and checked again on its descriptor, so a swap between the
 * check and the read changes nothing. A file `ahead` has read and parsed already is taken from it, with
 * what was checked there (`ahead`).
 */
export function readSourceFile(file: string, ahead?: ReadAhead): Result & { ahead?: PlainSource } {
  const got = ahead?.take(file);
  if (got) return { doc: plainDoc(file, got.text, got.data, () => got.dotted), problems: [], ahead: got };
  const text = readTextFile(file);
  if (typeof text !== "string") return { problems: [{ file, line: 1, col: 1, path: [], message: text.refused, severity: "error" }] };
  return parseSource(file, text);
}

/** Where the first alias is, for the alias-expansion limit (a "billion laughs" file). */
function firstAlias(yaml: Document, at: (offset: number) => Position): Position {
  let pos: Position = { line: 1, col: 1 };
  visit(yaml, {
    Alias(_, alias) {
      if (alias.range) pos = at(alias.range[0]);
      return visit.BREAK;
    },
  });
  return pos;
}

/** A short, lower-case message for a yaml library error. */
function yamlMessage(err: YAMLError, yaml: Document, text: string): string {
  if (err.code === "MULTIPLE_DOCS") {
    // parseDocument() stops at the first document; count them all.
    return `expected one YAML document, found ${parseAllDocuments(text).length}`;
  }
  if (err.code === "DUPLICATE_KEY") {
    // The error only spans the key's first character; name the whole key.
    const key = keyStartingAt(yaml, err.pos[0]);
    if (key !== undefined) return `duplicate key ${JSON.stringify(key)}`;
  }
  return lowerFirst(firstLine(err.message));
}

function makeSourceDoc(
  file: string,
  data: unknown,
  yaml: Document,
  at: (offset: number) => Position,
): SourceDoc {
  const posOf = (node: unknown): Position | undefined => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? at(range[0]) : undefined;
  };

  // Follows `path` as far as it exists. `pos` is the deepest node reached;
  // `keyPos` is set only when the whole path exists and ends at a map key
  // (each step clears it, so stopping early leaves it unset).
  const walk = (path: PathSegment[]): { pos?: Position; keyPos?: Position } => {
    let node: unknown = yaml.contents;
    let pos = posOf(node);
    let keyPos: Position | undefined;
    for (const seg of path) {
      keyPos = undefined;
      // Step through an alias into the anchored node it stands for.
      if (isAlias(node)) node = node.resolve(yaml);
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        keyPos = posOf(pair.key);
        node = pair.value;
        // `key:` with nothing after it has an empty scalar; point at the key.
        if (node === null || (isScalar(node) && node.source === "" && node.value === null)) {
          pos = keyPos;
          node = undefined;
          continue;
        }
      } else if (isSeq(node)) {
        const index = Number(seg);
        const item = Number.isInteger(index) ? node.items[index] : undefined;
        if (item === undefined) break;
        node = item;
      } else {
        break;
      }
      pos = posOf(node) ?? pos;
    }
    return { pos, keyPos };
  };

  return {
    file,
    data,
    locate: (path) => walk(path).pos,
    numberTexts: () => {
      const out: { path: PathSegment[]; text: string }[] = [];
      const seen = new Set<unknown>(); // aliases may point back into their own anchor
      const each = (node: unknown, path: PathSegment[]): void => {
        if (isAlias(node) || seen.has(node)) return;
        if (isScalar(node)) {
          if (typeof node.value === "number" && node.type === "PLAIN" && node.source !== undefined) out.push({ path, text: node.source });
          return;
        }
        seen.add(node);
        if (isMap(node)) for (const p of node.items) each(p.value, [...path, isScalar(p.key) ? String(p.key.value) : "?"]);
        else if (isSeq(node)) node.items.forEach((item, i) => each(item, [...path, i]));
      };
      each(yaml.contents, []);
      return out;
    },
    locateKey: (path) => {
      const { pos, keyPos } = walk(path);
      return keyPos ?? pos;
    },
  };
}

function keyStartingAt(yaml: Document, offset: number): string | undefined {
  let found: string | undefined;
  visit(yaml, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.range?.[0] === offset) {
        found = String(pair.key.value);
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function firstLine(s: string): string {
  return s.split("\n", 1)[0]!.trim();
}

// yaml messages start with a capital; ours are lower-case fragments.
function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}
